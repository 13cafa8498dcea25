//! The annual report against the evaluations it is made from: every figure in
//! it, in the HTML and in the workbook read back with calamine, is the figure
//! of the JSON evaluation (`shihyo eval --format json`) for the same year.

use calamine::{Data, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use shihyo_core::eval::Options;
use shihyo_core::output::document::{Evaluation, Rule};
use shihyo_core::output::json;
use shihyo_core::syntax::Lang;
use shihyo_core::{Engine, Project};
use shihyo_report::{build, html, xlsx, AnnualReport, Line, Request};
use std::collections::BTreeSet;
use std::str::FromStr;

const PLAN: &str = include_str!("../../../examples/hadano/hadano.kpi");
const DATA: &str = include_str!("../../../examples/hadano/actuals.csv");
const R4: i32 = 2022;
const R5: i32 = 2023;

fn load(plan: &str, data: &str) -> (Engine, Project) {
    let mut engine = Engine::new();
    let plan = engine.add_source("hadano.kpi", plan);
    let data = engine.add_source("actuals.csv", data);
    let project = engine.load(plan, &[data]).unwrap_or_else(|d| panic!("the plan loads: {d:?}"));
    (engine, project)
}

/// The JSON evaluation's document as of a year (what `eval --format json --as-of` prints).
fn evaluation(engine: &Engine, project: &Project, as_of: i32, lang: Lang) -> Evaluation {
    let report = project.evaluate(Options { as_of: Some(as_of), explain: false });
    json::evaluation(engine, shihyo_core::syntax::FileId(0), project, &report, &[], lang)
}

fn request(lang: Lang) -> Request<'static> {
    Request { as_of: Some(R5), previous: Some(R4), scenario: None, lang }
}

fn rows<'r>(report: &'r AnnualReport) -> impl Iterator<Item = &'r shihyo_report::Row> {
    report
        .areas
        .iter()
        .flat_map(|area| area.lines.iter())
        .filter_map(|line| if let Line::Rule(row) = line { Some(row.as_ref()) } else { None })
}

#[test]
fn every_rule_stands_once_in_its_area() {
    let (_, project) = load(PLAN, DATA);
    let report = build(&project, &request(Lang::Ja)).expect("the report");
    let titles: Vec<&str> = report.areas.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["仕事の改革", "職員づくりの改革", "担い手をつくる改革", "公共施設の改革", "歳入・歳出面の改革"]);
    let shown: Vec<usize> = rows(&report).map(|row| row.id.0).collect();
    let unique: BTreeSet<usize> = shown.iter().copied().collect();
    assert_eq!(shown.len(), unique.len(), "no rule twice");
    assert_eq!(unique, (0..project.plan.rules.len()).collect(), "every rule, members of any/all included");
    // The area's counts are the evaluation's, and add up to the plan's.
    let total: usize = report.areas.iter().map(|a| a.result.counts.values().sum::<usize>()).sum();
    assert_eq!(total, report.counts().values().sum::<usize>());
    assert_eq!(total, 35);
}

#[test]
fn each_year_column_is_the_evaluation_as_of_that_year() {
    let (engine, project) = load(PLAN, DATA);
    let report = build(&project, &request(Lang::En)).expect("the report");
    assert_eq!(report.years, (2021..=2025).collect::<Vec<_>>());
    let mut compared = 0;
    for year in report.years.clone() {
        let document = evaluation(&engine, &project, year, Lang::En);
        for row in rows(&report) {
            let rule = &document.rules[row.id.0];
            let figure = row.years.iter().find(|f| f.year == year).expect("every year of the period");
            // Where the evaluation as of `year` judged that year's actual, the report's
            // expected value for the year is the evaluation's (and so is a value's actual).
            if rule.year.map(|y| y.number) == Some(year) && rule.expected.is_some() {
                assert_eq!(figure.expected.map(|e| e.normalize().to_string()), rule.expected, "{} in {year}: expected", rule.name);
                // A total's or a mean's too: the running total or mean, as eval gives it.
                assert_eq!(figure.actual.map(|a| a.normalize().to_string()), rule.actual, "{} in {year}: actual", rule.name);
                compared += 1;
            }
        }
    }
    assert!(compared > 60, "compared {compared} year figures");
    // After the year evaluated, the pace is still shown: 電子申請 reaches its target 18,720 in R7.
    let applications = project.plan.find("電子申請の年間利用件数").expect("a rule");
    let row = rows(&report).find(|row| row.id == applications).expect("its row");
    let last = row.years.last().expect("R7");
    assert_eq!((last.actual, last.expected), (None, Some(Decimal::from(18_720))));
    assert_eq!(row.years[2].expected, Some(Decimal::from(16_640)), "(12,480·2 + 18,720·4) / 6 in R5");
}

#[test]
fn the_as_of_figures_are_the_evaluation_s_and_the_changes_are_since_the_previous_year() {
    let (engine, project) = load(PLAN, DATA);
    let report = build(&project, &request(Lang::Ja)).expect("the report");
    let now = evaluation(&engine, &project, R5, Lang::Ja);
    let then = evaluation(&engine, &project, R4, Lang::Ja);
    for row in rows(&report) {
        let result = report.report.rule(row.id);
        let rule = &now.rules[row.id.0];
        assert_eq!(result.outcome.status, rule.status, "{}", rule.name);
        assert_eq!(result.grade, rule.grade, "{}", rule.name);
        assert_eq!(result.outcome.achievement.map(|a| a.normalize().to_string()), rule.achievement, "{}", rule.name);
    }
    let previous = report.previous.as_ref().expect("asked for");
    let changed: Vec<&str> = previous.changes.iter().map(|c| project.plan.rule(c.id).name.as_str()).collect();
    let expected: Vec<&str> = now
        .rules
        .iter()
        .zip(&then.rules)
        .filter(|(now, then)| now.parent.is_none() && (now.status != then.status || now.grade != then.grade))
        .map(|(now, _)| now.name.as_str())
        .collect();
    assert_eq!(changed, expected);
    let met: Vec<&str> = previous.changes.iter().filter(|c| c.met_since).map(|c| project.plan.rule(c.id).name.as_str()).collect();
    assert_eq!(met, ["表丹沢野外活動センター 指定管理者制度等の導入の検討", "学校業務員業務 2校の民間委託"]);
    assert_eq!(now.summary.grade.as_deref(), report.report.root.grade.as_deref());
}

#[test]
fn missing_actuals_are_listed_with_the_year_needed() {
    let (_, project) = load(PLAN, DATA);
    let report = build(&project, &request(Lang::Ja)).expect("the report");
    let missing: Vec<(&str, i32, Option<i32>)> =
        report.missing.iter().map(|m| (project.plan.rule(m.id).name.as_str(), m.year, m.last)).collect();
    assert_eq!(missing, [("世代や職種を超えたつながりがあると回答する職員の割合", R5, Some(R4)), ("公共施設見直しの効果額", R5, None)]);
}

#[test]
fn the_html_is_one_self_contained_file_with_every_indicator() {
    let (_, project) = load(PLAN, DATA);
    for lang in [Lang::Ja, Lang::En] {
        let page = html::render(&build(&project, &request(lang)).expect("the report"));
        for forbidden in ["<script", "<link", "src=", "url(", "http://", "https://", "@import"] {
            assert!(!page.contains(forbidden), "{forbidden} in the report ({lang:?})");
        }
        assert!(page.contains("default-src 'none'"), "a policy that forbids every request");
        for rule in &project.plan.rules {
            let escaped = rule.name.replace('&', "&amp;").replace('<', "&lt;");
            assert!(page.contains(&escaped), "{} is in the report", rule.name);
        }
        // An area a page: one section per area, each a page of its own when printed.
        assert_eq!(page.matches("<section class=\"page area\"").count(), 5);
        assert!(page.matches("<tbody class=\"rule").count() >= 35);
    }
    let page = html::render(&build(&project, &request(Lang::Ja)).expect("the report"));
    assert!(page.contains("令和5年度時点") && page.contains("令和4年度時点からの変化"));
    // The text as read (a figure's number and unit are apart in the markup, to wrap between them).
    let mut read = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => read.push(c),
            _ => {}
        }
    }
    for figure in ["18,100件", "(16,640件)", "108.77%", "96.69%", "90.06%", "≥18,720件", "12,480件(R1)"] {
        assert!(read.contains(figure), "{figure} in the report");
    }
}

#[test]
fn remarks_and_markup_in_names_are_carried_and_escaped() {
    let plan = r#"
plan "町<計画>" { period R3..R7  baseline R1 }
group "1" "A & B" {
  outcome "件数 <a>" >= baseline * 150% unit 件 { source "「件数」を5割増" basis "需要の伸び" }
}
data "件数 <a>" { R1: 100  R5: 140 { comment "窓口を<改善>" outlook "続ける" owner "企画課" } }
"#;
    let (_, project) = load(plan, "indicator,R1\n");
    let report = build(&project, &Request { as_of: Some(R5), previous: None, scenario: None, lang: Lang::Ja }).expect("the report");
    let page = html::render(&report);
    assert!(page.contains("町&lt;計画&gt;") && page.contains("A &amp; B") && page.contains("件数 &lt;a&gt;"));
    assert!(page.contains("<b>評価コメント</b><span>窓口を&lt;改善&gt;</span>"));
    assert!(page.contains("<dt>今後の方向性</dt><dd>続ける</dd>") && page.contains("<dt>所管課</dt><dd>企画課</dd>"));
    assert!(page.contains("<dt>出典</dt><dd>「件数」を5割増</dd>") && page.contains("<dt>根拠</dt><dd>需要の伸び</dd>"));
    assert!(!page.contains("<改善>") && !page.contains("<a>"));
}

/// A cell's number, or `None` for an empty cell.
fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        Data::String(s) if s.is_empty() => None,
        other => panic!("a number cell, not {other:?}"),
    }
}

/// The JSON's exact decimal as the workbook holds it: in the display unit, as an f64.
fn expected_cell(value: &Option<String>, scale: Decimal) -> Option<f64> {
    value.as_ref().map(|text| (Decimal::from_str(text).expect("a decimal") / scale).to_f64().expect("an f64"))
}

fn scale_of(unit: &str) -> Decimal {
    match unit {
        "千円" => Decimal::from(1_000),
        "万円" => Decimal::from(10_000),
        "百万円" => Decimal::from(1_000_000),
        "億円" => Decimal::from(100_000_000),
        _ => Decimal::ONE,
    }
}

#[test]
fn the_workbook_reads_back_to_the_json_evaluation() {
    let (engine, project) = load(PLAN, DATA);
    let report = build(&project, &request(Lang::Ja)).expect("the report");
    let bytes = xlsx::write(&report).expect("a workbook");
    assert_eq!(xlsx::write(&report).expect("again"), bytes, "the same report gives the same bytes (no clock in them)");
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("it opens");
    let sheets = workbook.sheet_names().to_vec();
    assert_eq!(sheets[0], "概要");
    assert_eq!(&sheets[6..], ["年度別", "前回からの変化", "実績の未入力", "評価の方法"]);
    let now = evaluation(&engine, &project, R5, Lang::Ja);
    let by_name = |name: &str| -> &Rule { now.rules.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name} in the JSON")) };
    let mut figures = 0;
    for sheet in &sheets[1..6] {
        let range = workbook.worksheet_range(sheet).expect("the sheet");
        let header: Vec<String> = range.rows().nth(4).expect("the header row").iter().map(|c| c.to_string()).collect();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
        for row in range.rows().skip(5) {
            let name = row[1].to_string().trim_start_matches('　').to_string();
            let Some(rule) = now.rules.iter().find(|r| r.name == name) else { continue };
            let scale = scale_of(&row[column("単位")].to_string());
            let pairs = [("基準値", &rule.baseline), ("実績（評価時点）", &rule.actual), ("期待値", &rule.expected)];
            for (heading, value) in pairs {
                assert_eq!(number(&row[column(heading)]), expected_cell(value, scale), "{name}: {heading}");
                figures += 1;
            }
            if rule.target.is_some() {
                assert_eq!(number(&row[column("目標")]), expected_cell(&rule.target, scale), "{name}: 目標");
            }
            for (heading, value) in
                [("期待値比（%）", &rule.pace_achievement), ("達成率（%）", &rule.achievement), ("進捗率（%）", &rule.progress)]
            {
                assert_eq!(number(&row[column(heading)]), expected_cell(value, Decimal::ONE), "{name}: {heading}");
                figures += 1;
            }
            assert_eq!(row[column("状況")].to_string(), rule.status.label(Lang::Ja), "{name}");
            assert_eq!(row[column("評価")].to_string(), rule.grade.clone().unwrap_or_default(), "{name}");
            let _ = by_name(&name);
        }
    }
    // Each year's actual and expected value, against the evaluation as of that year where it judged that year.
    let years = workbook.worksheet_range("年度別").expect("the sheet of years");
    let header: Vec<String> = years.rows().nth(4).expect("the header row").iter().map(|c| c.to_string()).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    let documents: Vec<Evaluation> = (2021..=2025).map(|year| evaluation(&engine, &project, year, Lang::Ja)).collect();
    let mut years_compared = 0;
    for row in years.rows().skip(5) {
        let name = row[0].to_string().trim_start_matches('　').to_string();
        let scale = scale_of(&row[1].to_string());
        for (document, year) in documents.iter().zip(2021..=2025) {
            let Some(then) = document.rules.iter().find(|r| r.name == name) else { continue };
            let label = shihyo_core::syntax::Year { number: year, calendar: false }.label();
            if then.year.map(|y| y.number) == Some(year) && then.expected.is_some() {
                assert_eq!(number(&row[column(&format!("{label} 期待値"))]), expected_cell(&then.expected, scale), "{name} {label}");
                assert_eq!(number(&row[column(&format!("{label} 実績"))]), expected_cell(&then.actual, scale), "{name} {label}");
                years_compared += 1;
            }
        }
    }
    assert!(years_compared > 60, "compared {years_compared} year figures");
    assert!(figures > 150, "compared {figures} figures");
    let summary = workbook.worksheet_range("概要").expect("the summary");
    let overall = summary.rows().find(|r| r[0] == "総合").expect("the overall row");
    assert_eq!(overall[1].to_string(), now.summary.grade.clone().unwrap_or_default());
    let missing = workbook.worksheet_range("実績の未入力").expect("the sheet");
    assert_eq!(missing.rows().skip(5).filter(|r| !r[0].to_string().is_empty()).count(), 2);
}

#[test]
fn a_total_s_years_run_up_and_its_workbook_shows_truncated_rates_as_eval_does() {
    let plan = r#"
plan "町" { period R3..R7  baseline R1  rates 1 truncated }
group "Ä" "効果" { outcome "効果額" total >= 100,000千円 unit 千円 }
group "ä" "満足" { outcome "満足度" >= 80% }
data "効果額" { R3: 20,000千円  R4: 25,000千円 }
data "満足度" { R4: 78.7% }
"#;
    let (engine, project) = load(plan, "indicator,R1\n");
    let report = build(&project, &Request { as_of: Some(2022), previous: None, scenario: None, lang: Lang::Ja }).expect("the report");
    let effect = rows(&report).find(|row| project.plan.rule(row.id).name == "効果額").expect("its row");
    let r4 = effect.years.iter().find(|f| f.year == 2022).expect("R4");
    // 20,000 + 25,000 against two fifths of 100,000: the running total, as `eval --as-of R4` holds it.
    assert_eq!((r4.actual, r4.expected), (Some(Decimal::from(45_000_000)), Some(Decimal::from(40_000_000))));
    // Two groups whose names differ only in case get two sheets; a truncated rate is cut, not rounded.
    let bytes = xlsx::write(&report).expect("a workbook");
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("it opens");
    assert_eq!(workbook.sheet_names()[1..3], ["Ä 効果", "ä 満足"]);
    let sheet = workbook.worksheet_range("ä 満足").expect("the sheet");
    let header: Vec<String> = sheet.rows().nth(4).expect("header").iter().map(|c| c.to_string()).collect();
    let at = header.iter().position(|h| h == "期待値比（%）").expect("the column");
    let satisfaction = sheet.rows().find(|r| r[1] == "満足度").expect("the row");
    let json = evaluation(&engine, &project, 2022, Lang::Ja);
    assert_eq!(json.rules[1].pace_achievement.as_deref(), Some("0.98375"), "78.7% against an expected 80%");
    assert_eq!(number(&satisfaction[at]), Some(0.983), "98.3%, as eval's table shows it (98.375% cut to one decimal)");
}

#[test]
fn a_plan_without_groups_is_one_area_graded_then_and_now_as_the_plan() {
    let plan = "plan \"町\" { period R3..R7  baseline R1 }\noutcome \"件数\" >= baseline * 150% unit 件\ndata \"件数\" { R1: 100  R4: 120  R5: 140 }\n";
    let (_, project) = load(plan, "indicator,R1\n");
    let report = build(&project, &Request { as_of: Some(R5), previous: Some(R4), scenario: None, lang: Lang::En }).expect("the report");
    assert_eq!(report.areas.len(), 1);
    assert_eq!(report.areas[0].title, "Indicators");
    let then = report.previous.as_ref().expect("asked for").report.root.grade.clone();
    assert!(then.is_some());
    assert_eq!(report.previous_grade(&report.areas[0]), Some(then));
    // A year to compare with that is not before the one reported is refused, before any layout.
    let later = build(&project, &Request { as_of: Some(R4), previous: Some(R5), scenario: None, lang: Lang::En });
    assert_eq!(later.err(), Some(shihyo_report::NotBefore { previous: R5, reported: R4 }));
}
