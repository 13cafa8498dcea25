//! What the report says, computed once from the evaluations and rendered by
//! the HTML and the workbook alike: the evaluation as of the report's year
//! (the one `shihyo eval` gives for the same plan, data, year and scenario),
//! each reform area's indicators with every year of the period (the actual
//! and the pace value the evaluation as of that year holds it against), what
//! changed since a previous year's evaluation, and which actuals are missing.

use rust_decimal::Decimal;
use shihyo_core::eval::{GroupResult, Options, Report, Scratch, Status};
use shihyo_core::model::data::{Dataset, Remarks};
use shihyo_core::model::scenario::ScenarioDef;
use shihyo_core::model::{GroupChild, GroupDef, Plan, RuleId, RuleSpec};
use shihyo_core::output::chart::{self, Series};
use shihyo_core::output::display;
use shihyo_core::syntax::ast::Aggregate;
use shihyo_core::syntax::{Diagnostic, Lang};
use shihyo_core::Project;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the host asks of a report (it resolves the scenario's name and checks the years).
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The year reported on; default: the latest year with data (the plan's end under a scenario).
    pub as_of: Option<i32>,
    /// The year of the previous evaluation to compare with.
    pub previous: Option<i32>,
    /// Evaluate on the actuals plus this scenario's projections.
    pub scenario: Option<&'a ScenarioDef>,
    /// The language the report is written in (`--lang`).
    pub lang: Lang,
}

/// The annual report's content.
pub struct AnnualReport<'p> {
    /// The plan and its actuals, as checked.
    pub project: &'p Project,
    /// The language the report is written in.
    pub lang: Lang,
    /// The evaluation as of the report's year.
    pub report: Report,
    /// What the scenario could not project.
    pub notes: Vec<Diagnostic>,
    /// The period's years: the tables' year columns.
    pub years: Vec<i32>,
    /// The reform areas in plan order: the top-level groups, then the rules outside every group.
    pub areas: Vec<Area>,
    /// The evaluation as of `--previous` and what changed since; `None` when no previous year was asked.
    pub previous: Option<Previous>,
    /// The actuals the evaluation year lacks, to chase.
    pub missing: Vec<Missing>,
}

/// A reform area: a group at the top of the plan (or the rules outside every group).
pub struct Area {
    /// The group's id as the plan numbers it (`group "1" "仕事の改革"`); `None` without one, and for the rules outside every group.
    pub id: Option<String>,
    /// The group's title; for the rules outside every group, 指標 (Indicators), or その他の指標 (Other indicators) beside groups.
    pub title: String,
    /// The area's counts and grade as of the report's year (the plan's own for a plan without groups; no grade for rules beside groups).
    pub result: GroupResult,
    /// The area's place among the root's groups (for the previous evaluation's grade), if it is one.
    pub index: Option<usize>,
    /// The lines of the area's table in plan order: inner groups' headings and indicators.
    pub lines: Vec<Line>,
}

/// A group's heading as plans number it: `1-2 サービスの質を高める…`, or its title alone.
pub fn heading(id: Option<&str>, title: &str) -> String {
    match id {
        Some(id) => format!("{id} {title}"),
        None => title.to_string(),
    }
}

impl Area {
    /// The area's heading (`1 仕事の改革`).
    pub fn heading(&self) -> String {
        heading(self.id.as_deref(), &self.title)
    }
}

/// A line of an area's table: an inner group's heading, or an indicator.
pub enum Line {
    /// An inner group's heading.
    Group {
        /// The group's id (`1-2`); `None` without one.
        id: Option<String>,
        /// The group's title.
        title: String,
        /// Nesting under the area: 0 for a group directly in it.
        depth: usize,
        /// The group's counts and grade as of the report's year.
        result: Box<GroupResult>,
    },
    /// An indicator's row.
    Rule(Box<Row>),
}

/// One indicator's row.
pub struct Row {
    /// The rule the row is of.
    pub id: RuleId,
    /// Nesting under the area (inner groups, `any`/`all` members).
    pub depth: usize,
    /// The evaluation table's cells as of the report's year ([`display::figure_cells`]):
    /// target, target year, actual, expected, vs expected, achievement, progress, status, grade.
    pub cells: Vec<String>,
    /// Each year of the period.
    pub years: Vec<YearFigure>,
    /// The values by year, the target and the pace line, for the chart.
    pub series: Series,
    /// What the department wrote on the figure of the year evaluated.
    pub remarks: Option<Remarks>,
}

/// One year's figures of an indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearFigure {
    /// The year, as a western year (2023 for R5).
    pub year: i32,
    /// The year's actual as `eval --as-of` that year gives it: the year's value (a derived
    /// indicator's computed), or for a total or a mean over the period the running total or mean.
    pub actual: Option<Decimal>,
    /// The value is a scenario's projection (or computed from one).
    pub projected: bool,
    /// The pace value the evaluation as of this year holds its actual against.
    pub expected: Option<Decimal>,
}

/// The evaluation as of an earlier year, and what changed since.
pub struct Previous {
    /// The evaluation as of the previous year.
    pub report: Report,
    /// The rules whose status or grade changed, in plan order.
    pub changes: Vec<Change>,
}

/// A rule's status and grade then and now.
pub struct Change {
    /// The rule that changed (not a member of an `any`/`all`).
    pub id: RuleId,
    /// Its status and grade as of the previous year (`None`: no grade).
    pub then: (Status, Option<String>),
    /// Its status and grade as of the report's year (`None`: no grade).
    pub now: (Status, Option<String>),
    /// Achieved (or done) now, and not then.
    pub met_since: bool,
}

/// An indicator without its actual for the year evaluated.
pub struct Missing {
    /// The indicator (or qualitative rule) without its actual.
    pub id: RuleId,
    /// The year the evaluation reads.
    pub year: i32,
    /// The latest year before it with an actual.
    pub last: Option<i32>,
    /// Who to ask: the 所管課 written on its latest remark, else the rule's `owner`.
    pub owner: Option<String>,
}

/// A year to compare with that is not before the year reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotBefore {
    /// The previous year asked, as a western year.
    pub previous: i32,
    /// The year reported on, as a western year.
    pub reported: i32,
}

/// Builds the report: evaluates as of the year asked (and the previous year, which must
/// come before it), then lays the figures out.
pub fn build<'p>(project: &'p Project, request: &Request) -> Result<AnnualReport<'p>, NotBefore> {
    let plan = &project.plan;
    let evaluate = |as_of: Option<i32>| {
        let options = Options { as_of, explain: false };
        match request.scenario {
            Some(scenario) => {
                let (report, data, notes) = project.evaluate_projected(scenario, options);
                (report, Cow::Owned(data), notes)
            }
            None => (project.evaluate(options), Cow::Borrowed(&project.data), Vec::new()),
        }
    };
    let (report, data, notes) = evaluate(request.as_of);
    if let Some(previous) = request.previous.filter(|year| *year >= report.as_of.number) {
        return Err(NotBefore { previous, reported: report.as_of.number });
    }
    let previous = request.previous.map(|year| {
        let (then, _, _) = evaluate(Some(year));
        let changes = changes(plan, &then, &report);
        Previous { report: then, changes }
    });
    let rows = Rows { project, report: &report, data: &data, table: project.compiled.table(&data), lang: request.lang };
    let areas = areas(plan, &report, &rows);
    // Under a scenario the year evaluated may lie after the actuals: the ones to chase are of the latest year with any.
    let readiness_year = match request.scenario {
        Some(_) => project.compiled.table(&project.data).latest_year.map_or(report.as_of.number, |latest| latest.min(report.as_of.number)),
        None => report.as_of.number,
    };
    let missing = missing(project, &report, readiness_year);
    Ok(AnnualReport { project, lang: request.lang, years: plan.period_years().collect(), notes, areas, previous, missing, report })
}

/// What every row is computed from.
struct Rows<'a> {
    project: &'a Project,
    report: &'a Report,
    data: &'a Dataset,
    table: shihyo_core::eval::Table,
    lang: Lang,
}

impl Rows<'_> {
    /// A line of the evaluation table as a line of an area's table.
    fn line(&self, line: display::Line) -> Line {
        match line {
            display::Line::Group { def, result, depth } => {
                Line::Group { id: def.id.clone(), title: def.title.clone(), depth, result: Box::new(result.clone()) }
            }
            display::Line::Rule { id, depth } => Line::Rule(Box::new(self.row(id, depth))),
        }
    }

    fn row(&self, id: RuleId, depth: usize) -> Row {
        let (plan, report) = (&self.project.plan, self.report);
        let compiled = &self.project.compiled;
        let series = chart::series(plan, compiled, &self.table, self.data, report, id);
        let mut scratch = Scratch::default();
        // A total or a mean over the period is held against its expected value as a
        // running total or mean: the actual `eval --as-of` that year gives, not the year's own value.
        let running = matches!(&plan.rule(id).spec, RuleSpec::Measured(m) if !m.every_year && m.aggregate != Aggregate::Value);
        let years = plan
            .period_years()
            .map(|year| {
                let point = series.points.iter().find(|p| p.0 == year);
                let actual = if running {
                    let outcome = compiled.judge(id, &self.table, year, &mut scratch);
                    outcome.and_then(|outcome| outcome.actual.filter(|_| outcome.year == Some(year)))
                } else {
                    point.map(|p| p.1)
                };
                YearFigure {
                    year,
                    actual,
                    projected: point.is_some_and(|p| p.2),
                    expected: compiled.expected_in(id, &self.table, year, &mut scratch),
                }
            })
            .collect();
        let result = report.rule(id);
        let remarks = result.outcome.year.and_then(|year| self.project.remarks.get(&(id, year))).cloned();
        Row { id, depth, cells: display::figure_cells(plan, report, result, self.lang), years, series, remarks }
    }
}

/// The reform areas: the root's groups in order, then the rules outside every group.
fn areas(plan: &Plan, report: &Report, rows: &Rows) -> Vec<Area> {
    let mut areas = Vec::new();
    let mut loose = Vec::new();
    let mut results = report.root.groups.iter().enumerate();
    for child in &plan.root.children {
        match child {
            GroupChild::Group(def) => {
                let Some((index, result)) = results.next() else { continue };
                let lines = display::group_lines(plan, def, result).into_iter().map(|line| rows.line(line)).collect();
                areas.push(Area { id: def.id.clone(), title: def.title.clone(), result: result.clone(), index: Some(index), lines });
            }
            GroupChild::Rule(id) => loose.push(*id),
        }
    }
    if !loose.is_empty() {
        // A plan without groups is one area, graded as the plan; rules beside groups
        // are an area of their own, without a grade (the plan's roll-up does not make one).
        let mut result = report.root.clone();
        if !areas.is_empty() {
            result.groups.clear();
            result.counts = BTreeMap::new();
            for id in &loose {
                *result.counts.entry(report.rule(*id).outcome.status).or_insert(0) += 1;
            }
            result.grade = None;
            result.rules.clone_from(&loose);
        }
        let lines = loose.iter().flat_map(|id| display::rule_lines(plan, *id, 0)).map(|line| rows.line(line));
        let title = match (rows.lang, areas.is_empty()) {
            (Lang::En, true) => "Indicators",
            (Lang::Ja, true) => "指標",
            (Lang::En, false) => "Other indicators",
            (Lang::Ja, false) => "その他の指標",
        };
        areas.push(Area { id: None, title: title.to_string(), result, index: None, lines: lines.collect() });
    }
    areas
}

/// The rules (not members of `any`/`all`) whose status or grade differs between the two evaluations.
fn changes(plan: &Plan, then: &Report, now: &Report) -> Vec<Change> {
    let met = |status: Status| matches!(status, Status::Achieved | Status::Done);
    (0..plan.rules.len())
        .map(RuleId)
        .filter(|id| plan.rule(*id).parent.is_none())
        .filter_map(|id| {
            let (before, after) = (then.rule(id), now.rule(id));
            let then = (before.outcome.status, before.grade.clone());
            let now = (after.outcome.status, after.grade.clone());
            (then != now).then(|| Change { id, met_since: met(now.0) && !met(then.0), then, now })
        })
        .collect()
}

/// The indicators that take actuals (or hand grades) and have none for the year their
/// evaluation as of `as_of` reads.
fn missing(project: &Project, report: &Report, as_of: i32) -> Vec<Missing> {
    let plan = &project.plan;
    let takes_actuals = |id: RuleId| match &plan.rule(id).spec {
        RuleSpec::Measured(measured) => measured.derivation.is_none(),
        RuleSpec::Qualitative => true,
        RuleSpec::Milestone { .. } | RuleSpec::Composite { .. } => false,
    };
    (0..plan.rules.len())
        .map(RuleId)
        .filter(|id| takes_actuals(*id))
        .filter_map(|id| {
            let year = report.rule(id).outcome.target_year.map_or(as_of, |target| target.min(as_of));
            let actuals = &project.data[id.0];
            if actuals.get(&year).is_some_and(|actual| !actual.projected) {
                return None;
            }
            let last = actuals.iter().filter(|(y, actual)| **y < year && !actual.projected).map(|(y, _)| *y).next_back();
            let remarked = project.remarks.range((id, i32::MIN)..=(id, year)).rev().find_map(|(_, remarks)| remarks.owner.clone());
            let owner = remarked.or_else(|| plan.rule(id).meta(shihyo_core::syntax::ast::MetaKey::Owner).map(str::to_string));
            Some(Missing { id, year, last, owner })
        })
        .collect()
}

impl AnnualReport<'_> {
    /// The plan reported on.
    pub fn plan(&self) -> &Plan {
        &self.project.plan
    }

    /// A year as people read it in the report's language, the way the plan writes its years.
    pub fn year(&self, number: i32) -> String {
        display::year_text(self.plan().years, number, self.plan().calendar, self.lang)
    }

    /// A year in words, for sentences and titles: `令和5年度`, `R5` in English.
    pub fn year_in_words(&self, number: i32) -> String {
        shihyo_core::syntax::Year { number, calendar: self.plan().calendar }.shown_in(self.plan().years, self.lang)
    }

    /// The group a rule stands in, as its heading reads (`1-2 サービスの質を高める…`); empty outside every group.
    pub fn group_heading(&self, id: RuleId) -> String {
        fn find<'a>(group: &'a GroupDef, path: &str) -> Option<&'a GroupDef> {
            if group.path == path {
                return Some(group);
            }
            group.children.iter().find_map(|child| if let GroupChild::Group(inner) = child { find(inner, path) } else { None })
        }
        let plan = self.plan();
        let Some(group) = plan.rule(id).group_path.as_deref().and_then(|path| find(&plan.root, path)) else { return String::new() };
        heading(group.id.as_deref(), &group.title)
    }

    /// A figure in a rule's display unit, as the plan shows it (`298,513千円`, `47.3%`).
    pub fn quantity(&self, id: RuleId, value: Decimal) -> String {
        display::quantity_shown(value, &self.plan().rule(id).unit, self.plan().rates)
    }

    /// The grade the previous evaluation gave an area.
    pub fn previous_grade(&self, area: &Area) -> Option<Option<String>> {
        let previous = self.previous.as_ref()?;
        Some(match area.index {
            Some(index) => previous.report.root.groups.get(index).and_then(|group| group.grade.clone()),
            // A plan without groups is one area, graded as the plan.
            None if self.report.root.groups.is_empty() => previous.report.root.grade.clone(),
            None => None,
        })
    }

    /// A year of a rule as people read it: a calendar-year rule's in calendar years.
    pub fn rule_year(&self, id: RuleId, number: i32) -> String {
        display::year_text(self.plan().years, number, self.plan().rule(id).calendar, self.lang)
    }

    /// Counts by status over the plan, in the statuses' order.
    pub fn counts(&self) -> &BTreeMap<Status, usize> {
        self.report.counts()
    }

    /// The group definition of an area (none for the rules outside every group).
    pub fn area_def(&self, area: &Area) -> Option<&GroupDef> {
        let index = area.index?;
        self.plan().root.children.iter().filter_map(|child| if let GroupChild::Group(def) = child { Some(def) } else { None }).nth(index)
    }
}
