//! The outline of a plan: its header, groups (nested as written) with their
//! rules, `any`/`all` rules with their members, data blocks, scenarios and
//! simulations, and tests with their cases.

use crate::analysis::Analysis;
use serde::Serialize;
use shihyo_core::syntax::ast::{Composite, GroupItem, Item, Member, Rule, Test, TestItem};
use shihyo_core::syntax::Span;

/// What a symbol of the outline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SymbolKind {
    /// The `plan "…" { … }` header.
    Plan,
    /// A `group "1-2" "…" { … }`, holding its rules and inner groups.
    Group,
    /// An `output`, `outcome`, `indicator` or `milestone` rule.
    Rule,
    /// An `any { … }` or `all { … }` rule, holding its members.
    Composite,
    /// A `data "…" { … }` block.
    Data,
    /// A `scenario "…" { … }`.
    Scenario,
    /// A `simulation "…" { … }`.
    Simulation,
    /// A `test "…" { … }`, holding its `case` blocks (which are of this kind too).
    Test,
}

/// One entry of the outline: its name, what it is (`outcome`, `group 1-2`),
/// its whole statement and the name's span, and what it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentSymbol {
    /// The name as written (a group's title; `any` or `all` for an unnamed composite).
    pub name: String,
    /// The keyword it is written with (`outcome`, `group 1-2`, `case`).
    pub detail: String,
    /// What the symbol is.
    pub kind: SymbolKind,
    /// The whole statement, in byte offsets of the plan's original text.
    pub span: Span,
    /// The name (or, unnamed, the whole statement), in byte offsets of the plan's original text.
    pub selection: Span,
    /// What it holds, in the order written: a group's rules and groups, a composite's members, a test's cases.
    pub children: Vec<DocumentSymbol>,
}

/// The plan's outline, in the order written.
pub fn symbols(analysis: &Analysis) -> Vec<DocumentSymbol> {
    analysis.syntax().items.iter().map(item).collect()
}

fn item(item: &Item) -> DocumentSymbol {
    match item {
        Item::Plan(plan) => leaf(&plan.name.text, "plan", SymbolKind::Plan, &plan.span, &plan.name.span),
        Item::Group(group) => {
            let detail = group.id.as_ref().map_or_else(|| "group".to_string(), |id| format!("group {}", id.text));
            let children = group
                .items
                .iter()
                .filter_map(|child| if let GroupItem::Item(inner) = child { Some(self::item(inner)) } else { None })
                .collect();
            DocumentSymbol { children, ..leaf(&group.title.text, &detail, SymbolKind::Group, &group.span, &group.title.span) }
        }
        Item::Rule(rule) => self::rule(rule),
        Item::Composite(composite) => self::composite(composite),
        Item::Data(data) => leaf(&data.name.text, "data", SymbolKind::Data, &data.span, &data.name.span),
        Item::Scenario(scenario) => {
            let (detail, kind) =
                if scenario.simulation.is_some() { ("simulation", SymbolKind::Simulation) } else { ("scenario", SymbolKind::Scenario) };
            leaf(&scenario.name.text, detail, kind, &scenario.span, &scenario.name.span)
        }
        Item::Test(test) => self::test(test, "test"),
        // A roll-up of plans, outlined as the plan it stands for.
        Item::Aggregation(aggregation) => {
            leaf(&aggregation.name.text, "aggregate", SymbolKind::Plan, &aggregation.span, &aggregation.name.span)
        }
    }
}

fn rule(rule: &Rule) -> DocumentSymbol {
    leaf(&rule.name.text, rule.kind.keyword(), SymbolKind::Rule, &rule.span, &rule.name.span)
}

fn composite(composite: &Composite) -> DocumentSymbol {
    let keyword = match composite.mode {
        shihyo_core::syntax::ast::CompositeMode::Any => "any",
        shihyo_core::syntax::ast::CompositeMode::All => "all",
    };
    let (name, selection) = composite.name.as_ref().map_or((keyword, &composite.span), |name| (name.text.as_str(), &name.span));
    let children = composite
        .members
        .iter()
        .map(|member| match member {
            Member::Rule(inner) => rule(inner),
            Member::Composite(inner) => self::composite(inner),
        })
        .collect();
    DocumentSymbol { children, ..leaf(name, keyword, SymbolKind::Composite, &composite.span, selection) }
}

fn test(test: &Test, keyword: &str) -> DocumentSymbol {
    let children =
        test.items.iter().filter_map(|item| if let TestItem::Case(case) = item { Some(self::test(case, "case")) } else { None }).collect();
    DocumentSymbol { children, ..leaf(&test.name.text, keyword, SymbolKind::Test, &test.span, &test.name.span) }
}

fn leaf(name: &str, detail: &str, kind: SymbolKind, span: &Span, selection: &Span) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_string(),
        detail: detail.to_string(),
        kind,
        span: span.clone(),
        selection: selection.clone(),
        children: Vec::new(),
    }
}
