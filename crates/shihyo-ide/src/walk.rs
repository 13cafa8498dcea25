//! Every name, year and number of a plan's syntax tree, in the order written,
//! with what each name stands for (an indicator or a scenario) and how it is
//! used there (defined, read, or given data). The index, hover and the tokens
//! are all read from this one walk.

use serde::Serialize;
use shihyo_core::syntax::ast::*;

/// How a name is used where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Usage {
    /// The rule (or `scenario`) that defines it.
    Definition,
    /// An expression, projection, `extends` or test that reads it.
    Reference,
    /// A `data` block or a data file's cell that gives its actuals.
    Data,
}

/// What a name of the plan names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Indicator,
    Scenario,
}

/// One thing the walk finds.
pub enum Node<'a> {
    Name { name: &'a Name, named: Named, usage: Usage },
    Year(&'a YearLit),
    Quantity(&'a Quantity),
}

/// Calls `visit` with every name, year and number of `items`, in the order written.
pub fn walk<'a>(items: &'a [Item], visit: &mut dyn FnMut(Node<'a>)) {
    for item in items {
        walk_item(item, visit);
    }
}

fn grade_steps<'a>(steps: &'a [GradeStep], visit: &mut dyn FnMut(Node<'a>)) {
    steps.iter().for_each(|step| step_test(step.test.as_ref(), visit));
}

fn point_steps<'a>(steps: &'a [PointStep], visit: &mut dyn FnMut(Node<'a>)) {
    for step in steps {
        visit(Node::Quantity(&step.label));
        step_test(step.test.as_ref(), visit);
    }
}

/// The numbers of a scale step's test, in the order written.
fn step_test<'a>(test: Option<&'a StepTest>, visit: &mut dyn FnMut(Node<'a>)) {
    match test {
        Some(StepTest::Threshold(_, quantity)) => visit(Node::Quantity(quantity)),
        Some(StepTest::When(conditions)) => {
            for condition in conditions {
                match &condition.against {
                    Against::Value(quantity) | Against::Benchmark(_, Some(quantity)) => visit(Node::Quantity(quantity)),
                    Against::Benchmark(_, None) => {}
                }
            }
        }
        None => {}
    }
}

fn walk_item<'a>(item: &'a Item, visit: &mut dyn FnMut(Node<'a>)) {
    match item {
        Item::Plan(plan) => {
            for setting in &plan.settings {
                match setting {
                    PlanSetting::Period(range, _) => year_range(range, visit),
                    PlanSetting::Baseline(year, _) => visit(Node::Year(year)),
                    PlanSetting::Grades(steps, _) => grade_steps(steps, visit),
                    PlanSetting::Points(steps, _) => point_steps(steps, visit),
                    _ => {}
                }
            }
        }
        Item::Group(group) => {
            for child in &group.items {
                match child {
                    GroupItem::Item(item) => walk_item(item, visit),
                    GroupItem::Grades(steps, _) => grade_steps(steps, visit),
                    GroupItem::Points(steps, _) => point_steps(steps, visit),
                    GroupItem::Rollup(..) | GroupItem::Meta(_) => {}
                }
            }
        }
        Item::Rule(rule) => walk_rule(rule, visit),
        Item::Composite(composite) => walk_composite(composite, visit),
        Item::Data(data) => walk_data(data, visit),
        Item::Scenario(scenario) => {
            visit(Node::Name { name: &scenario.name, named: Named::Scenario, usage: Usage::Definition });
            if let Some(settings) = &scenario.simulation {
                settings.runs.iter().chain(&settings.seed).for_each(|quantity| visit(Node::Quantity(quantity)));
            }
            if let Some(base) = &scenario.extends {
                visit(Node::Name { name: base, named: Named::Scenario, usage: Usage::Reference });
            }
            for projection in &scenario.projections {
                visit(Node::Name { name: &projection.name, named: Named::Indicator, usage: Usage::Reference });
                if let Method::Grows(amount) | Method::Level(amount) = &projection.method {
                    amount.draw.parameters().into_iter().for_each(|quantity| visit(Node::Quantity(quantity)));
                }
            }
        }
        Item::Test(test) => walk_test(test, visit),
        Item::Aggregation(aggregation) => {
            for item in &aggregation.items {
                if let AggregationItem::AsOf(year, _) = item {
                    visit(Node::Year(year));
                }
            }
        }
    }
}

fn walk_rule<'a>(rule: &'a Rule, visit: &mut dyn FnMut(Node<'a>)) {
    visit(Node::Name { name: &rule.name, named: Named::Indicator, usage: Usage::Definition });
    match &rule.body {
        RuleBody::Qualitative(_) => {}
        RuleBody::Milestone { by } => visit(Node::Year(by)),
        RuleBody::Measured(measured) => {
            if let Some(from) = &measured.from {
                visit(Node::Year(from));
            }
            if let Some(derivation) = &measured.derivation {
                walk_expr(derivation, visit);
            }
            match measured.comparison.as_ref().map(|c| &c.target) {
                Some(Target::Expr(target)) => walk_expr(target, visit),
                Some(Target::Schedule(entries, _)) => {
                    for (year, target) in entries {
                        visit(Node::Year(year));
                        walk_expr(target, visit);
                    }
                }
                Some(Target::Tbd(_)) | None => {}
            }
            if let Schedule::By(by) = &measured.schedule {
                visit(Node::Year(by));
            }
        }
    }
}

fn walk_composite<'a>(composite: &'a Composite, visit: &mut dyn FnMut(Node<'a>)) {
    if let Some(name) = &composite.name {
        visit(Node::Name { name, named: Named::Indicator, usage: Usage::Definition });
    }
    for member in &composite.members {
        match member {
            Member::Rule(rule) => walk_rule(rule, visit),
            Member::Composite(inner) => walk_composite(inner, visit),
        }
    }
}

fn walk_data<'a>(data: &'a Data, visit: &mut dyn FnMut(Node<'a>)) {
    visit(Node::Name { name: &data.name, named: Named::Indicator, usage: Usage::Data });
    for entry in &data.entries {
        visit(Node::Year(&entry.year));
        if let DataValue::Number(quantity) = &entry.value {
            visit(Node::Quantity(quantity));
        }
    }
}

fn walk_test<'a>(test: &'a Test, visit: &mut dyn FnMut(Node<'a>)) {
    for item in &test.items {
        match item {
            TestItem::AsOf(year, _) => visit(Node::Year(year)),
            TestItem::Scenario(name, _) => visit(Node::Name { name, named: Named::Scenario, usage: Usage::Reference }),
            TestItem::Data(data) => walk_data(data, visit),
            TestItem::Expect(expectation) => {
                if let Subject::Rule(name) = &expectation.subject {
                    visit(Node::Name { name, named: Named::Indicator, usage: Usage::Reference });
                }
                if let ExpectedValue::Quantity(quantity) = &expectation.value {
                    visit(Node::Quantity(quantity));
                }
            }
            TestItem::Case(case) => walk_test(case, visit),
        }
    }
}

fn walk_expr<'a>(expr: &'a Expr, visit: &mut dyn FnMut(Node<'a>)) {
    match &expr.kind {
        ExprKind::Number(quantity) => visit(Node::Quantity(quantity)),
        ExprKind::Baseline(year) => year.iter().for_each(|year| visit(Node::Year(year))),
        ExprKind::Value { name, year } => {
            if let Some(name) = name {
                visit(Node::Name { name, named: Named::Indicator, usage: Usage::Reference });
            }
            year.iter().for_each(|year| visit(Node::Year(year)));
        }
        ExprKind::Figure { name, year, .. } => {
            visit(Node::Name { name, named: Named::Indicator, usage: Usage::Reference });
            year.iter().for_each(|year| visit(Node::Year(year)));
        }
        ExprKind::Series { name, range, .. } => {
            visit(Node::Name { name, named: Named::Indicator, usage: Usage::Reference });
            if let Some(range) = range {
                year_range(range, visit);
            }
        }
        ExprKind::Extremum { args, .. } => args.iter().for_each(|arg| walk_expr(arg, visit)),
        ExprKind::Round { value, .. } | ExprKind::Negate(value) | ExprKind::Paren(value) => walk_expr(value, visit),
        ExprKind::Binary { lhs, rhs, .. } => {
            walk_expr(lhs, visit);
            walk_expr(rhs, visit);
        }
    }
}

fn year_range<'a>(range: &'a YearRange, visit: &mut dyn FnMut(Node<'a>)) {
    visit(Node::Year(&range.first));
    visit(Node::Year(&range.last));
}
