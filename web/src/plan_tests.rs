//! The テスト panel: the plan's own tests (`test "…" { … }`, reference §12)
//! run on every edit, as `shihyo test` runs them: each case passed or failed,
//! each failure as wanted against got (a click shows its `expect` line in the
//! editor), and what the tests reached. A plan without tests is told how to
//! write one.

use crate::analysis::Loaded;
use crate::editor;
use crate::shared::{words, Shared};
use shihyo_core::output::testing;
use shihyo_core::syntax::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TestsProps {
    pub loaded: Shared<Loaded>,
    pub lang: Lang,
}

#[component]
pub fn TestsPanel(props: &TestsProps) -> Html {
    let lang = props.lang;
    let run = use_memo(props.loaded.clone(), |loaded| loaded.project.as_ref().ok().map(|project| project.run_tests()));
    let Ok(project) = &props.loaded.project else { return html! {} };
    let Some(run) = run.as_ref() else { return html! {} };
    if run.cases.is_empty() {
        return html! {
            <div id="tests" class="panel tests">
                <div class="summary">{ words(lang, "Tests", "テスト") }</div>
                <p class="hint">{ words(lang,
                    "This plan has no tests. A `test \"NAME\" { data … expect … }` block checks that the rules give what the plan means (reference §12).",
                    "この計画にはテストがありません。`test \"名前\" { data … expect … }` を書くと、ルールが計画の意味するとおりの結果になるかを確かめられます（リファレンス §12）。") }</p>
            </div>
        };
    }
    let (passed, failed) = (run.passed(), run.failed());
    let summary = match lang {
        Lang::En => format!("Tests: {} cases, {passed} passed, {failed} failed", run.cases.len()),
        Lang::Ja => format!("テスト：{} 件、合格 {passed}、不合格 {failed}", run.cases.len()),
    };
    let cases = run.cases.iter().map(|case_run| {
        let title = testing::case_title(project, case_run, lang);
        let case = &project.tests[case_run.test].cases[case_run.case];
        let verdict = match (case_run.passed(), lang) {
            (true, Lang::En) => "ok",
            (false, Lang::En) => "FAIL",
            (true, Lang::Ja) => "合格",
            (false, Lang::Ja) => "不合格",
        };
        let failures = case.expectations.iter().zip(&case_run.results).filter(|(_, result)| !result.passed).map(|(expectation, result)| {
            let (offset, line) = props.loaded.plan_place(expectation.span.start);
            let message = testing::failure(&project.plan, expectation, result.got, lang);
            html! {
                <li class="failure" onclick={Callback::from(move |_| editor::reveal(offset))}>
                    <span class="where">{ format!("{}:{line}", crate::analysis::PLAN_FILE) }</span>
                    <span class="message">{ message }</span>
                </li>
            }
        });
        let reveal = {
            let (offset, _) = props.loaded.plan_place(case.span.start);
            Callback::from(move |_| editor::reveal(offset))
        };
        html! {
            <li class={classes!("case", if case_run.passed() { "passed" } else { "failed" })}>
                <span class="verdict" onclick={reveal.clone()}>{ verdict }</span>
                <span class="title" onclick={reveal}>{ title }</span>
                <ul>{ for failures }</ul>
            </li>
        }
    });
    let coverage = testing::coverage_lines(project, run, lang);
    html! {
        <div id="tests" class={classes!("panel", "tests", (failed > 0).then_some("has-failures"))}>
            <div class="summary">{ summary }</div>
            <ul class="cases">{ for cases }</ul>
            <div class="coverage">{ for coverage.into_iter().map(|line| html! { <div>{ line.trim().to_string() }</div> }) }</div>
        </div>
    }
}
