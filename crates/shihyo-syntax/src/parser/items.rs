//! The statements: plan headers, groups, rules, `any`/`all`, data blocks, scenarios and simulations, with their settings, options and `{ … }` blocks.

use super::*;
use crate::number::UnitLiteral;
use crate::source::Span;
use crate::tr;
use pest::iterators::{Pair, Pairs};

impl Builder<'_> {
    pub(super) fn item(&mut self, pair: Pair<Syntax>) -> Option<Item> {
        match pair.as_rule() {
            Syntax::plan => self.plan(pair).ok().map(Item::Plan),
            Syntax::group => self.group(pair).ok().map(Item::Group),
            Syntax::rule | Syntax::milestone => self.rule(pair).ok().map(Item::Rule),
            Syntax::composite => self.composite(pair).ok().map(Item::Composite),
            Syntax::data => self.data(pair).ok().map(Item::Data),
            Syntax::scenario | Syntax::simulation => self.scenario(pair).ok().map(Item::Scenario),
            Syntax::test => self.test(pair).ok().map(Item::Test),
            Syntax::aggregation => self.aggregation(pair).ok().map(Item::Aggregation),
            _ => None,
        }
    }

    /// A `KEYWORD NAME { … }` statement: where it is written, its name, and what follows the name.
    fn keyword_and_name<'i>(&mut self, pair: Pair<'i, Syntax>) -> Built<(Span, Name, Pairs<'i, Syntax>)> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // keyword
        let name = self.name(inner.next().ok_or(())?);
        Ok((span, name, inner))
    }

    pub(super) fn plan(&mut self, pair: Pair<Syntax>) -> Built<Plan> {
        let (span, name, inner) = self.keyword_and_name(pair)?;
        let settings = self.every(inner, |this, setting| {
            let setting_span = this.span(&setting);
            match setting.as_rule() {
                Syntax::period => this.year_range(first_inner(setting)?).map(|r| PlanSetting::Period(r, setting_span)),
                Syntax::plan_baseline => this.year(first_inner(setting)?).map(|y| PlanSetting::Baseline(y, setting_span)),
                Syntax::achievement => Ok(PlanSetting::Achievement(
                    if first_inner(setting)?.as_str() == "progress" { AchievementFormula::Progress } else { AchievementFormula::Ratio },
                    setting_span,
                )),
                Syntax::rollup => Ok(PlanSetting::Rollup(rollup_mode(setting)?, setting_span)),
                Syntax::calendar => Ok(PlanSetting::Calendar(setting_span)),
                Syntax::grades => this.scale(setting, Self::grade_label).map(|g| PlanSetting::Grades(g, setting_span)),
                Syntax::points => this.scale(setting, Self::signed_quantity).map(|p| PlanSetting::Points(p, setting_span)),
                Syntax::rates => {
                    let mut inner = setting.into_inner();
                    // Digits beyond u32 are out of range like any large count: the checker bounds them.
                    let digits = inner.next().ok_or(())?.as_str().parse().unwrap_or(u32::MAX);
                    let rounding = match inner.next().map(|p| p.as_str()) {
                        Some("truncated") => RateRounding::Truncated,
                        _ => RateRounding::Rounded,
                    };
                    Ok(PlanSetting::Rates(Rates { digits, rounding }, setting_span))
                }
                _ => this.meta(setting).map(PlanSetting::Meta),
            }
        })?;
        Ok(Plan { name, settings, span })
    }

    /// The steps of `grades { … }` or `points { … }`, each label read by `label`.
    fn scale<Label>(&mut self, pair: Pair<Syntax>, label: fn(&mut Self, Pair<Syntax>) -> Built<Label>) -> Built<Vec<ScaleStep<Label>>> {
        let mut steps = Vec::new();
        for step in pair.into_inner().filter(|p| matches!(p.as_rule(), Syntax::grade_step | Syntax::point_step)) {
            let span = self.span(&step);
            let mut inner = step.into_inner();
            let label = label(self, inner.next().ok_or(())?)?;
            let test = match inner.next() {
                Some(test) if test.as_rule() == Syntax::threshold => {
                    let mut parts = test.into_inner();
                    let comparator = comparator_of(parts.next().ok_or(())?.as_str());
                    Some(StepTest::Threshold(comparator, self.signed_quantity(parts.next().ok_or(())?)?))
                }
                Some(test) => {
                    let conditions = test.into_inner().filter(|p| p.as_rule() == Syntax::condition);
                    Some(StepTest::When(conditions.map(|c| self.condition(c)).collect::<Built<_>>()?))
                }
                None => None,
            };
            steps.push(ScaleStep { label, test, span });
        }
        Ok(steps)
    }

    /// `actual >= baseline * 90%`, `achievement >= 100%`.
    fn condition(&mut self, pair: Pair<Syntax>) -> Built<Condition> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let figure = match inner.next().ok_or(())?.as_str() {
            "actual" => Figure::Actual,
            "achievement" => Figure::Achievement,
            "pace" => Figure::Pace,
            "progress" => Figure::Progress,
            "change" => Figure::Change,
            _ => Figure::Points,
        };
        let comparator = comparator_of(inner.next().ok_or(())?.as_str());
        let against = inner.next().ok_or(())?;
        let against = if against.as_rule() == Syntax::benchmark {
            let mut parts = against.into_inner();
            let benchmark = match parts.next().ok_or(())?.as_str() {
                "target" => Benchmark::Target,
                "baseline" => Benchmark::Baseline,
                _ => Benchmark::Expected,
            };
            // The `*` between them, then the factor.
            let factor = parts.nth(1).map(|factor| self.signed_quantity(factor)).transpose()?;
            Against::Benchmark(benchmark, factor)
        } else {
            Against::Value(self.signed_quantity(against)?)
        };
        Ok(Condition { figure, comparator, against, span })
    }

    fn grade_label(&mut self, pair: Pair<Syntax>) -> Built<Name> {
        Ok(self.grade_name(pair))
    }

    pub(super) fn grade_name(&mut self, pair: Pair<Syntax>) -> Name {
        let inner = pair.into_inner().next().expect("grade_name has one child");
        match inner.as_rule() {
            Syntax::string => self.string(inner),
            _ => {
                let span = self.span(&inner);
                Name { text: self.source.original()[span.clone()].to_string(), key: inner.as_str().to_string(), span }
            }
        }
    }

    pub(super) fn group(&mut self, pair: Pair<Syntax>) -> Built<Group> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        inner.next(); // keyword
        let first = self.name(inner.next().ok_or(())?);
        let (id, title) = match inner.peek().map(Pair::as_rule) {
            Some(Syntax::name) => (Some(first), self.name(inner.next().ok_or(())?)),
            _ => (None, first),
        };
        let items = self.every(inner, |this, child| match child.as_rule() {
            Syntax::rollup => rollup_mode(child.clone()).map(|mode| GroupItem::Rollup(mode, this.span(&child))),
            Syntax::grades => {
                let span = this.span(&child);
                this.scale(child, Self::grade_label).map(|steps| GroupItem::Grades(steps, span))
            }
            Syntax::points => {
                let span = this.span(&child);
                this.scale(child, Self::signed_quantity).map(|steps| GroupItem::Points(steps, span))
            }
            Syntax::meta_item => this.meta(child).map(GroupItem::Meta),
            _ => this.item(child).map(GroupItem::Item).ok_or(()),
        })?;
        Ok(Group { id, title, items, span })
    }

    pub(super) fn composite(&mut self, pair: Pair<Syntax>) -> Built<Composite> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let mode = if inner.next().ok_or(())?.as_str() == "any" { CompositeMode::Any } else { CompositeMode::All };
        let name = match inner.peek().map(Pair::as_rule) {
            Some(Syntax::name) => Some(self.name(inner.next().ok_or(())?)),
            _ => None,
        };
        let members = self.every(inner, |this, child| match child.as_rule() {
            Syntax::composite => this.composite(child).map(Member::Composite),
            _ => this.rule(child).map(Member::Rule),
        })?;
        Ok(Composite { mode, name, members, span })
    }

    pub(super) fn rule(&mut self, pair: Pair<Syntax>) -> Built<Rule> {
        let span = self.span(&pair);
        let is_milestone = pair.as_rule() == Syntax::milestone;
        let mut inner = pair.into_inner();
        let kind = if is_milestone {
            RuleKind::Milestone
        } else {
            match inner.next().ok_or(())?.as_str() {
                "output" => RuleKind::Output,
                "outcome" => RuleKind::Outcome,
                _ => RuleKind::Indicator,
            }
        };
        let name = self.name(inner.next().ok_or(())?);
        let mut meta = Vec::new();
        let mut measured = Measured {
            derivation: None,
            aggregate: Aggregate::Value,
            comparison: None,
            unit: None,
            from: None,
            schedule: Schedule::PlanEnd,
        };
        let mut qualitative = None;
        let mut milestone_by = None;
        let mut comparator = None;
        let mut failed = false;
        for child in inner {
            let child_span = self.span(&child);
            match child.as_rule() {
                Syntax::qualitative => qualitative = Some(child_span),
                Syntax::derivation => match self.expr(first_inner(child)?) {
                    Ok(expr) => measured.derivation = Some(expr),
                    Err(()) => failed = true,
                },
                Syntax::aggregate => {
                    measured.aggregate = match child.as_str() {
                        "total" => Aggregate::Total,
                        "average" => Aggregate::Average,
                        _ => Aggregate::RecurringTotal,
                    }
                }
                Syntax::comparator => comparator = Some((comparator_of(child.as_str()), child_span)),
                Syntax::target => {
                    let (comparator, comparator_span) = comparator.take().ok_or(())?;
                    match self.target(child) {
                        Ok(target) => measured.comparison = Some(Comparison { comparator, comparator_span, target }),
                        Err(()) => failed = true,
                    }
                }
                Syntax::unit_clause => {
                    self.once(measured.unit.is_some(), "unit", &child_span);
                    let text = first_inner(child)?.as_str().to_string();
                    measured.unit = Some(UnitClause { unit: UnitLiteral::from_unit_name(&text), text, span: child_span });
                }
                Syntax::from_clause => {
                    self.once(measured.from.is_some(), "from", &child_span);
                    measured.from = Some(self.year(first_inner(child)?)?);
                }
                Syntax::by_clause => {
                    let year = self.year(first_inner(child)?)?;
                    if is_milestone {
                        milestone_by = Some(year);
                    } else {
                        if matches!(measured.schedule, Schedule::EveryYear(_)) {
                            self.by_with_every_year(&child_span);
                        } else {
                            self.once(!matches!(measured.schedule, Schedule::PlanEnd), "by", &child_span);
                        }
                        measured.schedule = Schedule::By(year);
                    }
                }
                Syntax::every_year => {
                    if matches!(measured.schedule, Schedule::By(_)) {
                        self.by_with_every_year(&child_span);
                    } else {
                        self.once(!matches!(measured.schedule, Schedule::PlanEnd), "every year", &child_span);
                    }
                    measured.schedule = Schedule::EveryYear(child_span);
                }
                Syntax::meta_block => {
                    for item in child.into_inner() {
                        match self.meta(item) {
                            Ok(item) => meta.push(item),
                            Err(()) => failed = true,
                        }
                    }
                }
                _ => {}
            }
        }
        if failed {
            return Err(());
        }
        let body = match (qualitative, milestone_by) {
            (Some(span), _) => RuleBody::Qualitative(span),
            (None, Some(by)) => RuleBody::Milestone { by },
            (None, None) => {
                if kind != RuleKind::Indicator && measured.comparison.is_none() && measured.derivation.is_none() {
                    let shown = &name.text;
                    let message = tr!("`{shown}` needs a target", "「{shown}」に目標がありません");
                    self.error(Code::E0012, name.span.clone(), message).hint = Some(tr!(
                        "write a comparison such as `>= 80%`, or `>= tbd` while the target is not decided, or `qualitative` when there is no numeric target",
                        "`>= 80%` のような比較を書いてください。目標が未定なら `>= tbd`、数値目標がなければ `qualitative` です"
                    ));
                    return Err(());
                }
                RuleBody::Measured(measured)
            }
        };
        Ok(Rule { kind, name, body, meta, span })
    }

    /// Reports a scenario or simulation setting written twice.
    pub(super) fn once_in(&mut self, option: &str, already: bool, span: &Span) {
        if already {
            self.error(Code::E0013, span.clone(), tr!("`{option}` is given twice", "`{option}` が二度書かれています"));
        }
    }

    /// Reports an option written twice (or `by` together with `every year`).
    pub(super) fn once(&mut self, already: bool, option: &str, span: &Span) {
        if already {
            self.error(
                Code::E0013,
                span.clone(),
                tr!("`{option}` is given twice for this rule", "このルールに `{option}` が二度書かれています"),
            )
            .hint = Some(tr!(
                "a rule has one unit, one base year and one target year (`by` or `every year`)",
                "単位・基準年度・目標年度（`by` または `every year`）は一つずつです"
            ));
        }
    }

    /// E0013 for `by` together with `every year`.
    fn by_with_every_year(&mut self, span: &Span) {
        self.error(Code::E0013, span.clone(), tr!("`by` and `every year` cannot go together", "`by` と `every year` は一緒に書けません"))
            .hint = Some(tr!(
            "keep `by R7` for a target due in one year, or `every year` for a target to hold in each year",
            "ある年度までの目標なら `by R7`、毎年度守る目標なら `every year` の一方だけを書いてください"
        ));
    }

    pub(super) fn target(&mut self, pair: Pair<Syntax>) -> Built<Target> {
        let inner = first_inner(pair)?;
        let span = self.span(&inner);
        match inner.as_rule() {
            Syntax::tbd => Ok(Target::Tbd(span)),
            Syntax::schedule => {
                let mut entries = Vec::new();
                for entry in inner.into_inner() {
                    let mut parts = entry.into_inner();
                    let year = self.year(parts.next().ok_or(())?);
                    let expr = self.expr(parts.next().ok_or(())?);
                    entries.push((year?, expr?));
                }
                Ok(Target::Schedule(entries, span))
            }
            _ => self.expr(inner).map(Target::Expr),
        }
    }

    pub(super) fn meta(&mut self, pair: Pair<Syntax>) -> Built<Meta> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let key = match inner.next().ok_or(())?.as_str() {
            "source" => MetaKey::Source,
            "basis" => MetaKey::Basis,
            "id" => MetaKey::Id,
            "owner" => MetaKey::Owner,
            _ => MetaKey::Note,
        };
        let value = self.string(inner.next().ok_or(())?);
        Ok(Meta { key, value, span })
    }

    pub(super) fn data(&mut self, pair: Pair<Syntax>) -> Built<Data> {
        let (span, name, inner) = self.keyword_and_name(pair)?;
        let entries = self.every(inner, |this, entry| {
            let entry_span = this.span(&entry);
            let mut parts = entry.into_inner();
            let year = this.year(parts.next().ok_or(())?);
            let value_pair = parts.next().ok_or(())?;
            let value = match value_pair.as_rule() {
                Syntax::done => Ok(DataValue::Done),
                Syntax::hand_grade => Ok(DataValue::Grade(this.grade_name(first_inner(value_pair)?))),
                _ => this.signed_quantity(value_pair).map(DataValue::Number),
            };
            let mut remarks = Vec::new();
            for remark in parts.flat_map(|block| block.into_inner()) {
                let span = this.span(&remark);
                let mut inner = remark.into_inner();
                let key = match inner.next().ok_or(())?.as_str() {
                    "comment" => RemarkKey::Comment,
                    "outlook" => RemarkKey::Outlook,
                    _ => RemarkKey::Owner,
                };
                let text = this.string(inner.next().ok_or(())?);
                remarks.push(Remark { key, text, span });
            }
            Ok(DataEntry { year: year?, value: value?, remarks, span: entry_span })
        })?;
        Ok(Data { name, entries, span })
    }

    pub(super) fn scenario(&mut self, pair: Pair<Syntax>) -> Built<Scenario> {
        let mut simulation = (pair.as_rule() == Syntax::simulation).then(SimulationSettings::default);
        let (span, name, inner) = self.keyword_and_name(pair)?;
        let mut extends = None;
        let mut projections = Vec::new();
        let mut failed = false;
        for child in inner {
            let child_span = self.span(&child);
            match child.as_rule() {
                Syntax::extends => {
                    self.once_in("extends", extends.is_some(), &child_span);
                    extends = Some(self.name(last_inner(child)?));
                }
                Syntax::runs | Syntax::seed => {
                    let is_runs = child.as_rule() == Syntax::runs;
                    let quantity = self.quantity(last_inner(child)?);
                    let settings = simulation.as_mut().ok_or(())?;
                    let slot = if is_runs { &mut settings.runs } else { &mut settings.seed };
                    let already = slot.is_some();
                    match quantity {
                        Ok(quantity) => *slot = Some(quantity),
                        Err(()) => failed = true,
                    }
                    self.once_in(if is_runs { "runs" } else { "seed" }, already, &child_span);
                }
                _ => match self.projection(child) {
                    Ok(projection) => projections.push(projection),
                    Err(()) => failed = true,
                },
            }
        }
        if failed {
            return Err(());
        }
        Ok(Scenario { name, simulation, extends, projections, span })
    }

    pub(super) fn projection(&mut self, pair: Pair<Syntax>) -> Built<Projection> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = self.name(inner.next().ok_or(())?);
        let method_pair = inner.next().ok_or(())?;
        let method = match method_pair.as_rule() {
            Syntax::trend => Method::Trend(self.span(&method_pair)),
            Syntax::growth => Method::Grows(self.amount(inner_rule(method_pair, Syntax::amount)?)?),
            _ => Method::Level(self.amount(inner_rule(method_pair, Syntax::amount)?)?),
        };
        Ok(Projection { name, method, span })
    }

    pub(super) fn amount(&mut self, pair: Pair<Syntax>) -> Built<Amount> {
        let span = self.span(&pair);
        let mut steady = None;
        let mut draw = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Syntax::steady => steady = Some(self.span(&child)),
                Syntax::distribution => draw = Some(self.distribution(child)?),
                _ => draw = Some(Draw::Fixed(self.signed_quantity(child)?)),
            }
        }
        Ok(Amount { steady, draw: draw.ok_or(())?, span })
    }

    pub(super) fn distribution(&mut self, pair: Pair<Syntax>) -> Built<Draw> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let function = inner.next().ok_or(())?.as_str().to_string();
        let mut parameters = self.every(inner, Self::signed_quantity)?.into_iter();
        let count = parameters.len();
        let mut next = || parameters.next().ok_or(());
        match (function.as_str(), count) {
            ("normal", 2) => Ok(Draw::Normal { mean: next()?, sd: next()? }),
            ("uniform", 2) => Ok(Draw::Uniform { low: next()?, high: next()? }),
            ("triangular", 3) => Ok(Draw::Triangular { low: next()?, mode: next()?, high: next()? }),
            _ => {
                let example = match function.as_str() {
                    "normal" => "normal(8%, 3%)",
                    "uniform" => "uniform(50,000千円, 70,000千円)",
                    _ => "triangular(2%, 5%, 9%)",
                };
                self.error(
                    Code::E0015,
                    span,
                    tr!("`{function}` takes other arguments: `{example}`", "`{function}` の引数の数が違います: `{example}`"),
                );
                Err(())
            }
        }
    }
}

impl Builder<'_> {
    /// `test NAME { … }` or `case NAME { … }`.
    pub(super) fn test(&mut self, pair: Pair<Syntax>) -> Built<Test> {
        let (span, name, inner) = self.keyword_and_name(pair)?;
        let items = self.every(inner, |this, child| {
            let child_span = this.span(&child);
            match child.as_rule() {
                Syntax::as_of => Ok(TestItem::AsOf(this.year(last_inner(child)?)?, child_span)),
                Syntax::test_scenario => Ok(TestItem::Scenario(this.name(last_inner(child)?), child_span)),
                Syntax::data => this.data(child).map(TestItem::Data),
                Syntax::case => this.test(child).map(TestItem::Case),
                _ => this.expectation(child).map(TestItem::Expect),
            }
        })?;
        Ok(Test { name, items, span })
    }

    /// `aggregate NAME { plans "…"  as of R6  by "…"  sum "…" … }`.
    pub(super) fn aggregation(&mut self, pair: Pair<Syntax>) -> Built<Aggregation> {
        let (span, name, inner) = self.keyword_and_name(pair)?;
        let items = self.every(inner, |this, child| {
            let child_span = this.span(&child);
            match child.as_rule() {
                Syntax::aggregation_plans => Ok(AggregationItem::Plans(this.name(last_inner(child)?), child_span)),
                Syntax::as_of => Ok(AggregationItem::AsOf(this.year(last_inner(child)?)?, child_span)),
                Syntax::aggregation_by => Ok(AggregationItem::By(this.name(last_inner(child)?), child_span)),
                Syntax::aggregation_total => {
                    let total = if first_inner(child.clone())?.as_str() == "sum" { Total::Sum } else { Total::Average };
                    Ok(AggregationItem::Total(total, this.name(last_inner(child)?), child_span))
                }
                _ => this.meta(child).map(AggregationItem::Meta),
            }
        })?;
        Ok(Aggregation { name, items, span })
    }

    /// `expect SUBJECT FIELD [COMPARATOR] VALUE`.
    fn expectation(&mut self, pair: Pair<Syntax>) -> Built<Expectation> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // keyword
        let subject_pair = inner.next().ok_or(())?;
        let subject_span = self.span(&subject_pair);
        let mut parts = subject_pair.into_inner();
        let first = parts.next().ok_or(())?;
        let subject = match first.as_rule() {
            Syntax::kw_group => Subject::Group(self.name(parts.next().ok_or(())?), subject_span),
            Syntax::kw_plan => Subject::Plan(subject_span),
            _ => Subject::Rule(self.name(first)),
        };
        let field_pair = inner.next().ok_or(())?;
        let field_span = self.span(&field_pair);
        let field = Field::ALL.into_iter().find(|f| f.keyword() == field_pair.as_str()).ok_or(())?;
        let mut next = inner.next().ok_or(())?;
        let mut comparator = None;
        if next.as_rule() == Syntax::comparator {
            comparator = Some((comparator_of(next.as_str()), self.span(&next)));
            next = inner.next().ok_or(())?;
        }
        let value_pair = first_inner(next)?;
        let value = match value_pair.as_rule() {
            Syntax::signed_quantity => ExpectedValue::Quantity(self.signed_quantity(value_pair)?),
            _ => ExpectedValue::Word(self.grade_name(value_pair)),
        };
        Ok(Expectation { subject, field, field_span, comparator, value, span })
    }
}

pub(super) fn rollup_mode(pair: Pair<Syntax>) -> Built<Rollup> {
    Ok(if first_inner(pair)?.as_str() == "average" { Rollup::Average } else { Rollup::Lowest })
}
