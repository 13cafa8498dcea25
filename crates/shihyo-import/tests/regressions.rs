//! Inputs the fuzzer (`fuzz/`, target `import`) found, kept so they stay fixed.

use shihyo_import::{import, Format};
use shihyo_syntax::{parse, FileId, Source};

fn draft_parses(bytes: &[u8], format: Format) {
    let imported = import(bytes, format, "regression", 2025).expect("the input is readable");
    let source = Source::new("draft.kpi", imported.imported.text.as_str());
    let parsed = parse(&source, FileId(0));
    assert!(!parsed.has_errors(), "the draft does not parse: {:?}\n{}", parsed.diagnostics, imported.imported.text);
}

#[test]
fn full_width_backslashes_and_quotes_are_escaped_in_drafts() {
    // Read after NFKC, `＼` is a backslash: unescaped, it swallowed the closing quote.
    draft_parses("髮ｹｭpe崕ｭpeﾔｦｭｹｴ裙＼\n".as_bytes(), Format::Text);
    draft_parses("満足度＂80%以上＼＼\n".as_bytes(), Format::Text);
    // The bytes the fuzzer found (Shift_JIS).
    let found = include_bytes!("regressions/fullwidth-backslash.txt");
    draft_parses(found, Format::Text);
}
