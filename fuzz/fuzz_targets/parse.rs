//! Any text: parsing never panics, and a plan that parses formats to a text
//! that parses to the same tree (the formatter's round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shihyo_core::syntax::{format::format, parse, FileId, Source};

fuzz_target!(|text: &str| {
    let source = Source::new("fuzz.kpi", text);
    let parsed = parse(&source, FileId(0));
    if let Some(formatted) = format(&source, &parsed) {
        let again = Source::new("formatted.kpi", formatted.as_str());
        let reparsed = parse(&again, FileId(0));
        assert!(!reparsed.has_errors(), "the formatted plan does not parse:\n{formatted}");
        assert_eq!(format(&again, &reparsed).as_deref(), Some(formatted.as_str()), "formatting is not stable");
    }
});
