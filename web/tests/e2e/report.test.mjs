// The annual report printed as an office prints it: the Hadano example's report (as of R5,
// compared with R4) written by the CLI, opened in Debian's Chromium (headless, driven by
// playwright-core) to check that no text overflows its box on an A4 landscape page, then
// printed to PDF by Chromium itself (`--print-to-pdf`) and read back with poppler's pdfinfo
// and pdftotext: the page count, the page size, and each reform area starting a page.
//
//   node --test web/tests/e2e/report.test.mjs
//
// SHIHYO_CLI: the native CLI (default target/debug/shihyo); CHROMIUM: the browser (default
// /usr/bin/chromium). The report, its PDF and the first page's PNG go to target/e2e/.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, existsSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(import.meta.dirname, "../../..");
const cli = path.resolve(process.env.SHIHYO_CLI ?? path.join(root, "target/debug/shihyo"));
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const out = path.join(root, "target/e2e");
mkdirSync(out, { recursive: true });
const html = path.join(out, "report.html");
const pdf = path.join(out, "report.pdf");

/** The reform areas of the Hadano plan, each of which starts a printed page. */
const AREAS = ["1 仕事の改革", "2 職員づくりの改革", "3 担い手をつくる改革", "4 公共施設の改革", "5 歳入・歳出面の改革"];
/** The pages the Hadano report prints on; a change of layout that changes it is a change to review. */
const PAGES = 17;

let browser;

before(async () => {
  execFileSync(cli, ["report", "examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--as-of", "R5",
    "--previous", "R4", "--lang", "ja", "-o", html], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
});

after(async () => {
  await browser?.close();
});

test("no text overflows its box on an A4 landscape page, and the report asks for nothing", async () => {
  // A4 landscape less the page's margins (10 mm each side), at CSS pixels (96 per inch).
  const width = Math.floor(((297 - 20) / 25.4) * 96);
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(pathToFileURL(html).href);
  await page.emulateMedia({ media: "print" });
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("td, th, dd, dt, h1, h2, h3, p, li, .card")]
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.tagName} “${element.textContent.trim().slice(0, 40)}” ${element.scrollWidth} > ${element.clientWidth}`));
  assert.deepEqual(overflowing, [], "text wider than its box would be clipped or run into the next cell");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= width, `the page is ${wide}px wide, the paper ${width}px`);
  assert.deepEqual(requested, [pathToFileURL(html).href], "the report loads nothing but itself");
  await context.close();
});

test("Chromium prints it on A4 landscape pages, an area a page", () => {
  const profile = mkdtempSync(path.join(tmpdir(), "shihyo-print-"));
  execFileSync(browserPath, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`,
    "--no-pdf-header-footer", `--print-to-pdf=${pdf}`, pathToFileURL(html).href], { stdio: "ignore" });
  assert.ok(existsSync(pdf) && statSync(pdf).size > 0, "Chromium wrote the PDF");
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  assert.equal(pages, PAGES, "the page count");
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(sizes.length, pages);
  for (const [w, h] of sizes) {
    assert.ok(Math.abs(w - 841.9) < 1 && Math.abs(h - 595) < 1, `A4 landscape, not ${w} x ${h}`);
  }
  const text = (first, last = first) =>
    execFileSync("pdftotext", ["-f", String(first), "-l", String(last), "-layout", pdf, "-"], { encoding: "utf8" });
  const tops = Array.from({ length: pages }, (_, index) => text(index + 1).trim().split("\n")[0].trim());
  assert.match(tops[0], /進捗状況・評価結果/, "the cover first");
  assert.match(tops[1], /^概要/, "then the summary");
  assert.match(tops[2], /^令和4年度時点からの変化/, "then what changed");
  for (const area of AREAS) {
    assert.ok(tops.some((top) => top.startsWith(area)), `${area} starts a page (page tops: ${tops.join(" | ")})`);
  }
  assert.match(tops[pages - 2], /^実績の未入力/);
  assert.match(tops[pages - 1], /^評価の方法/);
  // The figures reach the paper (a narrow cell wraps between a number and its unit).
  const all = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  for (const figure of ["18,100件", "16,640件", "108.77%", "298,513千円", "165,000千円", "179,107.8千円"]) {
    assert.ok(all.includes(figure), `${figure} is printed`);
  }
  execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", pdf, path.join(out, "report-page-1")]);
});
