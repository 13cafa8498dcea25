//! From text to the typed AST: the pest grammar (`grammar/shihyo.pest`) and
//! the builder that turns its pairs into [`ast`](crate::ast) nodes.
//!
//! Parsing is done per top-level statement (see [`lexical`](crate::lexical)),
//! so a file with several mistakes reports several. Literals are read here
//! (years, exact numbers), and so are function calls, whose names and argument
//! shapes are part of the language: an unknown function is a syntax error with
//! a suggestion, not a runtime surprise.

use crate::ast::*;
use crate::diagnostic::{closest, Diagnostic, Localized};
use crate::language::{self, Role};
use crate::lexical::{self, MAX_NESTING};
use crate::number::{parse_quantity, NumberError, UnitLiteral};
use crate::source::{FileId, Source, Span};
use crate::tr;
use crate::year::{Year, YearError};
use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../../grammar/shihyo.pest"]
    pub struct Grammar;
}
use crate::code::Code;
use grammar::{Grammar, Rule as Syntax};

/// The largest source accepted (16 MiB).
pub const MAX_SOURCE_BYTES: usize = 16 << 20;

/// The deepest expression tree accepted (operators in a chain, nested calls).
pub const MAX_EXPRESSION_DEPTH: usize = 256;

/// The result of parsing one file: the tree (of what parsed), the comments, and what went wrong.
#[derive(Debug)]
pub struct Parsed {
    pub file: File,
    /// Comment spans in the original text, in order.
    pub comments: Vec<Span>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub fn parse(source: &Source, file: FileId) -> Parsed {
    let mut builder = Builder { source, file, offset: 0, comments: Vec::new(), diagnostics: Vec::new() };
    let text = source.normalized();
    if text.len() > MAX_SOURCE_BYTES {
        builder.diagnostics.push(Diagnostic::error(Code::E0005, file, 0..0, {
            let limit = MAX_SOURCE_BYTES >> 20;
            tr!("the file is larger than {limit} MiB", "ファイルが {limit} MiB を超えています")
        }));
        return Parsed { file: File { items: Vec::new() }, comments: Vec::new(), diagnostics: builder.diagnostics };
    }
    let scan = lexical::scan(text);
    let comments = scan.comments.iter().map(|c| source.span_to_original(c.clone())).collect();
    if let Some(at) = scan.too_deep {
        let span = source.span_to_original(at..at + 1);
        builder.diagnostics.push(
            Diagnostic::error(
                Code::E0004,
                file,
                span,
                tr!("nesting deeper than {MAX_NESTING} levels", "入れ子が {MAX_NESTING} 段を超えています"),
            )
            .with_hint(tr!("split the group or expression", "グループや式を分けてください")),
        );
        return Parsed { file: File { items: Vec::new() }, comments, diagnostics: builder.diagnostics };
    }
    builder.comments = scan.comments.clone();
    let mut bounds: Vec<usize> = std::iter::once(0).chain(scan.statement_starts.iter().copied()).collect();
    bounds.dedup();
    bounds.push(text.len());
    let mut items = Vec::new();
    for window in bounds.windows(2) {
        let (start, end) = (window[0], window[1]);
        builder.offset = start;
        match Grammar::parse(Syntax::file, &text[start..end]) {
            Ok(mut pairs) => {
                let file_pair = pairs.next().expect("the file rule always yields one pair");
                for pair in file_pair.into_inner() {
                    if pair.as_rule() != Syntax::EOI {
                        if let Some(item) = builder.item(pair) {
                            items.push(item);
                        }
                    }
                }
            }
            Err(error) => builder.syntax_error(&error, start, end),
        }
    }
    Parsed { file: File { items }, comments, diagnostics: builder.diagnostics }
}

struct Builder<'s> {
    source: &'s Source,
    file: FileId,
    /// Where the chunk being built starts in the normalised text.
    offset: usize,
    /// Comment ranges in the normalised text, in order.
    comments: Vec<Span>,
    diagnostics: Vec<Diagnostic>,
}

type Built<T> = Result<T, ()>;

impl Builder<'_> {
    /// The original span of a pair. pest lets a rule that ends in an optional
    /// part take the white space and comments after it, so the end is moved
    /// back to the rule's last token.
    fn span(&self, pair: &Pair<Syntax>) -> Span {
        let span = pair.as_span();
        let start = self.offset + span.start();
        let end = end_of_last_token(self.source.normalized(), self.offset + span.end(), &self.comments).max(start);
        self.source.span_to_original(start..end)
    }

    fn error(&mut self, code: Code, span: Span, message: Localized) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Builds every child, so that each reports its own errors, and fails if any failed.
    fn every<'i, T>(
        &mut self,
        children: impl Iterator<Item = Pair<'i, Syntax>>,
        mut build: impl FnMut(&mut Self, Pair<'i, Syntax>) -> Built<T>,
    ) -> Built<Vec<T>> {
        let built: Vec<Built<T>> = children.map(|child| build(self, child)).collect();
        built.into_iter().collect()
    }

    // ------------------------------------------------------------ errors

    fn syntax_error(&mut self, error: &pest::error::Error<Syntax>, chunk_start: usize, chunk_end: usize) {
        let position = match error.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((p, _)) => p,
        };
        let text = self.source.normalized();
        let rest = &text[chunk_start + position..chunk_end];
        let token = rest.trim_start_matches(BLANKS);
        let found = found_token(token);
        // The span starts at the token, after any blanks before it.
        let mut at = chunk_start + position + (rest.len() - token.len());
        if found.is_empty() {
            // The statement ended early: point just after its last token, not at what follows.
            at = end_of_last_token(text, at, &self.comments);
        }
        let span = self.source.span_to_original(at..at + found.len().max(if at < text.len() { 1 } else { 0 }));
        let expected = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
            pest::error::ErrorVariant::CustomError { .. } => tr!("valid syntax", "正しい構文"),
        };
        let found_text = if found.is_empty() && chunk_end < text.len() {
            tr!("the end of the statement", "文の終わり")
        } else if found.is_empty() {
            tr!("the end of the file", "ファイルの終わり")
        } else {
            let shown = self.source.original()[span.clone()].to_string();
            tr!("`{shown}`", "「{shown}」")
        };
        let (en, ja) = (&found_text.en, &found_text.ja);
        let (expected_en, expected_ja) = (&expected.en, &expected.ja);
        let diagnostic = self.error(
            Code::E0001,
            span,
            tr!("unexpected {en}: expected {expected_en}", "{ja} は使えません。ここには{expected_ja}が必要です"),
        );
        if let Some(hint) = syntax_hint(found) {
            diagnostic.hint = Some(hint);
        }
    }

    // ------------------------------------------------------------ items

    fn item(&mut self, pair: Pair<Syntax>) -> Option<Item> {
        match pair.as_rule() {
            Syntax::plan => self.plan(pair).ok().map(Item::Plan),
            Syntax::group => self.group(pair).ok().map(Item::Group),
            Syntax::rule | Syntax::milestone => self.rule(pair).ok().map(Item::Rule),
            Syntax::composite => self.composite(pair).ok().map(Item::Composite),
            Syntax::data => self.data(pair).ok().map(Item::Data),
            Syntax::scenario | Syntax::simulation => self.scenario(pair).ok().map(Item::Scenario),
            _ => None,
        }
    }

    fn plan(&mut self, pair: Pair<Syntax>) -> Built<Plan> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // keyword
        let name = self.name(inner.next().ok_or(())?);
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
                Syntax::grades => this.grades(setting).map(|g| PlanSetting::Grades(g, setting_span)),
                _ => this.meta(setting).map(PlanSetting::Meta),
            }
        })?;
        Ok(Plan { name, settings, span })
    }

    fn grades(&mut self, pair: Pair<Syntax>) -> Built<Vec<GradeStep>> {
        let mut steps = Vec::new();
        for step in pair.into_inner() {
            let span = self.span(&step);
            let mut inner = step.into_inner();
            let name = self.grade_name(inner.next().ok_or(())?);
            let threshold = match inner.next() {
                Some(comparator) => {
                    let comparator = comparator_of(comparator.as_str());
                    Some((comparator, self.signed_quantity(inner.next().ok_or(())?)?))
                }
                None => None,
            };
            steps.push(GradeStep { name, threshold, span });
        }
        Ok(steps)
    }

    fn grade_name(&mut self, pair: Pair<Syntax>) -> Name {
        let inner = pair.into_inner().next().expect("grade_name has one child");
        match inner.as_rule() {
            Syntax::string => self.string(inner),
            _ => {
                let span = self.span(&inner);
                Name { text: self.source.original()[span.clone()].to_string(), key: inner.as_str().to_string(), span }
            }
        }
    }

    fn group(&mut self, pair: Pair<Syntax>) -> Built<Group> {
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
            Syntax::meta_item => this.meta(child).map(GroupItem::Meta),
            _ => this.item(child).map(GroupItem::Item).ok_or(()),
        })?;
        Ok(Group { id, title, items, span })
    }

    fn composite(&mut self, pair: Pair<Syntax>) -> Built<Composite> {
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

    fn rule(&mut self, pair: Pair<Syntax>) -> Built<Rule> {
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
                Syntax::aggregate => measured.aggregate = if child.as_str() == "total" { Aggregate::Total } else { Aggregate::Average },
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
                        self.once(!matches!(measured.schedule, Schedule::PlanEnd), "by", &child_span);
                        measured.schedule = Schedule::By(year);
                    }
                }
                Syntax::every_year => {
                    self.once(!matches!(measured.schedule, Schedule::PlanEnd), "every year", &child_span);
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
                        "write a comparison such as `>= 80%`, or `>= tbd` while the target is not decided, or `qualitative`",
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
    fn once_in(&mut self, option: &str, already: bool, span: &Span) {
        if already {
            self.error(Code::E0013, span.clone(), tr!("`{option}` is given twice", "`{option}` が二度書かれています"));
        }
    }

    /// Reports an option written twice (or `by` together with `every year`).
    fn once(&mut self, already: bool, option: &str, span: &Span) {
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

    fn target(&mut self, pair: Pair<Syntax>) -> Built<Target> {
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

    fn meta(&mut self, pair: Pair<Syntax>) -> Built<Meta> {
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

    fn data(&mut self, pair: Pair<Syntax>) -> Built<Data> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // keyword
        let name = self.name(inner.next().ok_or(())?);
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
            Ok(DataEntry { year: year?, value: value?, span: entry_span })
        })?;
        Ok(Data { name, entries, span })
    }

    fn scenario(&mut self, pair: Pair<Syntax>) -> Built<Scenario> {
        let span = self.span(&pair);
        let mut simulation = (pair.as_rule() == Syntax::simulation).then(SimulationSettings::default);
        let mut inner = pair.into_inner();
        inner.next(); // keyword
        let name = self.name(inner.next().ok_or(())?);
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

    fn projection(&mut self, pair: Pair<Syntax>) -> Built<Projection> {
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

    fn amount(&mut self, pair: Pair<Syntax>) -> Built<Amount> {
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

    fn distribution(&mut self, pair: Pair<Syntax>) -> Built<Draw> {
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

    // ------------------------------------------------------------ literals

    fn name(&mut self, pair: Pair<Syntax>) -> Name {
        let string = if pair.as_rule() == Syntax::name { pair.into_inner().next().expect("name wraps a string") } else { pair };
        self.string(string)
    }

    fn string(&mut self, pair: Pair<Syntax>) -> Name {
        let span = self.span(&pair);
        let quoted = pair.as_str();
        let double = quoted.starts_with('"');
        let inner = pair.into_inner().next().expect("a string has contents");
        let inner_span = self.span(&inner);
        let written = &self.source.original()[inner_span];
        let (text, key) =
            if double { (unescape(written), unescape(inner.as_str())) } else { (written.to_string(), inner.as_str().to_string()) };
        Name { text, key, span }
    }

    fn year(&mut self, pair: Pair<Syntax>) -> Built<YearLit> {
        let span = self.span(&pair);
        match Year::parse(pair.as_str()) {
            Ok(year) => Ok(YearLit { year, span }),
            Err(error) => {
                let message = match error {
                    YearError::EraYearZero => {
                        tr!("an era has no year 0 (the first year is 元)", "元号に0年はありません（最初の年は元年です）")
                    }
                    YearError::OutOfRange => tr!("this year is out of range (1000–9999)", "年が範囲外です（西暦1000〜9999年）"),
                    YearError::Malformed => tr!("this is not a year", "年度として読めません"),
                };
                self.error(Code::E0102, span, message);
                Err(())
            }
        }
    }

    fn year_range(&mut self, pair: Pair<Syntax>) -> Built<YearRange> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = self.year(inner.next().ok_or(())?)?;
        let last = self.year(inner.next().ok_or(())?)?;
        if first.year.calendar != last.year.calendar || first.year > last.year {
            self.error(
                Code::E0103,
                span,
                tr!("a range runs from an earlier to a later year of one kind", "範囲は同じ種類の年で、前の年から後の年までです"),
            );
            return Err(());
        }
        Ok(YearRange { first, last })
    }

    fn signed_quantity(&mut self, pair: Pair<Syntax>) -> Built<Quantity> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = inner.next().ok_or(())?;
        let (negative, quantity) = match first.as_rule() {
            Syntax::sign => (true, inner.next().ok_or(())?),
            _ => (false, first),
        };
        let mut quantity = self.quantity(quantity)?;
        if negative {
            quantity.value = -quantity.value;
        }
        quantity.span = span;
        Ok(quantity)
    }

    fn quantity(&mut self, pair: Pair<Syntax>) -> Built<Quantity> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let number = inner.next().ok_or(())?.as_str();
        let suffix = inner.next().map(|p| p.as_str());
        match parse_quantity(number, suffix) {
            Ok((value, unit)) => Ok(Quantity { value, unit, span }),
            Err(NumberError::Overflow) => {
                self.error(
                    Code::E0101,
                    span,
                    tr!(
                        "this number is outside the exact range (28 significant digits, up to 7.9 × 10²⁸)",
                        "この数は正確に扱える範囲（有効数字28桁、7.9×10²⁸まで）を超えています"
                    ),
                );
                Err(())
            }
            Err(NumberError::MultiplierOrder) => {
                self.error(
                    Code::E0104,
                    span,
                    tr!(
                        "kanji multipliers must go from large to small (`4億2,148万1千`)",
                        "漢数字の位は大きい順に書きます（`4億2,148万1千`）"
                    ),
                );
                Err(())
            }
        }
    }

    // ------------------------------------------------------------ expressions

    fn expr(&mut self, pair: Pair<Syntax>) -> Built<Expr> {
        self.expr_with_depth(pair).map(|(expr, _)| expr)
    }

    /// Builds an expression with operator precedence, tracking the tree's
    /// depth so that no later recursion over it can run deep.
    fn expr_with_depth(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let mut operands: Vec<(Expr, usize)> = Vec::new();
        let mut operators: Vec<BinaryOp> = Vec::new();
        let mut failed = false;
        for child in pair.into_inner() {
            match child.as_rule() {
                Syntax::operand => match self.operand(child) {
                    Ok(operand) => operands.push(operand),
                    Err(()) => failed = true,
                },
                Syntax::add => operators.push(BinaryOp::Add),
                Syntax::subtract => operators.push(BinaryOp::Subtract),
                Syntax::multiply => operators.push(BinaryOp::Multiply),
                _ => operators.push(BinaryOp::Divide),
            }
        }
        if failed {
            return Err(());
        }
        // Fold `*` and `/` first, then `+` and `-`, left to right.
        let mut terms: Vec<(Expr, usize)> = Vec::new();
        let mut term_operators = Vec::new();
        let mut operands = operands.into_iter();
        terms.push(operands.next().ok_or(())?);
        for (op, rhs) in operators.into_iter().zip(operands) {
            if op.precedence() == 2 {
                let lhs = terms.pop().ok_or(())?;
                terms.push(self.binary(op, lhs, rhs)?);
            } else {
                term_operators.push(op);
                terms.push(rhs);
            }
        }
        let mut terms = terms.into_iter();
        let mut result = terms.next().ok_or(())?;
        for (op, rhs) in term_operators.into_iter().zip(terms) {
            result = self.binary(op, result, rhs)?;
        }
        Ok(result)
    }

    fn binary(&mut self, op: BinaryOp, lhs: (Expr, usize), rhs: (Expr, usize)) -> Built<(Expr, usize)> {
        let depth = lhs.1.max(rhs.1) + 1;
        let span = lhs.0.span.start..rhs.0.span.end;
        self.check_depth(depth, &span)?;
        Ok((Expr { kind: ExprKind::Binary { op, lhs: Box::new(lhs.0), rhs: Box::new(rhs.0) }, span }, depth))
    }

    fn check_depth(&mut self, depth: usize, span: &Span) -> Built<()> {
        if depth > MAX_EXPRESSION_DEPTH {
            self.error(
                Code::E0004,
                span.clone(),
                tr!(
                    "this expression is deeper than {MAX_EXPRESSION_DEPTH} operations",
                    "式の演算が {MAX_EXPRESSION_DEPTH} 段を超えています"
                ),
            )
            .hint = Some(tr!("split it into derived indicators", "派生指標に分けてください"));
            return Err(());
        }
        Ok(())
    }

    fn operand(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let span = self.span(&pair);
        let mut negations = 0usize;
        let mut primary = None;
        for child in pair.into_inner() {
            if child.as_rule() == Syntax::negation {
                negations += 1;
            } else {
                primary = Some(child);
            }
        }
        let (expr, depth) = self.primary(primary.ok_or(())?)?;
        if negations % 2 == 1 {
            Ok((Expr { kind: ExprKind::Negate(Box::new(expr)), span }, depth + 1))
        } else {
            Ok((expr, depth))
        }
    }

    fn primary(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Syntax::parenthesized => {
                let (inner, depth) = self.expr_with_depth(first_inner(pair)?)?;
                Ok((Expr { kind: ExprKind::Paren(Box::new(inner)), span }, depth + 1))
            }
            Syntax::baseline_ref => Ok((Expr { kind: ExprKind::Baseline(None), span }, 1)),
            Syntax::quantity => {
                let quantity = self.quantity(pair)?;
                Ok((Expr { kind: ExprKind::Number(quantity), span }, 1))
            }
            _ => self.call(pair),
        }
    }

    fn call(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let identifier = inner.next().ok_or(())?;
        let function = identifier.as_str().to_string();
        let function_span = self.span(&identifier);
        let args = self.every(inner, |this, argument| {
            let argument_span = this.span(&argument);
            let value = first_inner(argument)?;
            let built = match value.as_rule() {
                Syntax::year_range => this.year_range(value).map(Argument::Range),
                Syntax::year => this.year(value).map(Argument::Year),
                Syntax::string => Ok(Argument::Name(this.string(value))),
                _ => this.expr_with_depth(value).map(|(e, d)| Argument::Expr(e, d)),
            };
            built.map(|arg| (arg, argument_span))
        })?;
        let depth = args.iter().map(|(a, _)| if let Argument::Expr(_, d) = a { *d } else { 0 }).max().unwrap_or(0) + 1;
        self.check_depth(depth, &span)?;
        let kind = match function.as_str() {
            "baseline" => match args.as_slice() {
                [] => ExprKind::Baseline(None),
                [(Argument::Year(year), _)] => ExprKind::Baseline(Some(year.clone())),
                _ => return self.bad_arguments(&function, span, "baseline(R1)"),
            },
            "value" => match args.as_slice() {
                [] => ExprKind::Value { name: None, year: None },
                [(Argument::Year(year), _)] => ExprKind::Value { name: None, year: Some(year.clone()) },
                [(Argument::Name(name), _)] => ExprKind::Value { name: Some(name.clone()), year: None },
                [(Argument::Name(name), _), (Argument::Year(year), _)] => {
                    ExprKind::Value { name: Some(name.clone()), year: Some(year.clone()) }
                }
                _ => return self.bad_arguments(&function, span, "value(\"名前\", R5)"),
            },
            "sum" | "avg" => {
                let series = if function == "sum" { SeriesFunction::Sum } else { SeriesFunction::Avg };
                match args.as_slice() {
                    [(Argument::Name(name), _)] => ExprKind::Series { function: series, name: name.clone(), range: None },
                    [(Argument::Name(name), _), (Argument::Range(range), _)] => {
                        ExprKind::Series { function: series, name: name.clone(), range: Some(range.clone()) }
                    }
                    [(Argument::Name(name), _), (Argument::Year(year), _)] => ExprKind::Series {
                        function: series,
                        name: name.clone(),
                        range: Some(YearRange { first: year.clone(), last: year.clone() }),
                    },
                    _ => return self.bad_arguments(&function, span, &format!("{function}(\"名前\", R3..R7)")),
                }
            }
            "min" | "max" => {
                if args.len() < 2 || !args.iter().all(|(a, _)| matches!(a, Argument::Expr(..))) {
                    return self.bad_arguments(&function, span, &format!("{function}(a, b)"));
                }
                let extremum = if function == "min" { Extremum::Min } else { Extremum::Max };
                let args = args.into_iter().filter_map(|(a, _)| if let Argument::Expr(e, _) = a { Some(e) } else { None }).collect();
                ExprKind::Extremum { function: extremum, args }
            }
            "round" => match args.as_slice() {
                [(Argument::Expr(value, _), _), (Argument::Expr(digits, _), digits_span)] => {
                    let Some(digits) = whole_digits(digits) else {
                        self.error(
                            Code::E0111,
                            digits_span.clone(),
                            tr!("the digits of `round` are a whole number from -28 to 28", "`round` の桁数は -28〜28 の整数です"),
                        );
                        return Err(());
                    };
                    ExprKind::Round { value: Box::new(value.clone()), digits }
                }
                _ => return self.bad_arguments(&function, span, "round(x, 0)"),
            },
            _ => {
                let suggestion = language::function_for_alias(&function).or_else(|| closest(&function, language::function_names()));
                let single_year = match args.as_slice() {
                    [(Argument::Year(_), year_span)] => Some(self.source.original()[year_span.clone()].to_string()),
                    _ => None,
                };
                let hint = match (suggestion, single_year) {
                    (_, Some(year)) => tr!(
                        "the actual in {year} is `baseline({year})` (this indicator) or `value(\"name\", {year})`; a mean over years is `avg(\"name\", R1..R3)`",
                        "{year}の実績は `baseline({year})`（この指標）または `value(\"名前\", {year})` です。複数年度の平均は `avg(\"名前\", R1..R3)` です"
                    ),
                    (Some(s), None) => tr!("did you mean `{s}`?", "`{s}` のことですか？"),
                    (None, None) => tr!(
                        "the functions are baseline, value, sum, avg, min, max and round",
                        "使える関数は baseline, value, sum, avg, min, max, round です"
                    ),
                };
                self.error(Code::E0110, function_span, tr!("unknown function `{function}`", "関数「{function}」はありません")).hint =
                    Some(hint);
                return Err(());
            }
        };
        Ok((Expr { kind, span }, depth))
    }

    fn bad_arguments(&mut self, function: &str, span: Span, example: &str) -> Built<(Expr, usize)> {
        self.error(Code::E0111, span, tr!("wrong arguments for `{function}`", "`{function}` の引数が正しくありません")).hint =
            Some(tr!("for example: `{example}`", "例: `{example}`"));
        Err(())
    }
}

enum Argument {
    Year(YearLit),
    Range(YearRange),
    Name(Name),
    Expr(Expr, usize),
}

/// The last child of a pair (the operand after a keyword).
fn last_inner(pair: Pair<Syntax>) -> Built<Pair<Syntax>> {
    pair.into_inner().last().ok_or(())
}

/// The first child of a pair that is a `rule`.
fn inner_rule(pair: Pair<Syntax>, wanted: Syntax) -> Built<Pair<Syntax>> {
    pair.into_inner().find(|child| child.as_rule() == wanted).ok_or(())
}

fn first_inner(pair: Pair<Syntax>) -> Built<Pair<Syntax>> {
    pair.into_inner().next().ok_or(())
}

fn rollup_mode(pair: Pair<Syntax>) -> Built<Rollup> {
    Ok(if first_inner(pair)?.as_str() == "average" { Rollup::Average } else { Rollup::Lowest })
}

fn comparator_of(text: &str) -> Comparator {
    match text {
        ">=" | "≥" | "≧" => Comparator::AtLeast,
        "<=" | "≤" | "≦" => Comparator::AtMost,
        ">" => Comparator::Above,
        "<" => Comparator::Below,
        _ => Comparator::Equal,
    }
}

/// A whole number literal, possibly negated, within ±28.
fn whole_digits(expr: &Expr) -> Option<i32> {
    let (negative, inner) = match &expr.kind {
        ExprKind::Negate(inner) => (true, inner.as_ref()),
        _ => (false, expr),
    };
    let ExprKind::Number(Quantity { value, unit: UnitLiteral::Plain, .. }) = &inner.kind else { return None };
    if !value.fract().is_zero() || value.abs() > Decimal::from(28) {
        return None;
    }
    let digits = i32::try_from(value.mantissa() / 10_i128.pow(value.scale())).ok()?;
    Some(if negative { -digits } else { digits })
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The end of the last token before `at`, skipping white space and comments.
fn end_of_last_token(text: &str, mut at: usize, comments: &[Span]) -> usize {
    loop {
        let trimmed = text[..at].trim_end_matches(BLANKS).len();
        let index = comments.partition_point(|c| c.end < trimmed);
        match comments.get(index) {
            Some(comment) if comment.end == trimmed && comment.start < trimmed => at = comment.start,
            _ => return trimmed,
        }
    }
}

/// The token that `rest` (the text from an error position, past blanks) starts with, for the message.
fn found_token(rest: &str) -> &str {
    let Some(first) = rest.chars().next() else { return "" };
    let end = if first.is_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())
    } else {
        first.len_utf8()
    };
    // A long run of letters (a sentence of kanji) is shown by its first characters.
    let shown = rest.char_indices().nth(FOUND_TOKEN_CHARS).map_or(rest.len(), |(index, _)| index);
    &rest[..end.min(shown)]
}

/// What separates tokens.
const BLANKS: [char; 4] = [' ', '\t', '\r', '\n'];

/// The most characters of the found token an error message shows.
const FOUND_TOKEN_CHARS: usize = 20;

/// A suggestion for a misspelt keyword.
fn syntax_hint(found: &str) -> Option<Localized> {
    if found.is_empty() || !found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return match found {
            "=" => Some(tr!("comparisons are written `==`, `>=` or `<=`", "比較は `==`、`>=`、`<=` のように書きます")),
            "“" | "”" => Some(tr!("names are quoted with \"…\" or 「…」", "名前は \"…\" または「…」で囲みます")),
            _ => None,
        };
    }
    if language::is_keyword(found) {
        return None;
    }
    closest(found, language::keyword_words()).map(|keyword| tr!("did you mean `{keyword}`?", "`{keyword}` のことですか？"))
}

/// Human words for what the grammar expected.
fn describe_expected(rules: &[Syntax]) -> Localized {
    // The lists of words come from the language's table, so they cannot drift from it.
    let statements = (
        format!("a statement ({})", language::quoted_list(language::words_of(Role::Statement), ", ")),
        format!("文（{}）", language::quoted_list(language::words_of(Role::Statement), "、")),
    );
    let settings = (
        format!("a plan setting ({})", language::quoted_list(language::words_of(Role::PlanSetting), ", ")),
        format!("計画の設定（{}）", language::quoted_list(language::words_of(Role::PlanSetting), "、")),
    );
    let meta: Vec<String> = language::words_of(Role::Meta).map(|w| format!("`{w}`")).collect();
    let meta: Vec<&str> = meta.iter().map(String::as_str).collect();
    let meta = (join_alternatives(&meta, ", ", " or "), meta.join("、"));
    let mut en: Vec<&str> = Vec::new();
    let mut ja: Vec<&str> = Vec::new();
    for expected in rules {
        let (e, j) = match expected {
            Syntax::EOI => ("the end of the file", "ファイルの終わり"),
            Syntax::plan
            | Syntax::kw_plan
            | Syntax::group
            | Syntax::kw_group
            | Syntax::rule
            | Syntax::rule_kind
            | Syntax::milestone
            | Syntax::composite
            | Syntax::composite_mode
            | Syntax::data
            | Syntax::kw_data
            | Syntax::scenario
            | Syntax::kw_scenario
            | Syntax::simulation
            | Syntax::kw_simulation => (statements.0.as_str(), statements.1.as_str()),
            Syntax::name | Syntax::string => ("a name in quotes", "引用符で囲んだ名前"),
            Syntax::comparator => ("a comparison (`>=`, `<=`, `>`, `<`, `==`)", "比較（`>=`、`<=`、`>`、`<`、`==`）"),
            Syntax::target
            | Syntax::expr
            | Syntax::operand
            | Syntax::primary
            | Syntax::quantity
            | Syntax::signed_quantity
            | Syntax::number
            | Syntax::call
            | Syntax::parenthesized
            | Syntax::baseline_ref
            | Syntax::negation
            | Syntax::tbd
            | Syntax::schedule => ("a target (a number, `baseline`, a function or `tbd`)", "目標（数値、`baseline`、関数、`tbd`）"),
            Syntax::year | Syntax::year_range => ("a year (`R7`, `令和7年度`, `FY2025`)", "年度（`R7`、`令和7年度`、`FY2025`）"),
            Syntax::unit_clause
            | Syntax::from_clause
            | Syntax::by_clause
            | Syntax::every_year
            | Syntax::meta_block
            | Syntax::aggregate
            | Syntax::derivation
            | Syntax::qualitative => (
                "a rule option (`unit`, `from`, `by`, `every year`, `{ … }`)",
                "ルールの指定（`unit`、`from`、`by`、`every year`、`{ … }`）",
            ),
            Syntax::unit_name | Syntax::unit_word => ("a unit (`件`, `人`, `千円`, `%`)", "単位（`件`、`人`、`千円`、`%`）"),
            Syntax::meta_item | Syntax::meta_key => (meta.0.as_str(), meta.1.as_str()),
            Syntax::data_entry => ("a year and value (`R5: 1,200`)", "年度と値（`R5: 1,200`）"),
            Syntax::done | Syntax::hand_grade => ("a value (a number, `done` or `grade B`)", "値（数値、`done`、`grade B`）"),
            Syntax::grade_step | Syntax::grade_name | Syntax::grade_word => ("a grade (`A >= 100%`)", "評価（`A >= 100%`）"),
            Syntax::period | Syntax::plan_baseline | Syntax::achievement | Syntax::rollup | Syntax::calendar | Syntax::grades => {
                (settings.0.as_str(), settings.1.as_str())
            }
            Syntax::achievement_formula => ("`ratio` or `progress`", "`ratio` または `progress`"),
            Syntax::extends | Syntax::runs | Syntax::seed => ("`extends`, `runs`, `seed` or `{`", "`extends`、`runs`、`seed` または `{`"),
            Syntax::projection => ("a projection (`\"NAME\" grows 8% per year`)", "見通し（`\"名前\" grows 8% per year`）"),
            Syntax::growth | Syntax::level | Syntax::trend => {
                ("`grows`, `= … per year` or `trend`", "`grows`、`= … per year` または `trend`")
            }
            Syntax::amount | Syntax::steady | Syntax::distribution | Syntax::distribution_name => (
                "an amount (`8%`, `normal(8%, 3%)`, `uniform(…)`, `triangular(…)`)",
                "量（`8%`、`normal(8%, 3%)`、`uniform(…)`、`triangular(…)`）",
            ),
            Syntax::per_year => ("`per year`", "`per year`"),
            Syntax::rollup_mode => ("`lowest` or `average`", "`lowest` または `average`"),
            Syntax::add | Syntax::subtract | Syntax::multiply | Syntax::divide => ("an operator", "演算子"),
            Syntax::argument => ("an argument", "引数"),
            _ => continue,
        };
        if !en.contains(&e) {
            en.push(e);
            ja.push(j);
        }
    }
    if en.len() > 1 {
        // "the end of the file" adds nothing next to what could continue the file.
        if let Some(index) = en.iter().position(|e| *e == "the end of the file") {
            en.remove(index);
            ja.remove(index);
        }
    }
    if en.is_empty() {
        return tr!("something else", "別の記述");
    }
    let en_text = join_alternatives(&en, ", ", " or ");
    let ja_text = join_alternatives(&ja, "、", "、または");
    tr!("{en_text}", "{ja_text}")
}

fn join_alternatives(items: &[&str], separator: &str, last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(separator)),
    }
}

/// A value read from one cell of a data file (`12,400`, `△84`, `82.5%`, `done`, `grade B`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    Number(Decimal, UnitLiteral),
    Done,
    Grade(String),
}

/// A plain number (`12400`, `-3.5`, `82.5%`), as most cells of a machine-written file
/// are, read without running the grammar; `None` for anything else.
fn plain_number(text: &str) -> Option<CellValue> {
    let (negative, unsigned) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (number, suffix) = unsigned.strip_suffix('%').map_or((unsigned, None), |rest| (rest, Some("%")));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let well_formed = match number.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(number),
    };
    if !well_formed {
        return None;
    }
    let (value, unit) = parse_quantity(number, suffix).ok()?;
    Some(CellValue::Number(if negative { -value } else { value }, unit))
}

/// Reads one data cell. The error is a diagnostic relative to the cell's text.
pub fn parse_cell(text: &str) -> Result<CellValue, Box<Diagnostic>> {
    match plain_number(text.trim()) {
        Some(value) => Ok(value),
        None => parse_cell_with_grammar(text),
    }
}

fn parse_cell_with_grammar(text: &str) -> Result<CellValue, Box<Diagnostic>> {
    let source = Source::new("", text.trim());
    let mut builder = Builder { source: &source, file: FileId(0), offset: 0, comments: Vec::new(), diagnostics: Vec::new() };
    let value = match Grammar::parse(Syntax::cell_value, source.normalized()) {
        Ok(mut pairs) => {
            let pair = pairs.next().and_then(|p| p.into_inner().next()).ok_or(());
            pair.and_then(|pair| match pair.as_rule() {
                Syntax::done => Ok(CellValue::Done),
                Syntax::hand_grade => Ok(CellValue::Grade(builder.grade_name(first_inner(pair)?).text)),
                _ => builder.signed_quantity(pair).map(|q| CellValue::Number(q.value, q.unit)),
            })
        }
        Err(_) => {
            let shown = text.trim();
            builder.diagnostics.push(
                Diagnostic::error(
                    Code::E0105,
                    FileId(0),
                    0..text.len(),
                    tr!("`{shown}` is not a value", "「{shown}」は値として読めません"),
                )
                .with_hint(tr!(
                    "write a number (`12,400`, `82.5%`, `△84`, `298,513千円`), `done`, or `grade B`",
                    "数値（`12,400`、`82.5%`、`△84`、`298,513千円`）、`done`、`grade B` のいずれかを書いてください"
                )),
            );
            Err(())
        }
    };
    value.map_err(|()| Box::new(builder.diagnostics.into_iter().next().expect("a failed cell has a diagnostic")))
}

/// Reads one year cell (`R1`, `令和元年度`, `2019年度`, `2020年`).
pub fn parse_year_cell(text: &str) -> Result<Year, Box<Diagnostic>> {
    let source = Source::new("", text.trim());
    let mut builder = Builder { source: &source, file: FileId(0), offset: 0, comments: Vec::new(), diagnostics: Vec::new() };
    let year = match Grammar::parse(Syntax::cell_year, source.normalized()) {
        Ok(mut pairs) => pairs.next().and_then(|p| p.into_inner().next()).ok_or(()).and_then(|p| builder.year(p)),
        Err(_) => {
            let shown = text.trim();
            builder.diagnostics.push(
                Diagnostic::error(
                    Code::E0102,
                    FileId(0),
                    0..text.len(),
                    tr!("`{shown}` is not a year", "「{shown}」は年度として読めません"),
                )
                .with_hint(tr!(
                    "write a year such as `R5`, `令和5年度`, `2023年度` or `2023年`",
                    "`R5`、`令和5年度`、`2023年度`、`2023年` のように書いてください"
                )),
            );
            Err(())
        }
    };
    year.map(|y| y.year).map_err(|()| Box::new(builder.diagnostics.into_iter().next().expect("a failed year has a diagnostic")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_read_as_the_grammar_reads_them() {
        let cells = ["0", "12400", "-3.5", "82.5%", "100%", "-0", "007", "1.000", "79228162514264337593543950335"];
        for cell in cells {
            assert_eq!(plain_number(cell), parse_cell_with_grammar(cell).ok(), "{cell}");
        }
        // Everything else is left to the grammar.
        for cell in ["12,400", "1.", ".5", "5%%", "--1", "1e3", "△84", "298,513千円", "done", "", "-"] {
            assert_eq!(plain_number(cell), None, "{cell}");
        }
    }
}
