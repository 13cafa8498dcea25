//! The results written out: for machines ([`json`] building the typed
//! [`document`]s, with their JSON Schema; [`csv`]), byte for byte
//! the same from every host, and for people ([`display`]: the table's cells
//! and lines, figures in their units; [`chart`]: an indicator's chart laid
//! out), shared by the CLI, the annual report and the browser app; and a
//! plan's tests run ([`testing`]: their document and their words).

pub mod chart;
pub mod csv;
pub mod display;
pub mod document;
pub mod json;
pub mod testing;
