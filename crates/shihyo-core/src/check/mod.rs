//! The checker: from a parsed file and raw data to a [`Plan`] and [`Dataset`].
//!
//! It resolves every name (duplicates and unknown names are errors with a
//! suggestion), applies the plan's defaults to each rule (base year, target
//! year), orders derived indicators so each is computed after what it reads
//! (a cycle is an error naming it), finds every indicator's unit (declared,
//! else its target's, else its derivation's, else its data's) and checks that
//! all units agree, and converts data to base units. All errors are collected;
//! a plan with errors is not evaluated.
//!
//! One file a job, in the order [`check`] runs them: `structure` (groups,
//! rules, names), `settings` (the header, limits) with `scales` (grades, points), `rules` (each
//! rule's spec), `references` (names in expressions, the order of derived
//! indicators), `units`, `scenarios`, `data` (and in it, `magnitudes`: values
//! typed without a unit at the wrong magnitude), and last the plan's own
//! tests (`testing`), whose data starts from the plan's.

mod data;
mod magnitudes;
mod references;
mod rules;
mod scales;
mod scenarios;
mod settings;
mod structure;
mod testing;
mod units;

pub(crate) use data::actual_value;

use crate::model::data::{Dataset, RemarkSet};
use crate::model::testing::TestDef;
use crate::model::*;
use crate::read::RawEntry;
use shihyo_syntax::ast::{self, Item, PlanSetting, Rollup, Rule};
use shihyo_syntax::year::YearStyle;
use shihyo_syntax::Code;
use shihyo_syntax::{tr, Diagnostic, FileId, Localized, Span, Year};
use std::collections::HashMap;

/// Checks a parsed plan file and its data.
pub fn check(file: &ast::File, file_id: FileId, text: &str, data: Vec<RawEntry>) -> (Option<Checked>, Vec<Diagnostic>) {
    // Groups follow the plan's `rollup` unless they say otherwise, so read it first.
    let default_rollup = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Plan(plan) => plan.settings.iter().find_map(|s| if let PlanSetting::Rollup(mode, _) = s { Some(*mode) } else { None }),
            _ => None,
        })
        .unwrap_or(Rollup::Lowest);
    // Messages write years the way the plan's period does (`H26`, `R5`, `FY2023`).
    let years = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Plan(plan) => plan.settings.iter().find_map(|s| match s {
                PlanSetting::Period(range, _) => {
                    let written = text.get(range.first.span.clone()).unwrap_or("");
                    Some(YearStyle::of_written(shihyo_syntax::Source::new("", written).normalized()))
                }
                _ => None,
            }),
            _ => None,
        })
        .unwrap_or_default();
    let mut checker = Checker {
        file: file_id,
        diagnostics: Vec::new(),
        rules: Vec::new(),
        names: HashMap::new(),
        header: None,
        default_rollup,
        average_rollups: Vec::new(),
        group_scales: HashMap::new(),
        years,
    };
    let root_items = file.items.iter().collect::<Vec<_>>();
    let children = checker.items(&root_items, None);
    // An aggregate's file is no plan: E0280 says so, and what it lacks as a plan (a period)
    // would only echo it.
    if file.is_aggregate() {
        return (None, checker.diagnostics);
    }
    let mut root =
        GroupDef { id: None, title: String::new(), path: String::new(), rollup: Rollup::Lowest, scale: None, children, meta: Vec::new() };
    let plan = checker.finish(&mut root, &data, text);
    let Some(mut plan) = plan else { return (None, checker.diagnostics) };
    plan.root = root;
    checker.resolve_units(&mut plan, &data);
    let (scenarios, problems) = scenarios::check(&file.items, &plan, file_id);
    plan.scenarios = scenarios;
    checker.diagnostics.extend(problems);
    let (data, remarks) = checker.dataset(&plan, data);
    if checker.diagnostics.iter().any(Diagnostic::is_error) {
        return (None, checker.diagnostics);
    }
    // Tests are checked once the plan and its data are sound: their data starts from the plan's.
    let tests = checker.tests(&file.items, &plan, &data);
    if checker.diagnostics.iter().any(Diagnostic::is_error) {
        return (None, checker.diagnostics);
    }
    (Some(Checked { plan, data, remarks, tests }), checker.diagnostics)
}

/// What checking gives: the plan, its actuals, and the departments' remarks on them.
pub struct Checked {
    pub plan: Plan,
    pub data: Dataset,
    pub remarks: RemarkSet,
    /// The plan's own tests.
    pub tests: Vec<TestDef>,
}

struct Draft {
    def: RuleDef,
    ast: Option<Rule>,
    name_span: Span,
}

/// The scales a group writes, read once the plan's are known.
#[derive(Default)]
struct GroupScales {
    grades: Option<(Vec<ast::GradeStep>, Span)>,
    points: Option<Vec<ast::PointStep>>,
}

struct Checker {
    file: FileId,
    diagnostics: Vec<Diagnostic>,
    rules: Vec<Draft>,
    names: HashMap<String, RuleId>,
    header: Option<ast::Plan>,
    default_rollup: Rollup,
    /// Where `rollup average` is written: a group's (by its path) or the header's (`None`).
    average_rollups: Vec<(Option<String>, Span)>,
    /// The `grades { … }` and `points { … }` groups write, by the group's path.
    group_scales: HashMap<String, GroupScales>,
    years: YearStyle,
}

impl Checker {
    fn error(&mut self, code: Code, span: Span, message: Localized) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// E0216: a base year in or after the year it must come before (the target year,
    /// or for the plan's `baseline`, the plan's last year).
    pub(super) fn base_year_too_late(&mut self, span: Span, base: Year, later: Year, plan_end: bool) {
        let style = self.years;
        let (base_en, later_en, base_ja, later_ja) = (base.shown(style), later.shown(style), base.shown_ja(style), later.shown_ja(style));
        let (message, hint) = if plan_end {
            (
                tr!(
                    "the base year {base_en} is not before the plan's last year {later_en}",
                    "基準年度（{base_ja}）が計画の最終年度（{later_ja}）と同じか、それより後です"
                ),
                tr!(
                    "the base year comes before the period ends: `baseline R1` for `period R3..R7`",
                    "基準年度は期間の終わりより前にします：`period R3..R7` なら `baseline R1`"
                ),
            )
        } else {
            (
                tr!(
                    "the base year {base_en} is not before the target year {later_en}",
                    "基準年度（{base_ja}）が目標年度（{later_ja}）と同じか、それより後です"
                ),
                tr!("the base year comes first: `from R1 by R7`", "基準年度を前にしてください：`from R1 by R7`"),
            )
        };
        self.error(Code::E0216, span, message).hint = Some(hint);
    }
}
