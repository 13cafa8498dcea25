//! Two simulations' chances side by side: the rows, and the summary naming only
//! the differences the runs cannot explain (by hand below).

use rust_decimal::Decimal;
use shihyo_compare::chances::{rows, summary, Chances};
use shihyo_core::syntax::Lang;

fn chances(simulation: &str, rules: &[(&str, i64, i64)]) -> Chances {
    // Chances and standard errors in hundredths.
    Chances {
        simulation: simulation.into(),
        rules: rules.iter().map(|(n, p, se)| (n.to_string(), Decimal::new(*p, 2), Decimal::new(*se, 2))).collect(),
    }
}

#[test]
fn the_rows_and_the_summary_of_two_simulations() {
    let first = chances("A", &[("x", 80, 1), ("y", 50, 2)]);
    let second = chances("B", &[("x", 30, 1), ("y", 51, 2), ("z", 90, 0)]);
    assert_eq!(
        rows(&first, &second),
        [["x", "80% ± 1%", "30% ± 1%", "-50 pt"], ["y", "50% ± 2%", "51% ± 2%", "+1 pt"], ["z", "—", "90% ± 0%", "—"],]
    );
    // x: 50 points apart, far beyond 2 × √(1² + 1²) = 2.8 points; y: 1 point, within 2 × √(2² + 2²) = 5.7.
    assert_eq!(
        summary(&first, &second, Lang::En),
        [
            "Under `A`, 2 of the 2 targets a draw moves are more likely than not to be reached.",
            "Under `B`, 2 of the 3 targets a draw moves are more likely than not to be reached.",
            "`x`: 80% under `A`, 30% under `B` (50 pt apart).",
        ]
    );
    assert_eq!(summary(&first, &second, Lang::Ja)[2], "「x」の達成確率は「A」で 80%、「B」で 30% です（差 50 pt）。");
    let same = summary(&first, &first, Lang::En);
    assert_eq!(same.last().map(String::as_str), Some("No rule's chance differs by more than its runs can explain."));
}
