//! How figures are shown to people: thousands separators, the indicator's
//! display unit (`298,513千円`), percentages with two decimals. Machine output
//! never goes through here: it carries exact decimals in base units.

use crate::units::{DisplayUnit, Unit};
use rust_decimal::{Decimal, RoundingStrategy};

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
    fn figures_are_grouped_and_rounded() {
        assert_eq!(grouped(Decimal::new(133333333, 4)), "13,333.33");
        assert_eq!(grouped(Decimal::from(-54317)), "-54,317");
        assert_eq!(ratio(Decimal::new(8733333, 7)), "87.33%");
        let thousand_yen = DisplayUnit { unit: Unit::Yen, scale: Decimal::ONE_THOUSAND, text: "千円".into() };
        assert_eq!(quantity(Decimal::from(298_513_000), &thousand_yen), "298,513千円");
    }
}
