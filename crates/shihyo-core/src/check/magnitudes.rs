//! Values typed without a unit that sit at the wrong magnitude for their
//! indicator (reference §6.3): money typed in 千円 or 万円 into a plan whose
//! targets are in 円 (W0233), and percentages typed as fractions, `0.81` for
//! 81% (W0234). Each would give a silently wrong 達成率, so each is a warning
//! that names the cells, the factor and the fix. A rule whose target is an
//! upper bound (`<= 15%`) is not warned: a small value is what it aims at.

use super::rules::target_exprs;
use crate::model::data::Origin;
use crate::model::units::{grouped, quantity, Unit};
use crate::model::{Plan, RuleId, RuleSpec};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{Comparator, Expr, ExprKind};
use shihyo_syntax::{tr, Code, Diagnostic, Span, Year};

/// A number in a data cell of a money or percent indicator.
pub(super) struct TypedCell {
    pub rule: RuleId,
    pub year: Year,
    /// As typed, before the unit was applied (`38,200`, `0.81`).
    pub typed: Decimal,
    /// In base units (円, a ratio for %).
    pub value: Decimal,
    /// Typed without a unit.
    pub bare: bool,
    pub origin: Origin,
}

/// Where money typed bare is this many times below its references, a unit slip is likely.
const MONEY_GAP: i64 = 300;

/// The scales of 円 a sheet is kept in, as a factor and the unit's name.
const MONEY_SCALES: [(i64, &str); 3] = [(1_000, "千円"), (10_000, "万円"), (1_000_000, "百万円")];

/// The warnings for every indicator's cells (in data order).
pub(super) fn warnings(plan: &Plan, cells: &[TypedCell]) -> Vec<Diagnostic> {
    let mut by_rule: Vec<Vec<&TypedCell>> = vec![Vec::new(); plan.rules.len()];
    for cell in cells {
        by_rule[cell.rule.0].push(cell);
    }
    let mut out = Vec::new();
    for (index, cells) in by_rule.iter_mut().enumerate() {
        let rule = RuleId(index);
        cells.sort_by_key(|c| c.year);
        // Where lower is better, a small value is what the plan aims at, not a slip.
        if lower_is_better(plan, rule) {
            continue;
        }
        let targets = literal_targets(plan, rule);
        let warning = match plan.rule(rule).unit() {
            Unit::Yen => money_scale(plan, rule, cells, &targets),
            Unit::Percent => fractions(plan, rule, cells, &targets),
            _ => None,
        };
        out.extend(warning);
    }
    out
}

/// W0233: every bare cell of a money indicator is hundreds of times below its
/// written target and its cells typed with a unit, by about 千円 or 万円.
fn money_scale(plan: &Plan, rule: RuleId, cells: &[&TypedCell], targets: &[(Decimal, Span)]) -> Option<Diagnostic> {
    let bare: Vec<&TypedCell> = cells.iter().copied().filter(|c| c.bare && c.value > Decimal::ZERO).collect();
    let largest = bare.iter().map(|c| c.value).max()?;
    let references = targets.iter().map(|(v, _)| *v).chain(cells.iter().filter(|c| !c.bare).map(|c| c.value));
    let smallest = references.filter(|v| *v > Decimal::ZERO).min()?;
    let gap = smallest.checked_div(largest)?;
    if gap < Decimal::from(MONEY_GAP) {
        return None;
    }
    let likely: Vec<&str> = MONEY_SCALES
        .iter()
        .filter(|(factor, _)| {
            let factor = Decimal::from(*factor);
            factor * Decimal::from(30) >= gap && factor <= gap * Decimal::from(3)
        })
        .map(|(_, name)| *name)
        .collect();
    if likely.is_empty() {
        return None;
    }
    let def = plan.rule(rule);
    let (shown, (list, list_ja)) = (&def.name, cell_list(plan, &bare));
    let gap = grouped(gap.round_dp(0));
    let against = targets.first().map_or_else(|| quantity(smallest, &def.unit), |(v, _)| quantity(*v, &def.unit));
    let (scales_en, scales_ja) = (likely.join(" or "), likely.join("または"));
    let first = bare[0];
    let example = format!("{}{}", grouped(first.typed), likely[0]);
    let diagnostic = Diagnostic::warning(
        Code::W0233,
        first.origin.file,
        first.origin.span.clone(),
        tr!(
            "the values of `{shown}` typed without a unit ({list}) are about 1/{gap} of {against}: were they typed in {scales_en}?",
            "単位なしで入力された「{shown}」の値（{list_ja}）は、{against}の約{gap}分の1です。{scales_ja}単位で入力していませんか"
        ),
    );
    let (unit, scale) = (&def.unit.text, likely[0]);
    let diagnostic = diagnostic.with_hint(tr!(
        "a bare value is in the indicator's unit, {unit}: write the unit in each cell (`{example}`), give the data file a `unit` column, or declare `unit {scale}` on the rule",
        "単位のない値は指標の単位（{unit}）で読みます。各セルに単位を書く（`{example}`）、データファイルに `unit` 列を設ける、またはルールに `unit {scale}` と書いてください"
    ));
    Some(with_places(diagnostic, plan, &bare, targets))
}

/// W0234: every bare cell of a % indicator is at most 1 while its target is 10% or more.
fn fractions(plan: &Plan, rule: RuleId, cells: &[&TypedCell], targets: &[(Decimal, Span)]) -> Option<Diagnostic> {
    let bare: Vec<&TypedCell> = cells.iter().copied().filter(|c| c.bare).collect();
    let tenth = Decimal::new(1, 1);
    let fraction_like = !bare.is_empty()
        && bare.iter().all(|c| c.typed >= Decimal::ZERO && c.typed <= Decimal::ONE)
        && bare.iter().any(|c| !c.typed.is_zero());
    if !fraction_like
        || !targets.iter().any(|(v, _)| *v >= tenth)
        || cells.iter().any(|c| !c.bare && c.value > Decimal::ONE / Decimal::ONE_HUNDRED)
    {
        return None;
    }
    let (shown, (list, list_ja)) = (&plan.rule(rule).name, cell_list(plan, &bare));
    let first = bare[0];
    let percent = grouped(first.typed * Decimal::ONE_HUNDRED);
    let typed = grouped(first.typed);
    let diagnostic = Diagnostic::warning(
        Code::W0234,
        first.origin.file,
        first.origin.span.clone(),
        tr!(
            "the values of `{shown}` ({list}) look like fractions: a bare value in a % indicator is in percent, so `{typed}` is {typed}%, not {percent}%",
            "「{shown}」の値（{list_ja}）は比率（小数）に見えます。%の指標では単位のない値をパーセントとして読むため、`{typed}` は {percent}% ではなく {typed}% になります"
        ),
    )
    .with_hint(tr!("write `{percent}%` or `{percent}`", "`{percent}%` または `{percent}` と書いてください"));
    Some(with_places(diagnostic, plan, &bare, targets))
}

/// The cells as a list: `38,200 (R3), 41,000 (R4)`; in Japanese `R3: 38,200、R4: 41,000`.
fn cell_list(plan: &Plan, cells: &[&TypedCell]) -> (String, String) {
    let en = cells.iter().map(|c| format!("{} ({})", grouped(c.typed), c.year.shown(plan.years))).collect::<Vec<_>>().join(", ");
    let ja = cells.iter().map(|c| format!("{}: {}", c.year.shown(plan.years), grouped(c.typed))).collect::<Vec<_>>().join("、");
    (en, ja)
}

/// The other cells and the target, as related places.
fn with_places(mut diagnostic: Diagnostic, plan: &Plan, cells: &[&TypedCell], targets: &[(Decimal, Span)]) -> Diagnostic {
    for cell in &cells[1..] {
        diagnostic =
            diagnostic.with_related(cell.origin.file, cell.origin.span.clone(), tr!("also typed without a unit", "これも単位なし"));
    }
    match targets.first() {
        Some((_, span)) => diagnostic.with_related(plan.file, span.clone(), tr!("the target", "目標")),
        None => diagnostic,
    }
}

/// Whether the rule's target is an upper bound (`<=`, `<`).
fn lower_is_better(plan: &Plan, rule: RuleId) -> bool {
    let RuleSpec::Measured(measured) = &plan.rule(rule).spec else { return false };
    measured.comparison.as_ref().is_some_and(|c| matches!(c.comparator, Comparator::AtMost | Comparator::Below))
}

/// The targets of a rule written as literal amounts (not from its data), in base units.
fn literal_targets(plan: &Plan, rule: RuleId) -> Vec<(Decimal, Span)> {
    let def = plan.rule(rule);
    let RuleSpec::Measured(measured) = &def.spec else { return Vec::new() };
    target_exprs(measured).into_iter().filter_map(|e| literal(e, def.unit()).map(|v| (v, e.span.clone()))).collect()
}

/// A literal amount in the indicator's unit (`298,513,000円`, `(80%)`).
fn literal(expr: &Expr, unit: &Unit) -> Option<Decimal> {
    match &expr.kind {
        ExprKind::Number(q) if Unit::of_literal(&q.unit) == *unit => Some(q.value),
        ExprKind::Paren(inner) => literal(inner, unit),
        _ => None,
    }
}
