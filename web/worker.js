// The Monte Carlo worker: loads the app's own WebAssembly and runs one
// simulation request, posting its progress. The page stops the worker to
// cancel, and starts a new one for each run.
import init, { simulate_in_worker } from "./shihyo_web.js";

const ready = init();

self.onmessage = async (event) => {
  await ready;
  const started = performance.now();
  const json = simulate_in_worker(event.data, (done, runs) => self.postMessage({ kind: "progress", done, runs }));
  self.postMessage({ kind: "done", json, ms: performance.now() - started });
};
