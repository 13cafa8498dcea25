//! Showing diagnostics: for people with codespan-reporting (file:line:column,
//! the source line, a caret under the right characters even after
//! full-width text, the hint), for tools as JSON objects.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use serde_json::{json, Value};
use shihyo_core::syntax::{Diagnostic, Lang, Severity};
use shihyo_core::Engine;
use std::io::IsTerminal;

/// Whether to colour output on this stream.
pub fn color_choice(is_terminal: bool) -> ColorChoice {
    if is_terminal && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    }
}

/// Prints diagnostics to standard error for a person.
pub fn print(engine: &Engine, diagnostics: &[Diagnostic], lang: Lang) {
    let mut files = SimpleFiles::new();
    for source in engine.sources() {
        files.add(source.name().to_string(), source.original().to_string());
    }
    let stderr = std::io::stderr();
    let writer = StandardStream::stderr(color_choice(stderr.is_terminal()));
    let config = term::Config::default();
    let help = match lang {
        Lang::En => "help",
        Lang::Ja => "ヒント",
    };
    for diagnostic in diagnostics {
        let severity = match diagnostic.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let file = diagnostic.file.0 as usize;
        let mut labels = vec![Label::primary(file, clamp(engine, file, diagnostic.span.clone()))];
        for related in &diagnostic.related {
            let related_file = related.file.0 as usize;
            labels.push(
                Label::secondary(related_file, clamp(engine, related_file, related.span.clone())).with_message(related.message.get(lang)),
            );
        }
        let mut report = Report::new(severity).with_code(diagnostic.code).with_message(diagnostic.message.get(lang)).with_labels(labels);
        if let Some(hint) = &diagnostic.hint {
            report = report.with_notes(vec![format!("{help}: {}", hint.get(lang))]);
        }
        let _ = term::emit(&mut writer.lock(), &config, &files, &report);
    }
}

/// Keeps a span inside its text and on character boundaries.
fn clamp(engine: &Engine, file: usize, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = engine.sources()[file].original();
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// A diagnostic as a JSON object (positions 1-based; columns count characters).
pub fn to_json(engine: &Engine, diagnostic: &Diagnostic, lang: Lang) -> Value {
    let source = &engine.sources()[diagnostic.file.0 as usize];
    let span = clamp(engine, diagnostic.file.0 as usize, diagnostic.span.clone());
    let (line, column) = source.line_column(span.start);
    let (end_line, end_column) = source.line_column(span.end);
    json!({
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "message": diagnostic.message.get(lang),
        "hint": diagnostic.hint.as_ref().map(|h| h.get(lang)),
        "file": source.name(),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": span.start,
        "end": span.end,
        "related": diagnostic.related.iter().map(|r| {
            let related = &engine.sources()[r.file.0 as usize];
            let (line, column) = related.line_column(r.span.start);
            json!({ "file": related.name(), "line": line, "column": column, "message": r.message.get(lang) })
        }).collect::<Vec<_>>(),
    })
}
