//! The annual progress report of a plan (進捗状況・評価結果): its content from
//! one evaluation, rendered as HTML or an Excel workbook (the guide follows).
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod content;
pub mod html;
mod markup;
mod svg;
mod words;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use content::{build, heading, AnnualReport, Area, Change, Line, Missing, NotBefore, Previous, Request, Row, YearFigure};
