//! The annual progress report of a plan (進捗状況・評価結果), as a planning
//! office publishes it: a cover, a summary (counts by status, a grade per
//! reform area and overall, a chart of statuses by area), per area a table of
//! its indicators with every year of the period and each indicator's chart,
//! sentence, ground and remarks, what changed since a previous year, the
//! actuals still missing, and the method in words.
//!
//! One evaluation, two renderings: [`build`] evaluates the project (as
//! `shihyo eval` would, with the same year and scenario) and lays the figures
//! out in an [`AnnualReport`]; [`html::render`] writes it as one
//! self-contained HTML file that prints on A4 landscape, and `xlsx::write`
//! (feature `xlsx`) as an Excel workbook. No I/O: the host writes the bytes.
//!
//! ```
//! use shihyo_core::Engine;
//! use shihyo_core::syntax::Lang;
//!
//! let mut engine = Engine::new();
//! let plan = engine.add_source("plan.kpi", r#"
//! plan "例" { period R3..R7  baseline R1 }
//! group "1" "窓口" { outcome "電子申請件数" >= baseline * 150% unit 件 }
//! data "電子申請件数" { R1: 10,000  R5: 13,100 }
//! "#);
//! let project = engine.load(plan, &[]).expect("a valid plan");
//! let request = shihyo_report::Request { as_of: Some(2023), previous: None, scenario: None, lang: Lang::Ja };
//! let report = shihyo_report::build(&project, &request).expect("the report");
//! let html = shihyo_report::html::render(&report);
//! assert!(html.contains("13,100件") && html.contains("令和5年度時点"));
//! ```

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
