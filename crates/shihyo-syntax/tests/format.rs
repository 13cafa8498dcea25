//! Property tests of the formatter on generated plans: formatting keeps the
//! meaning (`parse(fmt(x))` equals `parse(x)` but for positions), is
//! idempotent, and keeps every comment, in order.

use proptest::prelude::*;
use shihyo_syntax::format::format;
use shihyo_syntax::{parse, FileId, Parsed, Source};

const NAMES: [&str; 6] =
    ["\"電子申請件数\"", "「窓口満足度」", "\"効果額（千円）\"", "\"a\\\"b\"", "「点検（108項目）」", "\"ＩＣＴ活用率\""];
const NUMBERS: [&str; 10] = ["298,513千円", "80%", "１２３", "5割", "1.2倍", "4億2,148万1千円", "2,300人", "0.5", "100件", "８０％"];
const COMPARATORS: [&str; 7] = [">=", "≥", "<=", "==", ">", "<", "＞＝"];
const YEARS: [&str; 6] = ["R1", "令和元年度", "H31", "FY2019", "R7", "2027年"];

fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (0..NUMBERS.len()).prop_map(|i| NUMBERS[i].to_string()),
        Just("baseline".to_string()),
        (0..YEARS.len()).prop_map(|i| format!("baseline({})", YEARS[i])),
        (0..NAMES.len()).prop_map(|i| format!("value({})", NAMES[i])),
        (0..NAMES.len()).prop_map(|i| format!("sum({}, R3..R5)", NAMES[i])),
        (0..NAMES.len(), prop::sample::select(vec!["achievement", "pace", "progress", "points", "met"]))
            .prop_map(|(i, figure)| format!("{figure}({})", NAMES[i])),
        (0..NAMES.len(), 0..YEARS.len()).prop_map(|(i, y)| format!("met({}, {})", NAMES[i], YEARS[y])),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), prop::sample::select(vec!["+", "-", "*", "/", "×"]), inner.clone())
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("max({a}, {b})")),
            inner.prop_map(|a| format!("round({a}, 2)")),
        ]
    })
}

fn rule() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["output", "outcome", "indicator"]),
        0..NAMES.len(),
        prop::sample::select(vec!["", " total", " average"]),
        0..COMPARATORS.len(),
        expression(),
        prop::sample::select(vec!["", " unit 件", " unit 千円", " from R1", " by R7", " every year", " from H30 by 2027年"]),
        prop::sample::select(vec!["", " { source \"元の文\" basis \"根拠\" }", "{\n note 「メモ」 // c\n}"]),
    )
        .prop_map(|(kind, name, aggregate, comparator, target, option, meta)| {
            format!("{kind} {}{aggregate} {} {target}{option}{meta}", NAMES[name], COMPARATORS[comparator])
        })
}

fn statement() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => rule(),
        1 => (0..NAMES.len()).prop_map(|i| format!("milestone {} by R5", NAMES[i])),
        1 => (0..NAMES.len()).prop_map(|i| format!("outcome {} qualitative", NAMES[i])),
        1 => (0..NAMES.len()).prop_map(|i| format!("output {} >= tbd unit 手続", NAMES[i])),
        1 => (0..NAMES.len(), prop::collection::vec((0..YEARS.len(), 0..NUMBERS.len()), 0..4)).prop_map(|(i, entries)| {
            let entries: Vec<String> = entries.iter().map(|(y, n)| format!("{}: {}", YEARS[*y], NUMBERS[*n])).collect();
            format!("data {} {{ {} }}", NAMES[i], entries.join("  "))
        }),
        1 => (rule(), rule()).prop_map(|(a, b)| format!("any \"いずれか\" {{\n{a}\n{b}\n}}")),
        1 => (rule(), rule()).prop_map(|(a, b)| {
            format!("group \"1\" \"施設\" {{\n  rollup lowest\n  grades {{ 良 when actual>=target, 可 }}\n  points {{ 2 >= 100%, 1 }}\n{a}\n{b}\n}}")
        }),
    ]
}

/// A plan's test: its year, scenario, data, expectations and cases, on one line or several.
fn test() -> impl Strategy<Value = String> {
    let expectation = prop::sample::select(vec![
        "expect \"a\" status achieved",
        "expect 「窓口満足度」 grade \"B+\"",
        "expect \"a\" achievement 87.33%",
        "expect \"a\" actual ≥ 4億2,148万1千円",
        "expect group \"1\" grade A",
        "expect plan grade C",
        "expect \"a\" pace < 1.2倍",
    ]);
    let item = prop_oneof![
        3 => expectation.clone().prop_map(str::to_string),
        1 => (0..YEARS.len()).prop_map(|y| format!("as of {}", YEARS[y])),
        1 => Just("scenario \"見通し\"".to_string()),
        1 => (0..NAMES.len(), 0..NUMBERS.len()).prop_map(|(i, n)| format!("data {} {{ R5: {} }}", NAMES[i], NUMBERS[n])),
        1 => prop::collection::vec(expectation, 0..3)
            .prop_map(|items| format!("case \"場合\" {{\n{}\n}}", items.join("\n"))),
    ];
    (prop::collection::vec(item, 0..5), prop::sample::select(vec!["\n", ";", "\n\n", "  // 注記\n"]))
        .prop_map(|(items, separator)| format!("test \"テスト\" {{{separator}{}{separator}}}", items.join(separator)))
}

fn plan() -> impl Strategy<Value = String> {
    let separator = prop::sample::select(vec!["\n", "\n\n", "\n// 注記\n", "  // 行末\n", "\n\n\n// a\n// b\n"]);
    (
        prop::sample::select(vec![
            "",
            "plan \"計画\" { period R3..R7  baseline R1 }\n",
            "plan 「計画」 {\n  period 令和3年度..令和7年度\n  grades { A >= 100%, \"B+\" >= 80%, C }\n  // 設定\n}\n",
            "plan \"計画\" {\n  points { 7 >= 100%, 3 when achievement ≧ 50%, 1 }\n  grades { S when actual >= target and pace > 90, A when points >= 3, 良 when actual>=baseline*90%, C }\n}\n",
        ]),
        // Tests stand at the top level only.
        prop::collection::vec((prop_oneof![6 => statement(), 1 => test()], separator.clone()), 0..6),
        prop::collection::vec((statement(), separator), 0..4),
    )
        .prop_map(|(header, top, grouped)| {
            let mut text = header.to_string();
            for (statement, separator) in top {
                text.push_str(&statement);
                text.push_str(separator);
            }
            text.push_str("group \"1\" \"仕事の改革\" {\n");
            for (statement, separator) in grouped {
                text.push_str(&statement);
                text.push_str(separator);
            }
            text.push_str("}\n");
            text
        })
}

/// The tree's debug form without byte positions (`12..34`).
fn without_spans(parsed: &Parsed) -> String {
    let debug = format!("{:?}", parsed.file);
    let mut out = String::with_capacity(debug.len());
    let bytes = debug.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            index += 1;
        }
        if index > start && debug[index..].starts_with("..") && bytes.get(index + 2).is_some_and(u8::is_ascii_digit) {
            index += 2;
            while index < bytes.len() && bytes[index].is_ascii_digit() {
                index += 1;
            }
            out.push('_');
        } else if index > start {
            out.push_str(&debug[start..index]);
        } else {
            out.push(bytes[index] as char);
            index += 1;
        }
    }
    out
}

fn comments(source: &Source, parsed: &Parsed) -> Vec<String> {
    parsed.comments.iter().map(|c| source.original()[c.clone()].trim_end().to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_meaning_and_comments_and_is_idempotent(text in plan()) {
        let source = Source::new("x.kpi", text.clone());
        let parsed = parse(&source, FileId(0));
        prop_assert!(!parsed.has_errors(), "generated plan does not parse: {:?}\n{}", parsed.diagnostics, text);
        let formatted = format(&source, &parsed).expect("a valid plan formats");
        let reformatted_source = Source::new("x.kpi", formatted.clone());
        let reparsed = parse(&reformatted_source, FileId(0));
        prop_assert!(!reparsed.has_errors(), "formatted plan does not parse: {:?}\n{}", reparsed.diagnostics, formatted);
        prop_assert_eq!(without_spans(&parsed), without_spans(&reparsed), "\n--- input\n{}\n--- formatted\n{}", text, formatted);
        prop_assert_eq!(comments(&source, &parsed), comments(&reformatted_source, &reparsed));
        let again = format(&reformatted_source, &reparsed).expect("formats again");
        prop_assert_eq!(&again, &formatted);
    }
}
