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

await init();
start();
