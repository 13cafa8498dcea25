// The what-if loop of the embedding benchmark in Node, through the npm package's Plan
// (crates/benches/src/embedded.rs drives it): set the actual of one indicator (two
// values in turn), then every rule's status. For each count read on stdin it runs that
// many and answers the nanoseconds they took. Arguments: the package's folder, the
// folder of the Hadano example, the indicator, the year, the two values.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import assert from "node:assert/strict";
import path from "node:path";

const [packageFolder, example, rule, year, ...written] = process.argv.slice(2);
const values = written.map(Number);
const { Plan } = await import(path.join(path.resolve(packageFolder), "node.mjs"));
const read = (name) => readFileSync(path.join(example, name), "utf8");
const loaded = await Plan.load({ plan: read("hadano.kpi"), data: [{ name: "actuals.csv", text: read("actuals.csv") }] });
assert.ok(loaded.ok, JSON.stringify(loaded));
const plan = loaded.plan;

let turn = 0;
function whatIf() {
  turn ^= 1;
  plan.setActual(rule, year, values[turn]);
  return plan.statuses({ asOf: year });
}

// Each value gives the statuses evaluate gives, and the indicator's differs between them.
const seen = values.map(() => {
  const { statuses } = whatIf();
  assert.deepEqual(statuses, plan.evaluate({ asOf: year }).rules.map((r) => r.status));
  return statuses[plan.rules.indexOf(rule)];
});
assert.notEqual(seen[0], seen[1]);
// Warm up: V8 optimizes the WebAssembly and the glue once they have run.
for (let i = 0; i < 20000; i++) whatIf();

for await (const line of createInterface({ input: process.stdin })) {
  const count = Number(line);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) whatIf();
  process.stdout.write(`${process.hrtime.bigint() - start}\n`);
}
