//! Quick fixes: the edits the diagnostics' hints suggest ("did you mean
//! `outcome`?", a misspelt indicator or function, a name without quotes), for
//! the diagnostics that touch a range of a file.

use crate::analysis::Analysis;
use crate::navigation::Edit;
use serde::Serialize;
use shihyo_core::syntax::{tr, Diagnostic, FileId, Lang, Span};

/// A fix: its title, the diagnostic it fixes, and its edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuickFix {
    /// What the editor offers, in the language asked ("Write `outcome`").
    pub title: String,
    /// The code of the diagnostic it fixes (`E0110` for an unknown function).
    pub code: String,
    /// The replacement, in the diagnostic's file.
    pub edit: Edit,
}

/// The fixes of the diagnostics of `file` that touch `range`.
pub fn quick_fixes(analysis: &Analysis, file: FileId, range: Span, lang: Lang) -> Vec<QuickFix> {
    analysis
        .diagnostics()
        .iter()
        .filter(|d| d.file == file && d.span.start <= range.end && range.start <= d.span.end)
        .filter_map(|d| quick_fix(analysis.source(d.file).original(), d, lang))
        .collect()
}

/// The fix a diagnostic's hint names, in its file (`text`, as written), if it names one.
pub fn quick_fix(text: &str, diagnostic: &Diagnostic, lang: Lang) -> Option<QuickFix> {
    let fix = diagnostic.fix.as_ref()?;
    let written = text.get(fix.span.clone())?;
    // A name written in 「」 keeps them.
    let replacement = match fix.replacement.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')) {
        Some(inner) if written.starts_with('「') && !inner.contains(['\\', '「', '」']) => format!("「{inner}」"),
        _ => fix.replacement.clone(),
    };
    let shown = &replacement;
    Some(QuickFix {
        title: tr!("Write `{shown}`", "`{shown}` に直す").get(lang).to_string(),
        code: diagnostic.code.to_string(),
        edit: Edit { file: diagnostic.file, span: fix.span.clone(), text: replacement },
    })
}
