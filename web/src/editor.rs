//! The plan's editor (CodeMirror, through `browser`) as a component, with the
//! language services (`services`: completion, hover, go to definition) and the
//! diagnostics' quick fixes, and the list of problems under it: each with its
//! file, line and column, and a click that puts the cursor where it is.

use crate::analysis::Mark;
use crate::browser::{self, EditorView};
use crate::shared::words;
use shihyo_core::syntax::language::{self, Role};
use shihyo_core::syntax::Lang;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: String,
    pub lang: Lang,
    /// The plan's diagnostics.
    pub marks: Vec<Mark>,
    /// The data grid's text and the remarks, which the language services read with the plan.
    pub data: String,
    pub remarks: String,
    pub on_change: Callback<String>,
}

/// A language service the editor calls: `(text, offset) => JSON`.
type Service = Closure<dyn Fn(String, usize) -> String>;

/// The page's editor once created, with the functions it calls (kept alive with
/// it); the problem list's "show me" clicks reach it here too.
struct Created {
    view: EditorView,
    _changed: Closure<dyn Fn(String)>,
    _services: [Service; 3],
}

thread_local! {
    static EDITOR: RefCell<Option<Created>> = const { RefCell::new(None) };
}

/// Does something with the editor, once it exists.
fn with_editor(action: impl FnOnce(&EditorView)) {
    EDITOR.with(|editor| {
        if let Some(created) = editor.borrow().as_ref() {
            action(&created.view);
        }
    });
}

/// The language services, as the object `editor.js` takes, and their closures to keep.
fn services() -> (JsValue, [Service; 3]) {
    let closures: [(&str, Service); 3] = [
        ("complete", Closure::new(|text: String, offset| crate::services::complete(&text, offset))),
        ("hover", Closure::new(|text: String, offset| crate::services::hover(&text, offset))),
        ("definition", Closure::new(|text: String, offset| crate::services::definition(&text, offset))),
    ];
    let object = js_sys::Object::new();
    for (name, closure) in &closures {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), closure.as_ref());
    }
    let [(_, complete), (_, hover), (_, definition)] = closures;
    (object.into(), [complete, hover, definition])
}

/// Moves the editor's cursor to an offset of the plan (in UTF-16 code units, as CodeMirror counts) and scrolls it into view.
pub fn reveal(offset: usize) {
    with_editor(|view| browser::reveal_in_editor(view, offset));
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let parent = use_node_ref();
    // The latest callback, read by the editor's (long-lived) change function.
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();
    // The last text the editor reported: the text prop only replaces the editor's
    // when it is another (so that keys typed while the app re-renders stay).
    let reported = use_mut_ref(|| props.text.clone());
    {
        let (parent, text, lang, reported) = (parent.clone(), props.text.clone(), props.lang, reported.clone());
        use_effect_with((), move |()| {
            if let Some(element) = parent.cast::<web_sys::Element>() {
                let changed = Closure::<dyn Fn(String)>::new(move |text: String| {
                    reported.borrow_mut().clone_from(&text);
                    on_change.borrow().emit(text);
                });
                let (services, closures) = services();
                let view = browser::create_editor(
                    &element,
                    &text,
                    if lang == Lang::Ja { "ja" } else { "en" },
                    changed.as_ref().unchecked_ref(),
                    &editor_words(),
                    &services,
                );
                EDITOR.with(|editor| *editor.borrow_mut() = Some(Created { view, _changed: changed, _services: closures }));
            }
            move || {
                if let Some(created) = EDITOR.with(|editor| editor.borrow_mut().take()) {
                    browser::destroy_editor(&created.view);
                }
            }
        });
    }
    {
        // The text replaced from outside (the example, an opened file): shown.
        use_effect_with(props.text.clone(), move |text| {
            if *reported.borrow() != *text {
                with_editor(|view| {
                    browser::set_editor_text(view, text);
                    reported.borrow_mut().clone_from(text);
                });
            }
        });
    }
    crate::services::set_context(&props.data, &props.remarks, props.lang);
    {
        let marks = serde_json::to_string(&props.marks).unwrap_or_else(|_| "[]".into());
        use_effect_with(marks, move |marks| {
            with_editor(|view| browser::set_editor_diagnostics(view, marks));
        });
    }
    let open_error = use_state(|| None::<String>);
    let on_open = {
        let (on_change, open_error, lang) = (props.on_change.clone(), open_error.clone(), props.lang);
        Callback::from(move |event: Event| {
            let Some(file) = crate::browser::chosen_file(&event) else { return };
            let (on_change, open_error) = (on_change.clone(), open_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::read_file(&file, lang).await {
                    Ok(crate::grid::Content::Text(text)) => {
                        open_error.set(None);
                        on_change.emit(text);
                    }
                    Ok(crate::grid::Content::Rows(_)) => {
                        open_error.set(Some(format!("{}: {}", file.name(), words(lang, "not a plan", "計画ではありません"))))
                    }
                    Err(message) => open_error.set(Some(message)),
                }
            });
        })
    };
    html! {
        <div class="panel editor-panel">
            <div class="panel-head">
                <h2>{ words(props.lang, "Plan", "計画") }</h2>
                <label class="file-button">
                    { words(props.lang, "Open .kpi…", ".kpi を開く…") }
                    <input id="open-plan" type="file" accept=".kpi,.txt" onchange={on_open} />
                </label>
            </div>
            if let Some(message) = &*open_error { <p class="error">{ message }</p> }
            <div id="editor" ref={parent} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub marks: Vec<Mark>,
    pub lang: Lang,
}

/// The diagnostics of the plan and the data, in file order.
#[component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let lang = props.lang;
    let errors = props.marks.iter().filter(|m| m.severity == "error").count();
    let warnings = props.marks.len() - errors;
    let summary = match (errors, warnings, lang) {
        (0, 0, _) => words(lang, "No problems", "問題はありません").to_string(),
        (e, w, Lang::En) => format!("{e} error(s), {w} warning(s)"),
        (e, w, Lang::Ja) => format!("エラー {e} 件、警告 {w} 件"),
    };
    let items = props.marks.iter().map(|mark| {
        let reveal = mark.in_plan.then(|| {
            let offset = mark.from;
            Callback::from(move |_| reveal(offset))
        });
        html! {
            <li class={classes!("problem", mark.severity)} data-code={mark.code.clone()} onclick={reveal}>
                <span class="where">{ format!("{}:{}:{}", mark.file, mark.line, mark.column) }</span>
                <span class="code">{ &mark.code }</span>
                <span class="message">{ &mark.message }</span>
            </li>
        }
    });
    html! {
        <div id="problems" class={classes!("panel", "problems", (errors > 0).then_some("has-errors"))}>
            <div class="summary">{ summary }</div>
            <ul>{ for items }</ul>
        </div>
    }
}

/// The language's words for the editor's highlighting: every keyword, and those that define something.
fn editor_words() -> JsValue {
    let list = |words: &mut dyn Iterator<Item = &'static str>| words.map(JsValue::from_str).collect::<js_sys::Array>();
    let words = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&words, &"keywords".into(), &list(&mut language::keyword_words()));
    let _ = js_sys::Reflect::set(&words, &"definitions".into(), &list(&mut language::words_of(Role::Statement)));
    words.into()
}
