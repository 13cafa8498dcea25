// The shihyo package as an analyst's script uses it, in TypeScript: the Hadano plan loaded
// once, evaluated as of R5, a what-if on one actual, a what-if loop on statuses alone, a
// simulation with its progress, and a simulation cancelled by an AbortSignal. Run from the repository's root:
//   cargo xtask npm && npm install --prefix examples/typescript target/npm/shihyo-0.1.0.tgz
//   npx --prefix examples/typescript tsc -p examples/typescript && node examples/typescript/dist/what-if.js
import { readFileSync } from "node:fs";
import { Plan, type Failure, type Rule } from "shihyo";

const folder = new URL("../../hadano/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, folder), "utf8");

/** A failure's diagnostics, one per line, as `file:line:column code message`. */
function explainFailure(failure: Failure): string {
  const lines = failure.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
  return [failure.error, ...lines].filter((line) => line !== undefined).join("\n");
}

const loaded = await Plan.load({
  plan: read("hadano.kpi"),
  planName: "hadano.kpi",
  data: [{ name: "actuals.csv", text: read("actuals.csv") }],
  lang: "en",
});
if (!loaded.ok) throw new Error(explainFailure(loaded));
const plan = loaded.plan;
console.log(`loaded: ${loaded.check.rules} rules, ${loaded.check.values} values`);

const name = "電子申請の年間利用件数";
const figures = (rule: Rule | undefined): string => `${rule?.status} ${rule?.actual} of ${rule?.target} (達成率 ${rule?.achievement})`;

const before = plan.evaluate({ asOf: "R5" });
if (!before.ok) throw new Error(explainFailure(before));
console.log(`R5: ${figures(before.rules.find((rule) => rule.name === name))}`);

const set = plan.setActual(name, "R5", "19,000");
if (!set.ok) throw new Error(explainFailure(set));
const after = plan.evaluate({ asOf: "R5" });
if (!after.ok) throw new Error(explainFailure(after));
console.log(`what if 19,000 in R5: ${figures(after.rules.find((rule) => rule.name === name))}`);

const refused = plan.setActual(name, "R5", "19,OOO");
console.log(`a mistyped value: ${refused.ok ? "accepted" : refused.diagnostics[0]?.code}`);

// A what-if loop (statuses alone, fast): the least R5 figure, in steps of 500, that is on track.
const index = plan.rules.indexOf(name);
let least: number | undefined;
for (let value = 15_000; value <= 19_000 && least === undefined; value += 500) {
  plan.setActual(name, 2023, value);
  const judged = plan.statuses({ asOf: "R5" });
  if (!judged.ok) throw new Error(explainFailure(judged));
  if (judged.statuses[index] === "on_track") least = value;
}
console.log(`on track in R5 from: ${least}`);
plan.setActual(name, "R5", "19,000");

let reported = 0;
const simulated = await plan.simulate({ runs: 2000, seed: 2021n, onProgress: () => (reported += 1) });
if (!simulated.ok) throw new Error(explainFailure(simulated));
const chance = simulated.rules.find((rule) => rule.name === name);
console.log(`simulation: ${simulated.runs} runs, ${reported} progress reports, ${name} met in ${chance?.probability} of them`);

const stop = new AbortController();
const cancelled = plan.simulate({ runs: 10_000_000, signal: stop.signal, onProgress: () => stop.abort() });
const outcome = await cancelled.then(
  () => "finished",
  (error: unknown) => (error instanceof Error ? error.name : "unknown"),
);
console.log(`a cancelled simulation: ${outcome}`);

plan.free();
