//! The importer against the hand-written Hadano plan.
//!
//! `examples/hadano/imported.kpi` is what `shihyo import` drafts from the seed
//! table; `examples/hadano/hadano.kpi` is the same plan written by hand. This
//! test keeps the committed draft up to date and measures how far the two agree:
//! each hand-written rule is paired with the drafted rule of the same `source`
//! sentence, and their kind, comparator, target, target year and `total` are
//! compared. Targets are compared by value, with the same base-year actual given
//! to both plans, so `baseline(R1) * 1.2` and `baseline(R1) * 1.2倍` agree.
//! Run with `--nocapture` to see the table.

mod common;

use common::ask;
use shihyo_core::model::Plan;
use shihyo_core::syntax::ast::MetaKey;
use shihyo_core::{Engine, Options, Report, RuleId};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A sentence as compared: no list markers, NFKC, no spaces.
fn sentence_key(text: &str) -> String {
    let text = text.trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
    shihyo_core::syntax::Source::new("", text).normalized().chars().filter(|c| !c.is_whitespace()).collect()
}

/// Loads a plan with a base-year actual of 1,000 (in the hand plan's unit) for the named indicators.
fn evaluate(text: &str, base_values: &[(String, String)]) -> (Plan, Report) {
    let mut data = String::new();
    for (name, value) in base_values {
        data.push_str(&format!("data \"{name}\" {{ R1: {value} }}\n"));
    }
    let mut engine = Engine::new();
    let file = engine.add_source("plan.kpi", format!("{text}\n{data}"));
    let project = engine.load(file, &[]).unwrap_or_else(|d| panic!("{d:?}"));
    let report = project.evaluate(Options { as_of: Some(2025), explain: false });
    (project.plan, report)
}

fn sourced(plan: &Plan) -> Vec<(RuleId, String)> {
    (0..plan.rules.len()).map(RuleId).filter_map(|id| plan.rule(id).meta(MetaKey::Source).map(|s| (id, sentence_key(s)))).collect()
}

#[test]
fn the_committed_draft_is_what_import_gives() {
    let seed = std::fs::read(root().join("examples/hadano/source/hadano-reform-plan-r3-r7.tsv"))
        .expect("the seed table in examples/hadano/source");
    let imported =
        shihyo_import::import(&seed, shihyo_import::Format::Tsv, "hadano-reform-plan-r3-r7", 2025).expect("the seed imports").imported;
    let committed = read("examples/hadano/imported.kpi");
    let difference = imported.text.lines().zip(committed.lines()).enumerate().find(|(_, (new, old))| new != old);
    assert!(
        difference.is_none() && imported.text.lines().count() == committed.lines().count(),
        "the draft changed (first at line {:?}); re-run \
         `shihyo import examples/hadano/source/hadano-reform-plan-r3-r7.tsv -o examples/hadano/imported.kpi --force`",
        difference.map(|(index, (new, old))| (index + 1, new, old))
    );
}

#[test]
fn the_draft_agrees_with_the_hand_written_plan() {
    let hand_text = read("examples/hadano/hadano.kpi");
    let draft_text = read("examples/hadano/imported.kpi");
    let (hand, _) = evaluate(&hand_text, &[]);
    let (draft, _) = evaluate(&draft_text, &[]);
    let hand_rules = sourced(&hand);
    let draft_rules = sourced(&draft);

    // Pair each hand-written rule with the drafted rule of the same sentence
    // (or one containing it: the draft keeps an item's whole description).
    let pairs: Vec<(RuleId, Option<RuleId>)> = hand_rules
        .iter()
        .map(|(id, key)| {
            let exact = draft_rules.iter().find(|(_, k)| k == key);
            let containing = draft_rules.iter().find(|(_, k)| k.contains(key.as_str()) || key.contains(k.as_str()));
            (*id, exact.or(containing).map(|(d, _)| *d))
        })
        .collect();

    // The same base-year actual for both, in the hand plan's unit.
    let mut hand_base = Vec::new();
    let mut draft_base = Vec::new();
    for (hand_id, draft_id) in &pairs {
        let rule = hand.rule(*hand_id);
        let uses_baseline = hand.quote(&rule.span).contains("baseline");
        if let (true, Some(draft_id)) = (uses_baseline, draft_id) {
            let value = format!("1,000{}", rule.unit.text);
            hand_base.push((rule.name.clone(), value.clone()));
            draft_base.push((draft.rule(*draft_id).name.clone(), value));
        }
    }
    let (hand, hand_report) = evaluate(&hand_text, &hand_base);
    let (draft, draft_report) = evaluate(&draft_text, &draft_base);

    let mut agree = 0;
    let mut lines = Vec::new();
    let fields = ["kind", "comparator", "target", "year", "total", "every year"];
    let mut field_agreement = [0usize; 6];
    let mut matched = 0;
    for (hand_id, draft_id) in &pairs {
        let name = &hand.rule(*hand_id).name;
        let Some(draft_id) = draft_id else {
            lines.push(format!("  missing   {name}"));
            continue;
        };
        matched += 1;
        let (h, d) = (ask(&hand, &hand_report, *hand_id), ask(&draft, &draft_report, *draft_id));
        let same = [
            h.shape == d.shape,
            h.comparator == d.comparator,
            h.target == d.target,
            h.year == d.year,
            h.total == d.total,
            h.every_year == d.every_year,
        ];
        for (count, same) in field_agreement.iter_mut().zip(same) {
            *count += usize::from(same);
        }
        if same.iter().all(|s| *s) {
            agree += 1;
            lines.push(format!("  same      {name}"));
        } else {
            let differing: Vec<&str> = fields.iter().zip(same).filter(|(_, s)| !s).map(|(f, _)| *f).collect();
            lines.push(format!("  differs   {name}: {} (hand {h:?}, draft {d:?})", differing.join(", ")));
        }
    }
    let total = pairs.len();
    println!("hand-written rules with a source: {total}; found in the draft: {matched}; in full agreement: {agree}");
    for (field, count) in fields.iter().zip(field_agreement) {
        println!("  {field}: {count}/{matched} agree");
    }
    println!("{}", lines.join("\n"));

    // The draft must keep finding what it finds today; raise these as the importer improves.
    assert!(matched * 100 >= total * 90, "only {matched} of {total} hand-written rules found in the draft");
    assert!(agree * 100 >= total * 80, "only {agree} of {total} rules agree in full");
    assert_eq!(field_agreement[1], matched, "every paired rule should have the same comparator");
}
