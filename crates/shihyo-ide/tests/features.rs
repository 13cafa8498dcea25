//! The editor features on the bundled Hadano plan and its actuals, as an editor
//! asks for them, and on half-typed states of that plan (none may panic).

use shihyo_ide::*;

const PLAN: &str = include_str!("../../../examples/hadano/hadano.kpi");
const ACTUALS: &str = include_str!("../../../examples/hadano/actuals.csv");

fn hadano() -> Analysis {
    Analysis::new("hadano.kpi", PLAN, &[DataText { name: "actuals.csv", text: ACTUALS }])
}

/// The offset of the `nth` (0-based) occurrence of `needle` in the plan, plus `ahead` bytes.
fn offset(needle: &str, nth: usize, ahead: usize) -> usize {
    PLAN.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("`{needle}` #{nth} is in the plan")).0 + ahead
}

const RULE: &str = "\"電子申請の年間利用件数\" >=";

#[test]
fn the_hadano_plan_checks_and_its_names_are_indexed() {
    let analysis = hadano();
    assert!(analysis.project().is_some(), "{:?}", analysis.diagnostics());
    let plan = analysis.plan_file();
    let data = analysis.data_files()[0];
    let references = references(&analysis, plan, offset(RULE, 0, 3), true);
    let in_plan = references.iter().filter(|r| r.file == plan).count();
    assert_eq!(in_plan, PLAN.matches("\"電子申請の年間利用件数\"").count(), "the rule, its tests and scenarios: {references:?}");
    let in_data: Vec<&str> = references.iter().filter(|r| r.file == data).map(|r| &ACTUALS[r.span.clone()]).collect();
    assert_eq!(in_data, ["電子申請の年間利用件数"]);
    // From the data file's cell back to the rule.
    let cell = references.iter().find(|r| r.file == data).unwrap();
    let name = offset(RULE, 0, 0)..offset(RULE, 0, 0) + "\"電子申請の年間利用件数\"".len();
    assert_eq!(definition(&analysis, data, cell.span.start + 3), vec![Location { file: plan, span: name }]);
}

#[test]
fn hover_shows_the_figures_and_how_each_was_computed() {
    let analysis = hadano();
    let card = hover(&analysis, analysis.plan_file(), offset(RULE, 0, 3), Lang::En).unwrap();
    for expected in [
        "**outcome** 電子申請の年間利用件数 · 件",
        "as of R5",
        "18,720件",
        "96.69%",
        "on track",
        "How each figure was computed",
        "actuals.csv:",
    ] {
        assert!(card.markdown.contains(expected), "`{expected}` in\n{}", card.markdown);
    }
    // A money amount in a unit of thousands, in base units.
    let amount = hover(&analysis, analysis.plan_file(), offset("actual 165,000千円", 0, 9), Lang::En).unwrap();
    assert_eq!(amount.markdown, "= 165,000,000円");
    // A keyword.
    assert!(hover_at(&analysis, "period").contains("a setting of the plan's header"));
}

fn hover_at(analysis: &Analysis, needle: &str) -> String {
    hover(analysis, analysis.plan_file(), offset(needle, 0, 1), Lang::En).unwrap_or_else(|| panic!("a hover on `{needle}`")).markdown
}

#[test]
fn outline_tokens_and_lenses_cover_the_plan() {
    let analysis = hadano();
    let outline = symbols(&analysis);
    let groups: Vec<&str> = outline.iter().filter(|s| s.kind == SymbolKind::Group).map(|s| s.detail.as_str()).collect();
    assert_eq!(groups, ["group 1", "group 2", "group 3", "group 4", "group 5"]);
    assert_eq!(outline[1].children.iter().map(|g| g.children.len()).sum::<usize>(), 5, "group 1's rules");
    let tokens = tokens(&analysis);
    assert!(tokens.windows(2).all(|pair| pair[0].span.end <= pair[1].span.start), "tokens are in order and never overlap");
    assert!(tokens.iter().any(|t| t.kind == TokenKind::IndicatorDefinition && &PLAN[t.span.clone()] == "\"電子申請の年間利用件数\""));
    let lenses = lenses(&analysis, Lang::Ja);
    assert_eq!(lenses.len(), analysis.project().unwrap().plan.rules.len());
    let lens = lenses.iter().find(|l| l.rule == "電子申請の年間利用件数").unwrap();
    assert_eq!(lens.title, "順調 · 評価 A · 達成率 96.69% · 令和5年度時点");
}

#[test]
fn quick_fixes_write_what_the_hints_suggest() {
    // The plan as written, with a slip, the cursor's place in the slip, and the fix.
    for (original, typed, cursor, code, fixed) in [
        ("outcome \"窓口", "outcom \"窓口", 2, "E0001", "outcome"),
        ("expect \"電子申請の年間利用件数\" target", "expect \"電子申請の年間利用件\" target", 9, "E0270", "\"電子申請の年間利用件数\""),
    ] {
        let text = PLAN.replacen(original, typed, 1);
        let analysis = Analysis::new("hadano.kpi", &text, &[DataText { name: "actuals.csv", text: ACTUALS }]);
        let at = text.find(typed).unwrap() + cursor;
        let fixes = quick_fixes(&analysis, analysis.plan_file(), at..at, Lang::En);
        assert_eq!(fixes.len(), 1, "{typed}: {:?}", analysis.diagnostics());
        assert_eq!((fixes[0].code.as_str(), fixes[0].edit.text.as_str()), (code, fixed));
        let mut repaired = text.clone();
        repaired.replace_range(fixes[0].edit.span.clone(), &fixes[0].edit.text);
        assert_eq!(repaired, PLAN, "the fix gives the plan back");
    }
}

#[test]
fn renaming_writes_each_file_its_own_way() {
    let analysis = hadano();
    let edits = rename(&analysis, analysis.plan_file(), offset(RULE, 0, 3), "電子申請件数, 年間").unwrap();
    let in_data: Vec<&str> = edits.iter().filter(|e| e.file != analysis.plan_file()).map(|e| e.text.as_str()).collect();
    assert_eq!(in_data, ["\"電子申請件数, 年間\""], "a CSV cell with a comma is quoted");
    assert!(edits.iter().filter(|e| e.file == analysis.plan_file()).all(|e| e.text == "\"電子申請件数, 年間\""));
    assert!(rename(&analysis, analysis.plan_file(), offset(RULE, 0, 3), "窓口・電話口での市民満足度").is_err(), "a name taken");
}

#[test]
fn every_half_typed_plan_is_answered() {
    let boundaries: Vec<usize> = PLAN.char_indices().map(|(at, _)| at).step_by(41).chain([PLAN.len()]).collect();
    for end in boundaries {
        let typed = &PLAN[..end];
        let analysis = Analysis::new("hadano.kpi", typed, &[DataText { name: "actuals.csv", text: ACTUALS }]);
        let plan = analysis.plan_file();
        for at in [end, end.saturating_sub(1), end / 2] {
            let at = (0..=at).rev().find(|&i| typed.is_char_boundary(i)).unwrap_or(0);
            let _ = hover(&analysis, plan, at, Lang::Ja);
            let _ = complete(&analysis, plan, at, Lang::Ja);
            let _ = definition(&analysis, plan, at);
            let _ = references(&analysis, plan, at, true);
            let _ = rename(&analysis, plan, at, "新しい名前");
            let _ = quick_fixes(&analysis, plan, 0..at, Lang::Ja);
        }
        let _ = (symbols(&analysis), tokens(&analysis), lenses(&analysis, Lang::En), analysis.formatted());
    }
}

/// The labels offered at the end of `typed` (appended to the Hadano plan), and the text they replace.
fn offered(typed: &str) -> (Vec<String>, String) {
    let text = format!("{PLAN}{typed}");
    let analysis = Analysis::new("hadano.kpi", &text, &[DataText { name: "actuals.csv", text: ACTUALS }]);
    let completions = complete(&analysis, analysis.plan_file(), text.len(), Lang::Ja);
    let replaced = completions.first().map_or_else(String::new, |c| text[c.replace.clone()].to_string());
    (completions.into_iter().map(|c| c.label).collect(), replaced)
}

#[test]
fn completion_knows_where_it_is() {
    let (names, replaced) = offered("outcome \"x\" = value(\"電子申請");
    assert!(names.contains(&"電子申請の年間利用件数".to_string()) && replaced == "電子申請", "{names:?}");
    assert!(!names.contains(&"outc".to_string()));
    let (names, _) = offered("outcome \"x\" = sum(「市民");
    assert!(names.contains(&"窓口・電話口での市民満足度".to_string()));
    // Scenarios after `extends` and a test's `scenario`, on the same line as its `{` too.
    let (scenarios, _) = offered("scenario \"s\" extends \"");
    let (in_test, _) = offered("test \"t\" { scenario \"");
    assert!(!scenarios.is_empty() && scenarios == in_test && !scenarios.contains(&"電子申請の年間利用件数".to_string()), "{scenarios:?}");
    // A new name, a group's title, a grade, a comment: nothing.
    for typed in ["outcome \"", "group \"6\" \"", "data \"x\" { R5: grade \"", "// value(\"", "source \""] {
        assert_eq!(offered(typed).0, Vec::<String>::new(), "{typed}");
    }
    // After a number, units (replacing what is typed of one); after a year, none.
    let (units, replaced) = offered("outcome \"x\" >= 50");
    assert!(units.contains(&"件".to_string()) && units.contains(&"%".to_string()) && replaced.is_empty(), "{units:?}");
    let (units, replaced) = offered("outcome \"x\" >= 50千");
    assert!(units.contains(&"円".to_string()) && replaced.is_empty(), "{units:?} {replaced}");
    let (words, _) = offered("outcome \"x\" >= 1 by R5");
    assert!(!words.contains(&"件".to_string()));
    // Keywords, functions and the plan's years, written its way.
    let (words, replaced) = offered("outc");
    assert!(words.contains(&"outcome".to_string()) && words.contains(&"sum".to_string()) && words.contains(&"R7".to_string()), "{words:?}");
    assert_eq!(replaced, "outc");
    let kanji = "plan \"p\" { period 令和3年度..令和7年度  baseline 令和元年度 }\noutcome \"x\" >= 1\nou";
    let analysis = Analysis::new("p.kpi", kanji, &[]);
    let years: Vec<String> = complete(&analysis, analysis.plan_file(), kanji.len(), Lang::Ja)
        .into_iter()
        .filter(|c| c.kind == CompletionKind::Year)
        .map(|c| c.label)
        .collect();
    assert_eq!(years, ["令和元年度", "令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度", "令和7年度"]);
}

#[test]
fn renaming_into_tsv_json_and_corner_quotes() {
    let plan =
        "plan \"p\" { period R3..R7  baseline R1 }\noutcome 「件数」 >= baseline * 150% unit 件\nindicator \"率\" = value(「件数」) / 2\n";
    let tsv = "indicator\tyear\tvalue\n件数\tR1\t100\n件数\tR5\t140\n";
    let json = "{ \"件数\": { \"R3\": 120 } }";
    let analysis = Analysis::new("p.kpi", plan, &[DataText { name: "a.tsv", text: tsv }, DataText { name: "b.json", text: json }]);
    assert!(analysis.project().is_some(), "{:?}", analysis.diagnostics());
    let at = plan.find("「件数」").unwrap() + 3;
    let edits = rename(&analysis, analysis.plan_file(), at, "申請\t\"件数\"").unwrap();
    assert_eq!(edits.len(), 2 + 2 + 1, "{edits:?}");
    let texts: Vec<&str> = edits.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        ["「申請\t\"件数\"」", "「申請\t\"件数\"」", "\"申請\t\"\"件数\"\"\"", "\"申請\t\"\"件数\"\"\"", "\"申請\\u0009\\\"件数\\\"\""]
    );
    // Each file, changed, still reads: the plan checks with its data under the new name.
    let mut files = [plan.to_string(), tsv.to_string(), json.to_string()];
    for edit in edits.iter().rev() {
        files[edit.file.0 as usize].replace_range(edit.span.clone(), &edit.text);
    }
    let renamed =
        Analysis::new("p.kpi", &files[0], &[DataText { name: "a.tsv", text: &files[1] }, DataText { name: "b.json", text: &files[2] }]);
    assert!(renamed.project().is_some(), "{:?}", renamed.diagnostics());
    let values: usize = renamed.project().unwrap().data.iter().map(|years| years.len()).sum();
    assert_eq!(values, 3, "every actual still named");
}

#[test]
fn quick_fixes_for_names_functions_and_quotes() {
    let fixed = |typed: &str| -> Vec<String> {
        let text = format!("plan \"p\" {{ period R3..R7  baseline R1 }}\noutcome \"満足度\" >= 80%\n{typed}\n");
        let analysis = Analysis::new("p.kpi", &text, &[]);
        let line = text.find(typed).unwrap();
        quick_fixes(&analysis, analysis.plan_file(), line..line + typed.len(), Lang::Ja).into_iter().map(|fix| fix.edit.text).collect()
    };
    assert_eq!(fixed("indicator \"x\" = value(\"満足\") * 2"), ["\"満足度\""]);
    assert_eq!(fixed("indicator \"x\" = value(「満足」) * 2"), ["「満足度」"], "corner quotes are kept");
    assert_eq!(fixed("indicator \"x\" = avrage(\"満足度\", R1..R3)"), ["avg"]);
    assert_eq!(fixed("outcome 市民満足度 >= 80%"), ["\"市民満足度\""]);
    assert_eq!(fixed("outcome 窓口・電話口での満足度 >= 80%"), Vec::<String>::new(), "part of a name is not quoted");
    // A target without the unit its indicator is shown in.
    assert_eq!(fixed("outcome \"効果額\" total >= 298,513 unit 千円"), ["298,513千円"]);
    assert_eq!(fixed("outcome \"率\" >= 80 unit %"), ["80%"]);
    assert_eq!(fixed("outcome \"率\" >= 0.8 unit %"), Vec::<String>::new(), "0.8 could be 80%: the hint asks");
}
