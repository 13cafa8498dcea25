//! Any bytes as a table or text of indicator sentences (TSV, CSV, xlsx, txt):
//! the importer answers with a draft or a reason, never a panic, and a draft
//! it writes always parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shihyo_import::{import, Format};

fuzz_target!(|input: (u8, &[u8])| {
    let (kind, bytes) = input;
    let format = [Format::Tsv, Format::Csv, Format::Xlsx, Format::Text][usize::from(kind % 4)];
    if let Ok(imported) = import(bytes, format, "fuzz", 2025) {
        let source = shihyo_core::syntax::Source::new("draft.kpi", imported.imported.text.as_str());
        let parsed = shihyo_core::syntax::parse(&source, shihyo_core::syntax::FileId(0));
        assert!(!parsed.has_errors(), "the draft does not parse:\n{}", imported.imported.text);
    }
});
