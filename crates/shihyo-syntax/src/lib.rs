//! The text of the shihyo indicator language (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The grammar is pest's without its `std` feature, which probes the native stack on every rule
// (about a tenth of parsing); nesting is bounded before the grammar runs (`lexical.rs`, E0004),
// and the parser pest generates without `std` names `alloc`.
extern crate alloc;

pub mod ast;
pub mod code;
pub mod diagnostic;
pub mod format;
pub mod language;
pub mod lexical;
pub mod number;
pub mod parser;
mod quote;
pub mod source;
pub mod year;

pub use code::Code;
pub use diagnostic::{closest, did_you_mean_name, Diagnostic, Diagnostics, Fix, Lang, Localized, Location, Related, Severity};
pub use parser::{parse, parse_cell, parse_year_cell, CellValue, Parsed};
pub use quote::{escaped, quoted};
pub use source::{name_key, FileId, Source, Span};
pub use year::Year;
