//! Two simulations' chances side by side: for every rule a draw can move, the
//! chance of reaching its target under each (± its standard error) and the
//! difference, then a summary written from the figures — how many targets are
//! more likely than not under each, and the rules whose chances differ by more
//! than their runs can explain (more than twice the combined standard error),
//! largest first. The inputs are plain (names and decimals), so that the CLI
//! (from its reports) and the app (from its worker's answers) compare alike.

use rust_decimal::Decimal;
use shihyo_core::model::units::ratio;
use shihyo_core::syntax::{tr, Lang};

/// One simulation's chances: its name and, for each rule a draw moves, (rule, chance, standard error).
#[derive(Clone, Debug, PartialEq)]
pub struct Chances {
    /// The simulation's name, as its `simulation "…"` block writes it.
    pub simulation: String,
    /// Each rule a draw moves: its name, the chance of reaching its target and its standard error, both plain ratios (0.3105 for 31.05%).
    pub rules: Vec<(String, Decimal, Decimal)>,
}

/// The most rules the summary names (the table shows them all).
const MOST_NAMED: usize = 5;

/// The rules of either, in the first's order then the second's: name, then per simulation
/// the chance `± s.e.` (or "—"), then the difference in percentage points (second − first).
pub fn rows(first: &Chances, second: &Chances) -> Vec<Vec<String>> {
    names(first, second)
        .into_iter()
        .map(|name| {
            let (a, b) = (find(first, &name), find(second, &name));
            let shown = |found: Option<(Decimal, Decimal)>| {
                found.map_or_else(|| "—".to_string(), |(p, se)| format!("{} ± {}", ratio(p), ratio(se)))
            };
            let difference = match (a, b) {
                (Some((p, _)), Some((q, _))) => points(q - p),
                _ => "—".to_string(),
            };
            vec![name, shown(a), shown(b), difference]
        })
        .collect()
}

/// The summary, sentence by sentence.
pub fn summary(first: &Chances, second: &Chances, lang: Lang) -> Vec<String> {
    let half = Decimal::new(5, 1);
    let mut sentences = Vec::new();
    for chances in [first, second] {
        let (name, likely, total) = (&chances.simulation, chances.rules.iter().filter(|r| r.1 >= half).count(), chances.rules.len());
        sentences.push(
            tr!(
                "Under `{name}`, {likely} of the {total} targets a draw moves are more likely than not to be reached.",
                "「{name}」では、抽選で動く {total} 件の目標のうち {likely} 件が 50% 以上の確率で達成されます。"
            )
            .get(lang)
            .to_string(),
        );
    }
    let mut apart: Vec<(String, Decimal, Decimal)> = names(first, second)
        .into_iter()
        .filter_map(|name| {
            let ((p, se_p), (q, se_q)) = (find(first, &name)?, find(second, &name)?);
            // |q − p| > 2 √(se_p² + se_q²), squared: exact, with no root.
            let gap = q - p;
            (gap * gap > Decimal::from(4) * (se_p * se_p + se_q * se_q)).then_some((name, p, q))
        })
        .collect();
    apart.sort_by_key(|x| std::cmp::Reverse((x.2 - x.1).abs()));
    let (a, b) = (&first.simulation, &second.simulation);
    for (name, p, q) in apart.iter().take(MOST_NAMED) {
        let (p_shown, q_shown) = (ratio(*p), ratio(*q));
        let gap = points((q - p).abs()).trim_start_matches('+').to_string();
        sentences.push(
            tr!(
                "`{name}`: {p_shown} under `{a}`, {q_shown} under `{b}` ({gap} apart).",
                "「{name}」の達成確率は「{a}」で {p_shown}、「{b}」で {q_shown} です（差 {gap}）。"
            )
            .get(lang)
            .to_string(),
        );
    }
    if apart.len() > MOST_NAMED {
        let rest = apart.len() - MOST_NAMED;
        sentences.push(
            tr!("… and {rest} more rules whose chances differ.", "… ほかに確率の違う指標が {rest} 件あります。").get(lang).to_string(),
        );
    }
    if apart.is_empty() {
        sentences.push(
            tr!("No rule's chance differs by more than its runs can explain.", "回数によるばらつきを超えて確率の違う指標はありません。")
                .get(lang)
                .to_string(),
        );
    }
    sentences
}

/// A difference of two chances in percentage points: `+12.3 pt`.
fn points(difference: Decimal) -> String {
    let value = (difference * Decimal::ONE_HUNDRED).round_dp(1).normalize();
    let sign = if value > Decimal::ZERO { "+" } else { "" };
    format!("{sign}{value} pt")
}

fn names(first: &Chances, second: &Chances) -> Vec<String> {
    let mut names: Vec<String> = first.rules.iter().map(|r| r.0.clone()).collect();
    for rule in &second.rules {
        if !names.contains(&rule.0) {
            names.push(rule.0.clone());
        }
    }
    names
}

fn find(chances: &Chances, name: &str) -> Option<(Decimal, Decimal)> {
    chances.rules.iter().find(|r| r.0 == name).map(|r| (r.1, r.2))
}
