//! A name or text written back as a string of the language, so that the parser
//! reads it as it was: in double quotes, with what ends or escapes a string
//! escaped. Quick fixes, rename, completion and the importer's drafts write names
//! with it.

use unicode_normalization::UnicodeNormalization;

/// Quotes a text as a shihyo string (a name, a `source`): in double quotes, with
/// `"` and `\` escaped and line breaks as spaces.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escaped(text))
}

/// What goes between a string's double quotes for a text: `"` and `\` escaped,
/// line breaks as spaces.
pub fn escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => escaped.push(' '),
            // The parser reads NFKC text, where `＼` and `＂` are a backslash and a quote
            // too: each is escaped, and the plan still shows the character as written.
            c if std::iter::once(c).nfkc().any(|n| n == '\\' || n == '"') => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped
}
