//! The plan's structure: groups and their paths, rules and `any`/`all` composites in the order written, each name registered once (a duplicate is an error with the first place).

use super::{Checker, Draft};
use crate::model::units::{DisplayUnit, Unit};
use crate::model::*;
use shihyo_syntax::ast::{Composite, CompositeMode, Group, GroupItem, Item, Member, Name, Rollup, Rule, RuleKind};
use shihyo_syntax::tr;
use shihyo_syntax::Code;

impl Checker {
    pub(super) fn items(&mut self, items: &[&Item], path: Option<&str>) -> Vec<GroupChild> {
        let mut children = Vec::new();
        for item in items {
            match item {
                Item::Plan(plan) => {
                    if self.header.is_some() {
                        self.error(Code::E0206, plan.span.clone(), tr!("a file has one `plan` header", "`plan` の見出しは一つだけです"))
                            .hint = Some(tr!(
                            "remove this one, or put the second plan in a file of its own",
                            "二つ目を消すか、別の計画として別のファイルに書いてください"
                        ));
                    } else {
                        self.header = Some(plan.clone());
                    }
                }
                Item::Group(group) => children.push(GroupChild::Group(self.group(group, path))),
                Item::Rule(rule) => children.push(GroupChild::Rule(self.rule(rule, path, None))),
                Item::Composite(composite) => children.push(GroupChild::Rule(self.composite(composite, path, None))),
                Item::Data(_) | Item::Scenario(_) | Item::Test(_) => {}
                Item::Aggregation(aggregation) => {
                    self.error(
                        Code::E0280,
                        aggregation.span.clone(),
                        tr!(
                            "an `aggregate` is run by `shihyo rollup`, not checked or evaluated as a plan",
                            "`aggregate` は `shihyo rollup` で実行するもので、計画として検査・評価はできません"
                        ),
                    )
                    .hint = Some(tr!(
                        "keep it in a file of its own, without a plan's statements, and run `shihyo rollup FILE`",
                        "計画の文を含まない別のファイルに書き、`shihyo rollup ファイル` で実行してください"
                    ));
                }
            }
        }
        children
    }

    pub(super) fn group(&mut self, group: &Group, parent_path: Option<&str>) -> GroupDef {
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
                GroupItem::Rollup(mode, span) => {
                    rollup = *mode;
                    if rollup == Rollup::Average {
                        self.average_rollups.push((Some(path.clone()), span.clone()));
                    }
                }
                GroupItem::Grades(steps, span) => {
                    self.group_scales.entry(path.clone()).or_default().grades = Some((steps.clone(), span.clone()));
                }
                GroupItem::Points(steps, _) => self.group_scales.entry(path.clone()).or_default().points = Some(steps.clone()),
                GroupItem::Meta(item) => meta.push((item.key, item.value.text.clone())),
                GroupItem::Item(item) => items.push(item),
            }
        }
        let children = self.items(&items, Some(&path));
        GroupDef {
            id: group.id.as_ref().map(|n| n.text.clone()),
            title: group.title.text.clone(),
            path,
            rollup,
            scale: None,
            children,
            meta,
        }
    }

    pub(super) fn register(&mut self, name: &Name, def: RuleDef, ast: Option<Rule>) -> RuleId {
        let id = RuleId(self.rules.len());
        if let Some(&first) = self.names.get(&name.key) {
            let first_span = self.rules[first.0].name_span.clone();
            let shown = &name.text;
            let file = self.file;
            self.error(Code::E0201, name.span.clone(), tr!("`{shown}` is defined twice", "「{shown}」が二度定義されています"))
                .related
                .push(shihyo_syntax::Related { file, span: first_span, message: tr!("first defined here", "最初の定義") });
        } else {
            self.names.insert(name.key.clone(), id);
        }
        self.rules.push(Draft { def, ast, name_span: name.span.clone() });
        id
    }

    pub(super) fn rule(&mut self, rule: &Rule, path: Option<&str>, parent: Option<RuleId>) -> RuleId {
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
            scale: None,
        };
        self.register(&rule.name, def, Some(rule.clone()))
    }

    pub(super) fn composite(&mut self, composite: &Composite, path: Option<&str>, parent: Option<RuleId>) -> RuleId {
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
            scale: None,
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
}
