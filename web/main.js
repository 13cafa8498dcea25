// Loads the app's WebAssembly and shows the app in #app.
import init, { start } from "./shihyo_web.js";

// The office module (Excel files, Shift_JIS text) is loaded the first time it is needed.
let office = null;
window.shihyoOffice = () =>
  (office ??= import("./shihyo_web_office.js").then(async (module) => {
    await module.default();
    return module;
  }));

await init();
start();
