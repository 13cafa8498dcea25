//! Properties that hold for every input of a kind, not only for the cases
//! written down: evaluation is deterministic and does not depend on the order
//! rules are written in; an amount means the same in every unit it can be
//! written in; every year from 1926 to 2100 reads back from each of its
//! written forms; a figure whose exact value terminates within 28 digits is
//! given exactly (the pace value and the pro-rata share divide once, last).

use proptest::prelude::*;
use shihyo_core::syntax::{parse_cell, CellValue, Year};
use shihyo_core::{Engine, Options};

/// One rule of a generated plan, with its data, from a template and two numbers.
fn rule(index: usize, template: u8, a: u32, b: u32) -> String {
    let (small, large) = (a % 200 + 1, b % 90_000 + 1_000);
    match template % 6 {
        0 => format!(
            "outcome \"件数{index}\" >= baseline * {}% unit 件\ndata \"件数{index}\" {{ R1: {large}  R4: {}  R5: {} }}\n",
            100 + small,
            large + small,
            large + 2 * small
        ),
        1 => format!("output \"率{index}\" >= {}%\ndata \"率{index}\" {{ R5: {}% }}\n", 50 + small % 50, 40 + small % 60),
        2 => format!(
            "outcome \"効果額{index}\" total >= {}千円 unit 千円\ndata \"効果額{index}\" {{ R3: {large}千円  R4: {}千円  R5: {}千円 }}\n",
            large * 4,
            large + small,
            large / 2
        ),
        3 => format!(
            "output \"実施率{index}\" >= 100% every year\ndata \"実施率{index}\" {{ R3: 100%  R4: {}%  R5: 100% }}\n",
            90 + small % 11
        ),
        4 => format!(
            "indicator \"総数{index}\" unit 件\noutcome \"申請率{index}\" = value(\"申請{index}\") / value(\"総数{index}\") >= {}%\nindicator \"申請{index}\" unit 件\ndata \"総数{index}\" {{ R5: {large} }}\ndata \"申請{index}\" {{ R5: {} }}\n",
            small % 100,
            large / (small % 7 + 1)
        ),
        _ => format!("milestone \"取組{index}\" by R{}\n{}", 3 + small % 5, if b.is_multiple_of(2) { format!("data \"取組{index}\" {{ R{}: done }}\n", 3 + a % 4) } else { String::new() }),
    }
}

/// Each rule's figures by name, in name order, as of the given year.
fn figures(plan: &str, as_of: Option<i32>) -> Vec<String> {
    let mut engine = Engine::new();
    let file = engine.add_source("plan.kpi", plan);
    let project = engine.load(file, &[]).unwrap_or_else(|d| panic!("a generated plan loads: {d:?}\n{plan}"));
    let report = project.evaluate(Options { as_of, explain: true });
    let mut rows: Vec<String> = report
        .rules
        .iter()
        .map(|r| {
            let name = &project.plan.rule(r.id).name;
            format!(
                "{name}: {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                r.outcome.status,
                r.outcome.year,
                r.outcome.target,
                r.outcome.actual,
                r.outcome.expected,
                r.outcome.achievement,
                r.outcome.pace_achievement,
                r.outcome.progress,
                r.grade,
                r.message
            )
        })
        .collect();
    rows.sort();
    rows
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_is_deterministic_and_independent_of_rule_order(
        rules in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 1..10).prop_flat_map(|rules| {
            let written: Vec<String> = rules.iter().enumerate().map(|(i, (t, a, b))| rule(i, *t, *a, *b)).collect();
            (Just(written.clone()), Just(written).prop_shuffle())
        }),
        as_of in prop::option::of(2020..2027i32),
    ) {
        let (written, shuffled) = rules;
        let header = "plan \"生成\" { period R3..R7  baseline R1 }\n";
        let plan = format!("{header}{}", written.concat());
        let reordered = format!("{header}{}", shuffled.concat());
        let first = figures(&plan, as_of);
        prop_assert_eq!(&first, &figures(&plan, as_of), "evaluating twice differs");
        prop_assert_eq!(first, figures(&reordered, as_of), "the order of the rules changes the figures");
    }

    #[test]
    fn an_amount_means_the_same_in_every_unit(thousands in 0u64..10_000_000_000, man in 0u64..10_000, sen in 0u64..10) {
        let value = |text: &str| match parse_cell(text) {
            Ok(CellValue::Number(value, _)) => value,
            other => panic!("{text} reads as {other:?}"),
        };
        let yen = thousands * 1_000;
        prop_assert_eq!(value(&format!("{thousands}千円")), value(&format!("{yen}円")));
        prop_assert_eq!(value(&format!("{}円", grouped(yen))), value(&format!("{yen}円")));
        // 億, 万 and 千 together: 2億9,851万3千円 = 298,513,000円.
        let oku = thousands % 10_000;
        let written = format!("{oku}億{}万{sen}千円", grouped(man));
        prop_assert_eq!(value(&written), value(&format!("{}円", oku * 100_000_000 + man * 10_000 + sen * 1_000)));
    }
}

/// The exact value of `numerator / denominator` as a decimal, where it terminates
/// (the reduced denominator has no prime factor but 2 and 5) and fits.
fn terminating(numerator: i128, denominator: i128) -> Option<rust_decimal::Decimal> {
    let gcd = |mut a: i128, mut b: i128| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a.abs()
    };
    let divisor = gcd(numerator, denominator).max(1);
    let (mut numerator, denominator) = (numerator / divisor, denominator / divisor);
    let mut rest = denominator;
    let mut scale = 0u32;
    while rest % 10 == 0 || rest % 2 == 0 || rest % 5 == 0 {
        // Each factor of 2 or 5 in the denominator takes one more decimal place.
        let factor = if rest % 10 == 0 {
            10
        } else if rest % 2 == 0 {
            2
        } else {
            5
        };
        rest /= factor;
        numerator = numerator.checked_mul(10 / factor)?;
        scale += 1;
    }
    (rest == 1 && scale <= 28).then(|| rust_decimal::Decimal::from_i128_with_scale(numerator, scale))
}

/// The pace value E of one `value` or `total` rule as the engine gives it, as of
/// the Reiwa year `as_of`.
fn expected_figure(plan: &str, as_of: i32) -> rust_decimal::Decimal {
    let mut engine = Engine::new();
    let file = engine.add_source("plan.kpi", plan);
    let project = engine.load(file, &[]).unwrap_or_else(|d| panic!("a generated plan loads: {d:?}\n{plan}"));
    let report = project.evaluate(Options { as_of: Some(2018 + as_of), explain: false });
    report.rules[0].outcome.expected.unwrap_or_else(|| panic!("an expected value: {:?}\n{plan}", report.rules[0]))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_pace_value_that_terminates_is_exact(
        baseline in 1i64..10_000_000_000, target in 1i64..10_000_000_000, places in 0u32..3,
        target_year in 3..=10i32, as_of in 2..=9i32,
    ) {
        prop_assume!(as_of < target_year);
        let shown = |v: i64| rust_decimal::Decimal::new(v, places).to_string();
        let plan = format!(
            "plan \"t\" {{ period R3..R10  baseline R1 }}\noutcome \"x\" >= {} by R{target_year}\ndata \"x\" {{ R1: {}  R{as_of}: 1 }}\n",
            shown(target), shown(baseline)
        );
        // (B·(y1 − y) + T·(y − y0)) / (y1 − y0), from (R1, B) to (R{target_year}, T).
        let numerator = i128::from(baseline) * i128::from(target_year - as_of) + i128::from(target) * i128::from(as_of - 1);
        let denominator = i128::from(target_year - 1) * 10_i128.pow(places);
        if let Some(exact) = terminating(numerator, denominator) {
            prop_assert_eq!(expected_figure(&plan, as_of).normalize(), exact.normalize(), "{}", plan);
        }
    }

    #[test]
    fn a_pro_rata_share_that_terminates_is_exact(target in 1i64..10_000_000_000_000, places in 0u32..3, target_year in 3..=10i32, as_of in 3..=9i32) {
        prop_assume!(as_of < target_year);
        let plan = format!(
            "plan \"t\" {{ period R3..R10 }}\noutcome \"x\" total >= {} by R{target_year}\ndata \"x\" {{ R{as_of}: 1 }}\n",
            rust_decimal::Decimal::new(target, places)
        );
        // T · (years done) / (years in all), counted from the period's start R3.
        let numerator = i128::from(target) * i128::from(as_of - 2);
        let denominator = i128::from(target_year - 2) * 10_i128.pow(places);
        if let Some(exact) = terminating(numerator, denominator) {
            prop_assert_eq!(expected_figure(&plan, as_of).normalize(), exact.normalize(), "{}", plan);
        }
    }
}

/// Thousands separators: 298513000 → `298,513,000`.
fn grouped(n: u64) -> String {
    shihyo_core::output::display::grouped(n.into())
}

/// The era a western year falls in (its latest era), by the eras' first years.
fn era(year: i32) -> (&'static str, &'static str, i32) {
    [("令和", "R", 2019), ("平成", "H", 1989), ("昭和", "S", 1926)]
        .into_iter()
        .find(|(_, _, first)| year >= *first)
        .map(|(kanji, letter, first)| (kanji, letter, year - first + 1))
        .expect("from 1926 on")
}

#[test]
fn every_year_from_1926_to_2100_reads_back_from_its_written_forms() {
    for number in 1926..=2100 {
        let (kanji, letter, era_year) = era(number);
        let shown = if era_year == 1 { "元".to_string() } else { era_year.to_string() };
        let forms = [
            (format!("{kanji}{shown}年度"), false),
            (format!("{kanji}{era_year}年度"), false),
            (format!("{letter}{era_year}"), false),
            (format!("{letter}{era_year}年度"), false),
            (format!("{kanji}{shown}年"), true),
            (format!("FY{number}"), false),
            (format!("{number}年度"), false),
            (format!("CY{number}"), true),
            (format!("{number}年"), true),
        ];
        for (text, calendar) in forms {
            assert_eq!(Year::parse(&text), Ok(Year { number, calendar }), "{text}");
        }
        for year in [Year::fiscal(number), Year::calendar(number)] {
            assert_eq!(Year::parse(&year.label()), Ok(year), "{}", year.label());
            assert_eq!(Year::parse(&year.label_ja()), Ok(year), "{}", year.label_ja());
        }
    }
}
