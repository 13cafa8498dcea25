//! The テスト panel: the plan's own tests (`test "…" { … }`, reference §12)
//! run on every edit of the plan, as `shihyo test` runs them (on the plan
//! alone: the grid's actuals are not a test's): each case passed or failed,
//! each failure as wanted against got (a click shows its `expect` line in the
//! editor), and what the tests reached. A plan without tests is told how to
//! write one.

use crate::analysis::PLAN_FILE;
use crate::editor;
use crate::shared::words;
use shihyo_core::eval::testing::TestRun;
use shihyo_core::output::testing;
use shihyo_core::syntax::{FileId, Lang};
use shihyo_core::{Engine, Project};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TestsProps {
    /// The plan's text: a test's data is the plan's and its own, never the grid's.
    pub plan: String,
    pub lang: Lang,
}

/// The plan checked alone, its tests run.
struct Tested {
    engine: Engine,
    plan_file: FileId,
    project: Project,
    run: TestRun,
}

impl Tested {
    /// Where a byte offset of the plan is in the editor (UTF-16 code units) and its line.
    fn place(&self, byte: usize) -> (usize, usize) {
        let source = self.engine.source(self.plan_file);
        let at = shihyo_core::output::json::clamp(source.original(), byte..byte).start;
        (source.original()[..at].encode_utf16().count(), source.line_column(at).0)
    }
}

#[component]
pub fn TestsPanel(props: &TestsProps) -> Html {
    let lang = props.lang;
    let tested = use_memo(props.plan.clone(), |plan| {
        let mut engine = Engine::new();
        let plan_file = engine.add_source(PLAN_FILE, plan.as_str());
        let project = engine.load(plan_file, &[]).ok()?;
        let run = project.run_tests();
        Some(Tested { engine, plan_file, project, run })
    });
    let Some(tested) = tested.as_ref() else { return html! {} };
    let (project, run) = (&tested.project, &tested.run);
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
        let verdict = testing::verdict(case_run.passed(), lang);
        let failures = case.expectations.iter().zip(&case_run.results).filter(|(_, result)| !result.passed).map(|(expectation, result)| {
            let (offset, line) = tested.place(expectation.span.start);
            let message = testing::failure(&project.plan, expectation, result.got, lang);
            html! {
                <li class="failure" onclick={Callback::from(move |_| editor::reveal(offset))}>
                    <span class="where">{ format!("{PLAN_FILE}:{line}") }</span>
                    <span class="message">{ message }</span>
                </li>
            }
        });
        let reveal = {
            let (offset, _) = tested.place(case.span.start);
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
