//! `shihyo test FILE…`: runs each plan's own tests (reference §12) and prints
//! every case as passed or failed, each failure as expected against got under
//! the source line of its expectation, and what the tests reached (coverage);
//! with `--format json`, one document for every file. Exit status 1 when a
//! case fails or a plan does not check.

use crate::commands::{print_json, read_and_check, Checked, Context, Outcome};
use crate::diagnostics;
use crate::Format;
use shihyo_core::output::testing;
use shihyo_core::syntax::tr;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

pub fn test(context: &Context, files: &[PathBuf]) -> Outcome {
    if context.format == Format::Csv {
        return context
            .usage(tr!("`shihyo test` writes a table or JSON, not CSV", "`shihyo test` の出力は表か JSON です（CSV はありません）"));
    }
    let lang = context.lang;
    let mut documents = Vec::new();
    let (mut passed, mut failed, mut invalid) = (0, 0, 0);
    for file in files {
        match read_and_check(context, file, &[]) {
            Err(usage) => return usage,
            Ok(Checked::Invalid(engine, plan_file, problems)) => {
                invalid += 1;
                if context.format == Format::Json {
                    documents.push(testing::invalid_file(&engine, plan_file, &problems, lang));
                } else {
                    diagnostics::print(&engine, &problems, lang);
                }
            }
            Ok(Checked::Valid(engine, plan_file, project)) => {
                let run = project.run_tests();
                passed += run.passed();
                failed += run.failed();
                if context.format == Format::Json {
                    documents.push(testing::file(&engine, plan_file, &project, &run, lang));
                    continue;
                }
                diagnostics::print(&engine, &project.warnings, lang);
                let shown = file.display();
                let count = project.tests.len();
                let tests = crate::table::counted(count, "test");
                let heading = match count {
                    0 => tr!("{shown}: no tests", "{shown}：テストはありません"),
                    _ => tr!("{shown}: {tests}", "{shown}：テスト {count} 件"),
                };
                println!("{}", heading.get(lang));
                let verdict_width = testing::verdict(true, lang).width().max(testing::verdict(false, lang).width());
                for case_run in &run.cases {
                    let title = testing::case_title(&project, case_run, lang);
                    // Padded to the wider of the two, so that the titles line up.
                    let verdict = crate::table::pad(testing::verdict(case_run.passed(), lang), verdict_width);
                    println!("  {verdict} {title}");
                    let case = &project.tests[case_run.test].cases[case_run.case];
                    for (expectation, result) in case.expectations.iter().zip(&case_run.results).filter(|(_, r)| !r.passed) {
                        let message = testing::failure(&project.plan, expectation, result.got, lang);
                        diagnostics::print_failure(&engine, plan_file, expectation.span.clone(), &message);
                    }
                }
                if count > 0 {
                    for line in testing::coverage_lines(&project, &run, lang) {
                        println!("{line}");
                    }
                }
            }
        }
    }
    if context.format == Format::Json {
        print_json(&testing::report(documents));
    } else {
        let total = passed + failed;
        let cases = crate::table::counted(total, "case");
        let summary = tr!("{cases}: {passed} passed, {failed} failed", "{total} 件：合格 {passed}、不合格 {failed}");
        println!("{}", summary.get(lang));
        if invalid > 0 {
            let plans = crate::table::counted(invalid, "plan");
            let note =
                tr!("{plans} with errors: their tests did not run", "{invalid} 件の計画にエラーがあり、そのテストは実行していません");
            println!("{}", note.get(lang));
        }
    }
    if failed > 0 || invalid > 0 {
        Outcome::Failed
    } else {
        Outcome::Done
    }
}
