//! Offsets as editors count them: the core's spans are byte offsets of the
//! original text; the Language Server Protocol counts zero-based lines and
//! UTF-16 columns, the browser's editor UTF-16 code units from the start.

/// The lines of one text, to convert between its byte offsets and editors' positions.
#[derive(Clone, Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the lines of `text` (lines end at `\n`).
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        LineIndex { text, starts }
    }

    /// The zero-based line and UTF-16 column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = floor_boundary(self.text, offset);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.starts[line]..offset].encode_utf16().count();
        (to_u32(line), to_u32(column))
    }

    /// The byte offset of a zero-based line and UTF-16 column; a line past the end
    /// is the end of the text, a column past the line's end the line's end.
    pub fn offset(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.starts.get(line as usize) else { return self.text.len() };
        let end = self.starts.get(line as usize + 1).map_or(self.text.len(), |next| next - 1);
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            if units >= column as usize {
                return start + at;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The UTF-16 code units before a byte offset: the browser editor's offset.
    pub fn utf16(&self, offset: usize) -> usize {
        self.text[..floor_boundary(self.text, offset)].encode_utf16().count()
    }

    /// The byte offset of the browser editor's offset (UTF-16 code units from the start).
    pub fn from_utf16(&self, units: usize) -> usize {
        let mut counted = 0;
        for (at, c) in self.text.char_indices() {
            if counted >= units {
                return at;
            }
            counted += c.len_utf16();
        }
        self.text.len()
    }
}

/// The offset, clamped to the text and moved back to a character's start.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn counts_lines_and_utf16_columns() {
        let text = "plan \"例\" {\n  outcome 「𠮟る」 >= 1\n}";
        let index = LineIndex::new(text);
        let at = text.find(" >=").unwrap();
        // 2 spaces, `outcome `, 「 and 𠮟 (two UTF-16 units), る and 」.
        assert_eq!(index.position(at), (1, 2 + 8 + 1 + 2 + 1 + 1));
        assert_eq!(index.offset(1, 15), at);
        assert_eq!(index.offset(0, 999), text.find('\n').unwrap());
        assert_eq!(index.offset(9, 0), text.len());
        assert_eq!(index.from_utf16(index.utf16(at)), at);
        // Inside a character: back to its start.
        assert_eq!(index.position(text.find('例').unwrap() + 1), (0, 6));
    }
}
