// The Monte Carlo worker: runs one simulation request with the engine's npm
// package (crates/shihyo-wasm, built for speed; the page's own module is built
// for size), posting its progress. The page stops the worker to cancel, and
// starts a new one for each run.
import init, { simulateWithProgress } from "./shihyo_wasm.js";

const ready = init();

self.onmessage = async (event) => {
  await ready;
  const started = performance.now();
  const json = simulateWithProgress(event.data, (done, runs) => self.postMessage({ kind: "progress", done, runs }));
  self.postMessage({ kind: "done", json, ms: performance.now() - started });
};
