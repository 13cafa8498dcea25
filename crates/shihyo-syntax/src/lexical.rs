//! A light scan of normalised text that runs before the grammar.
//!
//! It finds what a PEG parser does not keep or should not have to survive:
//! the comments (for the formatter), nesting deeper than [`MAX_NESTING`]
//! (rejected before the recursive parser sees it, so no input can exhaust the
//! stack, natively or in WASM), the lines where a top-level statement
//! starts, so that one syntax error does not hide the errors after it, and
//! the brackets and quotes that do not pair up, so that a missing `}` is
//! reported as one, where its block opened, rather than wherever the grammar
//! gave up.

use crate::language::{self, Role};
use std::ops::Range;

/// The deepest nesting of `(`, `{` and `「` the parser accepts.
pub const MAX_NESTING: usize = 32;

/// What [`scan`] finds in a text. Every offset is a byte offset in the NFKC-normalised text, not
/// the original.
#[derive(Debug, Default)]
pub struct Scan {
    /// Byte ranges of `//` comments (without the line break).
    pub comments: Vec<Range<usize>>,
    /// Where nesting first went deeper than [`MAX_NESTING`].
    pub too_deep: Option<usize>,
    /// Byte offsets of lines that start a top-level statement.
    pub statement_starts: Vec<usize>,
    /// Brackets and quotes that do not pair up, in the order they were found.
    pub unpaired: Vec<Unpaired>,
}

/// A bracket or quote that does not pair up (byte offsets in the normalised text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unpaired {
    /// A `{`, `(` or `「` never closed, or closed by the other kind of bracket first.
    Open {
        /// The bracket or quote left open: `{`, `(` or `「`.
        opener: char,
        /// Where the opener is.
        at: usize,
        /// The closer of the other kind (`}` or `)`) that came first, and where it is; `None` when
        /// nothing closes the opener before the text ends.
        closed_by: Option<(char, usize)>,
    },
    /// A `"` name that runs past the end of its line.
    Name {
        /// Where the opening `"` is.
        at: usize,
        /// Where its line ends (the line break, or the end of the text); the scan reads on from there.
        line_end: usize,
    },
    /// A `}` or `)` with nothing open.
    Stray {
        /// The closer: `}` or `)`.
        closer: char,
        /// Where it is.
        at: usize,
    },
}

impl Unpaired {
    /// Where the problem starts.
    pub fn at(&self) -> usize {
        match *self {
            Unpaired::Open { at, .. } | Unpaired::Name { at, .. } | Unpaired::Stray { at, .. } => at,
        }
    }
}

/// Scans NFKC-normalised text (what the grammar reads) for comments, nesting deeper than
/// [`MAX_NESTING`], the starts of top-level statements and the brackets and quotes that do not pair up.
pub fn scan(text: &str) -> Scan {
    let mut result = Scan::default();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // The `{` and `(` open at this point, innermost last.
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut at_line_start = true;
    let mut index = 0;
    while index < bytes.len() {
        let rest = &text[index..];
        let c = rest.chars().next().unwrap_or('\0');
        if at_line_start && depth == 0 && !c.is_whitespace() {
            let word: &str = rest.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            if language::starts_statement(word) {
                result.statement_starts.push(index);
            }
        }
        if c != ' ' && c != '\t' && c != '\r' {
            at_line_start = c == '\n';
        }
        match c {
            '/' if rest.starts_with("//") => {
                let end = rest.find('\n').map_or(text.len(), |n| index + n);
                result.comments.push(index..end);
                index = end;
                continue;
            }
            '"' => {
                // A text after `source`, `note`, `comment`… may run over lines (a pasted
                // paragraph); a name may not.
                let word_before = text[..index].trim_end().rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
                let multiline = language::KEYWORDS.iter().any(|k| k.word == word_before && matches!(k.role, Role::Meta | Role::Remark));
                let (end, closed) = skip_double_quoted(text, index + 1, multiline);
                if !closed {
                    // A name has no line break: read on from the end of its line.
                    let line_end = text[index..].find('\n').map_or(text.len(), |n| index + n);
                    result.unpaired.push(Unpaired::Name { at: index, line_end });
                    index = line_end;
                    continue;
                }
                index = end;
                continue;
            }
            '「' | '(' | '{' => {
                depth += 1;
                if depth > MAX_NESTING && result.too_deep.is_none() {
                    result.too_deep = Some(index);
                }
                if c == '「' {
                    let (end, closed) = skip_corner_quoted(text, index + c.len_utf8(), &mut depth, &mut result);
                    if !closed {
                        result.unpaired.push(Unpaired::Open { opener: c, at: index, closed_by: None });
                    }
                    index = end;
                    continue;
                }
                open.push((c, index));
            }
            ')' | '}' => {
                depth = depth.saturating_sub(1);
                let pair = if c == ')' { '(' } else { '{' };
                // A closer whose kind is not open at all closes nothing (one `)` too many).
                if !open.iter().any(|(o, _)| *o == pair) {
                    result.unpaired.push(Unpaired::Stray { closer: c, at: index });
                    index += c.len_utf8();
                    continue;
                }
                // An opener of its kind is open, so one is on the stack.
                if let Some((opener, at)) = open.pop().filter(|(opener, _)| *opener != pair) {
                    result.unpaired.push(Unpaired::Open { opener, at, closed_by: Some((c, index)) });
                    // `{ … ( … }`: the `}` still closes its `{`.
                    if open.last().is_some_and(|(o, _)| *o == pair) {
                        open.pop();
                    }
                }
            }
            _ => {}
        }
        index += c.len_utf8();
    }
    result.unpaired.extend(open.into_iter().map(|(opener, at)| Unpaired::Open { opener, at, closed_by: None }));
    result
}

/// Skips a `"…"` string: where it ends, and whether it closed (on its line, unless
/// it may run over lines).
fn skip_double_quoted(text: &str, mut index: usize, multiline: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    while index < bytes.len() {
        match bytes[index] {
            b'\\' if bytes.get(index + 1) != Some(&b'\n') => index += 2,
            b'"' => return (index + 1, true),
            b'\n' if !multiline => return (index, false),
            _ => index += 1,
        }
    }
    (text.len(), false)
}

/// Skips a `「…」` string (which may nest), counting its nesting depth: where it
/// ends, and whether it closed.
fn skip_corner_quoted(text: &str, mut index: usize, depth: &mut usize, result: &mut Scan) -> (usize, bool) {
    let outer = *depth - 1;
    while index < text.len() {
        let c = text[index..].chars().next().unwrap_or('\0');
        index += c.len_utf8();
        if c == '「' {
            *depth += 1;
            if *depth > MAX_NESTING && result.too_deep.is_none() {
                result.too_deep = Some(index - c.len_utf8());
            }
        } else if c == '」' {
            *depth -= 1;
            if *depth == outer {
                return (index, true);
            }
        }
    }
    *depth = outer;
    (text.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_strings_are_found() {
        let scan = scan("a // one\n\"// not\" 「// nor」 // two");
        assert_eq!(scan.comments.len(), 2);
    }

    #[test]
    fn brackets_and_quotes_that_do_not_pair_up_are_found() {
        let unpaired = |text: &str| scan(text).unpaired;
        assert_eq!(unpaired("group \"A\" { outcome \"x\" >= min(1, 2) }"), []);
        assert_eq!(unpaired("group \"A\" {\n outcome \"x\" >= 1\n"), [Unpaired::Open { opener: '{', at: 10, closed_by: None }]);
        assert_eq!(
            unpaired("group \"A\" { outcome \"x\" >= min(1, 2 }"),
            [Unpaired::Open { opener: '(', at: 30, closed_by: Some(('}', 36)) }]
        );
        assert_eq!(unpaired("outcome \"x >= 1\noutcome \"y\" >= 2"), [Unpaired::Name { at: 8, line_end: 15 }]);
        assert_eq!(unpaired("outcome 「x >= 1"), [Unpaired::Open { opener: '「', at: 8, closed_by: None }]);
        assert_eq!(unpaired("outcome \"x\" >= 1 }"), [Unpaired::Stray { closer: '}', at: 17 }]);
        assert_eq!(unpaired("// a { in a comment\n\"a ( in a name\""), []);
        assert_eq!(unpaired("outcome \"x\" >= 1 { source \"第1行\n第2行\" }"), [], "a text after `source` may run over lines");
        assert_eq!(unpaired("group \"A\" {\n outcome \"x\" >= min(1, 2))\n}"), [Unpaired::Stray { closer: ')', at: 37 }]);
    }

    #[test]
    fn deep_nesting_is_caught_before_parsing() {
        let text = "(".repeat(MAX_NESTING + 1);
        assert_eq!(scan(&text).too_deep, Some(MAX_NESTING));
        assert_eq!(scan(&"(".repeat(MAX_NESTING)).too_deep, None);
    }

    #[test]
    fn statements_start_at_depth_zero_only() {
        let scan = scan("plan \"p\" {\n  period R3..R7\n}\ngroup \"g\" {\n  output \"x\" >= 1\n}\noutcome \"y\" >= 2\n");
        assert_eq!(scan.statement_starts.len(), 3);
    }
}
