//! Reading the files named on the command line into the engine: bytes to
//! text (invalid UTF-8 is a diagnostic with its line and column, not a
//! panic), and plain-language errors for files that cannot be read.

use shihyo_core::syntax::{tr, Diagnostic, FileId, Localized};
use shihyo_core::Engine;
use std::path::Path;

/// A file that could not be read at all (missing, a directory, no permission).
pub struct Unreadable(pub Localized);

/// Adds a file to the engine. Invalid UTF-8 yields a diagnostic pointing at the first bad byte.
pub fn add_file(engine: &mut Engine, path: &Path) -> Result<(FileId, Option<Diagnostic>), Unreadable> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| {
        let reason = error.to_string();
        Unreadable(tr!("cannot read {shown}: {reason}", "{shown} を読めません: {reason}"))
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((engine.add_source(shown, text), None)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let id = engine.add_source(shown, text);
            let diagnostic = Diagnostic::error(
                "E0006",
                id,
                valid..valid + 1,
                tr!("this file is not UTF-8 text", "このファイルは UTF-8 のテキストではありません"),
            )
            .with_hint(tr!(
                "save it as UTF-8 (in Excel: “CSV UTF-8”); Shift_JIS files are not read",
                "UTF-8 で保存してください（Excel では「CSV UTF-8」）。Shift_JIS のファイルは読めません"
            ));
            Ok((id, Some(diagnostic)))
        }
    }
}
