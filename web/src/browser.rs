//! The few browser services the app uses, each a small function: the session
//! in `localStorage` and in the URL's fragment, downloads, reading a chosen
//! file (through the office module, loaded when first needed), the annual
//! report (through the engine's report module, likewise), the clock for
//! the timings the tests read, and the JavaScript editor.

use crate::export::Download;
use crate::session::{Session, STORAGE_KEY};
use shihyo_core::syntax::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The session to open with: a share link's, else the saved one, else Hadano.
pub fn restore() -> Session {
    let fragment = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if let Some(session) = Session::from_fragment(&fragment) {
        // Opened from a link: keep the link's session, and the address clean.
        if let Some(history) = window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("./"));
        }
        return session;
    }
    let Some(storage) = storage() else { return Session::default() };
    let Some(saved) = storage.get_item(STORAGE_KEY).ok().flatten() else { return Session::default() };
    Session::from_json(&saved).unwrap_or_else(|| {
        // Unreadable (damaged, or from a newer version): kept aside, not overwritten.
        let _ = storage.set_item(UNREADABLE_KEY, &saved);
        Session::default()
    })
}

/// Where a saved session that could not be read is kept.
const UNREADABLE_KEY: &str = "shihyo.session.unreadable";

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Saves the session; `false` if the browser refused (full, or storage off).
pub fn save(session: &Session) -> bool {
    storage().is_some_and(|s| s.set_item(STORAGE_KEY, &session.to_json()).is_ok())
}

/// The address of a link that opens this session.
pub fn share_link(session: &Session) -> String {
    let location = window().map(|w| w.location());
    let base = location.and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
    format!("{base}{}", session.to_fragment())
}

/// Offers bytes as a file to save.
pub fn download(file: &Download) -> Result<(), JsValue> {
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(file.bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(file.mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(&file.name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Milliseconds since the page started loading.
pub fn now() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Appends a timing to the list `window.shihyoTimings[name]` (read by the
/// browser tests for the figures in the README).
pub fn record_timing(name: &str, milliseconds: f64) {
    let Some(window) = window() else { return };
    let key = JsValue::from_str("shihyoTimings");
    let timings = js_sys::Reflect::get(&window, &key).ok().filter(JsValue::is_object).unwrap_or_else(|| js_sys::Object::new().into());
    let _ = js_sys::Reflect::set(&window, &key, &timings);
    let list = js_sys::Reflect::get(&timings, &JsValue::from_str(name)).ok().filter(JsValue::is_object);
    let list: js_sys::Array = list.map_or_else(js_sys::Array::new, JsCast::unchecked_into);
    list.push(&JsValue::from_f64(milliseconds));
    let _ = js_sys::Reflect::set(&timings, &JsValue::from_str(name), &list);
}

/// The file chosen in a file input, from its change event. The input is cleared,
/// so that choosing the same file again (after editing it) is a change too.
pub fn chosen_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// The module the office formats are in (`web/office`).
const OFFICE: &str = "shihyo_web_office";
/// The module the annual report is made by (the engine, `crates/shihyo-wasm`, with its `report` feature).
const REPORT: &str = "shihyo_report";

/// Calls a function of a module loaded on demand (`main.js` loads it the first
/// time); its errors are messages (a thrown `Error`'s message).
async fn call_module(name: &str, function: &str, arguments: &[JsValue]) -> Result<JsValue, String> {
    let failed = |error: JsValue| {
        error.as_string().unwrap_or_else(|| {
            let message = js_sys::Reflect::get(&error, &JsValue::from_str("message")).ok().and_then(|m| m.as_string());
            message.unwrap_or_else(|| format!("{error:?}"))
        })
    };
    let module = wasm_bindgen_futures::JsFuture::from(load_module(name)).await.map_err(failed)?;
    let function: js_sys::Function =
        js_sys::Reflect::get(&module, &JsValue::from_str(function)).map_err(failed)?.dyn_into().map_err(failed)?;
    function.apply(&JsValue::NULL, &arguments.iter().collect()).map_err(failed)
}

/// A chosen file's content: a text file decoded (UTF-8 or Shift_JIS), an Excel
/// workbook's first sheet as rows.
pub async fn read_file(file: &web_sys::File, lang: Lang) -> Result<crate::grid::Content, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let lang = JsValue::from_str(if lang == Lang::En { "en" } else { "ja" });
    let json = call_module(OFFICE, "read_file", &[JsValue::from_str(&file.name()), bytes.into(), lang]).await?;
    serde_json::from_str(&json.as_string().unwrap_or_default()).map_err(|e| e.to_string())
}

/// A CSV text as an Excel workbook's bytes.
pub async fn xlsx_bytes(sheet: &str, csv: &str) -> Result<Vec<u8>, String> {
    let bytes = call_module(OFFICE, "write_xlsx", &[JsValue::from_str(sheet), JsValue::from_str(csv)]).await?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The annual report's file for a request of the npm package's `report` (its HTML or
/// workbook, byte for byte what `shihyo report` writes); a failure is its JSON text.
pub async fn report(request: &str) -> Result<Vec<u8>, String> {
    let bytes = call_module(REPORT, "report", &[JsValue::from_str(request)]).await?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

#[wasm_bindgen]
extern "C" {
    /// A module loaded on demand, once loaded (`main.js` loads it on the first call).
    #[wasm_bindgen(js_namespace = window, js_name = shihyoModule)]
    fn load_module(name: &str) -> js_sys::Promise;
}

// The CodeMirror editor, bundled from npm into `editor.js` (see `web/editor`).
#[wasm_bindgen]
extern "C" {
    /// The editor's handle.
    #[derive(Clone)]
    pub type EditorView;

    /// `services`: `{ complete, hover, definition }`, each `(text, offset) => JSON` (see `services`).
    #[wasm_bindgen(js_namespace = shihyoEditor, js_name = create)]
    pub fn create_editor(
        parent: &web_sys::Element,
        text: &str,
        lang: &str,
        on_change: &js_sys::Function,
        words: &JsValue,
        services: &JsValue,
    ) -> EditorView;

    #[wasm_bindgen(js_namespace = shihyoEditor, js_name = setText)]
    pub fn set_editor_text(view: &EditorView, text: &str);

    /// Marks the diagnostics: a JSON array of `{from, to, severity, message, fix?}`.
    #[wasm_bindgen(js_namespace = shihyoEditor, js_name = setDiagnostics)]
    pub fn set_editor_diagnostics(view: &EditorView, marks: &str);

    #[wasm_bindgen(js_namespace = shihyoEditor, js_name = reveal)]
    pub fn reveal_in_editor(view: &EditorView, offset: usize);

    #[wasm_bindgen(js_namespace = shihyoEditor, js_name = destroy)]
    pub fn destroy_editor(view: &EditorView);
}
