// The Monte Carlo worker: runs simulation requests with the engine's npm
// package (crates/shihyo-wasm, built for speed; the page's own module is built
// for size), posting their progress. The page starts it ahead of time and
// stops it to cancel a run (then starts another).
import init, { simulateWithProgress } from "./shihyo_wasm.js";

// A short run as soon as the module is loaded: V8 compiles a WebAssembly function
// with its optimizing tier once it has run, so the first real run is not the slow one.
const WARM_UP = JSON.stringify({
  plan: `plan "warm-up" { period R3..R7  baseline R1 }
outcome "x" >= baseline * 120% unit 件
outcome "y" >= 80%
data "x" { R1: 100  R2: 110  R3: 120 }
data "y" { R1: 70%  R3: 75% }
simulation "s" runs 3000 seed 1 {
  "x" grows normal(5%, 2%) per year
  "y" = triangular(70%, 78%, 90%) per year
}`,
});

const ready = init().then(() => simulateWithProgress(WARM_UP, () => {}));

self.onmessage = async (event) => {
  await ready;
  const started = performance.now();
  const json = simulateWithProgress(event.data, (done, runs) => self.postMessage({ kind: "progress", done, runs }));
  self.postMessage({ kind: "done", json, ms: performance.now() - started });
};
