// The npm package as another tool embeds it, run by `node --test` (see `cargo xtask test`):
// it runs the README's examples on the packed package (SHIHYO_NPM, `cargo xtask npm`), loads
// the Node build, evaluates and simulates the Hadano example, and then checks,
// for every bundled example, that the package answers byte for byte what the native CLI
// prints for the same files (evaluation, every scenario, explanations, simulations).
//
// SHIHYO_PKG: the package built with `wasm-pack --target nodejs` (default crates/shihyo-wasm/pkg-node);
// SHIHYO_CLI: the native binary (default target/debug/shihyo). Run from the repository's root.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const shihyo = require(path.resolve(process.env.SHIHYO_PKG ?? "crates/shihyo-wasm/pkg-node", "shihyo_wasm.js"));
const cli = path.resolve(process.env.SHIHYO_CLI ?? "target/debug/shihyo");

/** The bundled examples: the plan and its data files, as paths from the repository's root. */
const examples = [
  { plan: "examples/hadano/hadano.kpi", data: ["examples/hadano/actuals.csv"] },
  { plan: "examples/tourism/tourism.kpi", data: ["examples/tourism/actuals.csv"] },
  { plan: "examples/health/health.kpi", data: ["examples/health/actuals.json"] },
  { plan: "examples/tour/mistakes/typo.kpi", data: [] },
];

function request(example, extra) {
  return JSON.stringify({
    plan: readFileSync(example.plan, "utf8"),
    planName: example.plan,
    data: example.data.map((name) => ({ name, text: readFileSync(name, "utf8") })),
    ...extra,
  });
}

/** What the native CLI prints (its exit status does not matter here: errors are output too). */
function native(args) {
  try {
    return execFileSync(cli, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (error) {
    return error.stdout;
  }
}

test("the README's examples give what they say", () => {
  // crates/shihyo-wasm/README.md, each js block run as written, as an ES module with "shihyo"
  // the package `cargo xtask npm` assembled: what it logs is what its comments say.
  const readme = readFileSync("crates/shihyo-wasm/README.md", "utf8");
  const blocks = readme.split("```js\n").slice(1).map((block) => block.split("```")[0]);
  assert.equal(blocks.length, 2);
  const entry = pathToFileURL(path.join(path.resolve(process.env.SHIHYO_NPM ?? "target/npm/shihyo"), "node.mjs")).href;
  const folder = mkdtempSync(path.join(tmpdir(), "shihyo-readme-"));
  for (const [index, code] of blocks.entries()) {
    const file = path.join(folder, `example-${index}.mjs`);
    writeFileSync(file, code.replaceAll('from "shihyo"', `from ${JSON.stringify(entry)}`));
    const printed = execFileSync("node", [file], { encoding: "utf8" }).trimEnd().split("\n");
    const said = [...code.matchAll(/console\.log\(.*\); \/\/ "([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(printed, said);
  }
});

test("the package evaluates the Hadano example", () => {
  const report = JSON.parse(shihyo.evaluate(request(examples[0], { lang: "en" })));
  assert.equal(report.as_of.label, "R5");
  const rule = report.rules.find((r) => r.name === "電子申請の年間利用件数");
  assert.equal(rule.status, "on_track");
  assert.equal(rule.target, "18720");
  assert.equal(report.summary.grade, "B");
  assert.ok(report.rules.length > 30);
});

test("the package simulates the Hadano example, the same for the same seed", () => {
  const ask = request(examples[0], { runs: 2000, seed: 7 });
  const first = shihyo.simulate(ask);
  assert.equal(first, shihyo.simulate(ask));
  const report = JSON.parse(first);
  assert.equal(report.runs, 2000);
  for (const rule of report.rules) {
    const p = Number(rule.probability);
    assert.ok(p >= 0 && p <= 1, `${rule.name}: ${p}`);
  }
});

test("a simulation reports its progress and gives what simulate gives", () => {
  const ask = request(examples[0], { runs: 1200, seed: 3 });
  const seen = [];
  const answer = shihyo.simulateWithProgress(ask, (done, runs) => seen.push([done, runs]));
  assert.equal(answer, shihyo.simulate(ask));
  assert.deepEqual(seen, [[500, 1200], [1000, 1200], [1200, 1200]]);
});

test("the package reports errors with line, column and byte span", () => {
  const answer = JSON.parse(shihyo.check(JSON.stringify({ plan: 'plan "t" { period R3..R7 }\noutcom "x" >= 1', lang: "en" })));
  assert.equal(answer.ok, false);
  const [diagnostic] = answer.diagnostics;
  assert.equal(diagnostic.code, "E0001");
  assert.deepEqual([diagnostic.line, diagnostic.column, diagnostic.start], [2, 1, 27]);
  const bad = JSON.parse(shihyo.evaluate("not json"));
  assert.equal(bad.ok, false);
  assert.match(bad.error, /not valid/);
});

for (const example of examples) {
  test(`native and WASM give the same bytes: ${example.plan}`, () => {
    const dataArgs = example.data.flatMap((name) => ["--data", name]);
    const base = [...dataArgs, "--format", "json", "--lang", "ja"];
    const compare = (args, answer) => assert.equal(answer, native(args).trimEnd(), args.join(" "));
    compare(["eval", example.plan, ...base], shihyo.evaluate(request(example, { lang: "ja" })));
    compare(["check", example.plan, ...base], shihyo.check(request(example, { lang: "ja" })));
    const evaluated = JSON.parse(shihyo.evaluate(request(example, { lang: "ja" })));
    if (evaluated.ok === false) return;
    for (const rule of evaluated.rules.slice(0, 5)) {
      compare(["explain", example.plan, rule.name, ...base], shihyo.explain(request(example, { lang: "ja", rule: rule.name })));
    }
    const text = readFileSync(example.plan, "utf8");
    for (const [, kind, name] of text.matchAll(/^(scenario|simulation) "([^"]+)"/gm)) {
      compare(["eval", example.plan, ...base, "--scenario", name], shihyo.evaluate(request(example, { lang: "ja", scenario: name })));
      if (kind === "simulation") {
        compare(
          ["simulate", example.plan, ...base, "--simulation", name, "--runs", "3000"],
          shihyo.simulate(request(example, { lang: "ja", simulation: name, runs: 3000 })),
        );
      }
    }
  });
}

test("the package runs a plan's tests as `shihyo test` does, byte for byte", () => {
  const plans = [...examples.map((example) => example.plan), "tests/cli/tested.kpi"];
  for (const plan of plans) {
    for (const lang of ["ja", "en"]) {
      const answer = shihyo.runTests(JSON.stringify({ plan: readFileSync(plan, "utf8"), planName: plan, lang }));
      const args = ["test", plan, "--format", "json", "--lang", lang];
      assert.equal(answer, native(args).trimEnd(), args.join(" "));
    }
  }
  const failed = JSON.parse(shihyo.runTests(JSON.stringify({ plan: readFileSync("tests/cli/tested.kpi", "utf8"), lang: "en" })));
  assert.equal(failed.ok, false);
  assert.equal(failed.failed, 2);
  const miss = failed.files[0].cases[0].expectations.find((e) => !e.passed);
  assert.equal(miss.got, "17472");
  assert.match(miss.message, /wanted 16,640件, got 17,472件/);
});

test("the package compares a revision and scenarios as `shihyo diff` and `eval --scenario A --scenario B` do, byte for byte", () => {
  const data = [{ name: "examples/hadano/actuals.csv", text: readFileSync("examples/hadano/actuals.csv", "utf8") }];
  const hadano = readFileSync("examples/hadano/hadano.kpi", "utf8");
  for (const lang of ["ja", "en"]) {
    const diff = shihyo.diff(JSON.stringify({
      earlier: hadano, earlierName: "examples/hadano/hadano.kpi",
      plan: readFileSync("examples/hadano/revised.kpi", "utf8"), planName: "examples/hadano/revised.kpi", data, lang,
    }));
    const args = ["diff", "examples/hadano/hadano.kpi", "examples/hadano/revised.kpi", "--data", "examples/hadano/actuals.csv", "--format", "json", "--lang", lang];
    assert.equal(diff, native(args).trimEnd(), args.join(" "));
    const side = shihyo.compareScenarios(JSON.stringify({ plan: hadano, planName: "examples/hadano/hadano.kpi", data, lang, scenarios: ["現状趨勢", "伸び悩み"] }));
    const evalArgs = ["eval", "examples/hadano/hadano.kpi", "--data", "examples/hadano/actuals.csv", "--scenario", "現状趨勢", "--scenario", "伸び悩み", "--format", "json", "--lang", lang];
    assert.equal(side, native(evalArgs).trimEnd(), evalArgs.join(" "));
  }
  const parsed = JSON.parse(shihyo.diff(JSON.stringify({ earlier: hadano, plan: readFileSync("examples/hadano/revised.kpi", "utf8"), data, lang: "en" })));
  assert.deepEqual(parsed.renamed, [{ old_name: "電子申請の年間利用件数", new_name: "電子申請件数", matched_by: "source" }]);
  assert.match(JSON.parse(shihyo.diff(JSON.stringify({ plan: hadano }))).error, /earlier/);
  assert.match(JSON.parse(shihyo.compareScenarios(JSON.stringify({ plan: hadano, scenarios: ["現状趨勢"] }))).error, /two scenarios/);
});

test("the limits hold in WebAssembly as natively: each a diagnostic, never a crash", () => {
  const codes = (answer) => JSON.parse(answer).diagnostics.map((d) => d.code);
  // A source over 16 MiB.
  assert.deepEqual(codes(shihyo.check(JSON.stringify({ plan: "// " + "x".repeat(17 << 20) }))), ["E0005"]);
  // Nesting far past 32 levels, and an expression far past 256 operators deep.
  const deep = 'plan "t" { period R3..R7 }\noutcome "x" >= ' + "(".repeat(5000) + "1" + ")".repeat(5000);
  assert.equal(JSON.parse(shihyo.check(JSON.stringify({ plan: deep }))).ok, false);
  const long = 'plan "t" { period R3..R7 }\noutcome "x" >= ' + Array(20000).fill("1").join(" - ");
  assert.equal(JSON.parse(shihyo.check(JSON.stringify({ plan: long }))).ok, false);
  // A period of more than 100 years, and more runs than 10,000,000.
  assert.deepEqual(codes(shihyo.check(JSON.stringify({ plan: 'plan "t" { period FY1900..FY2100 }' }))), ["E0217"]);
  const runs = JSON.parse(shihyo.simulate(request(examples[0], { runs: 10_000_001 })));
  assert.equal(runs.ok, false);
  assert.match(runs.error, /10000000/);
});

test("native and WASM give the same bytes on every spec case and on damaged examples", () => {
  // The spec cases (tests/spec/**/*.kpi, each a plan), and the examples damaged at random (seeded):
  // a cut, a line repeated, a digit or a character changed. Errors must match to the byte too.
  const specFiles = readdirSync("tests/spec", { recursive: true }).filter((file) => file.endsWith(".kpi")).sort();
  const plans = specFiles.flatMap((file) => readFileSync(`tests/spec/${file}`, "utf8").split(/^--- .* ---$/m).slice(1));
  let seed = 2021;
  const random = (below) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % below;
  };
  const damages = [
    (text, at) => text.slice(0, at) + text.slice(at + 1 + random(40)),
    (text, at) => { const end = text.indexOf("\n", at); return end < 0 ? text : text.slice(0, end) + text.slice(text.lastIndexOf("\n", at), end) + text.slice(end); },
    (text, at) => text.slice(0, at) + String(random(10)) + text.slice(at + 1),
    (text, at) => text.slice(0, at) + "\"=%}{年度千円,.".charAt(random(12)) + text.slice(at),
  ];
  const sources = examples.map((example) => readFileSync(example.plan, "utf8"));
  for (let i = 0; i < 240; i++) {
    const text = sources[i % sources.length];
    plans.push(damages[random(damages.length)](text, random(text.length)));
  }
  const folder = mkdtempSync(path.join(tmpdir(), "shihyo-differential-"));
  const file = path.join(folder, "plan.kpi");
  let compared = 0;
  for (const plan of plans) {
    writeFileSync(file, plan);
    const ask = (extra) => JSON.stringify({ plan, planName: file, lang: "ja", ...extra });
    assert.equal(shihyo.evaluate(ask({})), native(["eval", file, "--format", "json", "--lang", "ja"]).trimEnd(), plan);
    for (const [, name] of plan.matchAll(/^scenario "([^"]+)"/gm)) {
      const answer = shihyo.evaluate(ask({ scenario: name }));
      assert.equal(answer, native(["eval", file, "--format", "json", "--lang", "ja", "--scenario", name]).trimEnd(), `${name}: ${plan}`);
    }
    compared += 1;
  }
  assert.ok(compared > 300, `${compared} plans`);
});

test("the package writes the annual report byte for byte as `shihyo report` does", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "shihyo-report-"));
  for (const [format, extra] of [["html", {}], ["xlsx", { format: "xlsx" }]]) {
    for (const example of examples.slice(0, 3)) {
      const file = path.join(folder, `report.${format}`);
      execFileSync(cli, ["report", example.plan, ...example.data.flatMap((d) => ["--data", d]), "--lang", "ja", "-o", file],
        { stdio: "ignore" });
      const bytes = shihyo.report(request(example, { lang: "ja", ...extra }));
      assert.ok(bytes instanceof Uint8Array, "the file's bytes");
      if (format === "html") {
        assert.equal(Buffer.from(bytes).toString("utf8"), readFileSync(file, "utf8"), `${example.plan}: the HTML`);
      } else {
        // A workbook's zip carries no clock here, so it is the same bytes too.
        assert.ok(Buffer.from(bytes).equals(readFileSync(file)), `${example.plan}: the workbook`);
      }
    }
  }
  const compared = shihyo.report(request(examples[0], { lang: "en", asOf: "R5", previous: "R4" }));
  assert.match(Buffer.from(compared).toString("utf8"), /Changes since R4/);
  // A failure throws, with the Failure's JSON as its message.
  const failure = (extra) => {
    try {
      shihyo.report(request(examples[0], extra));
    } catch (error) {
      return JSON.parse(error.message);
    }
    assert.fail("a wrong request throws");
  };
  assert.match(failure({ format: "pdf" }).error, /format `pdf`/);
  assert.match(failure({ asOf: "R4", previous: "R5" }).error, /previous/);
  assert.equal(failure({ plan: "plan" }).diagnostics[0].code, "E0001");
});
