//! Units and their dimensions.
//!
//! Money (円 and its scaled forms) is one dimension and is stored in 円.
//! Every other unit word (`人`, `件`, `手続`) is its own dimension. `%` and
//! plain numbers are dimensionless and mix freely; a plain number also takes
//! the unit of the other side in arithmetic (`baseline * 1.5`, `baseline + 100`).

use rust_decimal::{Decimal, RoundingStrategy};
use shihyo_syntax::number::UnitLiteral;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Plain,
    Percent,
    Yen,
    Count(String),
}

/// Why two units cannot be combined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitClash {
    pub left: Unit,
    pub right: Unit,
}

impl Unit {
    pub fn of_literal(literal: &UnitLiteral) -> Unit {
        match literal {
            UnitLiteral::Plain => Unit::Plain,
            UnitLiteral::Percent => Unit::Percent,
            UnitLiteral::Yen { .. } => Unit::Yen,
            UnitLiteral::Count(word) => Unit::Count(word.clone()),
        }
    }

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
    pub unit: Unit,
    pub scale: Decimal,
    /// The written unit (`千円`), or the base symbol.
    pub text: String,
}

impl DisplayUnit {
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
    match unit.unit {
        Unit::Percent => ratio(value),
        Unit::Plain => grouped(value),
        _ => {
            let scaled = if unit.scale.is_zero() { value } else { value.checked_div(unit.scale).unwrap_or(value) };
            format!("{}{}", grouped(scaled), unit.text)
        }
    }
}

/// A ratio as a percentage: 0.87333 → `87.33%`.
pub fn ratio(value: Decimal) -> String {
    let percent = value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(value);
    format!("{}%", grouped(percent))
}

/// A number rounded for display (half away from zero) with thousands separators.
pub fn grouped(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(SHOWN_DECIMALS, RoundingStrategy::MidpointAwayFromZero).normalize();
    let text = rounded.abs().to_string();
    let (integer, fraction) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if rounded.is_sign_negative() && !rounded.is_zero() {
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
    fn figures_are_grouped_and_rounded() {
        assert_eq!(grouped(Decimal::new(133333333, 4)), "13,333.33");
        assert_eq!(grouped(Decimal::from(-54317)), "-54,317");
        assert_eq!(ratio(Decimal::new(8733333, 7)), "87.33%");
        let thousand_yen = DisplayUnit { unit: Unit::Yen, scale: Decimal::ONE_THOUSAND, text: "千円".into() };
        assert_eq!(quantity(Decimal::from(298_513_000), &thousand_yen), "298,513千円");
    }
}
