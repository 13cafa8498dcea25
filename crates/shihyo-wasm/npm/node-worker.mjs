// A simulation's worker thread in Node (see `simulate` in plan.mjs).
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { simulateIn } from "./plan.mjs";

const wasm = createRequire(import.meta.url)("./node/shihyo_wasm.js");

parentPort.on("message", (message) => {
  parentPort.postMessage(simulateIn(wasm, message, (done, runs) => parentPort.postMessage({ progress: { done, runs } })));
});
