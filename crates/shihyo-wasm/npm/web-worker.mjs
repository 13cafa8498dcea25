// A simulation's module Worker in browsers (see `simulate` in plan.mjs).
import init, * as wasm from "./web/shihyo_wasm.js";
import { simulateIn } from "./plan.mjs";

const ready = init();

self.addEventListener("message", async (event) => {
  try {
    await ready;
  } catch (error) {
    self.postMessage({ fault: `the module did not load: ${error instanceof Error ? error.message : error}` });
    return;
  }
  self.postMessage(simulateIn(wasm, event.data, (done, runs) => self.postMessage({ progress: { done, runs } })));
});
