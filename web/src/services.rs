//! The editor's language services in the browser, from the same crate as
//! `shihyo lsp` (`shihyo-ide`): completion, hover (with the figures and their
//! explanation) and go to definition, on the text the editor holds at that
//! moment (which may be ahead of the app's, edits reaching the app after a
//! pause), with the app's data and remarks. The analysis of a text is kept
//! until the text, the data or the remarks change. Offsets are UTF-16 code
//! units, as CodeMirror counts them; answers are JSON for `editor/editor.js`.

use crate::analysis::{DATA_FILE, PLAN_FILE};
use crate::remarks::REMARKS_FILE;
use serde::Serialize;
use shihyo_core::syntax::Lang;
use shihyo_ide::{Analysis, DataText, LineIndex};
use std::cell::RefCell;

/// What the services read besides the plan, and the last analysis.
#[derive(Default)]
struct Context {
    data: String,
    remarks: String,
    lang: Lang,
    analysed: Option<(String, Analysis)>,
}

thread_local! {
    static CONTEXT: RefCell<Context> = RefCell::new(Context::default());
}

/// The app's data, remarks and language, as they are now.
pub fn set_context(data: &str, remarks: &str, lang: Lang) {
    CONTEXT.with(|context| {
        let mut context = context.borrow_mut();
        if context.data != data || context.remarks != remarks {
            context.analysed = None;
        }
        context.data = data.to_string();
        context.remarks = remarks.to_string();
        context.lang = lang;
    });
}

/// Calls `answer` with the analysis of `plan` (made, or kept from the last call), its
/// line index and the language.
fn with_analysis<R>(plan: &str, answer: impl FnOnce(&Analysis, &LineIndex, Lang) -> R) -> R {
    CONTEXT.with(|context| {
        let mut context = context.borrow_mut();
        if context.analysed.as_ref().is_none_or(|(text, _)| text != plan) {
            let mut files = vec![DataText { name: DATA_FILE, text: &context.data }];
            if !context.remarks.is_empty() {
                files.push(DataText { name: REMARKS_FILE, text: &context.remarks });
            }
            let analysis = Analysis::new(PLAN_FILE, plan, &files);
            context.analysed = Some((plan.to_string(), analysis));
        }
        let lang = context.lang;
        let (_, analysis) = context.analysed.as_ref().expect("analysed above");
        answer(analysis, &LineIndex::new(plan), lang)
    })
}

/// A range of the plan in UTF-16 code units.
#[derive(Serialize)]
struct Range {
    from: usize,
    to: usize,
}

#[derive(Serialize)]
struct Completions {
    from: usize,
    to: usize,
    options: Vec<Choice>,
}

#[derive(Serialize)]
struct Choice {
    label: String,
    detail: String,
    /// CodeMirror's completion type (its icon).
    #[serde(rename = "type")]
    kind: &'static str,
    apply: String,
}

/// The completions at an offset: `{ from, to, options }`, or `null` when there are none.
pub fn complete(plan: &str, offset: usize) -> String {
    with_analysis(plan, |analysis, index, lang| {
        let completions = shihyo_ide::complete(analysis, analysis.plan_file(), index.from_utf16(offset), lang);
        let Some(first) = completions.first() else { return "null".to_string() };
        let (from, to) = (index.utf16(first.replace.start), index.utf16(first.replace.end));
        let options = completions
            .into_iter()
            .map(|completion| Choice {
                kind: match completion.kind {
                    shihyo_ide::CompletionKind::Indicator => "variable",
                    shihyo_ide::CompletionKind::Scenario => "enum",
                    shihyo_ide::CompletionKind::Keyword => "keyword",
                    shihyo_ide::CompletionKind::Function => "function",
                    shihyo_ide::CompletionKind::Unit => "type",
                    shihyo_ide::CompletionKind::Year => "constant",
                },
                label: completion.label,
                detail: completion.detail,
                apply: completion.insert,
            })
            .collect();
        serde_json::to_string(&Completions { from, to, options }).unwrap_or_else(|_| "null".to_string())
    })
}

#[derive(Serialize)]
struct Hover {
    from: usize,
    to: usize,
    markdown: String,
}

/// The hover at an offset: `{ from, to, markdown }`, or `null`.
pub fn hover(plan: &str, offset: usize) -> String {
    with_analysis(plan, |analysis, index, lang| {
        shihyo_ide::hover(analysis, analysis.plan_file(), index.from_utf16(offset), lang)
            .and_then(|hover| {
                let answer = Hover { from: index.utf16(hover.span.start), to: index.utf16(hover.span.end), markdown: hover.markdown };
                serde_json::to_string(&answer).ok()
            })
            .unwrap_or_else(|| "null".to_string())
    })
}

/// Where the name at an offset is defined in the plan: `{ from, to }`, or `null`.
pub fn definition(plan: &str, offset: usize) -> String {
    with_analysis(plan, |analysis, index, _| {
        shihyo_ide::definition(analysis, analysis.plan_file(), index.from_utf16(offset))
            .into_iter()
            .find(|location| location.file == analysis.plan_file())
            .and_then(|location| {
                serde_json::to_string(&Range { from: index.utf16(location.span.start), to: index.utf16(location.span.end) }).ok()
            })
            .unwrap_or_else(|| "null".to_string())
    })
}
