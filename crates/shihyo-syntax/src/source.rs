//! Source text as the user wrote it and as the grammar reads it.
//!
//! The grammar runs on NFKC-normalised text, so that full-width digits,
//! `％`, `（）` and the era ligatures read like their plain forms. Every span
//! in the AST and in diagnostics is a byte range of the *original* text, so
//! that messages point at what the user sees. [`Source`] keeps both texts and
//! a compact map between them: only the stretches that normalisation changed
//! are recorded.

use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// A byte range in a source's original text.
pub type Span = Range<usize>;

/// Index of a source in the host's table of files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct FileId(pub u32);

impl FileId {
    /// No file: a value the host program set itself (`Project::set_actual` in
    /// `shihyo-core`), which no engine holds a text for.
    pub const HOST: FileId = FileId(u32::MAX);
}

/// One stretch whose normalised form differs from the original.
#[derive(Clone, Debug)]
struct Changed {
    normalized: Range<usize>,
    original: Range<usize>,
}

/// Where each line of a text starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// A named text with its NFKC-normalised form and line index.
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    original: String,
    normalized: String,
    changes: Vec<Changed>,
    line_starts: Vec<usize>,
}

/// The key a name is matched by, as the parser keys the names it reads: its NFKC
/// form, without the spaces around it (full-width ones too).
pub fn name_key(name: &str) -> String {
    // Most names are in NFKC already (every name a data file repeats for each year): they are
    // keyed as they are, without building a source of their own.
    let quick =
        !name.starts_with('\u{FEFF}') && unicode_normalization::is_nfkc_quick(name.chars()) == unicode_normalization::IsNormalized::Yes;
    if quick {
        return name.trim().to_string();
    }
    Source::new("", name).normalized().trim().to_string()
}

impl Source {
    /// Normalises `text` (NFKC; a leading byte-order mark is dropped).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let original: String = text.into();
        let mut normalized = String::with_capacity(original.len());
        let mut changes = Vec::new();
        let body_start = if original.starts_with('\u{FEFF}') { 3 } else { 0 };
        if body_start > 0 {
            changes.push(Changed { normalized: 0..0, original: 0..body_start });
        }
        let body = &original[body_start..];
        if unicode_normalization::is_nfkc_quick(body.chars()) == unicode_normalization::IsNormalized::Yes {
            // Already normalised (ASCII, kana and kanji as typed): nothing to map.
            normalized.push_str(body);
            let line_starts = line_starts(&original);
            return Source { name: name.into(), original, normalized, changes, line_starts };
        }
        let mut chars = body.char_indices().peekable();
        while let Some((start, _)) = chars.next() {
            // A cluster is a character and every following one whose
            // decomposition begins with a combining mark (so ｶﾞ stays whole).
            let mut end = body.len();
            while let Some(&(next, c)) = chars.peek() {
                if c.is_ascii() {
                    end = next;
                    break;
                }
                let first = std::iter::once(c).nfkd().next().unwrap_or(c);
                if canonical_combining_class(first) == 0 {
                    end = next;
                    break;
                }
                chars.next();
            }
            let cluster = &body[start..end];
            let before = normalized.len();
            if cluster.is_ascii() {
                normalized.push_str(cluster);
            } else {
                normalized.extend(cluster.nfkc());
                if &normalized[before..] != cluster {
                    changes.push(Changed { normalized: before..normalized.len(), original: body_start + start..body_start + end });
                }
            }
        }
        let line_starts = line_starts(&original);
        Source { name: name.into(), original, normalized, changes, line_starts }
    }

    /// The name shown in diagnostics (usually the file path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text as written.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The NFKC-normalised text the grammar reads.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Maps a byte offset of the normalised text to the original text.
    pub fn to_original(&self, offset: usize) -> usize {
        let index = self.changes.partition_point(|c| c.normalized.start <= offset);
        if index == 0 {
            return offset;
        }
        let change = &self.changes[index - 1];
        if offset < change.normalized.end || (offset == change.normalized.end && change.normalized.is_empty()) {
            if offset == change.normalized.start && !change.normalized.is_empty() {
                change.original.start
            } else {
                change.original.end
            }
        } else {
            offset - change.normalized.end + change.original.end
        }
    }

    /// Maps a normalised byte range to the original text.
    pub fn span_to_original(&self, span: Range<usize>) -> Span {
        let start = self.to_original(span.start);
        let end = if span.end == span.start { start } else { self.to_original_end(span.end) };
        start..end.max(start)
    }

    /// Like [`Source::to_original`], for the end of a range: an offset inside
    /// a changed stretch maps to the end of that stretch.
    fn to_original_end(&self, offset: usize) -> usize {
        let index = self.changes.partition_point(|c| c.normalized.start < offset);
        if index == 0 {
            return offset;
        }
        let change = &self.changes[index - 1];
        if offset <= change.normalized.end {
            change.original.end
        } else {
            offset - change.normalized.end + change.original.end
        }
    }

    /// 1-based line and column (in characters) of an original byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.original.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = self.original[line_start..floor_char_boundary(&self.original, offset)].chars().count();
        (line + 1, column + 1)
    }

    /// Where an original byte offset is, as people cite it: `plan.kpi:12:5` (file, line, column).
    pub fn place(&self, offset: usize) -> String {
        let (line, column) = self.line_column(offset);
        format!("{}:{line}:{column}", self.name)
    }

    /// Byte offsets at which each line starts.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_text_is_normalised_and_maps_back() {
        let source = Source::new("t", "ａ＝２９８，５１３千円");
        assert_eq!(source.normalized(), "a=298,513千円");
        let yen = source.normalized().find('千').unwrap();
        assert_eq!(&source.original()[source.to_original(yen)..], "千円");
        let digits = source.normalized().find('2').unwrap();
        assert_eq!(source.span_to_original(digits..digits + 7), "ａ＝".len().."ａ＝２９８，５１３".len());
    }

    #[test]
    fn half_width_kana_with_voicing_mark_composes() {
        assert_eq!(Source::new("t", "ｶﾞｲﾄﾞ").normalized(), "ガイド");
    }

    #[test]
    fn kangxi_radicals_and_era_ligatures_are_normalised() {
        // U+2F47 KANGXI RADICAL SUN, U+32FF SQUARE ERA NAME REIWA
        assert_eq!(Source::new("t", "\u{2F47}\u{32FF}").normalized(), "日令和");
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let source = Source::new("t", "\u{FEFF}R1");
        assert_eq!(source.normalized(), "R1");
        assert_eq!(source.to_original(0), 3);
    }

    #[test]
    fn line_and_column_count_characters() {
        let source = Source::new("t", "一行目\n市民満足度 x");
        let x = source.original().find('x').unwrap();
        assert_eq!(source.line_column(x), (2, 7));
    }
}
