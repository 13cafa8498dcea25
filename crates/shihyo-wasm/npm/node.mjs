// shihyo for Node: the `Plan` class, with simulations in worker_threads, and the
// functions of the WebAssembly module (JSON text in and out).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { makePlan } from "./plan.mjs";

const wasm = createRequire(import.meta.url)("./node/shihyo_wasm.js");

export const Plan = makePlan({
  module: async () => wasm,
  worker() {
    const worker = new Worker(new URL("./node-worker.mjs", import.meta.url));
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listen) => worker.on("message", listen),
      onError: (listen) => {
        worker.on("error", listen);
        worker.on("messageerror", listen);
        // A worker that ends without answering (killed, out of memory) fails the run.
        worker.on("exit", (code) => listen(new Error(`the simulation's worker stopped (exit code ${code})`)));
      },
      terminate: () => void worker.terminate(),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  },
});

export const { check, format, evaluate, explain, simulate, simulateWithProgress, runTests, report, diff, compareScenarios, version } = wasm;

/** Nothing to do in Node (browsers load the module with it): kept for code shared with them. */
export async function init() {}
