//! The one diagnostic type of shihyo, used by the parser, the checker, the
//! data readers and the evaluator, and rendered by every host (CLI, web).
//!
//! Each message is written in English and Japanese at the place it is made
//! ([`tr!`](crate::tr)), so hosts only pick a language.

use crate::code::Code;
use crate::source::{FileId, Source, Span};
use serde::Serialize;
use std::fmt;

/// The languages messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (`--lang en`), the default.
    #[default]
    En,
    /// Japanese (`--lang ja`).
    Ja,
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Localized {
    /// The text in English.
    pub en: String,
    /// The text in Japanese.
    pub ja: String,
}

impl Localized {
    /// The text in `lang`.
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

/// Whether a diagnostic stops the plan from being evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan or its data cannot be evaluated until this is corrected.
    Error,
    /// The plan is evaluated, but this is probably not what was meant.
    Warning,
}

impl Severity {
    /// The word for it in `lang`, as messages write it (`error`, `エラー`).
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Warning, Lang::Ja) => "警告",
        }
    }
}

/// Where a diagnostic is, as people cite it: the file's name and the 1-based line
/// and column (in characters) of the start of its span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file's name, as the host named it when it added the text.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A further place that explains a diagnostic ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The file the place is in.
    pub file: FileId,
    /// The place, a byte range of that file's original text.
    pub span: Span,
    /// What is there.
    pub message: Localized,
}

/// A change of the text that does what a diagnostic's hint says: its span (in the
/// diagnostic's file) replaced by `replacement`. Editors offer it as a quick fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The text to replace, a byte range of the diagnostic's file's original text.
    pub span: Span,
    /// What to write there.
    pub replacement: String,
}

/// What is wrong, where, and what was probably meant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether it stops the evaluation.
    pub severity: Severity,
    /// A stable code (`E0101`), listed in the language reference.
    pub code: Code,
    /// The file it is in.
    pub file: FileId,
    /// Where, a byte range of the file's original text.
    pub span: Span,
    /// What is wrong.
    pub message: Localized,
    /// What was probably meant, or how to correct it.
    pub hint: Option<Localized>,
    /// Further places that explain it ("first defined here").
    pub related: Vec<Related>,
    /// The edit the hint suggests, where it is one (a name or keyword spelt right).
    #[serde(skip)]
    pub fix: Option<Fix>,
    /// The file's name, line and column, once the engine that holds the file has
    /// located it ([`Diagnostic::locate`]); every diagnostic the engine's loading and
    /// a project's evaluation return is located.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Diagnostic {
    /// An error with `code` at `span` of `file`.
    pub fn error(code: Code, file: FileId, span: Span, message: Localized) -> Diagnostic {
        Diagnostic { severity: Severity::Error, code, file, span, message, hint: None, related: Vec::new(), fix: None, location: None }
    }

    /// A warning with `code` at `span` of `file`.
    pub fn warning(code: Code, file: FileId, span: Span, message: Localized) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, span, message) }
    }

    /// The diagnostic with a hint.
    pub fn with_hint(mut self, hint: Localized) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    /// The diagnostic with the edit that corrects it: `span` replaced by `replacement`.
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

    /// The diagnostic with a further place that explains it.
    pub fn with_related(mut self, file: FileId, span: Span, message: Localized) -> Diagnostic {
        self.related.push(Related { file, span, message });
        self
    }

    /// Whether it is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Records the file's name, line and column of the span's start; `source` is the
    /// text of the diagnostic's file.
    pub fn locate(&mut self, source: &Source) {
        let (line, column) = source.line_column(self.span.start);
        self.location = Some(Location { file: source.name().to_string(), line, column });
    }

    /// The diagnostic as one line of text in `lang`, as `Display` writes it in English:
    /// `plan.kpi:3:9: error[E0230]: … (hint: …)`, without the place until it is located.
    pub fn in_lang(&self, lang: Lang) -> impl fmt::Display + '_ {
        InLang { diagnostic: self, lang }
    }
}

struct InLang<'d> {
    diagnostic: &'d Diagnostic,
    lang: Lang,
}

impl fmt::Display for InLang<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Diagnostic { severity, code, message, hint, location, .. } = self.diagnostic;
        if let Some(location) = location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}[{code}]: {}", severity.word(self.lang), message.get(self.lang))?;
        match (hint, self.lang) {
            (Some(hint), Lang::En) => write!(f, " (hint: {})", hint.en),
            (Some(hint), Lang::Ja) => write!(f, "（ヒント: {}）", hint.ja),
            (None, _) => Ok(()),
        }
    }
}

/// In English: `plan.kpi:3:9: error[E0230]: unknown indicator … (hint: did you mean …?)`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.in_lang(Lang::En).fmt(f)
    }
}

impl std::error::Error for Diagnostic {}

/// The diagnostics that stopped a plan from loading (errors, with the warnings found
/// beside them), in the order they stand in each file. Each is located.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The diagnostics as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// The errors among them (not the warnings).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'d> IntoIterator for &'d Diagnostics {
    type Item = &'d Diagnostic;
    type IntoIter = std::slice::Iter<'d, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Diagnostics> for Vec<Diagnostic> {
    fn from(diagnostics: Diagnostics) -> Vec<Diagnostic> {
        diagnostics.0
    }
}

/// One diagnostic per line, in English, errors and warnings alike.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

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
