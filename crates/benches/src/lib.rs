//! Benchmarks of shihyo against peer expression engines (zen-expression,
//! rhai with decimals, cel, evalexpr 11.3.1): the engines behind one
//! interface ([`peers`], with shihyo in [`shihyo`]), the plans measured
//! ([`plans`]), the batch workload, and the report written to `BENCHMARKS.md`
//! ([`report`]), the what-if loop through the embeddings ([`embedded`]), and the
//! hand-written floor each compiled rule is measured against ([`floor`]). Not published; run with `cargo bench -p benches`.

pub mod correctness;
pub mod embedded;
pub mod floor;
pub mod peers;
pub mod plans;
pub mod report;
pub mod shihyo;

use crate::peers::Record;
use shihyo_core::eval::{Compiled, Scratch, Table};
use shihyo_core::RuleId;
use std::sync::Arc;

/// The sizes of the generated plans whose parse, check and evaluation make the curve
/// (indicators; a plan has about 1.17 rules per indicator, and at most 50,000 rules: E0218).
pub const PLAN_SIZES: [usize; 3] = [1_000, 10_000, 40_000];

pub const MUNICIPALITIES: usize = 1_000;
pub const INDICATORS: usize = 50;
pub const YEARS: usize = 10;
/// The first year of the batch (FY2015).
const FIRST_YEAR: i32 = 2015;

/// The batch workload in shihyo: one compiled plan of [`INDICATORS`] rules
/// `current >= baseline * 1.5`, and one table that each municipality's
/// records are bound into before its rules are judged in every year.
pub struct BatchTable {
    compiled: Arc<Compiled>,
    table: Table,
    scratch: Scratch,
    /// (current, baseline) rows of each indicator.
    rows: Vec<(RuleId, RuleId)>,
}

impl BatchTable {
    pub fn new() -> BatchTable {
        let project = shihyo::load(&plans::batch(INDICATORS));
        let compiled = project.compiled.clone();
        let table = compiled.table(&project.data);
        let find = |name: String| project.plan.find(&name).expect("the batch plan names it");
        let rows = (0..INDICATORS).map(|i| (find(format!("current{i}")), find(format!("baseline{i}")))).collect();
        BatchTable { compiled, table, scratch: Scratch::default(), rows }
    }

    /// How many records meet the rule. Records are in municipality, indicator, year order.
    pub fn count_true(&mut self, records: &[Record]) -> usize {
        let mut met = 0;
        for municipality in records.chunks(INDICATORS * YEARS) {
            for (indicator, years) in municipality.chunks(YEARS).enumerate() {
                let (current, baseline) = self.rows[indicator];
                for (offset, record) in years.iter().enumerate() {
                    let year = FIRST_YEAR + offset as i32;
                    self.table.set(current, year, record.current);
                    self.table.set(baseline, year, record.baseline);
                }
            }
            for &(current, _) in &self.rows {
                for offset in 0..YEARS {
                    if self.compiled.meets(current, &self.table, FIRST_YEAR + offset as i32, &mut self.scratch) == Some(true) {
                        met += 1;
                    }
                }
            }
        }
        met
    }
}

impl Default for BatchTable {
    fn default() -> Self {
        BatchTable::new()
    }
}
