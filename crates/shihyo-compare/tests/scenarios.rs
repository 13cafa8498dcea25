//! Scenarios side by side: each column evaluated as `eval` would, and the summary
//! written from the figures (computed by hand in the comments).

use shihyo_compare::scenarios::{evaluate, rows, summary};
use shihyo_core::syntax::Lang;
use shihyo_core::{Engine, Status};

const PLAN: &str = r#"plan "t" { period R3..R7  baseline R1 }
outcome "件数" >= baseline * 150% unit 件
outcome "ごみ" <= 900t
data "件数" { R1: 10,000  R5: 14,000 }
data "ごみ" { R5: 950t }
// 件数: R6 = 14,000 × 1.05 = 14,700, R7 = 15,435 (>= 15,000: achieved);
//       R6 = 14,140, R7 = 14,281.4 (< 15,000: not achieved, 718.6 short).
// ごみ: R6 = R7 = 880 (<= 900: achieved); R6 = R7 = 920 (20 over).
scenario "伸びる" { "件数" grows 5% per year  "ごみ" = 880t per year }
scenario "伸び悩み" { "件数" grows 1% per year  "ごみ" = 920t per year }
"#;

#[test]
fn each_column_is_evaluated_and_the_summary_says_what_differs_and_by_how_much() {
    let mut engine = Engine::new();
    let plan = engine.add_source("plan.kpi", PLAN);
    let project = engine.load(plan, &[]).expect("the plan checks");
    let defs: Vec<_> = ["伸びる", "伸び悩み"].iter().map(|name| project.plan.scenario(name).unwrap()).collect();
    let columns = evaluate(&project, &defs, None);
    assert_eq!(columns.len(), 3);
    assert_eq!(columns.iter().map(|c| c.report.as_of.number).collect::<Vec<_>>(), [2023, 2025, 2025]);
    let statuses: Vec<Status> = columns.iter().map(|c| c.report.rules[0].outcome.status).collect();
    // R5: 14,000 against the expected 10,000 + 5,000 × 4/6 = 13,333.33: on track.
    assert_eq!(statuses, [Status::OnTrack, Status::Achieved, Status::NotAchieved]);
    let table = rows(&project.plan, &columns, Lang::En);
    assert_eq!(table[0], ["件数", "14,000件", "on track", "A", "15,435件*", "achieved", "A", "14,281.4件*", "not achieved", "B"]);
    assert_eq!(
        summary(&project.plan, &columns, Lang::En),
        [
            // ごみ in R5: 900 / 950 = 94.7% of the target, behind: B (the lowest of A and B).
            "actuals alone (as of R5): 1 of 2 targets reached or on track; overall grade B.",
            "`伸びる` (as of R7): 2 of 2 targets reached or on track; overall grade A.",
            // 14,281.4 / 15,000 = 95.2% and 900 / 920 = 97.8%: both B.
            "`伸び悩み` (as of R7): 0 of 2 targets reached or on track; overall grade B.",
            "`件数` is achieved under `伸びる` (15,435件) and not achieved under `伸び悩み` (14,281.4件, 718.6件 away from the target 15,000件).",
            "`ごみ` is achieved under `伸びる` (880t) and not achieved under `伸び悩み` (920t, 20t away from the target 900t).",
        ]
    );
    let japanese = summary(&project.plan, &columns, Lang::Ja);
    assert_eq!(
        japanese[3],
        "「件数」は「伸びる」では達成（15,435件）、「伸び悩み」では未達成（14,281.4件。目標 15,000件 まで 718.6件）です。"
    );
}
