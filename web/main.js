// Loads the app's WebAssembly and shows the app in #app.
import init, { start } from "./shihyo_web.js";

// Modules loaded the first time they are needed: the office formats (Excel files,
// Shift_JIS text) and the engine with the annual report.
const modules = {};
window.shihyoModule = (name) =>
  (modules[name] ??= import(`./${name}.js`).then(async (module) => {
    await module.default();
    return module;
  }));

// Monte Carlo runs through the npm package's Plan (shihyo/web.mjs), the API other tools
// embed: the plan loaded, simulated in the package's module worker with its progress, and
// cancelled by an AbortSignal; the answer goes back to the app as JSON text.
const simulation = () => import("./shihyo/web.mjs");
// Ahead of the first run: the module in the page (Plan.load checks the plan with it) and a
// warm worker. One that cannot start (the module did not load) is reported by the run that needs it.
window.shihyoPrepareSimulation = () =>
  simulation()
    .then(({ Plan, init }) => Promise.all([init(), Plan.prepareWorker()]))
    .catch(() => {});
window.shihyoSimulate = async (load, options, onProgress, signal) => {
  const { Plan } = await simulation();
  const loaded = await Plan.load(JSON.parse(load));
  if (!loaded.ok) return JSON.stringify(loaded);
  try {
    return JSON.stringify(await loaded.plan.simulate({ ...JSON.parse(options), onProgress, signal }));
  } finally {
    loaded.plan.free();
  }
};

await init();
start();
