//! Plans' tallies rolled up: the whole roster, and each value of each `by` column (every
//! prefecture, every region). A group adds up its plans' counts and grades; each totalled
//! indicator is summed or averaged over the plans whose unit is the one most plans give it,
//! and the plans with another unit, or without the indicator, are counted beside it.

use crate::definition::{Definition, TotalDef};
use crate::roster::Roster;
use crate::tally::{add_count, Amount, PlanTally};
use rust_decimal::Decimal;
use shihyo_core::eval::{mean_of, met_of, met_share_of};
use shihyo_core::model::units::Unit;
use shihyo_core::output::document::Diagnostic;
use shihyo_core::syntax::ast::Total;
use shihyo_core::Status;
use std::collections::{BTreeMap, HashMap};

/// An aggregate evaluated: its groups and the plans that failed.
#[derive(Clone, Debug)]
pub struct Rollup {
    /// What was asked.
    pub definition: Definition,
    /// Each totalled indicator's unit (the one most plans give it; `None`: no plan has it).
    pub units: Vec<Option<Unit>>,
    /// Every plan of the roster together.
    pub all: Group,
    /// For each `by` column, its groups in the order their first plan stands in the roster.
    pub by: Vec<(String, Vec<Group>)>,
    /// The plans that failed, in the roster's order: the member's row and its errors.
    pub failures: Vec<Failure>,
}

/// A plan that could not be evaluated.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The plan file as the roster lists it.
    pub plan: String,
    /// The name the roster gives it.
    pub name: Option<String>,
    /// Its roster line.
    pub line: usize,
    /// Its errors, located in its files.
    pub errors: Vec<Diagnostic>,
}

/// Plans rolled up together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// The value of the `by` column the group shares (empty for the whole roster).
    pub key: String,
    /// Plans in the group.
    pub plans: usize,
    /// Of them, those that failed to load or evaluate.
    pub failed: usize,
    /// How many rules have each status, over the evaluated plans.
    pub counts: BTreeMap<Status, usize>,
    /// How many rules have each grade, in the order the names first appear.
    pub grades: Vec<(String, usize)>,
    /// How many plans have each grade of their own.
    pub plan_grades: Vec<(String, usize)>,
    /// Points summed, and how many rules have them.
    pub points: (Decimal, usize),
    /// The years the plans were evaluated as of (machine labels), and how many each.
    pub years: BTreeMap<String, usize>,
    /// Each totalled indicator, in the aggregate's order.
    pub totals: Vec<TotalFigure>,
}

/// A totalled indicator over a group's plans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TotalFigure {
    /// The sum of the actuals counted (an average divides it by `counted`).
    pub sum: Decimal,
    /// Plans whose actual is counted.
    pub counted: usize,
    /// Evaluated plans without the indicator, or without an actual for it.
    pub missing: usize,
    /// Plans whose indicator has another unit: not counted.
    pub other_unit: usize,
    /// The sum went outside the exact decimal range: no figure.
    pub overflow: bool,
}

impl TotalFigure {
    /// The figure: the sum, or the mean of the counted plans; `None` when none is counted.
    pub fn value(&self, total: Total) -> Option<Decimal> {
        if self.counted == 0 || self.overflow {
            return None;
        }
        Some(match total {
            Total::Sum => self.sum,
            Total::Average => self.sum / Decimal::from(self.counted),
        })
    }
}

impl Group {
    fn new(key: &str, totals: usize) -> Group {
        Group { key: key.to_string(), totals: vec![TotalFigure::default(); totals], ..Group::default() }
    }

    /// Rules counted over the evaluated plans.
    pub fn rules(&self) -> usize {
        self.counts.values().sum()
    }

    /// Rules that meet their target or pace, and rules judged so.
    pub fn met(&self) -> (usize, usize) {
        met_of(&self.counts)
    }

    /// The share of judged rules that meet their target or pace (`None`: none judged).
    pub fn met_share(&self) -> Option<Decimal> {
        met_share_of(&self.counts)
    }

    /// The mean points of the rules that have points.
    pub fn points_average(&self) -> Option<Decimal> {
        mean_of(self.points)
    }

    fn add(&mut self, tally: &PlanTally, units: &[Option<Unit>]) {
        self.plans += 1;
        let figures = match tally {
            PlanTally::Failed(_) => {
                self.failed += 1;
                return;
            }
            PlanTally::Evaluated(figures) => figures,
        };
        for (status, count) in &figures.counts {
            *self.counts.entry(*status).or_default() += count;
        }
        for (grade, count) in &figures.grades {
            add_count(&mut self.grades, grade, *count);
        }
        if let Some(grade) = &figures.grade {
            add_count(&mut self.plan_grades, grade, 1);
        }
        self.points = (self.points.0 + figures.points.0, self.points.1 + figures.points.1);
        if let Some(year) = figures.as_of {
            *self.years.entry(year.label()).or_default() += 1;
        }
        for ((figure, amount), unit) in self.totals.iter_mut().zip(&figures.totals).zip(units) {
            match amount {
                None => figure.missing += 1,
                Some(Amount { unit: other, .. }) if Some(other) != unit.as_ref() => figure.other_unit += 1,
                Some(Amount { value, .. }) => {
                    figure.counted += 1;
                    match figure.sum.checked_add(*value) {
                        Some(sum) => figure.sum = sum,
                        None => figure.overflow = true,
                    }
                }
            }
        }
    }
}

/// Rolls up the tallies of `roster`'s plans (`tallies[i]` is its `i`th member's) as
/// `definition` asks. Every `by` of the definition names a column of the roster.
pub fn roll_up(definition: &Definition, roster: &Roster, tallies: &[PlanTally]) -> Rollup {
    let units: Vec<Option<Unit>> = (0..definition.totals.len()).map(|index| commonest_unit(tallies, index)).collect();
    let count = definition.totals.len();
    let mut all = Group::new("", count);
    let columns: Vec<usize> = definition.by.iter().filter_map(|(column, _)| roster.column(column)).collect();
    let mut by: Vec<(String, Vec<Group>, HashMap<String, usize>)> =
        columns.iter().map(|column| (roster.columns[*column].clone(), Vec::new(), HashMap::new())).collect();
    let mut failures = Vec::new();
    for (member, tally) in roster.members.iter().zip(tallies) {
        all.add(tally, &units);
        for ((_, groups, index), column) in by.iter_mut().zip(&columns) {
            let key = &member.keys[*column];
            let at = *index.entry(key.clone()).or_insert_with(|| {
                groups.push(Group::new(key, count));
                groups.len() - 1
            });
            groups[at].add(tally, &units);
        }
        if let PlanTally::Failed(errors) = tally {
            failures.push(Failure { plan: member.plan.clone(), name: member.name.clone(), line: member.line, errors: errors.clone() });
        }
    }
    Rollup {
        definition: definition.clone(),
        units,
        all,
        by: by.into_iter().map(|(column, groups, _)| (column, groups)).collect(),
        failures,
    }
}

/// The unit most plans give total `index`'s indicator (the first such in the roster on a tie).
fn commonest_unit(tallies: &[PlanTally], index: usize) -> Option<Unit> {
    let mut seen: Vec<(&Unit, usize)> = Vec::new();
    for tally in tallies {
        if let PlanTally::Evaluated(figures) = tally {
            if let Some(Some(amount)) = figures.totals.get(index) {
                match seen.iter_mut().find(|(unit, _)| *unit == &amount.unit) {
                    Some((_, count)) => *count += 1,
                    None => seen.push((&amount.unit, 1)),
                }
            }
        }
    }
    let most = seen.iter().map(|(_, count)| *count).max()?;
    seen.into_iter().find(|(_, count)| *count == most).map(|(unit, _)| unit.clone())
}

impl Rollup {
    /// The definition's totals with their units.
    pub fn totals(&self) -> impl Iterator<Item = (&TotalDef, Option<&Unit>)> {
        self.definition.totals.iter().zip(self.units.iter().map(Option::as_ref))
    }
}
