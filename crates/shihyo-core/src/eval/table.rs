//! The year × indicator table that programs read: one cell per indicator and
//! year of the plan's window, holding a value, nothing, or the failure that
//! computing a derived value met; with what milestones and qualitative rules
//! were given, and which cells are (or are computed from) a scenario's
//! projection.

use super::formulas::Arith;
use crate::model::RuleId;
use rust_decimal::Decimal;

/// Where and while doing what an evaluation failed: enough to write its
/// diagnostic later, small enough to keep in a table cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong: overflow (E0301) or division by zero (E0302).
    pub kind: Arith,
    /// The expression that failed (an index of [`crate::eval::Compiled`]'s sites), or
    /// [`Failure::FIGURE`] for a figure of the rule itself (an achievement, a total).
    pub site: u32,
    /// The rule being evaluated or derived.
    pub rule: u32,
    /// The year it was being evaluated for.
    pub year: i32,
}

impl Failure {
    /// The site of a failure in a figure that no single expression computes.
    pub const FIGURE: u32 = u32::MAX;
}

/// Why a value or a figure is not there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// An actual it needs is missing: that of `rule` in `year`.
    Missing {
        /// The indicator without the actual, as the index of its [`RuleId`].
        rule: u32,
        /// The year without the actual, as a western year (2023 for R5).
        year: i32,
    },
    /// Overflow or division by zero (the rule is `error`).
    Failed(Failure),
}

/// One cell of a [`Table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cell {
    Absent,
    Value(Decimal),
    /// A derived value whose computation failed.
    Failed(Failure),
}

/// One value per indicator and year, with what milestones and qualitative rules were given.
#[derive(Clone, Debug)]
pub struct Table {
    pub(crate) first_year: i32,
    pub(crate) width: usize,
    pub(crate) cells: Vec<Cell>,
    /// Whether each cell is a projection or computed from one (empty when none is).
    pub(crate) projected: Vec<bool>,
    /// The first year each milestone is `done`.
    pub(crate) done: Vec<Option<i32>>,
    /// Hand grades (year, index in the plan's grades) of qualitative rules, in year order.
    pub(crate) hand_grades: Vec<Vec<(i32, usize)>>,
    /// Years derived values are computed in.
    pub(crate) derive_years: Vec<i32>,
    /// The latest year with any data: the default evaluation year.
    pub latest_year: Option<i32>,
}

impl Table {
    /// The cell of an indicator and year; `None` outside the table (a year outside its
    /// window, or a rule of another plan).
    fn slot(&self, rule: usize, year: i32) -> Option<usize> {
        let offset = usize::try_from(year.checked_sub(self.first_year)?).ok()?;
        let slot = rule.checked_mul(self.width)?.checked_add(offset)?;
        (offset < self.width && slot < self.cells.len()).then_some(slot)
    }

    /// The value of an indicator in a year.
    pub fn get(&self, rule: RuleId, year: i32) -> Result<Decimal, Fault> {
        self.read(rule.0, year)
    }

    #[inline]
    pub(crate) fn read(&self, rule: usize, year: i32) -> Result<Decimal, Fault> {
        match self.slot(rule, year).map(|slot| self.cells[slot]) {
            Some(Cell::Value(value)) => Ok(value),
            Some(Cell::Failed(failure)) => Err(Fault::Failed(failure)),
            _ => Err(Fault::Missing { rule: rule as u32, year }),
        }
    }

    /// Whether the table lays out `year` and computes derived values in it (the plan's
    /// years and the data's): a value set in another year is not read by every
    /// evaluation as a data file's value would be, so lay the table out again.
    pub fn covers(&self, year: i32) -> bool {
        self.derive_years.binary_search(&year).is_ok()
    }

    /// Whether the value of an indicator in a year is a projection or computed from one.
    pub(crate) fn is_projected(&self, rule: usize, year: i32) -> bool {
        !self.projected.is_empty() && self.slot(rule, year).is_some_and(|slot| self.projected[slot])
    }

    /// Sets a value (a projection, a slider, a simulated draw). Returns `false`, and
    /// changes nothing, when the year is outside the table (which spans the plan's years
    /// and the data's) or `rule` is not a rule of the plan. Derived indicators are not
    /// computed again until [`Compiled::derive_where`](crate::eval::Compiled::derive_where).
    pub fn set(&mut self, rule: RuleId, year: i32, value: Decimal) -> bool {
        match self.slot(rule.0, year) {
            Some(slot) => {
                self.cells[slot] = Cell::Value(value);
                true
            }
            None => false,
        }
    }

    /// Removes a value (a draw outside the decimal range leaves its year without one).
    pub fn clear(&mut self, rule: RuleId, year: i32) {
        if let Some(slot) = self.slot(rule.0, year) {
            self.cells[slot] = Cell::Absent;
        }
    }

    /// Stores a derived value, and whether it is computed from a projection (`None`: as it was).
    pub(crate) fn store(&mut self, rule: usize, year: i32, value: Result<Decimal, Fault>, projected: Option<bool>) {
        if let Some(slot) = self.slot(rule, year) {
            self.cells[slot] = match value {
                Ok(value) => Cell::Value(value),
                Err(Fault::Failed(failure)) => Cell::Failed(failure),
                Err(Fault::Missing { .. }) => Cell::Absent,
            };
            if let (false, Some(projected)) = (self.projected.is_empty(), projected) {
                self.projected[slot] = projected && self.cells[slot] != Cell::Absent;
            }
        }
    }

    /// Marks a cell as a projection.
    pub(crate) fn mark_projected(&mut self, rule: usize, year: i32) {
        if let Some(slot) = self.slot(rule, year) {
            if self.projected.is_empty() {
                self.projected = vec![false; self.cells.len()];
            }
            self.projected[slot] = true;
        }
    }
}
