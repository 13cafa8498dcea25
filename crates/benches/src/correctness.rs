//! How each engine treats the probes where exactness shows (`0.1 + 0.2 == 0.3`,
//! `1 / 3 * 3`, overflow): one row per engine, shihyo first, for the report.

use crate::peers::{Cel, Evalexpr, Peer, Rhai, Zen};
use crate::shihyo::Shihyo;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The probes of the correctness table, in column order. The same text is valid in all four engines.
pub const PROBES: [&str; 5] =
    ["0.1 + 0.2 == 0.3", "1 / 3 * 3", "1.0 / 3.0 * 3.0", "9223372036854775807 + 1", "79228162514264337593543950335 * 10"];

/// One engine's row: what each probe in [`PROBES`] gives, printed as the engine prints it
/// (`error: ...` for an error, `panic: ...` if the engine panicked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectnessRow {
    pub engine: &'static str,
    pub numbers: &'static str,
    pub results: [String; PROBES.len()],
}

impl CorrectnessRow {
    /// The row as strings: engine, number type, then one cell per probe.
    pub fn cells(&self) -> Vec<String> {
        let mut cells = vec![self.engine.to_owned(), self.numbers.to_owned()];
        cells.extend(self.results.iter().cloned());
        cells
    }
}

/// The header matching [`CorrectnessRow::cells`].
pub fn correctness_header() -> Vec<String> {
    let mut header = vec!["engine".to_owned(), "numbers".to_owned()];
    header.extend(PROBES.iter().map(|p| format!("`{p}`")));
    header
}

fn probe_row<P: Peer>() -> CorrectnessRow {
    let mut peer = P::new();
    let results = PROBES.map(|source| match catch_unwind(AssertUnwindSafe(|| peer.eval_text(source))) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => format!("error: {e}"),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("panic: {message}")
        }
    });
    CorrectnessRow { engine: P::NAME, numbers: P::NUMBERS, results }
}

/// One row per engine (shihyo, zen, rhai, cel, evalexpr).
pub fn correctness_table() -> Vec<CorrectnessRow> {
    vec![probe_row::<Shihyo>(), probe_row::<Zen>(), probe_row::<Rhai>(), probe_row::<Cel>(), probe_row::<Evalexpr>()]
}

/// The table as Markdown (cells with `|` or newlines are escaped), for NOTES.md or a report.
pub fn correctness_markdown(rows: &[CorrectnessRow]) -> String {
    fn line(cells: &[String]) -> String {
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|").replace('\n', " ")).collect();
        format!("| {} |\n", cells.join(" | "))
    }
    let header = correctness_header();
    let mut out = line(&header);
    out.push_str(&line(&vec!["---".to_owned(); header.len()]));
    for row in rows {
        out.push_str(&line(&row.cells()));
    }
    out
}
