//! The app's model and components in a real browser (headless Chromium through
//! `wasm-bindgen-test`): the core evaluates the Hadano example in WebAssembly as
//! it does natively, the session goes through `localStorage`, and the panels
//! render the evaluation and the chart into a page. Run by `cargo xtask test`:
//! `CHROMEDRIVER=$(command -v chromedriver) cargo test -p shihyo-web --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use shihyo_web::analysis::{evaluate, Loaded, Values};
use shihyo_web::session::{Session, HADANO_DATA, HADANO_PLAN};
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh element for a component to render into.
fn mount(id: &str) -> web_sys::Element {
    let element = document().create_element("div").expect("div");
    element.set_id(id);
    document().body().expect("body").append_child(&element).expect("appended");
    element
}

/// Lets yew render (it renders on the next turn of the event loop).
async fn rendered() {
    yew::platform::time::sleep(Duration::from_millis(50)).await;
}

#[wasm_bindgen_test]
fn hadano_evaluates_in_webassembly_as_natively() {
    let loaded = Loaded::new(HADANO_PLAN, HADANO_DATA);
    let project = loaded.project.as_ref().expect("Hadano checks");
    let evaluation = evaluate(project, None, None);
    let rule = project.plan.find("電子申請の年間利用件数").expect("rule");
    let result = evaluation.report.rule(rule);
    assert_eq!(result.outcome.status.name(), "on_track");
    assert_eq!(result.outcome.target.map(|t| t.normalize().to_string()).as_deref(), Some("18720"));
    assert_eq!(result.outcome.actual.map(|t| t.normalize().to_string()).as_deref(), Some("18100"));
    let scenario = project.plan.scenario("現状趨勢").expect("scenario");
    let projected = evaluate(project, Some(scenario), None);
    let values = Values::new(project.compiled.clone(), &projected.data);
    assert!(values.series(&project.plan, &projected, rule).points.iter().any(|p| p.2));
}

#[wasm_bindgen_test]
fn the_session_is_saved_and_restored_through_local_storage() {
    let session = Session { scenario: Some("伸び悩み".into()), lang: "en".into(), ..Session::default() };
    assert!(shihyo_web::browser::save(&session));
    assert_eq!(shihyo_web::browser::restore(), session);
}

#[wasm_bindgen_test]
async fn the_app_renders_the_evaluation_and_the_chart() {
    // The editor is CodeMirror in the real page; here it only needs to exist.
    js_sys::Function::new_no_args(
        "window.shihyoEditor = { create: () => ({}), setText() {}, setDiagnostics() {}, reveal() {}, destroy() {} };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .expect("editor stub");
    assert!(shihyo_web::browser::save(&Session::default()));
    let root = mount("app");
    yew::Renderer::<shihyo_web::app::App>::with_root(root.clone()).render();
    rendered().await;
    assert_eq!(root.query_selector_all("#evaluation tr.rule").expect("rows").length(), 38);
    let row = root.query_selector("tr.rule[data-name='電子申請の年間利用件数']").expect("query").expect("row");
    assert_eq!(row.get_attribute("data-status").as_deref(), Some("on_track"));
    assert!(root.query_selector(".chart polyline.actual").expect("query").is_some());
    // A row for every indicator that takes actuals, with or without data.
    let loaded = Loaded::new(HADANO_PLAN, HADANO_DATA);
    let measured = shihyo_web::analysis::measured(&loaded.project.as_ref().expect("checks").plan).len();
    assert_eq!(root.query_selector_all("#data-grid tbody tr").expect("grid").length() as usize, measured);
}
