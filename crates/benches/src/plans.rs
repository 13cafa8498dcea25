//! The plans the benchmarks run: the bundled Hadano example, a generated plan
//! of any number of rules with its actuals, and the batch plan of 50
//! indicators that every municipality's actuals are evaluated against.

use std::fmt::Write as _;
use std::path::PathBuf;

/// The bundled Hadano plan and its actuals (CSV).
pub fn hadano() -> (String, String) {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/hadano");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).expect("the Hadano example is bundled");
    (read("hadano.kpi"), read("actuals.csv"))
}

/// A plan of `rules` rules in groups of 50, of every common kind (counts against a
/// baseline, percentages, totals, `every year`, derived ratios, milestones), and its
/// actuals for R1–R5 as a wide CSV. Deterministic.
pub fn generated(rules: usize) -> (String, String) {
    let mut plan = String::from("plan \"生成された計画\" {\n  period R3..R7\n  baseline R1\n}\n");
    let mut csv = String::from("indicator,R1,R2,R3,R4,R5\n");
    for group in 0..rules.div_ceil(50) {
        writeln!(plan, "group \"{}\" \"分野{}\" {{", group + 1, group + 1).ok();
        for index in group * 50..(group * 50 + 50).min(rules) {
            let base = 1_000 + (index * 7_919) % 9_000;
            let step = 50 + index % 200;
            let series = |scale: usize| (0..5).map(|year| (base + step * year) * scale).collect::<Vec<_>>();
            match index % 6 {
                0 => {
                    writeln!(plan, "  outcome \"件数{index}\" >= baseline * 150% unit 件").ok();
                    let v = series(1);
                    writeln!(csv, "件数{index},{},{},{},{},{}", v[0], v[1], v[2], v[3], v[4]).ok();
                }
                1 => {
                    writeln!(plan, "  outcome \"満足度{index}\" >= 80%").ok();
                    let v: Vec<String> = (0..5).map(|year| format!("{}%", 60 + (index + year * 3) % 30)).collect();
                    writeln!(csv, "満足度{index},{}", v.join(",")).ok();
                }
                2 => {
                    writeln!(plan, "  outcome \"効果額{index}\" total >= {}千円 unit 千円", base * 40).ok();
                    let v = series(10);
                    writeln!(csv, "効果額{index},,,{}千円,{}千円,{}千円", v[2], v[3], v[4]).ok();
                }
                3 => {
                    writeln!(plan, "  output \"実施率{index}\" >= 100% every year").ok();
                    writeln!(csv, "実施率{index},,,100%,{}%,100%", 90 + index % 11).ok();
                }
                4 => {
                    writeln!(plan, "  indicator \"申請{index}\" unit 件").ok();
                    writeln!(plan, "  outcome \"申請率{index}\" = value(\"申請{index}\") / value(\"件数{}\") >= 60%", index - 4).ok();
                    let v = series(1);
                    writeln!(csv, "申請{index},{},{},{},{},{}", v[0] / 2, v[1] / 2, v[2] / 2, v[3] / 2, v[4] / 2).ok();
                }
                _ => {
                    writeln!(plan, "  milestone \"取組{index}\" by R{}", 3 + index % 5).ok();
                    if index % 2 == 0 {
                        writeln!(csv, "取組{index},,,done,,").ok();
                    }
                }
            }
        }
        plan.push_str("}\n");
    }
    (plan, csv)
}

/// The batch plan: 50 rules `current >= baseline * 1.5`, one pair of indicators each.
pub fn batch(indicators: usize) -> String {
    let mut plan = String::from("plan \"batch\" { period FY2015..FY2024 }\n");
    for index in 0..indicators {
        writeln!(plan, "outcome \"current{index}\" >= value(\"baseline{index}\") * 1.5").ok();
        writeln!(plan, "indicator \"baseline{index}\"").ok();
    }
    plan
}
