//! The checker: from a parsed file and raw data to a [`Plan`] and [`Dataset`].
//!
//! It resolves every name (duplicates and unknown names are errors with a
//! suggestion), applies the plan's defaults to each rule (base year, target
//! year), orders derived indicators so each is computed after what it reads
//! (a cycle is an error naming it), finds every indicator's unit (declared,
//! else its target's, else its derivation's, else its data's) and checks that
//! all units agree, and converts data to base units. All errors are collected;
//! a plan with errors is not evaluated.

mod scenarios;

use crate::model::data::{Actual, ActualValue, Dataset};
use crate::model::units::{self, DisplayUnit, Unit, UnitClash};
use crate::model::*;
use crate::read::RawEntry;
use rust_decimal::Decimal;
use shihyo_syntax::ast::{
    self, AchievementFormula, BinaryOp, Comparator, Comparison, Composite, CompositeMode, Expr, ExprKind, GradeStep, Group, GroupItem,
    Item, Measured, Member, Name, PlanSetting, Rollup, Rule, RuleBody, RuleKind, Schedule, Target,
};
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::{closest, tr, CellValue, Diagnostic, FileId, Localized, Span, Year};
use std::collections::{BTreeMap, HashMap};

/// Checks a parsed plan file and its data.
pub fn check(file: &ast::File, file_id: FileId, text: &str, data: Vec<RawEntry>) -> (Option<(Plan, Dataset)>, Vec<Diagnostic>) {
    // Groups follow the plan's `rollup` unless they say otherwise, so read it first.
    let default_rollup = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Plan(plan) => plan.settings.iter().find_map(|s| if let PlanSetting::Rollup(mode, _) = s { Some(*mode) } else { None }),
            _ => None,
        })
        .unwrap_or(Rollup::Lowest);
    let mut checker =
        Checker { file: file_id, diagnostics: Vec::new(), rules: Vec::new(), names: HashMap::new(), header: None, default_rollup };
    let root_items = file.items.iter().collect::<Vec<_>>();
    let children = checker.items(&root_items, None);
    let mut root = GroupDef { id: None, title: String::new(), path: String::new(), rollup: Rollup::Lowest, children, meta: Vec::new() };
    let plan = checker.finish(&mut root, &data, text);
    let Some(mut plan) = plan else { return (None, checker.diagnostics) };
    plan.root = root;
    checker.resolve_units(&mut plan, &data);
    let (scenarios, problems) = scenarios::check(&file.items, &plan, file_id);
    plan.scenarios = scenarios;
    checker.diagnostics.extend(problems);
    let dataset = checker.dataset(&plan, data);
    if checker.diagnostics.iter().any(Diagnostic::is_error) {
        return (None, checker.diagnostics);
    }
    (Some((plan, dataset)), checker.diagnostics)
}

struct Draft {
    def: RuleDef,
    ast: Option<Rule>,
    name_span: Span,
}

struct Checker {
    file: FileId,
    diagnostics: Vec<Diagnostic>,
    rules: Vec<Draft>,
    names: HashMap<String, RuleId>,
    header: Option<ast::Plan>,
    default_rollup: Rollup,
}

impl Checker {
    fn error(&mut self, code: &'static str, span: Span, message: Localized) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    // ------------------------------------------------------------ structure

    fn items(&mut self, items: &[&Item], path: Option<&str>) -> Vec<GroupChild> {
        let mut children = Vec::new();
        for item in items {
            match item {
                Item::Plan(plan) => {
                    if self.header.is_some() {
                        self.error("E0206", plan.span.clone(), tr!("a file has one `plan` header", "`plan` の見出しは一つだけです"));
                    } else {
                        self.header = Some(plan.clone());
                    }
                }
                Item::Group(group) => children.push(GroupChild::Group(self.group(group, path))),
                Item::Rule(rule) => children.push(GroupChild::Rule(self.rule(rule, path, None))),
                Item::Composite(composite) => children.push(GroupChild::Rule(self.composite(composite, path, None))),
                Item::Data(_) | Item::Scenario(_) => {}
            }
        }
        children
    }

    fn group(&mut self, group: &Group, parent_path: Option<&str>) -> GroupDef {
        let segment = group.id.as_ref().unwrap_or(&group.title).text.clone();
        let path = match parent_path {
            Some(parent) if !parent.is_empty() => format!("{parent}/{segment}"),
            _ => segment,
        };
        let mut rollup = self.default_rollup;
        let mut meta = Vec::new();
        let mut items = Vec::new();
        for child in &group.items {
            match child {
                GroupItem::Rollup(mode, _) => rollup = *mode,
                GroupItem::Meta(item) => meta.push((item.key, item.value.text.clone())),
                GroupItem::Item(item) => items.push(item),
            }
        }
        let children = self.items(&items, Some(&path));
        GroupDef { id: group.id.as_ref().map(|n| n.text.clone()), title: group.title.text.clone(), path, rollup, children, meta }
    }

    fn register(&mut self, name: &Name, def: RuleDef, ast: Option<Rule>) -> RuleId {
        let id = RuleId(self.rules.len());
        if let Some(&first) = self.names.get(&name.key) {
            let first_span = self.rules[first.0].name_span.clone();
            let shown = &name.text;
            let file = self.file;
            self.error("E0201", name.span.clone(), tr!("`{shown}` is defined twice", "「{shown}」が二度定義されています"))
                .related
                .push(shihyo_syntax::Related { file, span: first_span, message: tr!("first defined here", "最初の定義") });
        } else {
            self.names.insert(name.key.clone(), id);
        }
        self.rules.push(Draft { def, ast, name_span: name.span.clone() });
        id
    }

    fn rule(&mut self, rule: &Rule, path: Option<&str>, parent: Option<RuleId>) -> RuleId {
        let def = RuleDef {
            name: rule.name.text.clone(),
            key: rule.name.key.clone(),
            kind: rule.kind,
            spec: RuleSpec::Qualitative, // set in `finish`, once the plan's defaults are known
            unit: DisplayUnit::base(Unit::Plain),
            calendar: false,
            meta: rule.meta.iter().map(|m| (m.key, m.value.text.clone())).collect(),
            span: rule.span.clone(),
            group_path: path.map(str::to_string),
            parent,
        };
        self.register(&rule.name, def, Some(rule.clone()))
    }

    fn composite(&mut self, composite: &Composite, path: Option<&str>, parent: Option<RuleId>) -> RuleId {
        let generated;
        let name = match &composite.name {
            Some(name) => name,
            None => {
                let members: Vec<&str> = composite
                    .members
                    .iter()
                    .map(|m| match m {
                        Member::Rule(rule) => rule.name.text.as_str(),
                        Member::Composite(c) => c.name.as_ref().map_or("…", |n| n.text.as_str()),
                    })
                    .collect();
                let mode = if composite.mode == CompositeMode::Any { "any" } else { "all" };
                let text = format!("{mode}({})", members.join(", "));
                generated = Name {
                    key: shihyo_syntax::Source::new("", text.as_str()).normalized().to_string(),
                    text,
                    span: composite.span.clone(),
                };
                &generated
            }
        };
        let def = RuleDef {
            name: name.text.clone(),
            key: name.key.clone(),
            kind: RuleKind::Indicator,
            spec: RuleSpec::Composite { mode: composite.mode, members: Vec::new() },
            unit: DisplayUnit::base(Unit::Plain),
            calendar: false,
            meta: Vec::new(),
            span: composite.span.clone(),
            group_path: path.map(str::to_string),
            parent,
        };
        let id = self.register(name, def, None);
        let members = composite
            .members
            .iter()
            .map(|member| match member {
                Member::Rule(rule) => self.rule(rule, path, Some(id)),
                Member::Composite(inner) => self.composite(inner, path, Some(id)),
            })
            .collect();
        self.rules[id.0].def.spec = RuleSpec::Composite { mode: composite.mode, members };
        id
    }

    // ------------------------------------------------------------ plan settings and rule specs

    fn finish(&mut self, root: &mut GroupDef, data: &[RawEntry], text: &str) -> Option<Plan> {
        let header = self.header.take();
        let mut period = None;
        let mut baseline = None;
        let mut calendar = false;
        let mut achievement = AchievementFormula::Ratio;
        let mut rollup = Rollup::Lowest;
        let mut grades = default_grades();
        let mut name = String::new();
        if let Some(plan) = &header {
            name = plan.name.text.clone();
            for setting in &plan.settings {
                match setting {
                    PlanSetting::Period(range, _) => period = Some((range.first.year.number, range.last.year.number)),
                    PlanSetting::Baseline(year, _) => baseline = Some((year.year.number, year.span.clone())),
                    PlanSetting::Achievement(formula, _) => achievement = *formula,
                    PlanSetting::Rollup(mode, _) => rollup = *mode,
                    PlanSetting::Calendar(_) => calendar = true,
                    PlanSetting::Grades(steps, span) => grades = self.grades(steps, span),
                    PlanSetting::Meta(_) => {}
                }
            }
        }
        root.rollup = rollup;
        let baseline = baseline.map(|(year, span)| {
            if let Some((_, last)) = period.filter(|(_, last)| year >= *last) {
                self.base_year_too_late(span, Year { number: year, calendar }, Year { number: last, calendar }, true);
            }
            year
        });
        let period = match period {
            Some(period) => period,
            None => {
                // Without a `period`, the plan spans the years its rules and data name.
                let years: Vec<i32> = self
                    .rules
                    .iter()
                    .filter_map(|d| d.ast.as_ref())
                    .flat_map(rule_years)
                    .chain(data.iter().map(|e| e.year.number))
                    .collect();
                match (years.iter().min(), years.iter().max()) {
                    (Some(&first), Some(&last)) => (first, last),
                    _ => {
                        let span = header.as_ref().map_or(0..0, |p| p.name.span.clone());
                        self.error("E0202", span, tr!("the plan has no period", "計画の期間がありません")).hint =
                            Some(tr!("add `period R3..R7` to the `plan` header", "`plan` の見出しに `period R3..R7` を書いてください"));
                        return None;
                    }
                }
            }
        };
        if !self.within_limits(period, header.as_ref(), calendar) {
            return None;
        }
        let mut plan = Plan {
            name,
            file: self.file,
            text: text.to_string(),
            period,
            calendar,
            baseline,
            achievement,
            rollup,
            grades,
            rules: Vec::new(),
            root: GroupDef { id: None, title: String::new(), path: String::new(), rollup, children: Vec::new(), meta: Vec::new() },
            derivation_order: Vec::new(),
            names: self.names.clone(),
            scenarios: Vec::new(),
        };
        for index in 0..self.rules.len() {
            if let Some(rule) = self.rules[index].ast.clone() {
                let (spec, rule_calendar) = self.spec(&rule, &plan);
                self.rules[index].def.spec = spec;
                self.rules[index].def.calendar = rule_calendar;
            }
        }
        // An `any`/`all` counts calendar years when its members do; members come
        // after their composite, so inner composites are settled first from the end.
        for index in (0..self.rules.len()).rev() {
            if let RuleSpec::Composite { members, .. } = &self.rules[index].def.spec {
                let calendar = !members.is_empty() && members.iter().all(|m| self.rules[m.0].def.calendar);
                self.rules[index].def.calendar = calendar;
            }
        }
        for index in 0..self.rules.len() {
            let spec = self.rules[index].def.spec.clone();
            self.check_references(&spec);
        }
        plan.rules = self.rules.iter().map(|d| d.def.clone()).collect();
        plan.derivation_order = self.derivation_order(&plan)?;
        Some(plan)
    }

    /// The limits of [`crate::model`]: the period's length (E0217), the number of rules
    /// (E0218), and how far from the period a rule's years lie (E0219).
    fn within_limits(&mut self, period: (i32, i32), header: Option<&ast::Plan>, calendar: bool) -> bool {
        let most = MAX_PERIOD_YEARS;
        if period.1 - period.0 + 1 > most {
            let span = header
                .and_then(|plan| plan.settings.iter().find(|s| matches!(s, PlanSetting::Period(..))).map(|s| s.span().clone()))
                .or_else(|| header.map(|plan| plan.name.span.clone()))
                .unwrap_or(0..0);
            self.error("E0217", span, tr!("a plan's period spans at most {most} years", "計画の期間は {most} 年までです"));
            return false;
        }
        if self.rules.len() > MAX_RULES {
            let span = self.rules[MAX_RULES].name_span.clone();
            let most = MAX_RULES;
            self.error("E0218", span, tr!("a plan has at most {most} rules", "一つの計画に書けるルールは {most} 件までです")).hint =
                Some(tr!("split it into plans by area", "分野ごとの計画に分けてください"));
            return false;
        }
        let window = year_window(period);
        let mut within = true;
        for index in 0..self.rules.len() {
            let far = self.rules[index].ast.as_ref().and_then(|rule| rule_years(rule).into_iter().find(|y| !window.contains(y)));
            if let Some(year) = far {
                let (shown, label) = (self.rules[index].def.name.clone(), Year { number: year, calendar }.label());
                let span = self.rules[index].name_span.clone();
                self.error(
                    "E0219",
                    span,
                    tr!(
                        "`{shown}` names {label}, more than {most} years from the plan's period",
                        "「{shown}」の {label} は計画の期間から {most} 年以上離れています"
                    ),
                );
                within = false;
            }
        }
        within
    }

    /// E0216: a base year in or after the year it must come before (the target year,
    /// or for the plan's `baseline`, the plan's last year).
    fn base_year_too_late(&mut self, span: Span, base: Year, later: Year, plan_end: bool) {
        let (base_en, later_en, base_ja, later_ja) = (base.label(), later.label(), base.label_ja(), later.label_ja());
        let message = if plan_end {
            tr!(
                "the base year {base_en} is not before the plan's last year {later_en}",
                "基準年度（{base_ja}）が計画の最終年度（{later_ja}）より前になっていません"
            )
        } else {
            tr!(
                "the base year {base_en} is not before the target year {later_en}",
                "基準年度（{base_ja}）が目標年度（{later_ja}）より前になっていません"
            )
        };
        self.error("E0216", span, message);
    }

    fn grades(&mut self, steps: &[GradeStep], span: &Span) -> Vec<Grade> {
        let mut grades = Vec::new();
        for (index, step) in steps.iter().enumerate() {
            let threshold = step.threshold.as_ref().map(|(comparator, quantity)| {
                let ratio = match quantity.unit {
                    UnitLiteral::Percent => quantity.value,
                    UnitLiteral::Plain => quantity.value / Decimal::ONE_HUNDRED,
                    _ => {
                        self.error(
                            "E0203",
                            quantity.span.clone(),
                            tr!("a grade threshold is a percentage", "評価の基準は百分率で書きます"),
                        );
                        quantity.value
                    }
                };
                (*comparator, ratio)
            });
            if threshold.is_none() && index + 1 != steps.len() {
                self.error(
                    "E0203",
                    step.span.clone(),
                    tr!("only the last grade may have no threshold", "基準のない評価は最後にだけ書けます"),
                );
            }
            let previous = grades.iter().rev().find_map(|g: &Grade| g.threshold.map(|(_, ratio)| (g.name.clone(), ratio)));
            if let (Some((above, higher)), Some((_, ratio))) = (previous, threshold) {
                if ratio > higher {
                    let (this, shown, shown_higher) = (&step.name.text, units::ratio(ratio), units::ratio(higher));
                    self.error(
                        "E0203",
                        step.span.clone(),
                        tr!(
                            "grades go from the highest threshold down: `{this}` ({shown}) cannot come after `{above}` ({shown_higher})",
                            "評価は基準の高い順に書きます。「{this}」（{shown}）は「{above}」（{shown_higher}）の後に置けません"
                        ),
                    );
                }
            }
            grades.push(Grade { name: step.name.text.clone(), threshold });
        }
        if grades.is_empty() {
            self.error("E0203", span.clone(), tr!("`grades` needs at least one grade", "`grades` には評価が一つ以上必要です"));
        }
        grades
    }

    fn spec(&mut self, rule: &Rule, plan: &Plan) -> (RuleSpec, bool) {
        match &rule.body {
            RuleBody::Qualitative(_) => (RuleSpec::Qualitative, plan.calendar),
            RuleBody::Milestone { by } => (RuleSpec::Milestone { by: by.year.number }, by.year.calendar),
            RuleBody::Measured(measured) => {
                let base_year = measured.from.as_ref().map(|y| y.year.number).or(plan.baseline);
                let mut calendar = plan.calendar;
                for year in measured.from.iter().chain(if let Schedule::By(by) = &measured.schedule { Some(by) } else { None }) {
                    calendar = year.year.calendar;
                }
                if let (Some(from), Schedule::By(by)) = (&measured.from, &measured.schedule) {
                    if from.year.calendar != by.year.calendar {
                        self.error(
                            "E0215",
                            by.span.clone(),
                            tr!(
                                "`from` and `by` must both be fiscal years or both calendar years",
                                "`from` と `by` は、どちらも年度か、どちらも暦年で書きます"
                            ),
                        );
                    }
                }
                let comparison = measured.comparison.as_ref().map(|c| ComparisonDef {
                    comparator: c.comparator,
                    target: match &c.target {
                        Target::Tbd(_) => TargetDef::Tbd,
                        Target::Expr(expr) => TargetDef::Expr(expr.clone()),
                        Target::Schedule(entries, _) => {
                            TargetDef::Schedule(entries.iter().map(|(y, e)| (y.year.number, e.clone())).collect())
                        }
                    },
                });
                let schedule_end = match comparison.as_ref().map(|c| &c.target) {
                    Some(TargetDef::Schedule(entries)) => {
                        self.check_schedule(measured);
                        entries.last().map(|(year, _)| *year)
                    }
                    _ => None,
                };
                let every_year = matches!(measured.schedule, Schedule::EveryYear(_));
                if every_year && schedule_end.is_some() {
                    if let Schedule::EveryYear(span) = &measured.schedule {
                        self.error(
                            "E0214",
                            span.clone(),
                            tr!(
                                "`every year` takes one target, not a schedule of targets",
                                "`every year` の目標は一つです（年度別の目標とは併用できません）"
                            ),
                        );
                    }
                }
                let target_year = match &measured.schedule {
                    Schedule::By(by) => by.year.number,
                    _ => schedule_end.unwrap_or(plan.period.1),
                };
                let uses_baseline = comparison.as_ref().is_some_and(|c| match &c.target {
                    TargetDef::Expr(expr) => expr_uses_bare_baseline(expr),
                    TargetDef::Schedule(entries) => entries.iter().any(|(_, e)| expr_uses_bare_baseline(e)),
                    TargetDef::Tbd => false,
                }) || measured.derivation.as_ref().is_some_and(expr_uses_bare_baseline);
                if uses_baseline && base_year.is_none() {
                    let shown = &rule.name.text;
                    self.error(
                        "E0210",
                        rule.name.span.clone(),
                        tr!(
                            "`{shown}` uses `baseline`, but has no base year",
                            "「{shown}」は `baseline` を使っていますが、基準年度がありません"
                        ),
                    )
                    .hint = Some(tr!(
                        "add `baseline R1` to the plan header, or `from R1` to this rule",
                        "計画の見出しに `baseline R1` を書くか、このルールに `from R1` を書いてください"
                    ));
                }
                // A base year must come before the target year. The plan's baseline only
                // matters to a rule after it: one due earlier has no pace line, unless it
                // reads `baseline` itself.
                let mut base_year = base_year;
                if let Some(base) = base_year.filter(|base| *base >= target_year) {
                    let place = match (&measured.from, &measured.schedule) {
                        (Some(from), _) => Some(from.span.clone()),
                        (None, Schedule::By(by)) if uses_baseline => Some(by.span.clone()),
                        _ => None,
                    };
                    match place {
                        Some(span) => {
                            let year = |number| Year { number, calendar };
                            self.base_year_too_late(span, year(base), year(target_year), false);
                        }
                        None => base_year = None,
                    }
                }
                (
                    RuleSpec::Measured(Box::new(MeasuredDef {
                        derivation: measured.derivation.clone(),
                        aggregate: measured.aggregate,
                        comparison,
                        base_year,
                        target_year,
                        every_year,
                    })),
                    calendar,
                )
            }
        }
    }

    fn check_schedule(&mut self, measured: &Measured) {
        let Some(Comparison { target: Target::Schedule(entries, _), .. }) = &measured.comparison else { return };
        for pair in entries.windows(2) {
            if pair[1].0.year.number <= pair[0].0.year.number {
                self.error(
                    "E0212",
                    pair[1].0.span.clone(),
                    tr!("the years of a target schedule must increase", "年度別の目標は年度の順に書きます"),
                );
            }
        }
    }

    /// Every name an expression reads must be an indicator of the plan.
    fn check_references(&mut self, spec: &RuleSpec) {
        let RuleSpec::Measured(measured) = spec else { return };
        let mut exprs: Vec<&Expr> = measured.derivation.iter().collect();
        if let Some(comparison) = &measured.comparison {
            match &comparison.target {
                TargetDef::Expr(expr) => exprs.push(expr),
                TargetDef::Schedule(entries) => exprs.extend(entries.iter().map(|(_, e)| e)),
                TargetDef::Tbd => {}
            }
        }
        for expr in exprs {
            for name in referenced_names(expr) {
                match self.names.get(&name.key) {
                    Some(id) if matches!(self.rules[id.0].def.spec, RuleSpec::Composite { .. }) => {
                        let shown = &name.text;
                        self.error(
                            "E0211",
                            name.span.clone(),
                            tr!(
                                "`{shown}` is an `any`/`all` rule, not an indicator with values",
                                "「{shown}」は `any`/`all` のルールで、値を持つ指標ではありません"
                            ),
                        );
                    }
                    Some(_) => {}
                    None => self.unknown_name(name),
                }
            }
        }
    }

    fn unknown_name(&mut self, name: &Name) {
        let suggestion = closest(&name.key, self.names.keys().map(String::as_str))
            .and_then(|key| self.names.get(key).map(|id| self.rules[id.0].def.name.clone()));
        let shown = &name.text;
        let diagnostic =
            self.error("E0211", name.span.clone(), tr!("there is no indicator named `{shown}`", "「{shown}」という指標はありません"));
        if let Some(s) = suggestion {
            diagnostic.hint = Some(tr!("did you mean `{s}`?", "「{s}」のことですか？"));
        }
    }

    /// Orders derived indicators so each follows what it reads; reports cycles.
    fn derivation_order(&mut self, plan: &Plan) -> Option<Vec<RuleId>> {
        let derived: Vec<RuleId> = (0..plan.rules.len()).map(RuleId).filter(|id| plan.rule(*id).derivation().is_some()).collect();
        let dependencies = |id: RuleId| -> Vec<RuleId> {
            let expr = plan.rule(id).derivation().expect("derived");
            let mut deps: Vec<RuleId> = referenced_names(expr).iter().filter_map(|n| self.names.get(&n.key).copied()).collect();
            if expr_reads_self(expr) {
                deps.push(id);
            }
            deps.retain(|d| plan.rule(*d).derivation().is_some());
            deps
        };
        // Iterative depth-first search (no recursion: chains may be long).
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut marks = vec![Mark::New; plan.rules.len()];
        let mut order = Vec::new();
        for &start in &derived {
            if marks[start.0] != Mark::New {
                continue;
            }
            let mut stack: Vec<(RuleId, Vec<RuleId>)> = vec![(start, dependencies(start))];
            marks[start.0] = Mark::Open;
            while let Some((node, pending)) = stack.last_mut() {
                let node = *node;
                match pending.pop() {
                    Some(next) => match marks[next.0] {
                        Mark::New => {
                            marks[next.0] = Mark::Open;
                            let deps = dependencies(next);
                            stack.push((next, deps));
                        }
                        Mark::Open => {
                            let position = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                            let cycle: Vec<String> = stack[position..]
                                .iter()
                                .map(|(n, _)| plan.rule(*n).name.clone())
                                .chain(std::iter::once(plan.rule(next).name.clone()))
                                .collect();
                            let chain = cycle.join(" → ");
                            let span = plan.rule(next).span.clone();
                            self.error(
                                "E0213",
                                span,
                                tr!("derived indicators form a cycle: {chain}", "派生指標が循環しています: {chain}"),
                            )
                            .hint = Some(tr!(
                                "a derived indicator cannot depend on itself, directly or through others",
                                "派生指標は、直接にも間接にも自分自身を参照できません"
                            ));
                            return None;
                        }
                        Mark::Done => {}
                    },
                    None => {
                        marks[node.0] = Mark::Done;
                        order.push(node);
                        stack.pop();
                    }
                }
            }
        }
        Some(order)
    }

    // ------------------------------------------------------------ units

    fn resolve_units(&mut self, plan: &mut Plan, data: &[RawEntry]) {
        let count = plan.rules.len();
        let mut units: Vec<Option<(DisplayUnit, Span)>> = vec![None; count];
        // Declared units.
        for (index, draft) in self.rules.iter().enumerate() {
            if let Some(Rule { body: RuleBody::Measured(Measured { unit: Some(clause), .. }), .. }) = &draft.ast {
                let unit = Unit::of_literal(&clause.unit);
                let scale = if let UnitLiteral::Yen { scale } = clause.unit { scale } else { Decimal::ONE };
                units[index] = Some((DisplayUnit { unit, scale, text: clause.text.clone() }, clause.span.clone()));
            }
        }
        // Targets (self-references unknown), derivations in dependency order, then data.
        let mut derived = vec![false; count];
        for id in &plan.derivation_order {
            derived[id.0] = true;
        }
        let order: Vec<RuleId> = (0..count).map(RuleId).filter(|id| !derived[id.0]).chain(plan.derivation_order.iter().copied()).collect();
        // The units known so far, kept beside `units` as each one is found.
        let mut known: Vec<Option<Unit>> = units.iter().map(|u| u.as_ref().map(|(d, _)| d.unit.clone())).collect();
        for id in order {
            let RuleSpec::Measured(measured) = &plan.rules[id.0].spec else { continue };
            let mut found: Vec<(Unit, Span)> = Vec::new();
            for expr in target_exprs(measured).into_iter().chain(measured.derivation.as_ref()) {
                match self.unit_of(expr, id, &known) {
                    Ok(Some(unit)) => found.push((unit, expr.span.clone())),
                    Ok(None) => {}
                    Err(diagnostic) => self.diagnostics.push(*diagnostic),
                }
            }
            if units[id.0].is_none() {
                if let Some((unit, span)) = found.into_iter().next() {
                    let shown = target_exprs(measured).into_iter().find_map(|expr| written_unit(expr, &unit));
                    known[id.0] = Some(unit.clone());
                    units[id.0] = Some((shown.unwrap_or_else(|| DisplayUnit::base(unit)), span));
                }
            }
        }
        for entry in data {
            let Some(&id) = self.names.get(&normalized(&entry.name)) else { continue };
            if units[id.0].is_some() {
                continue;
            }
            if let CellValue::Number(_, literal) = &entry.value {
                if *literal != UnitLiteral::Plain {
                    units[id.0] = Some((DisplayUnit::of_literal(literal), entry.origin.span.clone()));
                }
            }
        }
        for (rule, unit) in plan.rules.iter_mut().zip(&units) {
            if let Some((unit, _)) = unit {
                rule.unit = unit.clone();
            }
        }
        // Every target and derivation must agree with its indicator's unit.
        let known: Vec<Option<Unit>> = plan.rules.iter().map(|r| Some(r.unit().clone())).collect();
        for (index, (rule, declared)) in plan.rules.iter().zip(&units).enumerate() {
            let RuleSpec::Measured(measured) = &rule.spec else { continue };
            for expr in target_exprs(measured).into_iter().chain(measured.derivation.as_ref()) {
                match self.unit_of(expr, RuleId(index), &known) {
                    Ok(Some(unit)) => {
                        if rule.unit().unify(&unit).is_err() {
                            let indicator = rule.unit().clone();
                            let name = &rule.name;
                            let diagnostic = Diagnostic::error(
                                "E0240",
                                self.file,
                                expr.span.clone(),
                                tr!(
                                    "this is in {unit}, but `{name}` is in {indicator}",
                                    "この値の単位は{unit}ですが、「{name}」の単位は{indicator}です"
                                ),
                            )
                            .with_hint(tr!("units do not mix: compare like with like", "単位の違う値は比べられません"));
                            let diagnostic = match declared {
                                Some((_, span)) if *span != expr.span => diagnostic.with_related(
                                    self.file,
                                    span.clone(),
                                    tr!("the unit comes from here", "単位はここで決まっています"),
                                ),
                                _ => diagnostic,
                            };
                            self.diagnostics.push(diagnostic);
                        }
                    }
                    Ok(None) => {}
                    Err(_) => {} // reported in the first pass
                }
            }
        }
    }

    /// The unit of an expression; `None` where it depends on a unit not yet known.
    fn unit_of(&self, expr: &Expr, this: RuleId, known: &[Option<Unit>]) -> Result<Option<Unit>, Box<Diagnostic>> {
        let named = |name: &Option<Name>| -> Option<Unit> {
            match name {
                None => known[this.0].clone(),
                Some(name) => self.names.get(&name.key).and_then(|id| known[id.0].clone()),
            }
        };
        Ok(match &expr.kind {
            ExprKind::Number(q) => Some(Unit::of_literal(&q.unit)),
            ExprKind::Baseline(_) => known[this.0].clone(),
            ExprKind::Value { name, .. } => named(name),
            ExprKind::Series { name, .. } => named(&Some(name.clone())),
            ExprKind::Round { value, .. } => self.unit_of(value, this, known)?,
            ExprKind::Negate(inner) | ExprKind::Paren(inner) => self.unit_of(inner, this, known)?,
            ExprKind::Extremum { args, .. } => {
                let mut unit: Option<Unit> = None;
                for arg in args {
                    if let Some(next) = self.unit_of(arg, this, known)? {
                        unit = Some(match unit {
                            None => next,
                            Some(current) => current.unify(&next).map_err(|clash| self.clash(expr, "min/max", clash))?,
                        });
                    }
                }
                unit
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let left = self.unit_of(lhs, this, known)?;
                let right = self.unit_of(rhs, this, known)?;
                match (left, right) {
                    (Some(l), Some(r)) => Some(
                        match op {
                            BinaryOp::Add | BinaryOp::Subtract => l.unify(&r),
                            BinaryOp::Multiply => l.multiply(&r),
                            BinaryOp::Divide => l.divide(&r),
                        }
                        .map_err(|clash| self.clash(expr, op.symbol(), clash))?,
                    ),
                    (Some(known), None) | (None, Some(known)) => match op {
                        BinaryOp::Add | BinaryOp::Subtract if known != Unit::Plain => Some(known),
                        _ => None,
                    },
                    (None, None) => None,
                }
            }
        })
    }

    fn clash(&self, expr: &Expr, op: &str, clash: UnitClash) -> Box<Diagnostic> {
        let UnitClash { left, right } = clash;
        let diagnostic = Diagnostic::error(
            "E0241",
            self.file,
            expr.span.clone(),
            tr!("cannot combine {left} and {right} with `{op}`", "{left} と {right} は `{op}` で組み合わせられません"),
        );
        Box::new(if (left == Unit::Percent) != (right == Unit::Percent) && (op == "+" || op == "-") {
            diagnostic
                .with_hint(tr!("to raise a value by 5%, multiply: `baseline * 105%`", "5%増やすには掛け算にします: `baseline * 105%`"))
        } else {
            diagnostic.with_hint(tr!(
                "units do not mix: `件` + `人` or `円` / `人` have no meaning here",
                "単位は混ぜられません（`件` + `人` や `円` / `人` など）"
            ))
        })
    }

    // ------------------------------------------------------------ data

    fn dataset(&mut self, plan: &Plan, data: Vec<RawEntry>) -> Dataset {
        let mut dataset: Dataset = vec![BTreeMap::new(); plan.rules.len()];
        // An unknown name is reported once per place it is written (a wide CSV row names
        // its indicator once for all its years).
        let mut unknown_reported = std::collections::HashSet::new();
        for entry in data {
            let key = normalized(&entry.name);
            let Some(&id) = self.names.get(&key) else {
                if !unknown_reported.insert((entry.name_origin.file, entry.name_origin.span.start)) {
                    continue;
                }
                let suggestion = closest(&key, self.names.keys().map(String::as_str))
                    .and_then(|k| self.names.get(k))
                    .map(|id| plan.rule(*id).name.clone());
                let shown = &entry.name;
                let mut diagnostic = Diagnostic::error(
                    "E0230",
                    entry.name_origin.file,
                    entry.name_origin.span.clone(),
                    tr!("data for `{shown}`, which the plan does not define", "計画にない指標「{shown}」のデータです"),
                );
                if let Some(s) = suggestion {
                    diagnostic.hint = Some(tr!("did you mean `{s}`?", "「{s}」のことですか？"));
                }
                self.diagnostics.push(diagnostic);
                continue;
            };
            let rule = plan.rule(id);
            let shown = &rule.name;
            if !plan.year_window().contains(&entry.year.number) {
                let (label, most) = (entry.year.label(), MAX_PERIOD_YEARS);
                let message =
                    tr!("{label} is more than {most} years from the plan's period", "{label} は計画の期間から {most} 年以上離れています");
                self.diagnostics.push(Diagnostic::error("E0219", entry.origin.file, entry.origin.span.clone(), message));
                continue;
            }
            let value = match (&rule.spec, entry.value) {
                (RuleSpec::Composite { .. }, _) => Err(tr!(
                    "`{shown}` is an `any`/`all` rule: give data to its members",
                    "「{shown}」は `any`/`all` のルールです。データはその中のルールに付けてください"
                )),
                (RuleSpec::Measured(measured), _) if measured.derivation.is_some() => {
                    Err(tr!("`{shown}` is derived: its values are computed, not given", "「{shown}」は派生指標で、値は計算されます"))
                }
                (RuleSpec::Milestone { .. }, CellValue::Done) => Ok(ActualValue::Done),
                (RuleSpec::Milestone { .. }, _) => {
                    Err(tr!("`{shown}` is a milestone: its data is `done`", "「{shown}」はマイルストーンです。データは `done` です"))
                }
                (RuleSpec::Qualitative, CellValue::Grade(grade)) => {
                    if plan.grades.iter().any(|g| g.name == grade) {
                        Ok(ActualValue::Grade(grade))
                    } else {
                        let known: Vec<&str> = plan.grades.iter().map(|g| g.name.as_str()).collect();
                        let list = known.join(", ");
                        Err(tr!("`{grade}` is not one of the plan's grades ({list})", "「{grade}」は計画の評価（{list}）にありません"))
                    }
                }
                (RuleSpec::Qualitative, _) => Err(tr!(
                    "`{shown}` is qualitative: its data is a hand grade (`grade B`)",
                    "「{shown}」は定性的な指標です。データは評価（`grade B`）です"
                )),
                (RuleSpec::Measured(_), CellValue::Number(value, literal)) => convert(value, &literal, rule),
                (RuleSpec::Measured(_), _) => Err(tr!("`{shown}` is measured: its data are numbers", "「{shown}」のデータは数値です")),
            };
            let value = match value {
                Ok(value) => value,
                Err(message) => {
                    self.diagnostics.push(Diagnostic::error("E0232", entry.origin.file, entry.origin.span.clone(), message));
                    continue;
                }
            };
            let actual = Actual { value, origin: entry.origin.clone(), projected: false };
            match dataset[id.0].get(&entry.year.number) {
                Some(first) => {
                    let year = entry.year.label();
                    self.diagnostics.push(
                        Diagnostic::error(
                            "E0231",
                            entry.origin.file,
                            entry.origin.span.clone(),
                            tr!("`{shown}` has two values for {year}", "「{shown}」の {year} の値が二つあります"),
                        )
                        .with_related(first.origin.file, first.origin.span.clone(), tr!("the first value", "一つ目の値"))
                        .with_hint(tr!("R1, 令和元年度, H31 and FY2019 are one year", "R1・令和元年度・H31・FY2019 は同じ年度です")),
                    );
                }
                None => {
                    dataset[id.0].insert(entry.year.number, actual);
                }
            }
        }
        dataset
    }
}

/// Converts a data number to the indicator's base unit.
pub(crate) fn convert(value: Decimal, literal: &UnitLiteral, rule: &RuleDef) -> Result<ActualValue, Localized> {
    let unit = Unit::of_literal(literal);
    if unit == Unit::Plain {
        // A bare value is in the indicator's unit: percent, or money in its display unit (`unit 千円`).
        let converted = match rule.unit() {
            Unit::Percent => value.checked_div(Decimal::ONE_HUNDRED),
            Unit::Yen => value.checked_mul(rule.unit.scale),
            _ => Some(value),
        };
        return converted
            .map(ActualValue::Number)
            .ok_or_else(|| tr!("this value is outside the exact decimal range", "この値は正確に扱える範囲を超えています"));
    }
    match rule.unit().unify(&unit) {
        Ok(_) => Ok(ActualValue::Number(value)),
        Err(_) if unit.to_string().chars().all(|c| "OoIl".contains(c)) => {
            // 「3OO」: a letter O (or l) typed for a digit 0 (or 1) reads as a unit.
            Err(tr!(
                "`{unit}` after the number is not a unit: is the letter O or l typed for the digit 0 or 1?",
                "数値の後の「{unit}」は単位ではありません。数字の 0 や 1 の代わりに英字の O や l を打っていませんか"
            ))
        }
        Err(_) => {
            let (shown, expected) = (&rule.name, rule.unit());
            Err(tr!(
                "this value is in {unit}, but `{shown}` is in {expected}",
                "この値の単位は{unit}ですが、「{shown}」の単位は{expected}です"
            ))
        }
    }
}

fn default_grades() -> Vec<Grade> {
    let step =
        |name: &str, percent: i64| Grade { name: name.to_string(), threshold: Some((Comparator::AtLeast, Decimal::new(percent, 2))) };
    vec![step("A", 100), step("B", 80), step("C", 60), Grade { name: "D".to_string(), threshold: None }]
}

fn normalized(name: &str) -> String {
    shihyo_syntax::Source::new("", name).normalized().to_string()
}

/// The years a rule names (for a plan without `period`).
fn rule_years(rule: &Rule) -> Vec<i32> {
    let mut years = Vec::new();
    match &rule.body {
        RuleBody::Milestone { by } => years.push(by.year.number),
        RuleBody::Measured(m) => {
            if let Schedule::By(by) = &m.schedule {
                years.push(by.year.number);
            }
            if let Some(from) = &m.from {
                years.push(from.year.number);
            }
            if let Some(Comparison { target: Target::Schedule(entries, _), .. }) = &m.comparison {
                years.extend(entries.iter().map(|(y, _)| y.year.number));
            }
        }
        RuleBody::Qualitative(_) => {}
    }
    years
}

fn target_exprs(measured: &MeasuredDef) -> Vec<&Expr> {
    match measured.comparison.as_ref().map(|c| &c.target) {
        Some(TargetDef::Expr(expr)) => vec![expr],
        Some(TargetDef::Schedule(entries)) => entries.iter().map(|(_, e)| e).collect(),
        _ => Vec::new(),
    }
}

/// Visits every sub-expression, without recursion limits beyond the parser's depth cap.
/// The unit of the first value of `unit` written in an expression, as written
/// (so a target of `1,200億円` is shown in 億円).
fn written_unit(expr: &Expr, unit: &Unit) -> Option<DisplayUnit> {
    let mut shown = None;
    walk(expr, &mut |e| {
        if let ExprKind::Number(quantity) = &e.kind {
            if shown.is_none() && Unit::of_literal(&quantity.unit) == *unit {
                shown = Some(DisplayUnit::of_literal(&quantity.unit));
            }
        }
    });
    shown
}

pub(crate) fn walk<'e>(expr: &'e Expr, visit: &mut dyn FnMut(&'e Expr)) {
    visit(expr);
    match &expr.kind {
        ExprKind::Round { value, .. } => walk(value, visit),
        ExprKind::Negate(inner) | ExprKind::Paren(inner) => walk(inner, visit),
        ExprKind::Extremum { args, .. } => args.iter().for_each(|a| walk(a, visit)),
        ExprKind::Binary { lhs, rhs, .. } => {
            walk(lhs, visit);
            walk(rhs, visit);
        }
        ExprKind::Number(_) | ExprKind::Baseline(_) | ExprKind::Value { .. } | ExprKind::Series { .. } => {}
    }
}

fn referenced_names(expr: &Expr) -> Vec<&Name> {
    let mut names = Vec::new();
    walk(expr, &mut |e| match &e.kind {
        ExprKind::Value { name: Some(name), .. } | ExprKind::Series { name, .. } => names.push(name),
        _ => {}
    });
    names
}

fn expr_uses_bare_baseline(expr: &Expr) -> bool {
    let mut found = false;
    walk(expr, &mut |e| found |= matches!(e.kind, ExprKind::Baseline(None)));
    found
}

/// Whether an expression reads its own indicator (`value()`, `baseline`).
fn expr_reads_self(expr: &Expr) -> bool {
    let mut found = false;
    walk(expr, &mut |e| found |= matches!(e.kind, ExprKind::Baseline(_) | ExprKind::Value { name: None, .. }));
    found
}
