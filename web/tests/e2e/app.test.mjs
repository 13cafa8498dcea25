// The app end to end in Debian's Chromium, headless, driven by playwright-core (which
// downloads no browser): it serves web/dist on 127.0.0.1, opens the app and works with it
// as a planning officer would. Run by `cargo xtask test` after `cargo xtask web`:
//
//   node --test web/tests/e2e/
//
// SHIHYO_DIST: the built app (default web/dist); SHIHYO_CLI: the native CLI (default
// target/debug/shihyo); CHROMIUM: the browser (default /usr/bin/chromium). The figures
// (load to table, slider, Monte Carlo) and a screenshot go to target/e2e/.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(import.meta.dirname, "../../..");
const dist = path.resolve(process.env.SHIHYO_DIST ?? path.join(root, "web/dist"));
const cli = path.resolve(process.env.SHIHYO_CLI ?? path.join(root, "target/debug/shihyo"));
const out = path.join(root, "target/e2e");
mkdirSync(out, { recursive: true });

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
/** Every URL the browser asked for, to check that nothing left the machine. */
const requested = [];
const figures = {};
let server;
let base;
let browser;
let context;
let page;

before(async () => {
  assert.ok(existsSync(path.join(dist, "index.html")), `${dist}: build the app first (cargo xtask web)`);
  server = http.createServer((request, response) => {
    const file = path.join(dist, decodeURIComponent(new URL(request.url, "http://x").pathname).replace(/\/$/, "/index.html"));
    if (!file.startsWith(dist) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true, locale: "ja-JP" });
  context.on("request", (request) => requested.push(request.url()));
  page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
});

after(async () => {
  writeFileSync(path.join(out, "figures.json"), JSON.stringify(figures, null, 2) + "\n");
  console.log("figures:", JSON.stringify(figures));
  await browser?.close();
  server?.close();
});

/** A rule's row in the evaluation table. */
const row = (name) => page.locator(`#evaluation tr.rule[data-name="${name}"]`);
const statusOf = (name) => row(name).getAttribute("data-status");
/** The app's timings (window.shihyoTimings), see src/browser.rs. */
const timings = () => page.evaluate(() => window.shihyoTimings ?? {});

test("opens with the Hadano example evaluated", async () => {
  await page.goto(base);
  await page.waitForSelector('#evaluation tr.rule[data-name="電子申請の年間利用件数"]');
  assert.equal(await page.locator("#evaluation tr.rule").count(), 38);
  assert.equal(await statusOf("電子申請の年間利用件数"), "on_track");
  assert.match(await page.locator("#summary").innerText(), /全 35 件/);
  assert.equal(await page.locator("#problems .summary").innerText(), "問題はありません");
  // Each group's items met (reference §7.9), as a reform plan's report writes them.
  assert.match(await page.locator("#evaluation tr.group .met").first().innerText(), /^達成・順調 \d+\/\d+件（[\d.]+%）$/);
  // How each ratio is computed, and against which target, as the command's table says.
  assert.match(await page.locator(".results .note.formula").innerText(), /^達成率 = 実績 \/ 目標、期待値比 = 実績 \/ 期待値/);
  figures.loadToTableMs = (await timings()).table[0];
  // What the page downloaded to show the table (its WebAssembly and JavaScript), and
  // every module it may load later, gzipped, in KiB.
  const files = (urls) => [...new Set(urls.filter((url) => /\.(wasm|m?js)$/.test(url)).map((url) => new URL(url).pathname.slice(1)))];
  const gzipped = (file) => Math.round(gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length / 1024);
  const first = files(requested);
  assert.ok(!first.some((file) => file.includes("office")), "the office module loads only when used");
  assert.ok(!first.some((file) => file.includes("shihyo_report")), "the report's engine loads only when a report is made");
  figures.firstLoadGzipKiB = Object.fromEntries(first.map((file) => [file, gzipped(file)]));
  const later = readdirSync(dist, { recursive: true }).filter((file) => /\.(wasm|m?js)$/.test(file) && !first.includes(file));
  figures.loadedLaterGzipKiB = Object.fromEntries(later.map((file) => [file, gzipped(file)]));
  // The selected rule's chart: actuals, the target and the pace line.
  await page.waitForSelector("#detail .chart polyline.actual");
  assert.equal(await page.locator("#detail .chart .target-mark").count(), 1);
  assert.equal(await page.locator("#detail .chart > line.pace").count(), 1);
});

test("an edit is marked where it is wrong, and the fix reaches the table", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText('outcome "試しの指標" >= 10件 by R7 unit 件 oops');
  await page.waitForSelector("#problems li.problem.error");
  const problem = await page.locator("#problems li.problem.error").first().innerText();
  assert.match(problem, /plan\.kpi:\d+:\d+/);
  await page.waitForSelector(".cm-lintRange-error");
  assert.match(await page.locator("p.blocked").innerText(), /エラー/);
  for (let i = 0; i < " oops".length; i++) await page.keyboard.press("Backspace");
  await page.waitForSelector('#evaluation tr.rule[data-name="試しの指標"]');
  assert.equal(await page.locator("#problems li.problem.error").count(), 0);
  assert.equal(await page.locator("#evaluation tr.rule").count(), 39);
});

test("a typed actual changes the evaluation", async () => {
  const cell = page.locator('#data-grid input[data-row="試しの指標"][data-year="R5"]');
  await cell.fill("12");
  await cell.press("Enter");
  await page.waitForFunction(() => document.querySelector('#evaluation tr.rule[data-name="試しの指標"]')?.dataset.status !== "no_data");
  assert.match(await row("試しの指標").innerText(), /12件/);
  await cell.fill("1O");
  await cell.press("Enter");
  await page.waitForSelector('#data-grid td.error input[data-row="試しの指標"]');
  assert.match(await page.locator("#problems li.problem.error").first().innerText(), /actuals\.csv:\d+:\d+/);
  await cell.fill("12");
  await cell.press("Enter");
  await page.waitForSelector("#evaluation");
});

test("the plan's own tests run on every edit, and a failure shows its line in the editor", async () => {
  await page.waitForSelector("#tests .summary");
  assert.match(await page.locator("#tests .summary").innerText(), /6 件、合格 6、不合格 0/);
  assert.equal(await page.locator("#tests li.case.passed").count(), 6);
  // A test whose expectation the plan does not meet.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText('test "試しの指標の実績" { as of R5  data "試しの指標" { R5: 12 }  expect "試しの指標" actual 13件 }');
  await page.waitForSelector("#tests li.case.failed");
  const failure = page.locator("#tests li.failure").first();
  assert.match(await failure.innerText(), /plan\.kpi:\d+/);
  assert.match(await failure.innerText(), /「試しの指標」の actual は 13件 のはずが、12件 でした/);
  // A click on the failure puts the editor's cursor on the expectation's line.
  await page.keyboard.press("Control+Home");
  await failure.click();
  assert.match(await page.locator(".cm-activeLine").innerText(), /expect "試しの指標" actual 13件/);
  // Corrected, every case passes again; the evaluation never read the test.
  await page.keyboard.press("End");
  for (let i = 0; i < "13件 }".length; i++) await page.keyboard.press("Backspace");
  await page.keyboard.insertText("12件 }");
  await page.waitForFunction(() => document.querySelector("#tests .summary")?.innerText.includes("合格 7、不合格 0"));
  assert.equal(await page.locator("#evaluation tr.rule").count(), 39);
});

test("the editor completes a name, explains a figure on hover, goes to a definition and fixes a slip", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  // Completion inside `value("…")`: the plan's indicators, filtered by what is typed.
  await page.keyboard.insertText('indicator "試しの比" = value("電子申請の年間利');
  await page.keyboard.press("Control+Space");
  await page.locator(".cm-tooltip-autocomplete li", { hasText: "電子申請の年間利用件数" }).first().click();
  await page.keyboard.insertText('") / 2');
  assert.equal(await page.locator(".cm-activeLine").innerText(), 'indicator "試しの比" = value("電子申請の年間利用件数") / 2');
  await page.waitForSelector('#evaluation tr.rule[data-name="試しの比"]');
  // Hover on the name: the rule, its figures as of the latest year, and how each was computed.
  const name = page.locator(".cm-activeLine span", { hasText: "電子申請の年間利用件数" });
  await name.hover();
  const tooltip = page.locator(".cm-shihyo-hover");
  await tooltip.waitFor();
  const shown = await tooltip.innerText();
  for (const expected of ["outcome 電子申請の年間利用件数 · 件", "令和5年度時点", "18,100件", "96.69%", "順調", "計算の内訳", "actuals.csv:"]) {
    assert.ok(shown.includes(expected), `the hover shows ${expected}:\n${shown}`);
  }
  // The README's picture of it (docs/editor-hover.png): the editor and the hover over it.
  const boxes = await Promise.all([page.locator(".editor-panel"), page.locator(".cm-tooltip-hover")].map((l) => l.boundingBox()));
  const [left, top] = [Math.min(...boxes.map((b) => b.x)), Math.min(...boxes.map((b) => b.y))];
  const [right, bottom] = [Math.max(...boxes.map((b) => b.x + b.width)), Math.max(...boxes.map((b) => b.y + b.height))];
  await page.screenshot({ path: path.join(out, "editor-hover.png"), clip: { x: left, y: top, width: right - left, height: bottom - top } });
  // F12 on the name: the cursor goes to the rule that defines it.
  await name.click();
  await page.keyboard.press("F12");
  assert.match(await page.locator(".cm-activeLine").innerText(), /outcome "電子申請の年間利用件数" >= baseline\(R1\) \* 150%/);
  // A misspelt name: the diagnostic's quick fix writes the name it suggests.
  // (Alt-l selects the whole line, which wraps in the narrow editor.)
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Alt+l");
  await page.keyboard.insertText('indicator "試しの比" = value("電子申請の年間利用件") / 2');
  await page.mouse.move(0, 0);
  await page.locator(".cm-lintRange-error").first().hover();
  await page.locator(".cm-diagnosticAction").first().click();
  await page.waitForFunction(() => document.querySelectorAll("#problems li.problem.error").length === 0);
  assert.equal(await page.locator(".cm-line").last().innerText(), 'indicator "試しの比" = value("電子申請の年間利用件数") / 2');
  // The line taken out again.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Alt+l");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.waitForFunction(() => document.querySelectorAll("#evaluation tr.rule").length === 39);
});

test("a slider re-evaluates the plan and can change a status", async () => {
  await page.selectOption("#scenario", "伸び悩み");
  await page.waitForSelector('#levers input[data-name="電子申請の年間利用件数"]');
  assert.equal(await statusOf("電子申請の年間利用件数"), "not_achieved");
  const slider = page.locator('#levers input[data-name="電子申請の年間利用件数"]');
  // Moved step by step as a hand would, then to the end of its range.
  for (let step = 0; step < 20; step++) await slider.press("ArrowRight");
  await slider.evaluate((input) => {
    input.value = input.max;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('#evaluation tr.rule[data-name="電子申請の年間利用件数"]')?.dataset.status === "achieved");
  const slider_ms = (await timings()).slider;
  assert.ok(slider_ms.length >= 20, `${slider_ms.length} slider timings`);
  const sorted = [...slider_ms].sort((a, b) => a - b);
  figures.sliderMedianMs = sorted[Math.floor(sorted.length / 2)];
  figures.sliderMaxMs = sorted[sorted.length - 1];
  const evaluations = (await timings()).evaluate.slice(-slider_ms.length).sort((a, b) => a - b);
  figures.sliderEvaluateMedianMs = evaluations[Math.floor(evaluations.length / 2)];
  await page.click("#reset-levers");
  await page.waitForFunction(() => document.querySelector('#evaluation tr.rule[data-name="電子申請の年間利用件数"]')?.dataset.status === "not_achieved");
});

test("two scenarios side by side: the summary, the table and the second projection drawn over the first", async () => {
  await page.waitForSelector("#comparison ul.summary li");
  const summary = await page.locator("#comparison ul.summary").innerText();
  assert.match(summary, /「電子申請の年間利用件数」は「現状趨勢」では達成（21,608件）、「伸び悩み」では未達成（18,463.81件。目標 18,720件 まで 256.19件）です。/);
  assert.equal(await page.locator("#comparison h3").innerText(), "電子申請の年間利用件数 — 現状趨勢 / 伸び悩み");
  assert.equal(await page.locator("#comparison .chart polyline.compared").count(), 1);
  const row = page.locator('#comparison tr.rule[data-name="電子申請の年間利用件数"]');
  assert.match(await row.innerText(), /21,608件\*[\s\S]*達成[\s\S]*18,463.81件\*[\s\S]*未達成/);
  assert.match(await row.getAttribute("class"), /differs/);
  // The same scenario twice: nothing one reaches that the other misses, and no rule judged apart.
  await page.locator("#compare-1").selectOption({ label: "現状趨勢" });
  await page.waitForFunction(() => !document.querySelector("#comparison ul.summary").innerText.includes("伸び悩み"));
  assert.equal(await page.locator("#comparison tr.rule.differs").count(), 0);
  await page.locator("#compare-1").selectOption({ label: "伸び悩み" });
  await page.waitForSelector("#comparison tr.rule.differs");
});

test("a revision compared with the version kept before editing, and with an opened file", async () => {
  await page.locator("#keep-version").click();
  await page.waitForSelector("#revision p.heading");
  assert.match(await page.locator("#revision").innerText(), /なし/);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText('outcome "改訂で加えた指標" >= 10件');
  await page.waitForFunction(() => document.querySelector("#revision")?.innerText.includes("「改訂で加えた指標」"));
  assert.match(await page.locator("#revision tbody tr").first().innerText(), /追加\s+「改訂で加えた指標」\s+データなし/);
  // The published revision, opened as the earlier version: the rename and the target are the other way round.
  await page.locator("#open-earlier").setInputFiles(path.join(root, "examples/hadano/revised.kpi"));
  await page.waitForFunction(() => document.querySelector("#revision")?.innerText.includes("（source（元の文）で対応）"));
  const text = await page.locator("#revision").innerText();
  assert.match(text, /「電子申請件数」 → 「電子申請の年間利用件数」（source（元の文）で対応）/);
  assert.match(text, /「職員研修の年間延べ受講者数」\s+目標\s+≥ 2,500人\s+≥ 2,300人/);
  assert.match(text, /「職員研修の年間延べ受講者数」\s+遅れ → 順調\s+B → A/);
  assert.match(text, /追加\s+「世代や職種を超えたつながりがあると回答する職員の割合」/);
});

test("Monte Carlo runs in a worker with progress and cancel, and draws the fan", async () => {
  await page.fill("#mc-runs", "2000000");
  await page.locator("#mc-runs").dispatchEvent("change");
  await page.click("#run-mc");
  await page.waitForFunction(() => Number(document.querySelector("#mc-progress")?.value) > 0);
  // The page answers while the worker runs.
  await page.click('#evaluation tr.rule[data-name="窓口・電話口での市民満足度"]');
  assert.match(await page.locator("#detail h2").innerText(), /市民満足度/);
  await page.click("#cancel-mc");
  await page.waitForSelector("#mc-progress", { state: "detached" });
  assert.equal(await page.locator("#mc-results").count(), 0);

  await page.fill("#mc-runs", "10000");
  await page.locator("#mc-runs").dispatchEvent("change");
  await page.click("#run-mc");
  await page.waitForSelector("#mc-results", { timeout: 60_000 });
  await page.click('#evaluation tr.rule[data-name="電子申請の年間利用件数"]');
  await page.waitForSelector(".chart polygon.fan.outer");
  assert.equal(await page.locator(".chart polygon.fan.inner").count(), 1);
  assert.match(await page.locator("#detail .chance").innerText(), /目標達成の確率: \d+(\.\d+)?% ± /);
  // That run started right after the cancel, on a worker still warming up; a second
  // one runs on a warm worker, as a run does once the page has been open a moment.
  figures.montecarloAfterCancelMs = (await timings()).montecarlo.at(-1);
  await page.click("#run-mc");
  await page.waitForFunction(() => window.shihyoTimings.montecarlo.length >= 2);
  figures.montecarloWarmMs = (await timings()).montecarlo.at(-1);
  await page.screenshot({ path: path.join(out, "app.png"), fullPage: true });
});

test("the package's Plan in the page gives the native CLI's simulation", async () => {
  const plan = readFileSync(path.join(root, "examples/hadano/hadano.kpi"), "utf8");
  const data = readFileSync(path.join(root, "examples/hadano/actuals.csv"), "utf8");
  const load = { plan, planName: "examples/hadano/hadano.kpi", data: [{ name: "examples/hadano/actuals.csv", text: data }] };
  const simulated = await page.evaluate(async (load) => {
    const { Plan } = await import("./shihyo/web.mjs");
    const loaded = await Plan.load(load);
    try {
      return await loaded.plan.simulate({ runs: 3000 });
    } finally {
      loaded.plan.free();
    }
  }, load);
  const native = execFileSync(cli, ["simulate", "examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--runs", "3000",
    "--format", "json"], { cwd: root, encoding: "utf8" });
  assert.deepEqual(simulated, { ok: true, ...JSON.parse(native) });
});

test("a second simulation run after the first: their chances side by side, with the summary", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText('simulation "悲観" runs 2000 seed 7 extends "伸び悩み" { "電子申請の年間利用件数" grows normal(0%, 1%) per year }');
  await page.waitForSelector('#mc-simulation option[value="悲観"]', { state: "attached" });
  await page.locator("#mc-simulation").selectOption("悲観");
  await page.locator("#run-mc").click();
  await page.waitForSelector("#mc-compared");
  // 不確実性 was run on the plan before this edit: said so.
  assert.match(await page.locator("#mc-compared .stale-note").innerText(), /「不確実性」は以前の計画・データで実行した結果です/);
  await page.locator("#mc-simulation").selectOption("不確実性");
  await page.locator("#run-mc").click();
  await page.waitForFunction(() => document.querySelector("#mc-compared h3")?.innerText === "「悲観」と「不確実性」の比較");
  assert.equal(await page.locator("#mc-compared .stale-note").count(), 0);
  const summary = await page.locator("#mc-compared ul.summary").innerText();
  assert.match(summary, /「悲観」では、抽選で動く \d+ 件の目標のうち \d+ 件が 50% 以上の確率で達成されます。/);
  assert.match(summary, /「電子申請の年間利用件数」の達成確率は「悲観」で [\d.]+%、「不確実性」で [\d.]+% です（差 [\d.]+ pt）。/);
  const row = await page.locator('#mc-compared tr[data-name="電子申請の年間利用件数"]').innerText();
  assert.match(row, /%\s±\s[\d.]+%\s+[\d.]+%\s±\s[\d.]+%\s+\+[\d.]+ pt/);
});

test("every example: the browser's engine answers what the native CLI prints, byte for byte", async () => {
  const examples = [
    { plan: "examples/hadano/hadano.kpi", data: ["examples/hadano/actuals.csv"] },
    { plan: "examples/tourism/tourism.kpi", data: ["examples/tourism/actuals.csv"] },
    { plan: "examples/health/health.kpi", data: ["examples/health/actuals.json"] },
    { plan: "examples/tour/mistakes/typo.kpi", data: [] },
    { plan: "tests/cli/scales.kpi", data: [] },
    { plan: "tests/cli/figures.kpi", data: [] },
  ];
  let compared = 0;
  for (const example of examples) {
    const text = readFileSync(path.join(root, example.plan), "utf8");
    const request = (extra) => JSON.stringify({
      plan: text, planName: example.plan, lang: "ja",
      data: example.data.map((name) => ({ name, text: readFileSync(path.join(root, name), "utf8") })), ...extra,
    });
    const asks = [{ call: "evaluate", args: ["eval"], request: request({}) }];
    for (const [, kind, name] of text.matchAll(/^(scenario|simulation) "([^"]+)"/gm)) {
      asks.push({ call: "evaluate", args: ["eval", "--scenario", name], request: request({ scenario: name }) });
      if (kind === "simulation") {
        asks.push({ call: "simulate", args: ["simulate", "--simulation", name, "--runs", "3000"], request: request({ simulation: name, runs: 3000 }) });
      }
    }
    const answers = await page.evaluate(async (asks) => {
      const engine = await import("./shihyo/web/shihyo_wasm.js");
      await engine.default();
      return asks.map((ask) => engine[ask.call](ask.request));
    }, asks);
    asks.forEach((ask, index) => {
      const [command, ...rest] = ask.args;
      const args = [command, example.plan, ...example.data.flatMap((name) => ["--data", name]), "--format", "json", "--lang", "ja", ...rest];
      let native;
      try {
        native = execFileSync(cli, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      } catch (error) {
        native = error.stdout;
      }
      assert.equal(answers[index], native.trimEnd(), args.join(" "));
      compared += 1;
    });
  }
  figures.browserNativeComparisons = compared;
});

test("the exports: JSON as the native CLI's evaluation, CSV, Excel", async () => {
  await page.selectOption("#scenario", "");
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem("shihyo.session.v1")));
  writeFileSync(path.join(out, "plan.kpi"), session.plan);
  writeFileSync(path.join(out, "actuals.csv"), session.data);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  const native = JSON.parse(execFileSync(cli, ["eval", "plan.kpi", "--data", "actuals.csv", "--format", "json", "--lang", "ja"], { cwd: out, encoding: "utf8" }));
  assert.deepEqual(exported, native);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  assert.ok(readFileSync(await csv.path(), "utf8").startsWith("\uFEFFname,kind,group,"));
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
  assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), "PK");
});

test("a department's comment typed beside the grid reaches the evaluation", async () => {
  await page.click('#data-grid input[data-row="電子申請の年間利用件数"][data-year="R5"]');
  await page.waitForSelector("#remarks-editor");
  assert.match(await page.locator("#remarks-editor h3").innerText(), /電子申請の年間利用件数 — R5/);
  await page.fill("#remark-comment", "オンライン申請の案内を窓口で強化した");
  // Typed key by key, spaces and all, while the other fields are saved as they change.
  await page.locator("#remark-outlook").pressSequentially("子育て関係の 手続を 追加する");
  await page.fill("#remark-owner", "情報政策課");
  await page.locator("#remark-owner").press("Tab");
  assert.equal(await page.inputValue("#remark-outlook"), "子育て関係の 手続を 追加する");
  await page.waitForSelector('#data-grid td.remarked input[data-row="電子申請の年間利用件数"][data-year="R5"]');
  await page.click('#evaluation tr.rule[data-name="電子申請の年間利用件数"]');
  await page.waitForFunction(() => document.querySelector("#detail dl.remarks")?.innerText.includes("オンライン申請の案内を窓口で強化した"));
  assert.match(await page.locator("#detail dl.remarks").innerText(), /情報政策課/);
  // Kept as a file of remarks alone, which the CLI reads as `--data`.
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem("shihyo.session.v1")));
  assert.equal(session.remarks, "indicator,year,value,評価コメント,今後の方向性,所管課\n電子申請の年間利用件数,R5,,オンライン申請の案内を窓口で強化した,子育て関係の 手続を 追加する,情報政策課\n");
  writeFileSync(path.join(out, "remarks.csv"), session.remarks);
});

test("the annual report: previewed in the page, saved byte for byte as `shihyo report` writes it", async () => {
  // plan.kpi, actuals.csv and remarks.csv in target/e2e are the session's (written by the tests before).
  assert.ok(!requested.some((url) => url.includes("shihyo_report")), "the report's module loads only when a report is made");
  await page.selectOption("#report-previous", "2022");
  await page.click("#report-make");
  const preview = page.frameLocator("#report-preview");
  await preview.locator("h1").waitFor();
  const native = (file) => {
    const args = ["report", "plan.kpi", "--data", "actuals.csv", "--data", "remarks.csv", "--as-of", "R5", "--previous", "R4", "--lang", "ja"];
    execFileSync(cli, [...args, "-o", file], { cwd: out });
    return readFileSync(path.join(out, file));
  };
  assert.equal(await preview.locator("h1").innerText(), "秦野市行財政改革推進計画");
  // The Hadano plan's five areas, and the rule an earlier test added outside them.
  assert.deepEqual(await preview.locator("section.area h2").evaluateAll((titles) => titles.map((h) => h.firstChild.textContent)),
    ["1 仕事の改革", "2 職員づくりの改革", "3 担い手をつくる改革", "4 公共施設の改革", "5 歳入・歳出面の改革", "その他の指標"]);
  assert.match(await preview.locator("section.changes h2").innerText(), /令和4年度時点からの変化/);
  assert.match(await preview.locator("body").innerText(), /オンライン申請の案内を窓口で強化した/, "the comment is in the report");
  const [html] = await Promise.all([page.waitForEvent("download"), page.click("#report-html")]);
  writeFileSync(path.join(out, "report-app.html"), readFileSync(await html.path()));
  assert.ok(readFileSync(path.join(out, "report-app.html")).equals(native("report-native.html")), "the app's HTML is the CLI's (target/e2e/report-*.html)");
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#report-xlsx")]);
  assert.ok(readFileSync(await xlsx.path()).equals(native("report-native.xlsx")), "the app's workbook is the CLI's");
  await page.locator("#report-panel").screenshot({ path: path.join(out, "report-panel.png") });
  // A change to the data makes the report stale until it is made again.
  const cell = page.locator('#data-grid input[data-row="電子申請の年間利用件数"][data-year="R5"]');
  await cell.fill("18,200");
  await cell.press("Enter");
  await page.waitForSelector("#report-stale");
  assert.equal(await page.locator("#report-html").isDisabled(), true);
  await cell.fill("18,100");
  await cell.press("Enter");
});

test("data import: a CSV in another layout, and an Excel workbook", async () => {
  const csv = "indicator,year,value\n電子申請の年間利用件数,R1,\"12,480\"\n電子申請の年間利用件数,R5,\"19,000\"\n";
  await page.setInputFiles("#import-data", { name: "long.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForSelector("#import-message");
  assert.equal(await page.inputValue('#data-grid input[data-row="電子申請の年間利用件数"][data-year="R5"]'), "19,000");
  // A workbook made by the app's own office module (which the import loads too).
  const bytes = await page.evaluate(async () => {
    const office = await window.shihyoModule("shihyo_web_office");
    return Array.from(office.write_xlsx("data", "indicator,R1,R5\n電子申請の年間利用件数,12480,17000\n"));
  });
  await page.setInputFiles("#import-data", { name: "actuals.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });
  await page.waitForFunction(() => document.querySelector('#data-grid input[data-row="電子申請の年間利用件数"][data-year="R5"]')?.value === "17000");
});

test("the state survives a reload, and a share link opens it elsewhere", async () => {
  await page.selectOption("#scenario", "現状趨勢");
  // Typed just before the reload, within the editor's pause: kept too.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(" // 直前の入力");
  await page.reload();
  await page.waitForSelector('#evaluation tr.rule[data-name="試しの指標"]');
  assert.equal(await page.inputValue("#scenario"), "現状趨勢");
  assert.equal(await page.inputValue('#data-grid input[data-row="電子申請の年間利用件数"][data-year="R5"]'), "17000");
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("shihyo.session.v1")));
  assert.ok(saved.plan.endsWith(" // 直前の入力"), saved.plan.slice(-40));

  await page.click("#share");
  const link = await page.inputValue("#share-link");
  assert.ok(link.startsWith(`${base}#s=`), link);
  const elsewhere = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  elsewhere.on("request", (request) => requested.push(request.url()));
  const other = await elsewhere.newPage();
  await other.goto(link);
  await other.waitForSelector('#evaluation tr.rule[data-name="試しの指標"]');
  assert.equal(await other.inputValue("#scenario"), "現状趨勢");
  assert.equal(other.url(), base, "the address is cleaned once the link is read");
  await elsewhere.close();
});

test("a worker that fails is reported and replaced, and the edits stay", async () => {
  // The engine's module cannot be fetched for a while (the network went away): the warm
  // worker goes with a cancelled run, and the one that replaces it cannot start.
  const unreachable = "**/shihyo/web/shihyo_wasm_bg.wasm";
  await page.evaluate(() => window.shihyoPrepareSimulation());
  await page.route(unreachable, (route) => route.fulfill({ status: 503, body: "unavailable" }));
  await page.fill("#mc-runs", "2000000");
  await page.locator("#mc-runs").dispatchEvent("change");
  await page.click("#run-mc");
  await page.waitForFunction(() => Number(document.querySelector("#mc-progress")?.value) > 0);
  await page.click("#cancel-mc");
  await page.fill("#mc-runs", "500");
  await page.locator("#mc-runs").dispatchEvent("change");
  await page.click("#run-mc");
  await page.waitForSelector("#mc-error");
  assert.match(await page.locator("#mc-error").innerText(), /the module did not load/);
  await page.unroute(unreachable);
  assert.equal(await row("試しの指標").count(), 1);
  await page.click("#run-mc");
  await page.waitForSelector("#mc-results");
  assert.equal(await page.locator("#mc-error").count(), 0);
  await page.reload();
  await page.waitForSelector('#evaluation tr.rule[data-name="試しの指標"]');
});

test("a damaged saved session is kept aside, and the app opens", async () => {
  await page.evaluate(() => localStorage.setItem("shihyo.session.v1", "{ damaged"));
  await page.reload();
  await page.waitForSelector('#evaluation tr.rule[data-name="電子申請の年間利用件数"]');
  assert.equal(await page.evaluate(() => localStorage.getItem("shihyo.session.unreadable")), "{ damaged");
});

test("English, and nothing requested but the app's own files", async () => {
  await page.click("#lang");
  await page.waitForFunction(() => document.querySelector("#summary")?.innerText.includes("rules"));
  const outside = requested.filter((url) => !url.startsWith(base) && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(outside, []);
  assert.ok(requested.some((url) => url.endsWith("shihyo_web_bg.wasm")));
});

test("a plan graded by conditions and points shows each rule's points and each area's", async () => {
  // A saved session of this plan alone, without the example's actuals.
  const plan = readFileSync(path.join(root, "tests/cli/scales.kpi"), "utf8");
  await page.evaluate((plan) => localStorage.setItem("shihyo.session.v1", JSON.stringify({ plan, data: "", lang: "en", selected: null })), plan);
  await page.reload();
  await page.waitForSelector('#evaluation tr.rule[data-name="窓口の平均待ち時間"]');
  // As `shihyo eval tests/cli/scales.kpi --as-of R5` prints them (its snapshot).
  assert.equal(await row("電子申請件数").locator("td.c8").innerText(), "A (6 pts)");
  assert.equal(await row("窓口の平均待ち時間").locator("td.c8").innerText(), "C (4 pts)");
  assert.equal(await page.locator("#evaluation tr.group .points").first().innerText(), "5 pts on average, 10 in all");
  assert.match(await page.locator("#summary").innerText(), /overall grade C \(5\.67 pts on average, 17 in all\)/);
  await page.locator(".results").screenshot({ path: path.join(out, "scales.png") });
});

test("opening another plan offers to remove the actuals of the indicators it does not define", async () => {
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#example");
  await page.waitForSelector('#evaluation tr.rule[data-name="電子申請の年間利用件数"]');
  assert.equal(await page.locator("#undefined-rows").count(), 0);
  const plan = readFileSync(path.join(root, "tests/cli/scales.kpi"));
  await page.setInputFiles("#open-plan", { name: "scales.kpi", mimeType: "text/plain", buffer: plan });
  await page.waitForSelector("#undefined-rows");
  // Every row of the example's actuals (33) is of an indicator this plan does not define.
  const rows = await page.locator("#data-grid tbody tr").count();
  assert.equal(rows, 33);
  const offered = await page.locator("#undefined-rows span").innerText();
  assert.equal(Number(offered.match(/^(\d+) rows name indicators the plan does not define: /)?.[1]), rows, offered);
  assert.match(offered, /^33 rows name indicators the plan does not define: ICT活用推進計画の取組実施率, .+, .+ and 30 more\.$/);
  await page.locator(".data-panel").screenshot({ path: path.join(out, "opened-plan.png") });
  // Kept when the question is declined.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.click("#remove-undefined");
  assert.equal(await page.locator("#data-grid tbody tr").count(), rows);
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#remove-undefined");
  await page.waitForSelector('#evaluation tr.rule[data-name="窓口の平均待ち時間"]');
  assert.equal(await page.locator("#undefined-rows").count(), 0);
  assert.equal(await page.locator("#problems li.problem.error").count(), 0);
});
