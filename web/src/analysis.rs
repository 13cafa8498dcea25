//! What the app shows, computed with the core from the session's texts: the
//! loaded plan or its diagnostics (with the UTF-16 offsets the editor marks),
//! the evaluation on the actuals or on a scenario whose amounts the sliders
//! have moved, and each indicator's series by year for the charts. Pure Rust,
//! no browser: tested natively and in the browser alike.

use rust_decimal::Decimal;
use serde::Serialize;
use shihyo_core::eval::Compiled;
use shihyo_core::eval::{least_squares, numeric_actuals};
use shihyo_core::model::data::Dataset;
use shihyo_core::model::scenario::{AmountDef, DrawDef, MethodDef, ScenarioDef, PROJECTION_PLACES};
use shihyo_core::model::{Plan, RuleSpec};
use shihyo_core::output::chart::{self, Series};
use shihyo_core::output::display;
use shihyo_core::syntax::{Diagnostic, FileId, Lang, Severity};
use shihyo_core::{Engine, Options, Project, Report, RuleId};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The name the data grid's text has in diagnostics and exports.
pub const DATA_FILE: &str = "actuals.csv";
/// The name the editor's text has in diagnostics.
pub const PLAN_FILE: &str = "plan.kpi";

/// The plan and data texts, loaded: a checked project, or why not.
pub struct Loaded {
    pub engine: Engine,
    pub plan_file: FileId,
    pub data_file: FileId,
    pub project: Result<Project, shihyo_core::syntax::Diagnostics>,
}

impl Loaded {
    pub fn new(plan: &str, data: &str) -> Loaded {
        Loaded::with_remarks(plan, data, "")
    }

    /// The plan, the grid's data and the remarks typed beside it (see `remarks`; no file when empty).
    pub fn with_remarks(plan: &str, data: &str, remarks: &str) -> Loaded {
        let mut engine = Engine::new();
        let plan_file = engine.add_source(PLAN_FILE, plan);
        let data_file = engine.add_source(DATA_FILE, data);
        let mut files = vec![data_file];
        if !remarks.is_empty() {
            files.push(engine.add_source(crate::remarks::REMARKS_FILE, remarks));
        }
        let project = engine.load(plan_file, &files);
        Loaded { engine, plan_file, data_file, project }
    }

    /// The errors, or the warnings of a plan that checks.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.project {
            Ok(project) => &project.warnings,
            Err(diagnostics) => diagnostics,
        }
    }

    /// The diagnostics as the places to mark, in file order.
    pub fn marks(&self, lang: Lang) -> Vec<Mark> {
        self.diagnostics().iter().map(|diagnostic| self.mark(diagnostic, lang)).collect()
    }

    fn mark(&self, diagnostic: &Diagnostic, lang: Lang) -> Mark {
        let source = self.engine.source(diagnostic.file);
        let text = source.original();
        let span = shihyo_core::output::json::clamp(text, diagnostic.span.clone());
        let (line, column) = source.line_column(span.start);
        let utf16 = |byte: usize| text[..byte].encode_utf16().count();
        let mut message = diagnostic.message.get(lang).to_string();
        if let Some(hint) = &diagnostic.hint {
            message.push_str(" — ");
            message.push_str(hint.get(lang));
        }
        Mark {
            in_plan: diagnostic.file == self.plan_file,
            file: source.name().to_string(),
            from: utf16(span.start),
            to: utf16(span.end),
            line,
            column,
            severity: if diagnostic.severity == Severity::Error { "error" } else { "warning" },
            code: diagnostic.code.to_string(),
            message,
            fix: shihyo_ide::quick_fix(text, diagnostic, lang).map(|fix| MarkFix {
                from: utf16(fix.edit.span.start),
                to: utf16(fix.edit.span.end),
                insert: fix.edit.text,
                title: fix.title,
            }),
        }
    }
}

/// A diagnostic placed for the editor (offsets in UTF-16 code units, as
/// CodeMirror counts) and for the list of problems.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mark {
    /// In the plan (else in the data).
    #[serde(skip)]
    pub in_plan: bool,
    #[serde(skip)]
    pub file: String,
    pub from: usize,
    pub to: usize,
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub column: usize,
    pub severity: &'static str,
    #[serde(skip)]
    pub code: String,
    pub message: String,
    /// The edit the hint suggests, offered as the diagnostic's action in the editor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<MarkFix>,
}

/// A quick fix placed for the editor: the range to replace (UTF-16) and its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarkFix {
    pub from: usize,
    pub to: usize,
    pub insert: String,
    pub title: String,
}

/// A projection's amount that a slider moves: a growth rate, a yearly change or
/// a yearly value, with the exact values the slider's positions stand for.
#[derive(Clone, Debug, PartialEq)]
pub struct Lever {
    pub rule: RuleId,
    pub name: String,
    pub kind: LeverKind,
    /// The amount the scenario writes.
    pub written: Decimal,
    pub low: Decimal,
    pub step: Decimal,
    pub positions: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverKind {
    /// `grows X% per year`.
    Rate,
    /// `grows V per year`.
    Change,
    /// `= V per year`.
    Level,
    /// `trend`: the slider starts at the trend line's yearly change; once moved,
    /// the indicator grows by the chosen change each year from its last actual.
    Trend,
}

/// Positions on each side of the written amount.
const LEVER_REACH: u32 = 100;

impl Lever {
    fn new(project: &Project, rule: RuleId, method: &MethodDef) -> Option<Lever> {
        let fixed = |amount: &AmountDef| match amount.draw {
            DrawDef::Fixed(value) => Some(value),
            _ => None,
        };
        let (kind, written) = match method {
            MethodDef::Compound(amount) => (LeverKind::Rate, fixed(amount)?),
            MethodDef::Increment(amount) => (LeverKind::Change, fixed(amount)?),
            MethodDef::Level(amount) => (LeverKind::Level, fixed(amount)?),
            MethodDef::Trend => {
                let points: Vec<_> = numeric_actuals(&project.data, rule).collect();
                (LeverKind::Trend, least_squares(&points)?.1.round_dp(PROJECTION_PLACES))
            }
        };
        let plan = &project.plan;
        let step = match kind {
            // 0.1 points of growth per position: ±10 points around the written rate.
            LeverKind::Rate => Decimal::new(1, 3),
            LeverKind::Change | LeverKind::Level | LeverKind::Trend => nice_step(written),
        };
        // A level or a growth rate does not go below zero, or −100%.
        let floor = match kind {
            LeverKind::Rate => Some(-Decimal::ONE),
            LeverKind::Level if !written.is_sign_negative() => Some(Decimal::ZERO),
            _ => None,
        };
        let below = (0..=LEVER_REACH).rev().find(|k| floor.is_none_or(|f| written - step * Decimal::from(*k) >= f)).unwrap_or(0);
        Some(Lever {
            rule,
            name: plan.rule(rule).name.clone(),
            kind,
            written,
            low: written - step * Decimal::from(below),
            step,
            positions: below + LEVER_REACH,
        })
    }

    /// The amount at a position (the written amount is at a position of its own).
    pub fn value_at(&self, position: u32) -> Decimal {
        self.low + self.step * Decimal::from(position.min(self.positions))
    }

    /// The position nearest a value.
    pub fn position_of(&self, value: Decimal) -> u32 {
        let steps = ((value - self.low) / self.step).round();
        u32::try_from(steps.mantissa().max(0) / 10i128.pow(steps.scale())).unwrap_or(0).min(self.positions)
    }

    /// The amount as people read it: `+2.5%`, `65,300千円`, `+500件`, and a yearly
    /// change of a percentage in points (`+1.2ポイント`, `+1.2 pt`).
    pub fn shown(&self, plan: &Plan, value: Decimal, lang: Lang) -> String {
        let sign = if value.is_sign_positive() && !value.is_zero() && self.kind != LeverKind::Level { "+" } else { "" };
        let unit = &plan.rule(self.rule).unit;
        match self.kind {
            LeverKind::Rate => format!("{sign}{}", display::ratio(value)),
            LeverKind::Change | LeverKind::Trend if unit.unit == shihyo_core::model::units::Unit::Percent => {
                let points = display::grouped(value * Decimal::ONE_HUNDRED);
                if lang == Lang::Ja {
                    format!("{sign}{points}ポイント")
                } else {
                    format!("{sign}{points} pt")
                }
            }
            _ => format!("{sign}{}", display::quantity(value, unit)),
        }
    }
}

/// A slider step for an amount: a power of ten near a hundredth of it.
fn nice_step(amount: Decimal) -> Decimal {
    let magnitude = amount.abs();
    let mut step = Decimal::ONE;
    while step * Decimal::ONE_HUNDRED * Decimal::TEN <= magnitude {
        step *= Decimal::TEN;
    }
    while magnitude > Decimal::ZERO && step * Decimal::ONE_HUNDRED > magnitude * Decimal::TEN && step > Decimal::new(1, 6) {
        step /= Decimal::TEN;
    }
    step
}

/// The sliders of a scenario: one per projection with a fixed amount or a trend
/// (a drawn amount, in a simulation, has none).
pub fn levers(project: &Project, scenario: &ScenarioDef) -> Vec<Lever> {
    scenario.projections.iter().filter_map(|p| Lever::new(project, p.rule, &p.method)).collect()
}

/// The scenario with the sliders' amounts in place of those written.
pub fn moved(scenario: &ScenarioDef, amounts: &BTreeMap<String, Decimal>, plan: &Plan) -> ScenarioDef {
    let mut moved = scenario.clone();
    for projection in &mut moved.projections {
        let Some(&value) = amounts.get(&plan.rule(projection.rule).name) else { continue };
        let fixed = AmountDef { steady: false, draw: DrawDef::Fixed(value) };
        projection.method = match projection.method {
            MethodDef::Compound(_) => MethodDef::Compound(fixed),
            MethodDef::Increment(_) => MethodDef::Increment(fixed),
            MethodDef::Level(_) => MethodDef::Level(fixed),
            // A trend whose yearly change was moved: that change, from the last actual.
            MethodDef::Trend => MethodDef::Increment(fixed),
        };
    }
    moved
}

/// An evaluation and the values (actuals, projections) it was made on.
pub struct Evaluation {
    pub report: Report,
    pub data: Dataset,
    /// What could not be projected (warnings).
    pub notes: Vec<Diagnostic>,
}

/// Evaluates on the actuals, or on a scenario (moved by the sliders).
pub fn evaluate(project: &Project, scenario: Option<&ScenarioDef>, as_of: Option<i32>) -> Evaluation {
    let options = Options { as_of, explain: true };
    match scenario {
        None => Evaluation { report: project.evaluate(options), data: project.data.clone(), notes: Vec::new() },
        Some(scenario) => {
            let (report, data, notes) = project.evaluate_projected(scenario, options);
            Evaluation { report, data, notes }
        }
    }
}

/// The values of every indicator (derived ones computed) in every year of the plan.
pub struct Values {
    compiled: Arc<Compiled>,
    table: shihyo_core::eval::Table,
}

impl Values {
    /// The values of an evaluation's data, on the project's compiled plan (see [`Compiled`]).
    pub fn new(compiled: Arc<Compiled>, data: &Dataset) -> Values {
        let table = compiled.table(data);
        Values { compiled, table }
    }

    /// A rule's series, its projected years marked (a derived indicator's where it reads one).
    pub fn series(&self, plan: &Plan, evaluation: &Evaluation, rule: RuleId) -> Series {
        chart::series(plan, &self.compiled, &self.table, &evaluation.data, &evaluation.report, rule)
    }
}

/// The rules that take actuals (not derived, not composite), in plan order: the grid's rows.
pub fn measured(plan: &Plan) -> Vec<RuleId> {
    (0..plan.rules.len())
        .map(RuleId)
        .filter(|&id| {
            let rule = plan.rule(id);
            !matches!(rule.spec, RuleSpec::Composite { .. }) && rule.derivation().is_none()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../examples/hadano/hadano.kpi");
    const DATA: &str = include_str!("../../examples/hadano/actuals.csv");

    fn hadano() -> Project {
        Loaded::new(PLAN, DATA).project.unwrap_or_else(|d| panic!("{d:?}"))
    }

    #[test]
    fn hadano_loads_and_evaluates_every_rule() {
        let project = hadano();
        let evaluation = evaluate(&project, None, None);
        assert_eq!(evaluation.report.rules.len(), project.plan.rules.len());
        assert!(evaluation.report.rules.iter().any(|r| r.outcome.status.name() == "on_track"));
    }

    #[test]
    fn marks_count_utf16_units() {
        let loaded = Loaded::new("plan \"計画\" { period R3..R7 }\noutcome \"件数\" >= 10 件 unit 件 bogus\n", "");
        let marks = loaded.marks(Lang::En);
        assert_eq!(marks.len(), 1, "{marks:?}");
        let line = "plan \"計画\" { period R3..R7 }\n";
        assert!(marks[0].from >= line.encode_utf16().count());
        assert_eq!(marks[0].line, 2);
        assert_eq!(marks[0].severity, "error");
    }

    #[test]
    fn a_lever_reaches_the_written_amount_and_moves_the_evaluation() {
        let project = hadano();
        let scenario = project.plan.scenario("伸び悩み").expect("scenario");
        let levers = levers(&project, scenario);
        let rate = levers.iter().find(|l| l.kind == LeverKind::Rate).expect("a growth rate");
        assert_eq!(rate.value_at(rate.position_of(rate.written)), rate.written);
        assert_eq!(rate.shown(&project.plan, rate.written, Lang::Ja), "+1%");
        let level = levers.iter().find(|l| l.name == "公民連携の効果額").expect("a yearly value");
        assert_eq!(level.value_at(level.position_of(level.written)), level.written);
        assert_eq!((level.low, level.step, level.positions), (Decimal::from(40_000_000), Decimal::from(100_000), 200));

        let unmoved = evaluate(&project, Some(scenario), None);
        let fast = BTreeMap::from([(rate.name.clone(), rate.value_at(rate.positions))]);
        let faster = evaluate(&project, Some(&moved(scenario, &fast, &project.plan)), None);
        let actual = |e: &Evaluation| e.report.rule(rate.rule).outcome.actual;
        assert!(actual(&faster) > actual(&unmoved), "{:?} {:?}", actual(&faster), actual(&unmoved));
    }

    #[test]
    fn a_trend_gets_a_slider_at_its_yearly_change() {
        let project = hadano();
        let scenario = project.plan.scenario("現状趨勢").expect("scenario");
        let levers = levers(&project, scenario);
        assert_eq!(levers.len(), scenario.projections.len(), "every projection of 現状趨勢 has a slider");
        let rule = project.plan.find("電子申請の年間利用件数").expect("rule");
        let trend = levers.iter().find(|l| l.rule == rule).expect("the trend's slider");
        assert_eq!(trend.kind, LeverKind::Trend);
        assert_eq!(trend.shown(&project.plan, trend.written, Lang::En), "+1,372件");
        let share = levers.iter().find(|l| l.name == "窓口・電話口での市民満足度").expect("a percentage's trend");
        assert!(
            share.shown(&project.plan, share.written, Lang::Ja).ends_with("ポイント"),
            "{}",
            share.shown(&project.plan, share.written, Lang::Ja)
        );
        // 12,480 15,320 16,900 17,800 18,100 over R1..R5: Σdx·dy / Σdx² = 13,720 / 10 = 1,372 a year.
        assert_eq!(trend.written, Decimal::from(1372));
        // Untouched, the trend is evaluated; moved, the chosen change from the last actual.
        let unmoved = evaluate(&project, Some(scenario), None);
        let amounts = BTreeMap::from([(trend.name.clone(), Decimal::from(300))]);
        let slower = evaluate(&project, Some(&moved(scenario, &amounts, &project.plan)), None);
        assert_eq!(slower.report.rule(rule).outcome.actual, Some(Decimal::from(18_700)), "18,100 + 2 × 300 in R7");
        assert!(unmoved.report.rule(rule).outcome.actual > slower.report.rule(rule).outcome.actual);
    }

    #[test]
    fn steps_are_powers_of_ten_near_a_hundredth() {
        assert_eq!(nice_step(Decimal::from(65_300_000)), Decimal::from(100_000));
        assert_eq!(nice_step(Decimal::from(500)), Decimal::from(1));
        assert_eq!(nice_step(Decimal::ZERO), Decimal::ONE);
    }

    #[test]
    fn series_mark_projected_years() {
        let project = hadano();
        let scenario = project.plan.scenario("現状趨勢").expect("scenario");
        let evaluation = evaluate(&project, Some(scenario), None);
        let values = Values::new(project.compiled.clone(), &evaluation.data);
        let rule = project.plan.find("電子申請の年間利用件数").expect("rule");
        let series = values.series(&project.plan, &evaluation, rule);
        assert_eq!(series.points.first().map(|p| (p.0, p.2)), Some((2019, false)));
        assert_eq!(series.points.last().map(|p| (p.0, p.2)), Some((2025, true)));
        assert!(series.target.is_some() && series.pace.is_some());
    }

    #[test]
    fn remarks_typed_beside_the_grid_are_read_as_remarks_alone() {
        use crate::remarks::RemarkTable;
        use shihyo_core::model::data::Remarks;
        use shihyo_core::syntax::Year;
        let said = Remarks { comment: Some("前年度比7%増".into()), outlook: None, owner: Some("情報政策課".into()) };
        let text = RemarkTable::default().with("電子申請の年間利用件数", Year { number: 2023, calendar: false }, said.clone()).to_csv();
        let loaded = Loaded::with_remarks(PLAN, DATA, &text);
        let project = loaded.project.as_ref().expect("the plan loads with its remarks");
        let rule = project.plan.find("電子申請の年間利用件数").expect("the rule");
        assert_eq!(project.remarks.get(&(rule, 2023)), Some(&said));
        assert_eq!(project.data[rule.0].get(&2023).map(|a| a.origin.file), Some(loaded.data_file), "the value is the grid's");
    }
}
