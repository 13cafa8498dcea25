//! A name or text written back as a string of the language, so that the parser
//! reads it as it was: in double quotes, with what ends or escapes a string
//! escaped. Quick fixes, rename and the importer's drafts write names with it.

use unicode_normalization::UnicodeNormalization;

/// Quotes a text as a shihyo string (a name, a `source`): in double quotes, with
/// `"` and `\` escaped and line breaks as spaces.
pub fn quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '\n' => quoted.push(' '),
            // The parser reads NFKC text, where `＼` and `＂` are a backslash and a quote
            // too: each is escaped, and the plan still shows the character as written.
            c if std::iter::once(c).nfkc().any(|n| n == '\\' || n == '"') => {
                quoted.push('\\');
                quoted.push(c);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
