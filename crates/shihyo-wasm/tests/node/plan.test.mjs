// The packed npm package's `Plan` class as another tool uses it (run by `node --test`, see
// `cargo xtask test`): loaded once, its answers are the function API's documents (so the
// CLI's, byte for byte, which package.test.mjs holds), what-ifs change the next evaluation,
// requests with unknown or mistyped fields are refused with a message, seeds go as strings
// or BigInts, simulations run in a worker thread with progress and can be cancelled.
//
// SHIHYO_NPM: the package assembled by `cargo xtask npm` (default target/npm/shihyo).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";

const packageFolder = path.resolve(process.env.SHIHYO_NPM ?? "target/npm/shihyo");
const shihyo = await import(path.join(packageFolder, "node.mjs"));
const { Plan } = shihyo;

const hadano = {
  plan: readFileSync("examples/hadano/hadano.kpi", "utf8"),
  planName: "examples/hadano/hadano.kpi",
  data: [{ name: "examples/hadano/actuals.csv", text: readFileSync("examples/hadano/actuals.csv", "utf8") }],
  lang: "en",
};
const applications = "電子申請の年間利用件数";

async function loaded() {
  const answer = await Plan.load(hadano);
  assert.equal(answer.ok, true, JSON.stringify(answer));
  return answer.plan;
}

test("a loaded plan answers what the functions answer, as objects", async () => {
  const plan = await loaded();
  const evaluation = plan.evaluate({ asOf: "R5" });
  assert.deepEqual(evaluation, { ok: true, ...JSON.parse(shihyo.evaluate(JSON.stringify({ ...hadano, asOf: "R5" }))) });
  const explained = plan.explain(applications, { asOf: "R5" });
  assert.deepEqual(explained, { ok: true, ...JSON.parse(shihyo.explain(JSON.stringify({ ...hadano, asOf: "R5", rule: applications }))) });
  const scenario = plan.scenario("伸び悩み");
  assert.deepEqual(scenario, { ok: true, ...JSON.parse(shihyo.evaluate(JSON.stringify({ ...hadano, scenario: "伸び悩み" }))) });
  plan.free();
});

test("a plan with errors is a failure with its diagnostics, not a thrown error", async () => {
  const answer = await Plan.load({ plan: 'plan "t" { period R3..R7 }\noutcom "x" >= 1\n', lang: "en" });
  assert.equal(answer.ok, false);
  assert.deepEqual(answer.diagnostics.map((d) => [d.code, d.line, d.column]), [["E0001", 2, 1]]);
});

test("a what-if changes the next evaluation, and a wrong value is refused in place", async () => {
  const plan = await loaded();
  const status = () => plan.evaluate({ asOf: "R5" }).rules.find((rule) => rule.name === applications);
  assert.equal(status().actual, "18100");
  assert.deepEqual(plan.setActual(applications, "R5", 19000), { ok: true });
  assert.equal(status().actual, "19000");
  // The explanation of a what-if cites no file for the value set, and the data file for the others.
  const inputs = plan.explain(applications, { asOf: "R5" }).steps.flatMap((step) => step.inputs);
  assert.deepEqual(inputs.filter((input) => input.value === "19000").map((input) => input.file), [null]);
  assert.ok(inputs.some((input) => input.file === "examples/hadano/actuals.csv"));
  // A year as a western number is a fiscal year, as in Python.
  assert.deepEqual(plan.setActual(applications, 2023, 19500), { ok: true });
  assert.equal(status().actual, "19500");
  assert.deepEqual(plan.clearActual(applications, "令和5年度"), { ok: true, removed: true });
  assert.equal(status().actual, null);
  const refused = plan.setActual(applications, "R5", "19,OOO");
  assert.equal(refused.ok, false);
  assert.deepEqual(refused.diagnostics.map((d) => [d.code, d.file]), [["E0105", "setActual"]]);
  plan.free();
});

test("statuses are the evaluation's, through what-ifs, in the order of plan.rules", async () => {
  const plan = await loaded();
  assert.deepEqual(plan.rules, plan.evaluate().rules.map((rule) => rule.name));
  for (const value of [18000, 19000.5, "17,000", 12345678901234567890n]) {
    assert.deepEqual(plan.setActual(applications, 2023, value), { ok: true });
    for (const asOf of [undefined, "R4", "FY2023"]) {
      const judged = plan.evaluate({ asOf }).rules.map((rule) => rule.status);
      assert.deepEqual(plan.statuses({ asOf }), { ok: true, statuses: judged }, `${value} as of ${asOf}`);
    }
  }
  // A what-if in a year the data has not reached yet, and its removal.
  plan.setActual(applications, "R6", 20000);
  assert.deepEqual(plan.statuses().statuses, plan.evaluate().rules.map((rule) => rule.status));
  plan.clearActual(applications, "R6");
  assert.deepEqual(plan.statuses().statuses, plan.evaluate().rules.map((rule) => rule.status));
  assert.match(plan.statuses({ asOf: "R99x" }).error, /asOf R99x/);
  assert.match(plan.statuses({ asof: "R5" }).error, /unknown field `asof`/);
  assert.match(plan.statuses({ asOf: 2023 }).error, /asOf is a year/);
  plan.free();
  assert.deepEqual(plan.rules, []);
  assert.match(plan.statuses().error, /freed/);
});

test("unknown, mistyped and missing fields are refused with a message", async () => {
  const plan = await loaded();
  const cases = [
    [plan.evaluate({ asof: "R5" }), /unknown field `asof`, expected `asOf` or `scenario`/],
    [plan.evaluate({ asOf: 2023 }), /invalid type: integer `2023`, expected a string/],
    [plan.evaluate("R5"), /evaluate: give an object of options, not string/],
    [plan.explain("存在しない"), /no rule is named `存在しない`/],
    [plan.setActual(applications, "R5", { value: 1 }), /setActual: value: give a string or a number, not object/],
    [await plan.simulate({ run: 10 }), /unknown field `run`/],
    [await plan.simulate({ seed: 2 ** 60 }), /as a string or a BigInt/],
    [await plan.simulate({ runs: Infinity }), /invalid type: string "Infinity", expected u64/],
    [await plan.simulate({ seed: NaN }), /seed `NaN`: give a whole number/],
    [await Plan.load({ plan: "", language: "en" }), /unknown field `language`/],
    [await Plan.load("plan text"), /Plan.load: give an object of options, not string/],
  ];
  for (const [answer, message] of cases) {
    assert.equal(answer.ok, false);
    assert.match(answer.error, message);
  }
  plan.free();
  assert.match(plan.evaluate().error, /freed/);
});

test("a simulation runs in a worker, tells its progress, and gives what the function gives", async () => {
  const plan = await loaded();
  const seen = [];
  const report = await plan.simulate({ runs: 1200, seed: 3n, onProgress: (done, runs) => seen.push([done, runs]) });
  assert.deepEqual(seen, [[500, 1200], [1000, 1200], [1200, 1200]]);
  assert.deepEqual(report, { ok: true, ...JSON.parse(shihyo.simulate(JSON.stringify({ ...hadano, runs: 1200, seed: 3 }))) });
  const bySeedText = await plan.simulate({ runs: 300, seed: "18446744073709551615" });
  const byBigInt = await plan.simulate({ runs: 300, seed: 18446744073709551615n });
  assert.deepEqual(bySeedText, byBigInt);
  assert.equal(bySeedText.seed, "18446744073709551615");
  plan.free();
});

test("a worker is prepared ahead and kept warm between runs; two runs at once each get one", async () => {
  await Plan.prepareWorker();
  const plan = await loaded();
  const expected = { ok: true, ...JSON.parse(shihyo.simulate(JSON.stringify({ ...hadano, runs: 300, seed: 5 }))) };
  assert.deepEqual(await plan.simulate({ runs: 300, seed: 5 }), expected);
  assert.deepEqual(await plan.simulate({ runs: 300, seed: 5 }), expected);
  const together = await Promise.all([plan.simulate({ runs: 300, seed: 5 }), plan.simulate({ runs: 300, seed: 5 })]);
  assert.deepEqual(together, [expected, expected]);
  // A run cancelled stops its worker; the next one starts another.
  const stop = new AbortController();
  await assert.rejects(plan.simulate({ runs: 10_000_000, signal: stop.signal, onProgress: () => stop.abort() }), { name: "AbortError" });
  assert.deepEqual(await plan.simulate({ runs: 300, seed: 5 }), expected);
  plan.free();
  // The idle worker kept does not keep Node running: this file ends.
});

test("a what-if is simulated too", async () => {
  const plan = await loaded();
  const chance = async () => (await plan.simulate({ runs: 500, seed: 1 })).rules.find((rule) => rule.name === applications).probability;
  const before = await chance();
  plan.setActual(applications, "R5", "30,000");
  assert.equal(await chance(), "1");
  assert.notEqual(before, "1");
  plan.free();
});

test("an AbortSignal cancels a simulation, and the main thread is free meanwhile", async () => {
  const plan = await loaded();
  const stop = new AbortController();
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 5);
  const running = plan.simulate({ runs: 10_000_000, signal: stop.signal, onProgress: (done) => done >= 5000 && stop.abort() });
  await assert.rejects(running, { name: "AbortError" });
  clearInterval(timer);
  assert.ok(ticks > 0, "the event loop ran while the simulation did");
  const already = new AbortController();
  already.abort(new Error("no longer wanted"));
  await assert.rejects(plan.simulate({ signal: already.signal }), /no longer wanted/);
  // The reason is given back as it was given, whatever it is.
  const reasoned = new AbortController();
  const stopped = plan.simulate({ runs: 10_000_000, signal: reasoned.signal, onProgress: () => reasoned.abort("the user") });
  await stopped.then(() => assert.fail("finished"), (reason) => assert.equal(reason, "the user"));
  // An onProgress that throws ends the run with its error, and the next run is not disturbed.
  const failing = plan.simulate({ runs: 10_000_000, onProgress: () => { throw new Error("from onProgress"); } });
  await assert.rejects(failing, /from onProgress/);
  assert.equal((await plan.simulate({ runs: 100, seed: 1 })).runs, 100);
  plan.free();
});

test("the TypeScript example, compiled with tsc --strict, prints what it says", { skip: !existsSync("examples/typescript/dist/what-if.js") }, () => {
  const printed = execFileSync("node", ["examples/typescript/dist/what-if.js"], { encoding: "utf8" });
  assert.equal(
    printed,
    [
      "loaded: 35 rules, 88 values",
      "R5: on_track 18100 of 18720 (達成率 0.9668803418803418803418803419)",
      "what if 19,000 in R5: on_track 19000 of 18720 (達成率 1.014957264957264957264957265)",
      "a mistyped value: E0105",
      "on track in R5 from: 17000",
      "simulation: 2000 runs, 4 progress reports, 電子申請の年間利用件数 met in 0.897 of them",
      "a cancelled simulation: AbortError",
      "",
    ].join("\n"),
  );
});
