//! Plan and data files read from disk as every shihyo host reads them (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use shihyo_syntax::{tr, Code, Diagnostic, FileId, Localized};
use std::path::Path;

/// A file that could not be read at all (missing, a directory, no permission).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub Localized);

/// How a file's bytes may be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Plans: UTF-8 only.
    Utf8,
    /// Data files: UTF-8, else Shift_JIS as Excel writes it.
    Utf8OrShiftJis,
}

/// How a file's text was decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoding {
    /// The bytes are UTF-8: the text is exactly them.
    Utf8,
    /// A data file that is not UTF-8 but is Shift_JIS throughout.
    ShiftJis,
    /// Neither: the text is decoded with replacement characters, and is an error.
    NotUtf8 {
        /// The byte offset of the first byte that is not UTF-8 (where E0006 points).
        valid_up_to: usize,
    },
}

/// A file's bytes, or why they cannot be read, in the user's language.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Unreadable> {
    std::fs::read(path).map_err(|error| {
        let shown = path.display();
        let reason = match error.kind() {
            std::io::ErrorKind::NotFound => tr!("there is no such file", "そのファイルはありません"),
            std::io::ErrorKind::PermissionDenied => tr!("permission denied", "読む権限がありません"),
            std::io::ErrorKind::IsADirectory => tr!("it is a folder", "フォルダーです"),
            _ => {
                let reason = error.to_string();
                tr!("{reason}", "{reason}")
            }
        };
        let (en, ja) = (reason.en, reason.ja);
        Unreadable(tr!("cannot read {shown}: {en}", "{shown} を読めません: {ja}"))
    })
}

/// A file's bytes as text, and how they were decoded.
pub fn decode(bytes: Vec<u8>, encoding: Encoding) -> (String, Decoding) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Decoding::Utf8),
        Err(error) => {
            if encoding == Encoding::Utf8OrShiftJis {
                if let Some(text) = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(error.as_bytes()) {
                    return (text.into_owned(), Decoding::ShiftJis);
                }
            }
            let valid_up_to = error.utf8_error().valid_up_to();
            (String::from_utf8_lossy(error.as_bytes()).into_owned(), Decoding::NotUtf8 { valid_up_to })
        }
    }
}

impl Decoding {
    /// What to tell of the decoding of `file`: nothing for UTF-8, W0007 for Shift_JIS, E0006 at the first bad byte.
    pub fn diagnostic(self, file: FileId) -> Option<Diagnostic> {
        match self {
            Decoding::Utf8 => None,
            Decoding::ShiftJis => Some(
                Diagnostic::warning(
                    Code::W0007,
                    file,
                    0..0,
                    tr!("read as Shift_JIS (this file is not UTF-8)", "Shift_JIS として読みました（UTF-8 ではありません）"),
                )
                .with_hint(tr!("saving it as “CSV UTF-8” avoids any doubt", "「CSV UTF-8」で保存すると確実です")),
            ),
            Decoding::NotUtf8 { valid_up_to } => Some(
                Diagnostic::error(
                    Code::E0006,
                    file,
                    valid_up_to..valid_up_to + 1,
                    tr!("this file is not UTF-8 text", "このファイルは UTF-8 のテキストではありません"),
                )
                .with_hint(tr!("save it as UTF-8 (in Excel: “CSV UTF-8”)", "UTF-8 で保存してください（Excel では「CSV UTF-8」）")),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, Decoding, Encoding};

    #[test]
    fn decodes_utf8_then_shift_jis_for_data_only() {
        let shift_jis = encoding_rs::SHIFT_JIS.encode("指標,R5\n").0.into_owned();
        assert_eq!(decode(shift_jis.clone(), Encoding::Utf8OrShiftJis), ("指標,R5\n".to_string(), Decoding::ShiftJis));
        assert_eq!(decode(shift_jis, Encoding::Utf8).1, Decoding::NotUtf8 { valid_up_to: 0 });
        assert_eq!(decode("指標".as_bytes().to_vec(), Encoding::Utf8), ("指標".to_string(), Decoding::Utf8));
    }
}
