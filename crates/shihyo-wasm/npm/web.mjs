// shihyo for browsers: the `Plan` class, with simulations in a module Worker, and the
// functions of the WebAssembly module (JSON text in and out; call `init()` first).
import init, * as wasm from "./web/shihyo_wasm.js";
import { makePlan } from "./plan.mjs";

let ready;

export const Plan = makePlan({
  module() {
    // A load that failed (a network error) is tried again by the next call.
    ready ??= init().then(
      () => wasm,
      (error) => {
        ready = undefined;
        throw error;
      },
    );
    return ready;
  },
  worker() {
    const worker = new Worker(new URL("./web-worker.mjs", import.meta.url), { type: "module" });
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listen) => worker.addEventListener("message", (event) => listen(event.data)),
      onError: (listen) => {
        worker.addEventListener("error", (event) => listen(event.error ?? new Error(event.message)));
        worker.addEventListener("messageerror", () => listen(new Error("the simulation's worker sent a message that could not be read")));
      },
      terminate: () => worker.terminate(),
    };
  },
});

export { init };
export const { check, format, evaluate, explain, simulate, simulateWithProgress, runTests, report, diff, compareScenarios, version } = wasm;
