//! The formatter: one canonical layout for every plan, keeping every comment.
//!
//! Layout is fixed (two-space indent, one statement per line, single spaces
//! around operators, `{ … }` blocks opened on the statement's line), while
//! names, numbers and years are reprinted exactly as written, so formatting
//! never changes what a plan means: `parse(format(x))` equals `parse(x)`.
//! Comments are attached by position: those before a statement stay before
//! it, those after one on its line stay on that line, and none is dropped.
//! At most one blank line is kept where the author left one.

use crate::ast::*;
use crate::parser::Parsed;
use crate::source::{Source, Span};
use std::fmt::Write as _;

/// The widest single-line `data` block before it is broken into lines.
const MAX_LINE: usize = 100;

/// Formats a parsed file. Returns `None` when the file has syntax errors.
pub fn format(source: &Source, parsed: &Parsed) -> Option<String> {
    if parsed.has_errors() {
        return None;
    }
    let mut printer = Printer { source, comments: &parsed.comments, next_comment: 0, out: String::new(), indent: 0, last_end: 0 };
    let items: Vec<Node<'_>> = parsed.file.items.iter().map(Node::Item).collect();
    printer.block(&items, source.original().len());
    let mut out = printer.out.trim_matches('\n').trim_end().to_string();
    out.push('\n');
    Some(out)
}

/// Anything that stands on its own line(s) inside a block.
enum Node<'a> {
    Item(&'a Item),
    Setting(&'a PlanSetting),
    GroupItem(&'a GroupItem),
    Member(&'a Member),
    Meta(&'a Meta),
    Entry(&'a DataEntry),
    Projection(&'a Projection),
    TestItem(&'a TestItem),
    AggregationItem(&'a AggregationItem),
}

impl Node<'_> {
    fn span(&self) -> &Span {
        match self {
            Node::Item(item) => item.span(),
            Node::Setting(setting) => setting.span(),
            Node::GroupItem(item) => item.span(),
            Node::Member(member) => member.span(),
            Node::Meta(meta) => &meta.span,
            Node::Entry(entry) => &entry.span,
            Node::Projection(projection) => &projection.span,
            Node::TestItem(item) => item.span(),
            Node::AggregationItem(item) => item.span(),
        }
    }
}

struct Printer<'a> {
    source: &'a Source,
    comments: &'a [Span],
    next_comment: usize,
    out: String,
    indent: usize,
    /// End of the last thing printed, in the original text.
    last_end: usize,
}

impl<'a> Printer<'a> {
    fn text(&self, span: &Span) -> &'a str {
        let source: &'a Source = self.source;
        &source.original()[span.clone()]
    }

    fn newline(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    /// Whether the author left a blank line between the last thing and `start`.
    fn blank_line_before(&self, start: usize) -> bool {
        let gap = &self.source.original()[self.last_end.min(start)..start];
        gap.split('\n').skip(1).take(gap.matches('\n').count().saturating_sub(1)).any(|line| line.trim().is_empty())
            && gap.matches('\n').count() >= 2
    }

    /// Prints the comments that start before `limit`, each on its own line.
    fn comments_before(&mut self, limit: usize, first_in_block: &mut bool) {
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.start >= limit {
                break;
            }
            if !*first_in_block && self.blank_line_before(comment.start) {
                self.out.push('\n');
            }
            self.newline();
            let text = self.text(comment).trim_end().to_string();
            self.out.push_str(&text);
            self.last_end = comment.end;
            self.next_comment += 1;
            *first_in_block = false;
        }
    }

    /// Prints a comment that starts on the same line as `end`, after it.
    fn trailing_comment(&mut self, end: usize) {
        if let Some(comment) = self.comments.get(self.next_comment) {
            let between = &self.source.original()[end.min(comment.start)..comment.start];
            if comment.start >= end && !between.contains('\n') {
                let text = self.text(comment).trim_end().to_string();
                self.out.push_str("  ");
                self.out.push_str(&text);
                self.last_end = comment.end;
                self.next_comment += 1;
            }
        }
    }

    /// Prints the nodes of a block (the file, or inside `{ }`), with their comments.
    fn block(&mut self, nodes: &[Node<'_>], end: usize) {
        let mut first = true;
        for node in nodes {
            let span = node.span().clone();
            self.comments_before(span.start, &mut first);
            if !first && self.blank_line_before(span.start) {
                self.out.push('\n');
            }
            self.newline();
            self.node(node);
            self.last_end = span.end;
            self.trailing_comment(span.end);
            first = false;
        }
        self.comments_before(end, &mut first);
    }

    /// Prints `{`, the nodes indented, and `}` (or `{}` when there is nothing inside).
    fn braced(&mut self, nodes: &[Node<'_>], span: &Span) {
        let close = span.end.saturating_sub(1);
        let has_comments = self.comments.get(self.next_comment).is_some_and(|c| c.start < close);
        if nodes.is_empty() && !has_comments {
            self.out.push_str(" {}");
            return;
        }
        self.out.push_str(" {");
        self.indent += 1;
        self.block(nodes, close);
        self.indent -= 1;
        self.newline();
        self.out.push('}');
    }

    fn node(&mut self, node: &Node<'_>) {
        match node {
            Node::Item(item) => self.item(item),
            Node::Setting(setting) => self.setting(setting),
            Node::GroupItem(GroupItem::Rollup(mode, _)) => self.out.push_str(rollup_text(*mode)),
            Node::GroupItem(GroupItem::Grades(steps, _)) => self.grades(steps),
            Node::GroupItem(GroupItem::Points(steps, _)) => self.points(steps),
            Node::GroupItem(GroupItem::Meta(meta)) => self.meta(meta),
            Node::Meta(meta) => self.meta(meta),
            Node::GroupItem(GroupItem::Item(item)) => self.item(item),
            Node::Member(Member::Rule(rule)) => self.rule(rule),
            Node::Member(Member::Composite(composite)) => self.composite(composite),
            Node::Entry(entry) => self.entry(entry),
            Node::Projection(projection) => self.projection(projection),
            Node::TestItem(item) => self.test_item(item),
            Node::AggregationItem(item) => self.aggregate_item(item),
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Plan(plan) => {
                let name = self.text(&plan.name.span).to_string();
                write!(self.out, "plan {name}").ok();
                let nodes: Vec<Node<'_>> = plan.settings.iter().map(Node::Setting).collect();
                self.braced(&nodes, &plan.span);
            }
            Item::Group(group) => {
                self.out.push_str("group");
                for name in group.id.iter().chain(std::iter::once(&group.title)) {
                    let text = self.text(&name.span).to_string();
                    write!(self.out, " {text}").ok();
                }
                let nodes: Vec<Node<'_>> = group.items.iter().map(Node::GroupItem).collect();
                self.braced(&nodes, &group.span);
            }
            Item::Rule(rule) => self.rule(rule),
            Item::Composite(composite) => self.composite(composite),
            Item::Data(data) => self.data(data),
            Item::Scenario(scenario) => self.scenario(scenario),
            Item::Test(test) => self.test("test", test),
            Item::Aggregation(aggregate) => {
                let name = self.text(&aggregate.name.span).to_string();
                write!(self.out, "aggregate {name}").ok();
                let nodes: Vec<Node<'_>> = aggregate.items.iter().map(Node::AggregationItem).collect();
                self.braced(&nodes, &aggregate.span);
            }
        }
    }

    fn test(&mut self, keyword: &str, test: &Test) {
        let name = self.text(&test.name.span).to_string();
        write!(self.out, "{keyword} {name}").ok();
        let nodes: Vec<Node<'_>> = test.items.iter().map(Node::TestItem).collect();
        self.braced(&nodes, &test.span);
    }

    fn test_item(&mut self, item: &TestItem) {
        match item {
            TestItem::AsOf(year, _) => {
                let year = self.text(&year.span);
                write!(self.out, "as of {year}").ok();
            }
            TestItem::Scenario(name, _) => {
                let name = self.text(&name.span);
                write!(self.out, "scenario {name}").ok();
            }
            TestItem::Data(data) => self.data(data),
            TestItem::Case(case) => self.test("case", case),
            TestItem::Expect(expectation) => {
                let subject = match &expectation.subject {
                    Subject::Rule(name) => self.text(&name.span).to_string(),
                    Subject::Group(name, _) => format!("group {}", self.text(&name.span)),
                    Subject::Plan(_) => "plan".to_string(),
                };
                let field = expectation.field.keyword();
                write!(self.out, "expect {subject} {field}").ok();
                if let Some((comparator, _)) = expectation.comparator {
                    write!(self.out, " {}", comparator.symbol()).ok();
                }
                let value = self.text(expectation.value.span());
                write!(self.out, " {value}").ok();
            }
        }
    }

    fn aggregate_item(&mut self, item: &AggregationItem) {
        match item {
            AggregationItem::Plans(roster, _) => {
                let roster = self.text(&roster.span);
                write!(self.out, "plans {roster}").ok();
            }
            AggregationItem::AsOf(year, _) => {
                let year = self.text(&year.span);
                write!(self.out, "as of {year}").ok();
            }
            AggregationItem::By(column, _) => {
                let column = self.text(&column.span);
                write!(self.out, "by {column}").ok();
            }
            AggregationItem::Total(total, name, _) => {
                let name = self.text(&name.span);
                write!(self.out, "{} {name}", total.keyword()).ok();
            }
            AggregationItem::Meta(meta) => self.meta(meta),
        }
    }

    fn scenario(&mut self, scenario: &Scenario) {
        let name = self.text(&scenario.name.span).to_string();
        match &scenario.simulation {
            None => write!(self.out, "scenario {name}").ok(),
            Some(settings) => {
                write!(self.out, "simulation {name}").ok();
                for (keyword, quantity) in [("runs", &settings.runs), ("seed", &settings.seed)] {
                    if let Some(quantity) = quantity {
                        let text = self.text(&quantity.span);
                        write!(self.out, " {keyword} {text}").ok();
                    }
                }
                Some(())
            }
        };
        if let Some(base) = &scenario.extends {
            let text = self.text(&base.span);
            write!(self.out, " extends {text}").ok();
        }
        let nodes: Vec<Node<'_>> = scenario.projections.iter().map(Node::Projection).collect();
        self.braced(&nodes, &scenario.span);
    }

    fn projection(&mut self, projection: &Projection) {
        let name = self.text(&projection.name.span);
        let method = match &projection.method {
            Method::Trend(_) => "trend".to_string(),
            Method::Grows(amount) => format!("grows {} per year", self.amount(amount)),
            Method::Level(amount) => format!("= {} per year", self.amount(amount)),
        };
        write!(self.out, "{name} {method}").ok();
    }

    fn amount(&self, amount: &Amount) -> String {
        let parameters: Vec<&str> = amount.draw.parameters().into_iter().map(|q| self.text(&q.span)).collect();
        let drawn = match amount.draw.keyword() {
            None => parameters.join(""),
            Some(function) => format!("{function}({})", parameters.join(", ")),
        };
        if amount.steady.is_some() {
            format!("steady {drawn}")
        } else {
            drawn
        }
    }

    fn setting(&mut self, setting: &PlanSetting) {
        match setting {
            PlanSetting::Period(range, _) => {
                let text = self.range(range);
                write!(self.out, "period {text}").ok();
            }
            PlanSetting::Baseline(year, _) => {
                let text = self.text(&year.span).to_string();
                write!(self.out, "baseline {text}").ok();
            }
            PlanSetting::Achievement(formula, _) => {
                self.out.push_str(match formula {
                    AchievementFormula::Ratio => "achievement ratio",
                    AchievementFormula::Progress => "achievement progress",
                });
            }
            PlanSetting::Rollup(mode, _) => self.out.push_str(rollup_text(*mode)),
            PlanSetting::Calendar(_) => self.out.push_str("calendar"),
            PlanSetting::Grades(steps, _) => self.grades(steps),
            PlanSetting::Points(steps, _) => self.points(steps),
            PlanSetting::Rates(rates, _) => {
                let rounding = match rates.rounding {
                    RateRounding::Rounded => "rounded",
                    RateRounding::Truncated => "truncated",
                };
                write!(self.out, "rates {} {rounding}", rates.digits).ok();
            }
            PlanSetting::Meta(meta) => self.meta(meta),
        }
    }

    fn grades(&mut self, steps: &[GradeStep]) {
        let steps: Vec<String> = steps.iter().map(|step| self.scale_step(&step.label.span, step)).collect();
        write!(self.out, "grades {{ {} }}", steps.join(", ")).ok();
    }

    fn points(&mut self, steps: &[PointStep]) {
        let steps: Vec<String> = steps.iter().map(|step| self.scale_step(&step.label.span, step)).collect();
        write!(self.out, "points {{ {} }}", steps.join(", ")).ok();
    }

    /// A step of `grades { … }` or `points { … }`: its label as written, then its test.
    fn scale_step<Label>(&self, label: &Span, step: &ScaleStep<Label>) -> String {
        let label = self.text(label);
        match &step.test {
            Some(StepTest::Threshold(comparator, quantity)) => format!("{label} {} {}", comparator.symbol(), self.text(&quantity.span)),
            Some(StepTest::When(conditions)) => {
                let conditions: Vec<String> = conditions
                    .iter()
                    .map(|c| {
                        let against = match &c.against {
                            Against::Value(quantity) => self.text(&quantity.span).to_string(),
                            Against::Benchmark(benchmark, None) => benchmark.word().to_string(),
                            Against::Benchmark(benchmark, Some(factor)) => format!("{} * {}", benchmark.word(), self.text(&factor.span)),
                        };
                        format!("{} {} {against}", c.figure.word(), c.comparator.symbol())
                    })
                    .collect();
                format!("{label} when {}", conditions.join(" and "))
            }
            None => label.to_string(),
        }
    }

    fn meta(&mut self, meta: &Meta) {
        let value = self.text(&meta.value.span).to_string();
        write!(self.out, "{} {value}", meta.key.keyword()).ok();
    }

    fn range(&self, range: &YearRange) -> String {
        format!("{}..{}", self.text(&range.first.span), self.text(&range.last.span))
    }

    fn rule(&mut self, rule: &Rule) {
        let name = self.text(&rule.name.span).to_string();
        write!(self.out, "{} {name}", rule.kind.keyword()).ok();
        match &rule.body {
            RuleBody::Qualitative(_) => self.out.push_str(" qualitative"),
            RuleBody::Milestone { by } => {
                let year = self.text(&by.span).to_string();
                write!(self.out, " by {year}").ok();
            }
            RuleBody::Measured(measured) => self.measured(measured),
        }
        if !rule.meta.is_empty() {
            let nodes: Vec<Node<'_>> = rule.meta.iter().map(Node::Meta).collect();
            self.braced(&nodes, &rule.span);
        }
    }

    fn measured(&mut self, measured: &Measured) {
        let printer = ExprPrinter { source: self.source.original() };
        if let Some(derivation) = &measured.derivation {
            self.out.push_str(" = ");
            printer.write(derivation, &mut self.out);
        }
        if let Some(comparison) = &measured.comparison {
            if let Some(words) = measured.aggregate.written() {
                self.out.push(' ');
                self.out.push_str(words);
            }
            write!(self.out, " {} ", comparison.comparator.symbol()).ok();
            match &comparison.target {
                Target::Tbd(_) => self.out.push_str("tbd"),
                Target::Expr(expr) => printer.write(expr, &mut self.out),
                Target::Schedule(entries, _) => {
                    self.out.push_str("{ ");
                    for (index, (year, expr)) in entries.iter().enumerate() {
                        if index > 0 {
                            self.out.push_str(", ");
                        }
                        write!(self.out, "{}: ", self.text(&year.span)).ok();
                        printer.write(expr, &mut self.out);
                    }
                    self.out.push_str(" }");
                }
            }
        }
        if let Some(unit) = &measured.unit {
            write!(self.out, " unit {}", unit.text).ok();
        }
        if let Some(from) = &measured.from {
            write!(self.out, " from {}", self.text(&from.span)).ok();
        }
        match &measured.schedule {
            Schedule::PlanEnd => {}
            Schedule::By(by) => {
                write!(self.out, " by {}", self.text(&by.span)).ok();
            }
            Schedule::EveryYear(_) => self.out.push_str(" every year"),
        }
    }

    fn composite(&mut self, composite: &Composite) {
        self.out.push_str(match composite.mode {
            CompositeMode::Any => "any",
            CompositeMode::All => "all",
        });
        if let Some(name) = &composite.name {
            let text = self.text(&name.span).to_string();
            write!(self.out, " {text}").ok();
        }
        let nodes: Vec<Node<'_>> = composite.members.iter().map(Node::Member).collect();
        self.braced(&nodes, &composite.span);
    }

    fn data(&mut self, data: &Data) {
        let name = self.text(&data.name.span).to_string();
        write!(self.out, "data {name}").ok();
        let close = data.span.end.saturating_sub(1);
        let has_comments = self.comments.get(self.next_comment).is_some_and(|c| c.start < close);
        let entries: Vec<String> = data.entries.iter().map(|e| self.entry_text(e)).collect();
        let line = format!(" {{ {} }}", entries.join("  "));
        let current_line = self.out.rsplit('\n').next().map_or(0, |l| l.chars().count());
        if !has_comments && !entries.is_empty() && current_line + line.chars().count() <= MAX_LINE {
            self.out.push_str(&line);
        } else {
            let nodes: Vec<Node<'_>> = data.entries.iter().map(Node::Entry).collect();
            self.braced(&nodes, &data.span);
        }
    }

    fn entry_text(&self, entry: &DataEntry) -> String {
        let year = self.text(&entry.year.span);
        let value = match &entry.value {
            DataValue::Number(quantity) => self.text(&quantity.span).to_string(),
            DataValue::Done => "done".to_string(),
            DataValue::Grade(name) => format!("grade {}", self.text(&name.span)),
        };
        if entry.remarks.is_empty() {
            return format!("{year}: {value}");
        }
        let remarks: Vec<String> = entry.remarks.iter().map(|r| format!("{} {}", r.key.keyword(), self.text(&r.text.span))).collect();
        format!("{year}: {value} {{ {} }}", remarks.join("  "))
    }

    fn entry(&mut self, entry: &DataEntry) {
        let text = self.entry_text(entry);
        self.out.push_str(&text);
    }
}

fn rollup_text(mode: Rollup) -> &'static str {
    match mode {
        Rollup::Lowest => "rollup lowest",
        Rollup::Average => "rollup average",
    }
}

/// Prints expressions in canonical layout, literals as written.
struct ExprPrinter<'a> {
    source: &'a str,
}

impl ExprPrinter<'_> {
    fn write(&self, expr: &Expr, out: &mut String) {
        match &expr.kind {
            ExprKind::Number(quantity) => out.push_str(&self.quantity(quantity)),
            ExprKind::Baseline(None) => out.push_str("baseline"),
            ExprKind::Baseline(Some(year)) => {
                write!(out, "baseline({})", self.year(year)).ok();
            }
            ExprKind::Value { name, year } => {
                let args: Vec<String> = name.iter().map(|n| self.name(n)).chain(year.iter().map(|y| self.year(y))).collect();
                write!(out, "value({})", args.join(", ")).ok();
            }
            ExprKind::Figure { figure, name, year } => {
                let args: Vec<String> = std::iter::once(self.name(name)).chain(year.iter().map(|y| self.year(y))).collect();
                write!(out, "{}({})", figure.word(), args.join(", ")).ok();
            }
            ExprKind::Series { function, name, range } => {
                let function = match function {
                    SeriesFunction::Sum => "sum",
                    SeriesFunction::Avg => "avg",
                };
                write!(out, "{function}({}", self.name(name)).ok();
                if let Some(range) = range {
                    if range.first == range.last {
                        write!(out, ", {}", self.year(&range.first)).ok();
                    } else {
                        write!(out, ", {}..{}", self.year(&range.first), self.year(&range.last)).ok();
                    }
                }
                out.push(')');
            }
            ExprKind::Extremum { function, args } => {
                out.push_str(match function {
                    Extremum::Min => "min(",
                    Extremum::Max => "max(",
                });
                for (index, arg) in args.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    self.write(arg, out);
                }
                out.push(')');
            }
            ExprKind::Round { value, digits } => {
                out.push_str("round(");
                self.write(value, out);
                write!(out, ", {digits})").ok();
            }
            ExprKind::Negate(inner) => {
                out.push('-');
                self.write(inner, out);
            }
            ExprKind::Paren(inner) => {
                out.push('(');
                self.write(inner, out);
                out.push(')');
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.write(lhs, out);
                write!(out, " {} ", op.symbol()).ok();
                self.write(rhs, out);
            }
        }
    }

    fn quantity(&self, quantity: &Quantity) -> String {
        self.source[quantity.span.clone()].to_string()
    }

    fn year(&self, year: &YearLit) -> String {
        self.source[year.span.clone()].to_string()
    }

    fn name(&self, name: &Name) -> String {
        self.source[name.span.clone()].to_string()
    }
}
