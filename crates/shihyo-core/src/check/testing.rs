//! A plan's tests checked against the plan (reference §12): every name an
//! expectation or a `scenario` gives resolved, every value read as its field
//! wants it (a status, a grade on the plan's scale, a percentage, an amount in
//! the rule's unit) with the precision it is written to, and each case's data:
//! the plan's own `data` blocks with the test's and the case's cells in place
//! of theirs.

use super::data::convert;
use super::Checker;
use crate::model::data::{ActualValue, Dataset};
use crate::model::testing::{Check, Expectation, Subject, TestCase, TestDef};
use crate::model::*;
use crate::read::{self, RawEntry};
use shihyo_syntax::ast::{self, ExpectedValue, Field, Item, TestItem};
use shihyo_syntax::name_key;
use shihyo_syntax::number::{written_step, UnitLiteral};
use shihyo_syntax::year::YearStyle;
use shihyo_syntax::{closest, tr, Code, Localized, Source, Span};
use std::collections::HashSet;

/// What a test or a case says before its cases run: its year, scenario and data so far.
#[derive(Clone, Default)]
struct Setting {
    as_of: Option<i32>,
    scenario: Option<usize>,
    data: Dataset,
}

impl Checker {
    /// Checks every `test` of the file; `data` is the checked actuals (the plan's own
    /// `data` blocks among them are every test's starting data).
    pub(super) fn tests(&mut self, items: &[Item], plan: &Plan, data: &Dataset) -> Vec<TestDef> {
        let own: Dataset = data
            .iter()
            .map(|years| years.iter().filter(|(_, a)| a.origin.file == self.file).map(|(y, a)| (*y, a.clone())).collect())
            .collect();
        let mut names = HashSet::new();
        let mut tests = Vec::new();
        for item in items {
            let Item::Test(test) = item else { continue };
            self.once_named(&mut names, &test.name, tr!("a test named twice", "同じ名前のテストが二つあります"));
            let start = Setting { as_of: None, scenario: None, data: own.clone() };
            let setting = self.setting(&test.items, plan, start);
            let expectations = self.expectations(&test.items, plan);
            let mut case_names = HashSet::new();
            let mut cases = Vec::new();
            for item in &test.items {
                let TestItem::Case(case) = item else { continue };
                self.once_named(
                    &mut case_names,
                    &case.name,
                    tr!("a case named twice in its test", "同じテストに同じ名前の case が二つあります"),
                );
                let own_setting = self.setting(&case.items, plan, setting.clone());
                let mut own_expectations = expectations.clone();
                own_expectations.extend(self.expectations(&case.items, plan));
                cases.push(case_of(Some(case.name.text.clone()), case.span.clone(), own_setting, own_expectations));
            }
            if cases.is_empty() {
                cases.push(case_of(None, test.span.clone(), setting, expectations));
            }
            tests.push(TestDef { name: test.name.text.clone(), span: test.span.clone(), cases });
        }
        tests
    }

    /// E0272 for a name already used among its kind.
    fn once_named(&mut self, seen: &mut HashSet<String>, name: &ast::Name, message: Localized) {
        if !seen.insert(name.key.clone()) {
            self.error(Code::E0272, name.span.clone(), message).hint = Some(tr!(
                "give each a name of its own: failures are reported by name",
                "それぞれ別の名前にしてください（失敗は名前で報告されます）"
            ));
        }
    }

    /// A block's `as of`, `scenario` and `data`, on top of what it is inside.
    fn setting(&mut self, items: &[TestItem], plan: &Plan, mut setting: Setting) -> Setting {
        let (mut as_of_given, mut scenario_given) = (false, false);
        let mut entries: Vec<RawEntry> = Vec::new();
        for item in items {
            match item {
                TestItem::AsOf(year, span) => {
                    self.once_in_block(as_of_given, "as of", span);
                    as_of_given = true;
                    if plan.year_window().contains(&year.year.number) {
                        setting.as_of = Some(year.year.number);
                    } else {
                        let (label, label_ja, most) =
                            (year.year.shown(YearStyle::Western), year.year.shown_ja(YearStyle::Western), MAX_PERIOD_YEARS);
                        self.error(
                            Code::E0219,
                            year.span.clone(),
                            tr!(
                                "{label} is more than {most} years from the plan's period",
                                "{label_ja}は計画の期間から{most}年を超えて離れています"
                            ),
                        );
                    }
                }
                TestItem::Scenario(name, span) => {
                    self.once_in_block(scenario_given, "scenario", span);
                    scenario_given = true;
                    match plan.scenarios.iter().position(|s| s.key == name.key) {
                        Some(index) => setting.scenario = Some(index),
                        None => {
                            // Compared by key, suggested as written.
                            let suggestion = closest(&name.key, plan.scenarios.iter().map(|s| s.key.as_str()))
                                .and_then(|key| plan.scenarios.iter().find(|s| s.key == key))
                                .map(|s| s.name.as_str());
                            let shown = &name.text;
                            let diagnostic = self.error(
                                Code::E0270,
                                name.span.clone(),
                                tr!("no scenario named `{shown}`", "「{shown}」という名前のシナリオはありません"),
                            );
                            diagnostic.suggest_name(&name.span, shown, suggestion);
                            diagnostic.hint.get_or_insert_with(|| {
                                tr!(
                                    "a test evaluates under a `scenario` or `simulation` of the plan",
                                    "テストで使えるのは計画の `scenario` か `simulation` です"
                                )
                            });
                        }
                    }
                }
                TestItem::Data(block) => read::inline_entries(std::slice::from_ref(&Item::Data(block.clone())), self.file, &mut entries),
                TestItem::Expect(_) | TestItem::Case(_) => {}
            }
        }
        let (written, _) = self.dataset(plan, entries);
        for (years, cells) in setting.data.iter_mut().zip(written) {
            years.extend(cells);
        }
        setting
    }

    /// E0272 for `as of` or `scenario` given twice in one block.
    fn once_in_block(&mut self, already: bool, word: &str, span: &Span) {
        if already {
            self.error(Code::E0272, span.clone(), tr!("`{word}` is given twice here", "`{word}` が二度書かれています")).hint = Some(tr!(
                "keep one; to run the test for several, write a `case` for each",
                "一つにしてください。いくつかについて試すなら、それぞれを `case` に書きます"
            ));
        }
    }

    /// The block's own `expect` lines, checked (the ones that cannot hold are reported and left out).
    fn expectations(&mut self, items: &[TestItem], plan: &Plan) -> Vec<Expectation> {
        items
            .iter()
            .filter_map(|item| if let TestItem::Expect(expectation) = item { self.expectation(expectation, plan) } else { None })
            .collect()
    }

    fn expectation(&mut self, written: &ast::Expectation, plan: &Plan) -> Option<Expectation> {
        let subject = self.subject(&written.subject, plan)?;
        let value_span = written.value.span().clone();
        // The value as written, a quoted word without its quotes (`"B+"` is B+).
        let text = match &written.value {
            ExpectedValue::Word(word) => word.text.clone(),
            ExpectedValue::Quantity(_) => plan.quote(&value_span).to_string(),
        };
        let check = match self.check_of(written, &subject, plan) {
            Ok(check) => check,
            Err(Refused(at, message, hint)) => {
                let span = match at {
                    At::Field => written.field_span.clone(),
                    At::Comparator => written.comparator.as_ref().map_or(value_span, |(_, span)| span.clone()),
                    At::Value => value_span,
                };
                self.error(Code::E0271, span, message).hint = hint;
                return None;
            }
        };
        Some(Expectation { subject, field: written.field, check, span: written.span.clone(), written: text })
    }

    fn subject(&mut self, subject: &ast::Subject, plan: &Plan) -> Option<Subject> {
        match subject {
            ast::Subject::Plan(_) => Some(Subject::Plan),
            ast::Subject::Rule(name) => {
                if let Some(&id) = self.names.get(&name.key) {
                    return Some(Subject::Rule(id));
                }
                let shown = &name.text;
                let is_group = find_group(&plan.root, &name.key).is_some();
                let suggestion = closest(&name.key, self.names.keys().map(String::as_str))
                    .and_then(|k| self.names.get(k))
                    .map(|id| plan.rule(*id).name.clone());
                let diagnostic =
                    self.error(Code::E0270, name.span.clone(), tr!("no rule named `{shown}`", "「{shown}」という名前のルールはありません"));
                if is_group {
                    diagnostic.hint = Some(tr!(
                        "a group's grade is expected as `expect group \"{shown}\" grade …`",
                        "グループの評価は `expect group \"{shown}\" grade …` と書きます"
                    ));
                } else {
                    diagnostic.suggest_name(&name.span, shown, suggestion.as_deref());
                }
                None
            }
            ast::Subject::Group(name, _) => match find_group(&plan.root, &name.key) {
                Some(group) => Some(Subject::Group(group.path.clone())),
                None => {
                    let shown = &name.text;
                    let mut titles = Vec::new();
                    every_group(&plan.root, &mut |group| titles.push(group.title.clone()));
                    let suggestion = closest(&name.key, titles.iter().map(String::as_str));
                    self.error(
                        Code::E0270,
                        name.span.clone(),
                        tr!("no group named `{shown}`", "「{shown}」という名前のグループはありません"),
                    )
                    .suggest_name(&name.span, shown, suggestion);
                    None
                }
            },
        }
    }

    /// What the written value must be, for its field and subject.
    fn check_of(&self, written: &ast::Expectation, subject: &Subject, plan: &Plan) -> Result<Check, Refused> {
        let field = written.field.keyword();
        if !matches!(subject, Subject::Rule(_)) && written.field != Field::Grade {
            return Err(Refused(
                At::Field,
                tr!(
                    "a group or the plan is expected by its grade, not its `{field}`",
                    "グループや計画全体について書けるのは評価（grade）だけです（`{field}` は書けません）"
                ),
                Some(tr!(
                    "write `expect group \"…\" grade B`, or expect the `{field}` of one of its rules",
                    "`expect group \"…\" grade B` と書くか、中のルールの `{field}` を書いてください"
                )),
            ));
        }
        let comparator = written.comparator.as_ref().map(|(c, _)| *c);
        match (written.field, &written.value) {
            (Field::Status, ExpectedValue::Word(word)) if comparator.is_none() => {
                Status::from_word(&word.text).map(Check::Status).ok_or_else(|| {
                    let shown = &word.text;
                    let list = Status::ALL.iter().map(|s| format!("`{}`", s.name())).collect::<Vec<_>>().join(", ");
                    Refused(
                        At::Value,
                        tr!("`{shown}` is not a status", "「{shown}」という状態はありません"),
                        Some(tr!("write one of {list}", "次のどれかを書いてください：{list}")),
                    )
                })
            }
            (Field::Status, ExpectedValue::Word(_)) => Err(Refused(
                At::Comparator,
                tr!(
                    "statuses are not compared: expect one as it is, `expect \"…\" status achieved`",
                    "状況は大小を比べません。そのまま書いてください：`expect \"…\" status achieved`"
                ),
                Some(tr!(
                    "to compare figures, expect the `achievement` or the `actual`",
                    "数値を比べるなら `achievement` や `actual` を書いてください"
                )),
            )),
            (Field::Status, _) => Err(Refused(
                At::Value,
                tr!(
                    "a status is a word, expected as it is: `expect \"…\" status achieved`",
                    "状態は語で、そのまま書きます：`expect \"…\" status achieved`"
                ),
                Some(tr!(
                    "to compare figures, expect the `achievement` or the `actual`",
                    "数値を比べるなら `achievement` や `actual` を書いてください"
                )),
            )),
            (Field::Grade, value) => {
                let name = match value {
                    ExpectedValue::Word(word) => word.text.clone(),
                    ExpectedValue::Quantity(quantity) => plan.quote(&quantity.span).to_string(),
                };
                let grades = subject.grades(plan);
                let index = grades.iter().position(|g| g.name == name).ok_or_else(|| {
                    let list = grades.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join(", ");
                    Refused(
                        At::Value,
                        tr!("`{name}` is not one of the plan's grades ({list})", "「{name}」は評価の段階（{list}）にありません"),
                        None,
                    )
                })?;
                Ok(Check::Grade(comparator, index))
            }
            (_, ExpectedValue::Word(word)) => {
                let shown = &word.text;
                Err(Refused(
                    At::Value,
                    tr!(
                        "`{field}` is a figure: expect a number, not `{shown}`",
                        "`{field}` は数値です。「{shown}」ではなく数値を書いてください"
                    ),
                    None,
                ))
            }
            (_, ExpectedValue::Quantity(quantity)) => {
                let text = Source::new("", plan.quote(&quantity.span)).normalized().to_string();
                let step = written_step(&text);
                let (value, step) = if written.field.is_ratio() {
                    if quantity.unit != UnitLiteral::Percent && !text.ends_with('倍') {
                        return Err(Refused(
                            At::Value,
                            tr!(
                                "`{field}` is a ratio: write it as a percentage (`87.33%`)",
                                "`{field}` は率です。百分率で書いてください（`87.33%`）"
                            ),
                            None,
                        ));
                    }
                    (quantity.value, step)
                } else {
                    let rule = match subject {
                        Subject::Rule(id) => plan.rule(*id),
                        _ => return Err(Refused(At::Field, tr!("only a rule has figures", "数値があるのはルールだけです"), None)),
                    };
                    let shown = &rule.name;
                    let no_figures = || {
                        Refused(
                            At::Field,
                            tr!(
                                "`{shown}` has no figures: expect its `status` or `grade`",
                                "「{shown}」には数値がありません。`status` か `grade` を書いてください"
                            ),
                            None,
                        )
                    };
                    if !matches!(rule.spec, RuleSpec::Measured(_)) {
                        return Err(no_figures());
                    }
                    let in_base = |amount| match convert(amount, &quantity.unit, rule) {
                        Ok(ActualValue::Number(value)) => Ok(value),
                        Ok(_) => Err(no_figures()),
                        Err(message) => Err(Refused(At::Value, message, None)),
                    };
                    (in_base(quantity.value)?, in_base(step)?)
                };
                Ok(match comparator {
                    Some(comparator) => Check::Compare(comparator, value),
                    None => Check::Near { value, step },
                })
            }
        }
    }
}

/// Why an expectation cannot hold: where to point (its field, its comparator or its value),
/// the message and the hint.
struct Refused(At, Localized, Option<Localized>);

/// The part of an `expect` line a refusal points at.
enum At {
    Field,
    Comparator,
    Value,
}

/// A case as run: its setting and its expectations (the test's and its own).
fn case_of(name: Option<String>, span: Span, setting: Setting, expectations: Vec<Expectation>) -> TestCase {
    TestCase { name, span, as_of: setting.as_of, scenario: setting.scenario, data: setting.data, expectations }
}

/// The first group (in the order written) whose id or title is `key` (normalised).
fn find_group<'g>(group: &'g GroupDef, key: &str) -> Option<&'g GroupDef> {
    group.children.iter().find_map(|child| match child {
        GroupChild::Group(inner) if inner.id.as_deref().map(name_key).as_deref() == Some(key) || name_key(&inner.title) == key => {
            Some(inner)
        }
        GroupChild::Group(inner) => find_group(inner, key),
        GroupChild::Rule(_) => None,
    })
}

/// Calls `visit` on every group below `group` (not the root itself), in the order written.
fn every_group<'g>(group: &'g GroupDef, visit: &mut impl FnMut(&'g GroupDef)) {
    for child in &group.children {
        if let GroupChild::Group(inner) = child {
            visit(inner);
            every_group(inner, visit);
        }
    }
}
