//! Reading the files named on the command line into the engine: bytes to
//! text (invalid UTF-8 is a diagnostic with its line and column, not a
//! panic), and plain-language errors for files that cannot be read. Data
//! files saved by Excel as plain “CSV” are Shift_JIS: those are decoded, with
//! a note, when they are not UTF-8 and decode without a single bad byte.

use shihyo_core::syntax::Code;
use shihyo_core::syntax::{tr, Diagnostic, FileId, Localized};
use shihyo_core::Engine;
use std::path::Path;

/// A file that could not be read at all (missing, a directory, no permission).
pub struct Unreadable(pub Localized);

/// How a file's bytes may be decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Plans: UTF-8 only.
    Utf8,
    /// Data files: UTF-8, else Shift_JIS as Excel writes it.
    Utf8OrShiftJis,
}

/// A file's bytes, or why they cannot be read, in the user's language.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Unreadable> {
    std::fs::read(path).map_err(|error| {
        let shown = path.display();
        let reason = match error.kind() {
            std::io::ErrorKind::NotFound => tr!("there is no such file", "そのファイルはありません"),
            std::io::ErrorKind::PermissionDenied => tr!("permission denied", "読む権限がありません"),
            std::io::ErrorKind::IsADirectory => tr!("it is a folder", "フォルダーです"),
            _ => {
                let reason = error.to_string();
                tr!("{reason}", "{reason}")
            }
        };
        let (en, ja) = (reason.en, reason.ja);
        Unreadable(tr!("cannot read {shown}: {en}", "{shown} を読めません: {ja}"))
    })
}

/// Adds a file to the engine. Text that cannot be decoded yields a diagnostic
/// pointing at the first bad byte; a Shift_JIS data file yields a warning.
pub fn add_file(engine: &mut Engine, path: &Path, encoding: Encoding) -> Result<(FileId, Option<Diagnostic>), Unreadable> {
    let shown = path.display().to_string();
    let bytes = read_bytes(path)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((engine.add_source(shown, text), None)),
        Err(error) => {
            if encoding == Encoding::Utf8OrShiftJis {
                if let Some(text) = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(error.as_bytes()) {
                    let id = engine.add_source(shown, text.into_owned());
                    let note = Diagnostic::warning(
                        Code::W0007,
                        id,
                        0..0,
                        tr!("read as Shift_JIS (this file is not UTF-8)", "Shift_JIS として読みました（UTF-8 ではありません）"),
                    )
                    .with_hint(tr!("saving it as “CSV UTF-8” avoids any doubt", "「CSV UTF-8」で保存すると確実です"));
                    return Ok((id, Some(note)));
                }
            }
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let id = engine.add_source(shown, text);
            let diagnostic = Diagnostic::error(
                Code::E0006,
                id,
                valid..valid + 1,
                tr!("this file is not UTF-8 text", "このファイルは UTF-8 のテキストではありません"),
            )
            .with_hint(tr!("save it as UTF-8 (in Excel: “CSV UTF-8”)", "UTF-8 で保存してください（Excel では「CSV UTF-8」）"));
            Ok((id, Some(diagnostic)))
        }
    }
}
