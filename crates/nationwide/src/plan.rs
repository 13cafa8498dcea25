//! One municipality's plan and actuals, drawn from a seeded generator: a 総合戦略 of ten
//! fiscal years (R2..R11, baseline R1) in four 基本目標 of three 施策 each, about 100
//! indicators of every kind the language has (growth on a baseline, levels, rates, cuts,
//! targets by a year, every year, cumulative money, milestones, qualitative, tbd, tracked,
//! `any`), actuals from R1 to R6 in a long CSV with some cells missing, some plans writing
//! an indicator in another unit, and a few plans with a mistake in their data.

use crate::municipalities::Municipality;
use rand_core::RngCore;
use std::fmt::Write;

/// The years with actuals: R1 (2019) to R6 (2024).
const DATA_YEARS: std::ops::RangeInclusive<i32> = 1..=6;

/// Measures per basic goal, and indicators per measure.
const GOALS: usize = 4;
const MEASURES: usize = 3;
const INDICATORS: usize = 8;

const GOAL_TITLES: [&str; GOALS] =
    ["しごとをつくる", "ひとの流れをつくる", "結婚・出産・子育ての希望をかなえる", "暮らしを守るまちをつくる"];

/// Words indicators are named from: a subject and what is counted of it, with its unit.
const SUBJECTS: [&str; 12] = [
    "子育て支援センター",
    "移住相談",
    "観光案内所",
    "創業支援",
    "地域交流センター",
    "図書館",
    "防災訓練",
    "特定健診",
    "ふるさと納税",
    "空き家バンク",
    "シルバー人材センター",
    "地域おこし協力隊",
];
const COUNTS: [(&str, &str); 4] = [("利用者数", "人"), ("件数", "件"), ("開催回数", "回"), ("参加者数", "人")];

/// A plan and its actuals, as texts.
pub struct Drawn {
    /// The plan (.kpi).
    pub plan: String,
    /// Its actuals (long CSV: indicator, year, value).
    pub actuals: String,
}

/// A small seeded source of choices.
pub struct Dice<'r, R: RngCore>(pub &'r mut R);

impl<R: RngCore> Dice<'_, R> {
    /// A whole number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.0.next_u64() % (high - low + 1) as u64) as i64
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.0.next_u64() % 1000 < per_mille
    }
}

/// Draws `municipality`'s plan and actuals.
pub fn draw<R: RngCore>(municipality: &Municipality, dice: &mut Dice<'_, R>) -> Drawn {
    let mut plan = String::new();
    let mut actuals = String::from("indicator,year,value\n");
    let name = &municipality.name;
    let _ = writeln!(plan, "// {name}（{}）の総合戦略。shihyo の全国データ生成（crates/nationwide）による。", municipality.prefecture);
    let _ = writeln!(plan, "plan \"{name}まち・ひと・しごと創生総合戦略\" {{");
    let _ = writeln!(plan, "  period R2..R11\n  baseline R1\n  grades {{ A >= 100%, B >= 80%, C >= 60%, D }}\n}}\n");
    let mut cells = Cells { out: &mut actuals };
    // The three indicators every plan has, which the national aggregate totals.
    let thousands = dice.chance(20);
    let moved_in = dice.between(300, 60_000);
    plan.push_str("group \"0\" \"人口の目標\" {\n");
    if thousands {
        let _ = writeln!(plan, "  outcome \"転入者数\" >= baseline(R1) * 105% unit 千人");
    } else {
        let _ = writeln!(plan, "  outcome \"転入者数\" >= baseline(R1) * 105% unit 人");
    }
    let _ = writeln!(plan, "  outcome \"合計特殊出生率\" >= 1.{}", dice.between(40, 80));
    let _ = writeln!(plan, "  outcome \"市民満足度\" >= {}%", dice.between(60, 85));
    plan.push_str("}\n\n");
    for year in DATA_YEARS {
        let growth = dice.between(-30, 60);
        let value = moved_in + moved_in * growth * i64::from(year - 1) / 1000;
        if thousands {
            cells.put("転入者数", year, &format!("{}.{:03}", value / 1000, value % 1000));
        } else {
            cells.put("転入者数", year, &value.to_string());
        }
        cells.put("合計特殊出生率", year, &format!("1.{}", dice.between(20, 85)));
        cells.put("市民満足度", year, &format!("{}%", dice.between(50, 90)));
    }
    for (goal, title) in GOAL_TITLES.iter().enumerate() {
        let _ = writeln!(plan, "group \"{}\" \"{title}\" {{", goal + 1);
        for measure in 0..MEASURES {
            let id = format!("{}-{}", goal + 1, measure + 1);
            let _ = writeln!(plan, "  group \"{id}\" \"施策{id}\" {{");
            for index in 0..INDICATORS {
                let subject = SUBJECTS[dice.between(0, SUBJECTS.len() as i64 - 1) as usize];
                let indicator = format!("{subject}（{id}-{}）", index + 1);
                indicator_lines(&mut plan, &mut cells, dice, &indicator);
            }
            plan.push_str("  }\n");
        }
        plan.push_str("}\n\n");
    }
    // A few plans carry a mistake a department makes: a letter O for a zero, an indicator misspelt.
    if dice.chance(4) {
        actuals.push_str("転入者数,R6,\"12,3OO\"\n");
    } else if dice.chance(3) {
        actuals.push_str("転出者数,R6,1200\n");
    }
    Drawn { plan, actuals }
}

/// The actuals being written.
struct Cells<'a> {
    out: &'a mut String,
}

impl Cells<'_> {
    fn put(&mut self, name: &str, year: i32, value: &str) {
        let _ = writeln!(self.out, "{name},R{year},{value}");
    }
}

/// One indicator's rule, and its actuals (each cell missing one time in 25).
fn indicator_lines<R: RngCore>(plan: &mut String, cells: &mut Cells, dice: &mut Dice<'_, R>, name: &str) {
    let (count_word, unit) = COUNTS[dice.between(0, COUNTS.len() as i64 - 1) as usize];
    let name = format!("{name}{count_word}");
    let base = dice.between(50, 20_000);
    let roll = dice.between(0, 99);
    let series = |dice: &mut Dice<'_, R>, cells: &mut Cells, start: i64, step_per_mille: (i64, i64)| {
        let mut value = start;
        for year in DATA_YEARS {
            if !dice.chance(40) {
                cells.put(&name, year, &value.to_string());
            }
            value += value * dice.between(step_per_mille.0, step_per_mille.1) / 1000;
        }
    };
    match roll {
        0..=34 => {
            let _ = writeln!(plan, "    outcome \"{name}\" >= baseline(R1) * {}% unit {unit}", dice.between(105, 130));
            series(dice, cells, base, (-20, 60));
        }
        35..=49 => {
            let _ = writeln!(plan, "    outcome \"{name}の満足度\" >= {}%", dice.between(60, 90));
            let level = dice.between(40, 85);
            for year in DATA_YEARS {
                if !dice.chance(40) {
                    cells.put(&format!("{name}の満足度"), year, &format!("{}.{}%", level + dice.between(-5, 8), dice.between(0, 9)));
                }
            }
        }
        50..=59 => {
            let _ = writeln!(plan, "    output \"{name}\" <= {} unit {unit}", base / 2);
            series(dice, cells, base, (-120, 10));
        }
        60..=69 => {
            let _ = writeln!(plan, "    outcome \"{name}\" >= {}{unit} by R9", base + base / 4);
            series(dice, cells, base, (-10, 70));
        }
        70..=77 => {
            let _ = writeln!(plan, "    output \"{name}\" >= {}{unit} every year", base);
            series(dice, cells, base, (-60, 60));
        }
        78..=82 => {
            let _ = writeln!(plan, "    outcome \"{name}による効果額\" total >= {}千円", base * 10);
            let money = format!("{name}による効果額");
            for year in 2..=6 {
                if !dice.chance(40) {
                    cells.put(&money, year, &format!("{}千円", base + dice.between(-base / 3, base / 3)));
                }
            }
        }
        83..=87 => {
            let by = dice.between(4, 9);
            let _ = writeln!(plan, "    milestone \"{name}の仕組みの構築\" by R{by}");
            let done = dice.between(3, 9);
            if done <= 6 {
                cells.put(&format!("{name}の仕組みの構築"), done as i32, "done");
            }
        }
        88..=90 => {
            let _ = writeln!(plan, "    outcome \"{name}の取組\" qualitative");
            let grade = ["A", "B", "C"][dice.between(0, 2) as usize];
            cells.put(&format!("{name}の取組"), 6, &format!("grade {grade}"));
        }
        91..=93 => {
            let _ = writeln!(plan, "    output \"{name}\" >= tbd unit {unit}");
            series(dice, cells, base, (0, 50));
        }
        94..=96 => {
            let _ = writeln!(plan, "    indicator \"{name}\" unit {unit}");
            series(dice, cells, base, (-30, 30));
        }
        _ => {
            let _ = writeln!(plan, "    any \"{name}の確保\" {{");
            let _ = writeln!(plan, "      outcome \"{name}\" >= baseline(R1) * 110% unit {unit}");
            let _ = writeln!(plan, "      outcome \"{name}の割合\" >= {}%", dice.between(30, 60));
            plan.push_str("    }\n");
            series(dice, cells, base, (-10, 50));
            for year in DATA_YEARS {
                cells.put(&format!("{name}の割合"), year, &format!("{}%", dice.between(20, 70)));
            }
        }
    }
}
