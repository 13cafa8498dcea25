//! Whatever a line of text says, `shihyo import` answers with a draft that
//! checks: never a panic, never a plan the checker rejects. The sentences are
//! generated from the pieces real indicator sentences are made of (years,
//! figures, units, particles, brackets, punctuation), so the generator reaches
//! every pattern of the importer, not only its fallbacks. Tables get the same
//! promise: the Hadano seed table, with rows dropped, repeated or shifted and
//! cells cleared or replaced by generated sentences, still drafts a plan that
//! checks.

use proptest::prelude::*;
use shihyo_core::Engine;

const PIECES: &[&str] = &[
    "電子申請の年間利用件数",
    "満足度",
    "効果額",
    "ごみ排出量",
    "待機児童",
    "受講者数",
    "を",
    "は",
    "の",
    "が",
    "、",
    "。",
    ",",
    "(",
    ")",
    "【",
    "】",
    "「",
    "」",
    "→",
    "令和元年度",
    "令和7年度",
    "平成28年",
    "H30",
    "R5",
    "2025年",
    "2030(令和12)年度",
    "令和7年4月",
    "までに",
    "において",
    "より",
    "比",
    "と比較して",
    "50",
    "2,300",
    "298,513",
    "1.2",
    "98・1",
    "4億2,148万1千",
    "〇〇〇",
    "%",
    "％",
    "割",
    "倍",
    "人",
    "件",
    "千円",
    "億円",
    "万人泊",
    "g",
    "以上",
    "以下",
    "未満",
    "超",
    "以内",
    "増加",
    "削減",
    "減少",
    "維持",
    "ゼロ",
    "累計",
    "約",
    "概ね",
    "程度",
    "%台",
    "ポイント",
    "を目指す",
    "を達成",
    " ",
    "6 0 %",
    "年間",
    "5年間で",
    "前年度比",
    "(H27)",
    "0人",
    "以降",
    "から",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..14).prop_map(|pieces| pieces.concat())
}

/// CI's number of cases, or `SHIHYO_DAMAGE_CASES` for a longer campaign.
fn cases(in_ci: u32) -> u32 {
    std::env::var("SHIHYO_DAMAGE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(in_ci)
}

/// One way of damaging a table; indexes are taken modulo the table's size.
#[derive(Clone, Debug)]
enum Damage {
    DropRow(usize),
    RepeatRow(usize),
    ShiftRow(usize),
    ClearCell(usize, usize),
    ReplaceCell(usize, usize, String),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::DropRow),
        any::<usize>().prop_map(Damage::RepeatRow),
        any::<usize>().prop_map(Damage::ShiftRow),
        (any::<usize>(), any::<usize>()).prop_map(|(row, cell)| Damage::ClearCell(row, cell)),
        (any::<usize>(), any::<usize>(), sentence()).prop_map(|(row, cell, text)| Damage::ReplaceCell(row, cell, text)),
    ]
}

fn damaged(table: &str, damages: &[Damage]) -> String {
    let mut rows: Vec<Vec<String>> = table.lines().map(|line| line.split('\t').map(str::to_string).collect()).collect();
    for damage in damages {
        if rows.is_empty() {
            break;
        }
        let count = rows.len();
        match damage {
            Damage::DropRow(row) => {
                rows.remove(row % count);
            }
            Damage::RepeatRow(row) => {
                let copy = rows[row % count].clone();
                rows.insert(row % count, copy);
            }
            Damage::ShiftRow(row) => rows[row % count].insert(0, String::new()),
            Damage::ClearCell(row, cell) => {
                let cells = &mut rows[row % count];
                let width = cells.len();
                cells[cell % width].clear();
            }
            Damage::ReplaceCell(row, cell, text) => {
                let cells = &mut rows[row % count];
                let width = cells.len();
                cells[cell % width] = text.clone();
            }
        }
    }
    rows.iter().map(|cells| cells.join("\t")).collect::<Vec<_>>().join("\n")
}

fn assert_checks(input: &str, imported: &shihyo_import::Imported) -> Result<(), TestCaseError> {
    let mut engine = Engine::new();
    let file = engine.add_source("draft.kpi", imported.text.as_str());
    if let Err(diagnostics) = engine.load(file, &[]) {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.en.clone()).collect();
        prop_assert!(false, "the draft of {input:?} does not check: {messages:?}\n{}", imported.text);
    }
    Ok(())
}

proptest! {
    // (A whole table per case: fewer cases, each reaching the whole importer.)
    #![proptest_config(ProptestConfig { cases: cases(100), ..ProptestConfig::default() })]

    #[test]
    fn every_damaged_table_drafts_a_plan_that_checks(damages in prop::collection::vec(damage(), 1..8)) {
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hadano/source/hadano-reform-plan-r3-r7.tsv"))
            .expect("the seed table");
        let table = damaged(&seed, &damages);
        let imported = shihyo_import::import(table.as_bytes(), shihyo_import::Format::Tsv, "damaged", 2025)
            .expect("text input is always readable")
            .imported;
        assert_checks(&table, &imported)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(400), ..ProptestConfig::default() })]

    #[test]
    fn every_draft_checks(lines in prop::collection::vec(sentence(), 1..4)) {
        let text = lines.join("\n");
        let imported = shihyo_import::import(text.as_bytes(), shihyo_import::Format::Text, "generated", 2025)
            .expect("text input is always readable")
            .imported;
        assert_checks(&text, &imported)?;
    }
}
