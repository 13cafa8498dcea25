// shihyo for browsers: the `Plan` class, with simulations in a module Worker, and the
// functions of the WebAssembly module (JSON text in and out; call `init()` first).
import init, * as wasm from "./web/shihyo_wasm.js";
import { makePlan } from "./plan.mjs";

let ready;

export const Plan = makePlan({
  module() {
    ready ??= init().then(() => wasm);
    return ready;
  },
  worker() {
    const worker = new Worker(new URL("./web-worker.mjs", import.meta.url), { type: "module" });
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listen) => worker.addEventListener("message", (event) => listen(event.data)),
      onError: (listen) => worker.addEventListener("error", (event) => listen(event.error ?? new Error(event.message))),
      terminate: () => worker.terminate(),
    };
  },
});

export { init };
export const { check, format, evaluate, explain, simulate, simulateWithProgress, runTests, report, diff, compareScenarios, version } = wasm;
