//! Reading the files named on the command line into the engine, as
//! `shihyo-files` reads them (UTF-8, Shift_JIS data with a note, invalid text
//! a diagnostic with its line and column, unreadable files in plain words).

use shihyo_core::syntax::{Diagnostic, FileId};
use shihyo_core::Engine;
pub use shihyo_files::{read_bytes, Encoding, Unreadable};
use std::path::Path;

/// Adds a file to the engine. Text that cannot be decoded yields a diagnostic
/// pointing at the first bad byte; a Shift_JIS data file yields a warning.
pub fn add_file(engine: &mut Engine, path: &Path, encoding: Encoding) -> Result<(FileId, Option<Diagnostic>), Unreadable> {
    let (text, decoding) = shihyo_files::decode(read_bytes(path)?, encoding);
    let id = engine.add_source(path.display().to_string(), text);
    Ok((id, decoding.diagnostic(id)))
}
