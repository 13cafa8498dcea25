//! Typed-AST tests: what the parser builds from each form of the language.

use rust_decimal::Decimal;
use shihyo_syntax::ast::*;
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::Code;
use shihyo_syntax::{parse, FileId, Source, Year};

fn parse_ok(text: &str) -> File {
    let source = Source::new("test.kpi", text);
    let parsed = parse(&source, FileId(0));
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    parsed.file
}

fn only_rule(file: &File) -> &Rule {
    match &file.items[..] {
        [Item::Rule(rule)] => rule,
        other => panic!("expected one rule, got {other:#?}"),
    }
}

fn measured(rule: &Rule) -> &Measured {
    match &rule.body {
        RuleBody::Measured(measured) => measured,
        other => panic!("not a measured rule: {other:?}"),
    }
}

#[test]
fn design_brief_plan_parses() {
    let file = parse_ok(
        r#"plan "秦野市行財政改革推進計画" {
  period R3..R7          // the plan's years
  baseline R1
  achievement ratio
  rollup lowest
  grades { A >= 100%, B >= 80%, C >= 60%, D }
}

group "1" "仕事の改革" {
  group "1-1" "仕事の質を高めるスマートワークの推進" {
    output  "ICT活用推進計画の取組実施率" >= 100%
    output  "行政手続のデジタル化手続数" >= tbd unit 手続
    outcome "電子申請の年間利用件数" >= baseline(R1) * 150% unit 件 {
      source "電子申請の年間利用件数50%増加（令和元年度比）"
      basis  "「デジタル・ガバメント実行計画」等を踏まえ…"
    }
    outcome "窓口・電話口での市民満足度" >= 80%
  }
}
data "電子申請の年間利用件数" { R1: 10,000  R2: 12,400  R3: 13,100 }
data "おおね公園 指定管理者制度導入" { R4: done }
data "地域の担い手の育成" { R5: grade B }
"#,
    );
    assert_eq!(file.items.len(), 5);
    let Item::Plan(plan) = &file.items[0] else { panic!() };
    assert!(
        matches!(&plan.settings[0], PlanSetting::Period(range, _) if range.first.year == Year::fiscal(2021) && range.last.year == Year::fiscal(2025))
    );
    let Item::Group(area) = &file.items[1] else { panic!() };
    assert_eq!(area.id.as_ref().unwrap().text, "1");
    let GroupItem::Item(Item::Group(inner)) = &area.items[0] else { panic!() };
    assert_eq!(inner.items.len(), 4);
    let GroupItem::Item(Item::Rule(rule)) = &inner.items[2] else { panic!() };
    assert_eq!(rule.kind, RuleKind::Outcome);
    assert_eq!(rule.meta.len(), 2);
    let measured = measured(rule);
    assert_eq!(measured.unit.as_ref().unwrap().unit, UnitLiteral::Count("件".into()));
    let Target::Expr(target) = &measured.comparison.as_ref().unwrap().target else { panic!() };
    let ExprKind::Binary { op: BinaryOp::Multiply, lhs, rhs } = &target.kind else { panic!("{target:?}") };
    assert!(matches!(&lhs.kind, ExprKind::Baseline(Some(y)) if y.year == Year::fiscal(2019)));
    assert!(matches!(&rhs.kind, ExprKind::Number(q) if q.value == Decimal::new(15, 1) && q.unit == UnitLiteral::Percent));
    let Item::Data(data) = &file.items[2] else { panic!() };
    assert_eq!(data.entries.len(), 3);
    assert!(matches!(&data.entries[1].value, DataValue::Number(q) if q.value == Decimal::from(12400)));
}

#[test]
fn full_width_input_reads_like_half_width() {
    let file = parse_ok("outcome 「効果額」 ＞＝ ２９８，５１３千円");
    let Target::Expr(target) = &measured(only_rule(&file)).comparison.as_ref().unwrap().target else { panic!() };
    let ExprKind::Number(q) = &target.kind else { panic!() };
    assert_eq!(q.value, Decimal::from(298_513_000));
    assert_eq!(q.unit, UnitLiteral::Yen { scale: Decimal::ONE_THOUSAND }, "shown in the unit it is written in");
}

#[test]
fn names_compare_normalised_but_show_as_written() {
    let file = parse_ok("output \"点検（108項目）\" >= 100%");
    let rule = only_rule(&file);
    assert_eq!(rule.name.text, "点検（108項目）");
    assert_eq!(rule.name.key, "点検(108項目)");
}

#[test]
fn a_recurring_total_is_two_words_and_total_alone_stays_total() {
    for (written, aggregate) in [
        ("total recurring", Aggregate::RecurringTotal),
        ("total   recurring", Aggregate::RecurringTotal),
        ("total\trecurring", Aggregate::RecurringTotal),
        ("total", Aggregate::Total),
        ("average", Aggregate::Average),
    ] {
        let file = parse_ok(&format!("outcome \"効果額\" {written} >= 298,513千円"));
        assert_eq!(measured(only_rule(&file)).aggregate, aggregate, "{written}");
    }
    // `recurring` alone, or a word that only starts with it, is no aggregate.
    for wrong in ["outcome \"x\" recurring >= 1", "outcome \"x\" total recurringly >= 1"] {
        let source = Source::new("test.kpi", wrong);
        assert!(!parse(&source, FileId(0)).diagnostics.is_empty(), "{wrong}");
    }
}

#[test]
fn grade_and_points_steps_parse_as_thresholds_and_conditions() {
    let file = parse_ok(
        "plan \"t\" {\n  points { 7 >= 100%, 6 when achievement >= 90%, 1 }\n  grades { S when actual >= target, B when actual >= baseline * 90% and change > -10%, \"B+\" when points >= 6, C }\n}\n",
    );
    let Item::Plan(plan) = &file.items[0] else { panic!() };
    let [PlanSetting::Points(points, _), PlanSetting::Grades(grades, _)] = &plan.settings[..] else { panic!("{:#?}", plan.settings) };
    assert_eq!(points.iter().map(|step| step.label.value).collect::<Vec<_>>(), [Decimal::from(7), Decimal::from(6), Decimal::ONE]);
    assert!(matches!(&points[0].test, Some(StepTest::Threshold(Comparator::AtLeast, q)) if q.value == Decimal::ONE));
    let Some(StepTest::When(conditions)) = &points[1].test else { panic!() };
    assert!(
        matches!(&conditions[..], [Condition { figure: Figure::Achievement, comparator: Comparator::AtLeast, against: Against::Value(q), .. }] if q.value == Decimal::new(9, 1))
    );
    assert!(points[2].test.is_none());
    assert_eq!(grades.iter().map(|step| step.label.text.as_str()).collect::<Vec<_>>(), ["S", "B", "B+", "C"]);
    let Some(StepTest::When(s)) = &grades[0].test else { panic!() };
    assert!(matches!(&s[..], [Condition { figure: Figure::Actual, against: Against::Benchmark(Benchmark::Target, None), .. }]));
    let Some(StepTest::When(b)) = &grades[1].test else { panic!() };
    let [first, second] = &b[..] else { panic!("{b:#?}") };
    assert!(
        matches!(&first.against, Against::Benchmark(Benchmark::Baseline, Some(q)) if q.value == Decimal::new(9, 1) && q.unit == UnitLiteral::Percent)
    );
    assert!(
        matches!(second, Condition { figure: Figure::Change, comparator: Comparator::Above, against: Against::Value(q), .. } if q.value == Decimal::new(-1, 1))
    );
    let Some(StepTest::When(plus)) = &grades[2].test else { panic!() };
    assert!(
        matches!(&plus[..], [Condition { figure: Figure::Points, against: Against::Value(q), .. }] if q.value == Decimal::from(6) && q.unit == UnitLiteral::Plain)
    );
    assert!(grades[3].test.is_none());
}

#[test]
fn a_rule_s_figures_are_read_by_name_and_year() {
    let file = parse_ok("indicator \"d\" = achievement(\"a\") + met(\"b\", R5)\n");
    let Some(derivation) = &measured(only_rule(&file)).derivation else { panic!("derived") };
    let ExprKind::Binary { lhs, rhs, .. } = &derivation.kind else { panic!("{derivation:#?}") };
    assert!(matches!(&lhs.kind, ExprKind::Figure { figure: RuleFigure::Achievement, name, year: None } if name.text == "a"));
    assert!(
        matches!(&rhs.kind, ExprKind::Figure { figure: RuleFigure::Met, name, year: Some(y) } if name.text == "b" && y.year == Year::fiscal(2023))
    );
}

#[test]
fn every_rule_option_parses() {
    let file = parse_ok("outcome \"x\" total <= { R5: 18億3千万円, R7: 40億円 } unit 千円 from H30 every year");
    let m = measured(only_rule(&file));
    assert_eq!(m.aggregate, Aggregate::Total);
    assert_eq!(m.unit.as_ref().unwrap().unit, UnitLiteral::Yen { scale: Decimal::ONE_THOUSAND });
    assert_eq!(m.from.as_ref().unwrap().year, Year::fiscal(2018));
    assert!(matches!(m.schedule, Schedule::EveryYear(_)));
    let comparison = m.comparison.as_ref().unwrap();
    assert_eq!(comparison.comparator, Comparator::AtMost);
    let Target::Schedule(entries, _) = &comparison.target else { panic!() };
    assert_eq!(entries.len(), 2);
}

#[test]
fn derived_milestone_qualitative_any_and_tracked_parse() {
    let file = parse_ok(
        r#"indicator "申請総件数" unit 件
indicator "電子申請率" = value("電子申請件数") / value("申請総件数") >= 60%
milestone "おおね公園 指定管理者制度導入" by R4 { owner "公園課" }
outcome "地域の担い手の育成" qualitative
any "子育て" { outcome "a" >= 1; outcome "b" <= 2 by 2027年 }
"#,
    );
    assert_eq!(file.items.len(), 5);
    let Item::Composite(any) = &file.items[4] else { panic!() };
    assert_eq!(any.mode, CompositeMode::Any);
    assert_eq!(any.members.len(), 2);
}

#[test]
fn negative_numbers_and_precedence() {
    let file = parse_ok("indicator \"x\" = -1 + 2 * 3 - △4");
    let derivation = measured(only_rule(&file)).derivation.as_ref().unwrap();
    // ((-1) + (2 * 3)) - (-4)
    let ExprKind::Binary { op: BinaryOp::Subtract, lhs, .. } = &derivation.kind else { panic!("{derivation:?}") };
    assert!(matches!(&lhs.kind, ExprKind::Binary { op: BinaryOp::Add, .. }));
}

fn first_error(text: &str) -> shihyo_syntax::Diagnostic {
    let source = Source::new("test.kpi", text);
    parse(&source, FileId(0)).diagnostics.into_iter().next().expect("an error")
}

#[test]
fn misspelt_keyword_gets_a_suggestion() {
    let error = first_error("plan \"見本\" { period R3..R7 }\noutcom \"電子申請件数\" >= 1");
    assert_eq!(error.code, Code::E0001);
    assert!(error.hint.unwrap().en.contains("outcome"));
}

#[test]
fn unknown_function_points_at_its_name_after_full_width_text() {
    let text = "outcome \"市民満足度（全体）\" >= average(R1) * 105％";
    let error = first_error(text);
    assert_eq!(error.code, Code::E0110);
    assert_eq!(&text[error.span.clone()], "average");
    assert!(error.hint.unwrap().en.contains("avg"));
}

#[test]
fn a_sentence_where_a_statement_should_be_is_shown_by_its_start() {
    // Found by the damage test: the message cut the sentence inside a character.
    let error = first_error("令和4年度中に文書管理システム及び電子決裁機能を稼働すること、庁内会議の原則ペーパーレス化");
    assert_eq!(error.code, Code::E0001);
    assert!(error.message.en.contains("令和4年度中に文書管理システム及び電子"), "{}", error.message.en);
}

#[test]
fn several_statements_report_several_errors() {
    let source = Source::new("t", "output \"a\" >=\noutput \"b\" >= 1\noutput \"c\" >= value(\n");
    assert_eq!(parse(&source, FileId(0)).diagnostics.len(), 2);
}

#[test]
fn deep_nesting_is_a_diagnostic() {
    let text = format!("indicator \"x\" = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(first_error(&text).code, Code::E0004);
    let chain = format!("indicator \"x\" = 1{}", " + 1".repeat(100_000));
    assert_eq!(first_error(&chain).code, Code::E0004);
    let negations = format!("indicator \"x\" = {}1", "-".repeat(100_000));
    parse_ok(&negations);
}

#[test]
fn spans_end_at_the_last_token_not_at_trailing_comments() {
    let text = "milestone \"m\" by R5\noutput \"x\" >= 298,513千円  // 行末\ngroup \"1\" \"g\" {\n}\n";
    let file = parse_ok(text);
    let spans: Vec<&str> = file.items.iter().map(|item| &text[item.span().clone()]).collect();
    assert_eq!(spans, ["milestone \"m\" by R5", "output \"x\" >= 298,513千円", "group \"1\" \"g\" {\n}"]);
}

#[test]
fn a_test_holds_its_year_scenario_data_expectations_and_cases() {
    let file = parse_ok(
        r#"test "令和5年度" {
  as of R5
  scenario "見通し"
  data "電子申請件数" { R1: 10,000  R5: 13,100 }
  expect "電子申請件数" status behind
  expect "電子申請件数" achievement 87.33%
  expect group "1" grade "B"
  expect plan grade ≥ B
  case "届く" { data "電子申請件数" { R5: 15,000 }; expect "電子申請件数" actual >= 1.5万件 }
}"#,
    );
    let [Item::Test(test)] = &file.items[..] else { panic!("one test: {file:#?}") };
    assert_eq!(test.name.text, "令和5年度");
    let [TestItem::AsOf(year, _), TestItem::Scenario(scenario, _), TestItem::Data(data), TestItem::Expect(status), TestItem::Expect(achievement), TestItem::Expect(group), TestItem::Expect(plan), TestItem::Case(case)] =
        &test.items[..]
    else {
        panic!("the test's items in order: {:#?}", test.items)
    };
    assert_eq!(year.year, Year::parse("R5").unwrap());
    assert_eq!(scenario.text, "見通し");
    assert_eq!(data.entries.len(), 2);
    assert!(matches!(&status.subject, Subject::Rule(name) if name.text == "電子申請件数"));
    assert_eq!((status.field, status.comparator.is_none()), (Field::Status, true));
    assert!(matches!(&status.value, ExpectedValue::Word(word) if word.text == "behind"));
    assert_eq!(achievement.field, Field::Achievement);
    let ExpectedValue::Quantity(ratio) = &achievement.value else { panic!("a number: {achievement:?}") };
    assert_eq!((ratio.value, &ratio.unit), (Decimal::new(8733, 4), &UnitLiteral::Percent));
    assert!(matches!(&group.subject, Subject::Group(name, _) if name.text == "1"));
    assert!(matches!(&group.value, ExpectedValue::Word(word) if word.text == "B"));
    assert!(matches!(plan.subject, Subject::Plan(_)));
    assert_eq!(plan.comparator.as_ref().map(|c| c.0), Some(Comparator::AtLeast));
    assert_eq!(case.name.text, "届く");
    let [TestItem::Data(_), TestItem::Expect(actual)] = &case.items[..] else { panic!("the case's items: {:#?}", case.items) };
    assert_eq!((actual.field, actual.comparator.as_ref().map(|c| c.0)), (Field::Actual, Some(Comparator::AtLeast)));
    let ExpectedValue::Quantity(amount) = &actual.value else { panic!("a number") };
    assert_eq!((amount.value, &amount.unit), (Decimal::from(15_000), &UnitLiteral::Count("件".into())));
}

#[test]
fn a_case_holds_no_case_and_a_test_no_rule() {
    for text in ["test \"t\" { case \"a\" { case \"b\" { } } }", "test \"t\" { outcome \"x\" >= 1 }", "test \"t\" { expect \"x\" speed 1 }"]
    {
        let parsed = parse(&Source::new("t.kpi", text), FileId(0));
        assert_eq!(parsed.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::E0001], "{text}");
    }
}
