//! Units and their dimensions.
//!
//! Money (円 and its scaled forms) is one dimension and is stored in 円.
//! Every other unit word (`人`, `件`, `手続`) is its own dimension. `%` and
//! plain numbers are dimensionless and mix freely; a plain number also takes
//! the unit of the other side in arithmetic (`baseline * 1.5`, `baseline + 100`).

use rust_decimal::{Decimal, RoundingStrategy};
use shihyo_syntax::ast::{RateRounding, Rates, RuleFigure};
use shihyo_syntax::number::UnitLiteral;
use std::fmt;

/// An indicator's unit: its dimension. Values are stored in the base unit (円 for money, a ratio for `%`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// No unit: a plain number (bare numbers, `1.2倍`).
    Plain,
    /// `%` (also `割`, `‰`): a ratio, stored as a fraction (80% = 0.8).
    Percent,
    /// Money: `円` and its scaled forms (`千円`, `万円`, `億円`), stored in 円.
    Yen,
    /// Any other unit word (`件`, `人`, `手続`), each a dimension of its own.
    Count(String),
}

/// Why two units cannot be combined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitClash {
    /// The unit of the left-hand side.
    pub left: Unit,
    /// The unit of the right-hand side.
    pub right: Unit,
}

impl Unit {
    /// Whether this "unit" is only the letters O and l (`3OO`, `16O`): the digits 0 and
    /// 1 typed as letters, which no data value should be read in.
    pub fn is_letters_for_digits(&self) -> bool {
        let text = self.to_string();
        !text.is_empty() && text.chars().all(|c| "OoIl".contains(c))
    }

    /// The unit of a rule's figure read in an expression: achievement, pace and progress are
    /// ratios (percentages); points and met are plain numbers.
    pub fn of_figure(figure: RuleFigure) -> Unit {
        match figure {
            RuleFigure::Achievement | RuleFigure::Pace | RuleFigure::Progress => Unit::Percent,
            RuleFigure::Points | RuleFigure::Met => Unit::Plain,
        }
    }

    /// The unit of a value as written (`298,513千円` → [`Unit::Yen`]).
    pub fn of_literal(literal: &UnitLiteral) -> Unit {
        match literal {
            UnitLiteral::Plain => Unit::Plain,
            UnitLiteral::Percent => Unit::Percent,
            UnitLiteral::Yen { .. } => Unit::Yen,
            UnitLiteral::Count(word) => Unit::Count(word.clone()),
        }
    }

    /// Whether the unit is `%` or none: such values mix freely in arithmetic.
    pub fn is_dimensionless(&self) -> bool {
        matches!(self, Unit::Plain | Unit::Percent)
    }

    /// The unit of `a + b`, `a - b`, and of comparing `a` with `b`.
    pub fn unify(&self, other: &Unit) -> Result<Unit, UnitClash> {
        match (self, other) {
            (a, b) if a == b => Ok(a.clone()),
            (Unit::Plain, b) => Ok(b.clone()),
            (a, Unit::Plain) => Ok(a.clone()),
            _ => Err(UnitClash { left: self.clone(), right: other.clone() }),
        }
    }

    /// The unit of `a * b`.
    pub fn multiply(&self, other: &Unit) -> Result<Unit, UnitClash> {
        match (self, other) {
            (a, b) if b.is_dimensionless() && a.is_dimensionless() => {
                Ok(if *a == Unit::Percent || *b == Unit::Percent { Unit::Percent } else { Unit::Plain })
            }
            (a, b) if b.is_dimensionless() => Ok(a.clone()),
            (a, b) if a.is_dimensionless() => Ok(b.clone()),
            _ => Err(UnitClash { left: self.clone(), right: other.clone() }),
        }
    }

    /// The unit of `a / b`.
    pub fn divide(&self, other: &Unit) -> Result<Unit, UnitClash> {
        match (self, other) {
            (a, b) if a == b && !a.is_dimensionless() => Ok(Unit::Percent),
            (a, b) if b.is_dimensionless() => Ok(if *a == Unit::Percent && *b == Unit::Percent { Unit::Plain } else { a.clone() }),
            _ => Err(UnitClash { left: self.clone(), right: other.clone() }),
        }
    }

    /// How the unit is written after a number, for messages (`件`, `円`, `%`, or nothing).
    pub fn symbol(&self) -> &str {
        match self {
            Unit::Plain => "",
            Unit::Percent => "%",
            Unit::Yen => "円",
            Unit::Count(word) => word,
        }
    }

    /// The unit as machine output names it (`null` for plain numbers).
    pub fn machine_name(&self) -> Option<&str> {
        match self {
            Unit::Plain => None,
            other => Some(other.symbol()),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Plain => f.write_str("(no unit)"),
            other => f.write_str(other.symbol()),
        }
    }
}

/// An indicator's unit with the scale it is shown in (`千円` = 円 shown per 1,000).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayUnit {
    /// The values' unit (they are stored in its base unit).
    pub unit: Unit,
    /// Base units per unit shown: 1,000 for `千円`, 1 for every unit but scaled money.
    pub scale: Decimal,
    /// The written unit (`千円`), or the base symbol.
    pub text: String,
}

impl DisplayUnit {
    /// A unit shown as it is stored: scale 1, written as its symbol (`円`, `件`, `%`).
    pub fn base(unit: Unit) -> DisplayUnit {
        let text = unit.symbol().to_string();
        DisplayUnit { unit, scale: Decimal::ONE, text }
    }

    /// The unit a written value is shown in: money in the scale it was written in
    /// (`1,200億円` → 億円), anything else in its base unit.
    pub fn of_literal(literal: &UnitLiteral) -> DisplayUnit {
        match literal {
            UnitLiteral::Yen { scale } => {
                let prefix = [(1_000_000_000_000_i64, "兆"), (100_000_000, "億"), (1_000_000, "百万"), (10_000, "万"), (1_000, "千")]
                    .into_iter()
                    .find(|(size, _)| Decimal::from(*size) == *scale)
                    .map_or("", |(_, prefix)| prefix);
                let scale = if prefix.is_empty() { Decimal::ONE } else { *scale };
                DisplayUnit { unit: Unit::Yen, scale, text: format!("{prefix}円") }
            }
            other => DisplayUnit::base(Unit::of_literal(other)),
        }
    }
}

/// Digits after the decimal point shown to people.
const SHOWN_DECIMALS: u32 = 2;

/// A value in an indicator's unit, e.g. `13,100件`, `82.5%`, `298,513千円`.
pub fn quantity(value: Decimal, unit: &DisplayUnit) -> String {
    quantity_shown(value, unit, None)
}

/// [`quantity`], with percentages as the plan's `rates` setting shows them.
pub fn quantity_shown(value: Decimal, unit: &DisplayUnit, rates: Option<Rates>) -> String {
    match unit.unit {
        Unit::Percent => ratio_shown(value, rates),
        Unit::Plain => grouped(value),
        _ => {
            let scaled = if unit.scale.is_zero() { value } else { value.checked_div(unit.scale).unwrap_or(value) };
            format!("{}{}", grouped(scaled), unit.text)
        }
    }
}

/// A ratio as a percentage: 0.87333 → `87.33%`.
pub fn ratio(value: Decimal) -> String {
    ratio_shown(value, None)
}

/// A ratio as a percentage the way the plan's `rates` setting shows it: without
/// one, to two decimals half away from zero and without trailing zeros (`87.33%`,
/// `80%`); with `rates 1 truncated`, always one decimal, cut (`87.3%`, `80.0%`).
pub fn ratio_shown(value: Decimal, rates: Option<Rates>) -> String {
    let percent = value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(value);
    match rates {
        None => format!("{}%", grouped(percent)),
        Some(Rates { digits, rounding }) => {
            let strategy = match rounding {
                RateRounding::Rounded => RoundingStrategy::MidpointAwayFromZero,
                RateRounding::Truncated => RoundingStrategy::ToZero,
            };
            let mut cut = percent.round_dp_with_strategy(digits, strategy);
            cut.rescale(digits);
            format!("{}%", with_separators(cut))
        }
    }
}

/// A number rounded for display (half away from zero) with thousands separators.
pub fn grouped(value: Decimal) -> String {
    with_separators(value.round_dp_with_strategy(SHOWN_DECIMALS, RoundingStrategy::MidpointAwayFromZero).normalize())
}

/// A number as it is, every digit kept, with thousands separators in its whole part.
pub fn with_separators(value: Decimal) -> String {
    let text = value.abs().to_string();
    let (integer, fraction) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_do_not_mix() {
        let people = Unit::Count("人".into());
        let cases = Unit::Count("件".into());
        assert!(people.unify(&cases).is_err());
        assert!(people.multiply(&cases).is_err());
        assert_eq!(cases.unify(&Unit::Plain), Ok(cases.clone()));
        assert_eq!(cases.multiply(&Unit::Percent), Ok(cases.clone()));
        assert_eq!(cases.divide(&cases), Ok(Unit::Percent));
        assert!(cases.unify(&Unit::Percent).is_err());
        assert!(Unit::Yen.unify(&people).is_err());
    }

    #[test]
    fn dimensionless_units_mix() {
        assert_eq!(Unit::Percent.unify(&Unit::Plain), Ok(Unit::Percent));
        assert_eq!(Unit::Percent.multiply(&Unit::Percent), Ok(Unit::Percent));
    }

    #[test]
    fn rates_are_shown_as_the_plan_says() {
        let rate = |digits, rounding| Some(Rates { digits, rounding });
        let value = Decimal::new(87_356, 5); // 87.356%
        assert_eq!(ratio_shown(value, None), "87.36%");
        assert_eq!(ratio_shown(value, rate(1, RateRounding::Rounded)), "87.4%");
        assert_eq!(ratio_shown(value, rate(1, RateRounding::Truncated)), "87.3%");
        assert_eq!(ratio_shown(Decimal::new(8, 1), rate(1, RateRounding::Truncated)), "80.0%");
        assert_eq!(ratio_shown(Decimal::new(12_345, 3), rate(0, RateRounding::Rounded)), "1,235%");
        assert_eq!(ratio_shown(Decimal::new(-2_195, 4), rate(1, RateRounding::Truncated)), "-21.9%");
        assert_eq!(ratio_shown(Decimal::new(2_195, 4), rate(1, RateRounding::Rounded)), "22.0%");
    }

    #[test]
    fn figures_are_grouped_and_rounded() {
        assert_eq!(grouped(Decimal::new(133333333, 4)), "13,333.33");
        assert_eq!(grouped(Decimal::from(-54317)), "-54,317");
        assert_eq!(ratio(Decimal::new(8733333, 7)), "87.33%");
        let thousand_yen = DisplayUnit { unit: Unit::Yen, scale: Decimal::ONE_THOUSAND, text: "千円".into() };
        assert_eq!(quantity(Decimal::from(298_513_000), &thousand_yen), "298,513千円");
    }
}
