//! The one diagnostic type of shihyo, used by the parser, the checker, the
//! data readers and the evaluator, and rendered by every host (CLI, web).
//!
//! Each message is written in English and Japanese at the place it is made
//! ([`tr!`](crate::tr)), so hosts only pick a language.

use crate::code::Code;
use crate::source::{FileId, Span};
use serde::Serialize;

/// The languages messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub en: String,
    pub ja: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// Builds a [`Localized`] from an English and a Japanese format string.
#[macro_export]
macro_rules! tr {
    ($en:expr, $ja:expr $(,)?) => {
        $crate::Localized { en: format!($en), ja: format!($ja) }
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A further place that explains a diagnostic ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub file: FileId,
    pub span: Span,
    pub message: Localized,
}

/// A change of the text that does what a diagnostic's hint says: its span (in the
/// diagnostic's file) replaced by `replacement`. Editors offer it as a quick fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// What is wrong, where, and what was probably meant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable code (`E0101`), listed in the language reference.
    pub code: Code,
    pub file: FileId,
    pub span: Span,
    pub message: Localized,
    pub hint: Option<Localized>,
    pub related: Vec<Related>,
    /// The edit the hint suggests, where it is one (a name or keyword spelt right).
    #[serde(skip)]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn error(code: Code, file: FileId, span: Span, message: Localized) -> Diagnostic {
        Diagnostic { severity: Severity::Error, code, file, span, message, hint: None, related: Vec::new(), fix: None }
    }

    pub fn warning(code: Code, file: FileId, span: Span, message: Localized) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, span, message) }
    }

    pub fn with_hint(mut self, hint: Localized) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    pub fn with_fix(mut self, span: Span, replacement: impl Into<String>) -> Diagnostic {
        self.fix = Some(Fix { span, replacement: replacement.into() });
        self
    }

    /// The hint "did you mean `…`?" for a misspelt name, with the fix that writes the
    /// suggestion (in double quotes) where the name is.
    pub fn suggest_name(&mut self, name_span: &Span, written: &str, suggestion: Option<&str>) {
        self.hint = did_you_mean_name(written, suggestion);
        if let (Some(_), Some(suggestion)) = (&self.hint, suggestion) {
            self.fix = Some(Fix { span: name_span.clone(), replacement: crate::quoted(suggestion) });
        }
    }

    pub fn with_related(mut self, file: FileId, span: Span, message: Localized) -> Diagnostic {
        self.related.push(Related { file, span, message });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// "Did you mean `…`?" for a name, unless the suggestion reads the same as what
/// was written (a hint that repeats the name helps no one).
pub fn did_you_mean_name(written: &str, suggestion: Option<&str>) -> Option<Localized> {
    suggestion.filter(|s| s.trim() != written.trim()).map(|s| crate::tr!("did you mean `{s}`?", "「{s}」のことですか？"))
}

/// The closest of `candidates` to `word`, if it is close enough to suggest.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::normalized_damerau_levenshtein(word, candidate), candidate))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
