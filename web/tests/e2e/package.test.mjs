// The npm package in a browser (headless Chromium through playwright-core): the packed
// package that `cargo xtask npm` assembles (SHIHYO_NPM, default target/npm/shihyo) is served on
// 127.0.0.1 and imported by a page as a bundler-less app would (`web.mjs`). Its `Plan` answers
// what the Node build answers, object for object (simulations too); a simulation runs in a module Worker with
// its progress while the page's own thread keeps running, and an AbortSignal stops it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const root = path.resolve(import.meta.dirname, "../../..");
const packed = path.resolve(process.env.SHIHYO_NPM ?? path.join(root, "target/npm/shihyo"));
const TYPES = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm" };
const hadano = {
  plan: readFileSync(path.join(root, "examples/hadano/hadano.kpi"), "utf8"),
  planName: "examples/hadano/hadano.kpi",
  data: [{ name: "examples/hadano/actuals.csv", text: readFileSync(path.join(root, "examples/hadano/actuals.csv"), "utf8") }],
  lang: "ja",
};
let server;
let browser;
let page;

before(async () => {
  assert.ok(existsSync(path.join(packed, "web.mjs")), `${packed}: assemble the package first (cargo xtask npm)`);
  server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (pathname === "/") {
      response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><meta charset=utf-8><title>shihyo</title>");
      return;
    }
    const file = path.join(packed, pathname);
    if (!file.startsWith(packed) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
  page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the browser's Plan answers what Node's answers", async () => {
  const inBrowser = await page.evaluate(async (request) => {
    const { Plan } = await import("/web.mjs");
    const loaded = await Plan.load(request);
    const evaluation = loaded.plan.evaluate({ asOf: "R5" });
    const explanation = loaded.plan.explain("電子申請の年間利用件数");
    loaded.plan.free();
    return { ok: loaded.ok, evaluation, explanation };
  }, hadano);
  const { Plan } = await import(path.join(packed, "node.mjs"));
  const loaded = await Plan.load(hadano);
  assert.equal(inBrowser.ok, true);
  assert.deepEqual(inBrowser.evaluation, loaded.plan.evaluate({ asOf: "R5" }));
  assert.deepEqual(inBrowser.explanation, loaded.plan.explain("電子申請の年間利用件数"));
  loaded.plan.free();
});

test("a simulation runs in a Worker with its progress, and an AbortSignal stops one", async () => {
  const seen = await page.evaluate(async (request) => {
    const { Plan } = await import("/web.mjs");
    const { plan } = await Plan.load(request);
    let frames = 0;
    const tick = setInterval(() => (frames += 1), 4);
    const progress = [];
    const report = await plan.simulate({ runs: 1200, seed: 3n, onProgress: (done, runs) => progress.push([done, runs]) });
    const stop = new AbortController();
    const cancelled = await plan
      .simulate({ runs: 10_000_000, signal: stop.signal, onProgress: (done) => done >= 2000 && stop.abort() })
      .then(() => "finished", (error) => error.name);
    clearInterval(tick);
    plan.free();
    return { progress, report, cancelled, frames };
  }, hadano);
  assert.deepEqual(seen.progress, [[500, 1200], [1000, 1200], [1200, 1200]]);
  assert.deepEqual([seen.report.ok, seen.report.runs, seen.report.seed], [true, 1200, "3"]);
  assert.equal(seen.cancelled, "AbortError");
  assert.ok(seen.frames > 0, "the page's thread ran while the worker simulated");
  const { Plan } = await import(path.join(packed, "node.mjs"));
  const { plan } = await Plan.load(hadano);
  const inNode = await plan.simulate({ runs: 1200, seed: 3 });
  plan.free();
  assert.deepEqual(seen.report, inNode);
});
