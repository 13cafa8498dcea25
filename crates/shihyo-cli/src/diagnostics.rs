//! Showing diagnostics: for people with codespan-reporting (file:line:column,
//! the source line, a caret under the right characters even after
//! full-width text, the hint), for tools as JSON objects.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};
use shihyo_core::output::json::clamp;
use shihyo_core::syntax::{Diagnostic, FileId, Lang, Severity};
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
    for diagnostic in diagnostics.iter().take(MOST_SHOWN) {
        let severity = match diagnostic.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let file = diagnostic.file.0 as usize;
        let mut labels = vec![Label::primary(file, clamp(engine.sources()[file].original(), diagnostic.span.clone()))];
        for related in &diagnostic.related {
            let related_file = related.file.0 as usize;
            labels.push(
                Label::secondary(related_file, clamp(engine.sources()[related_file].original(), related.span.clone()))
                    .with_message(related.message.get(lang)),
            );
        }
        let mut report = Report::new(severity).with_code(diagnostic.code).with_message(diagnostic.message.get(lang)).with_labels(labels);
        if let Some(hint) = &diagnostic.hint {
            report = report.with_notes(vec![format!("{help}: {}", hint.get(lang))]);
        }
        let _ = term::emit(&mut writer.lock(), &config, &files, &report);
    }
    if diagnostics.len() > MOST_SHOWN {
        let (rest, most) = (diagnostics.len() - MOST_SHOWN, MOST_SHOWN);
        let note = shihyo_core::syntax::tr!(
            "… and {rest} more, not shown (the first {most} are); `--format json` lists them all",
            "… ほかに {rest} 件あります（最初の {most} 件を示しました）。`--format json` ですべてを出力します"
        );
        eprintln!("{}", note.get(lang));
    }
}

/// Prints a failed expectation to standard output: its message over the source line it is written on.
pub fn print_failure(engine: &Engine, file: FileId, span: std::ops::Range<usize>, message: &str) {
    let mut files = SimpleFiles::new();
    let source = engine.source(file);
    let id = files.add(source.name().to_string(), source.original().to_string());
    let stdout = std::io::stdout();
    let writer = StandardStream::stdout(color_choice(stdout.is_terminal()));
    let report =
        Report::new(ReportSeverity::Error).with_message(message).with_labels(vec![Label::primary(id, clamp(source.original(), span))]);
    let _ = term::emit(&mut writer.lock(), &term::Config::default(), &files, &report);
}

/// The most diagnostics shown to a person: past these, a count (JSON keeps them all).
const MOST_SHOWN: usize = 200;
