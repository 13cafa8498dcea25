//! Number and unit literals as Japanese plans write them.
//!
//! A number is a sequence of numerals and kanji multipliers that composes the
//! way written Japanese does: `4億2,148万1千` is 4×10⁸ + 2,148×10⁴ + 1×10³.
//! Small multipliers (`十 百 千`) scale the numeral before them inside a
//! section; large ones (`万 億 兆`) close a section and must come in
//! decreasing order. All arithmetic is exact and checked.

use rust_decimal::Decimal;

/// The unit written after a number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum UnitLiteral {
    /// No unit: a plain number (also `1.2倍`).
    Plain,
    /// `%` or `割`: a ratio shown as a percentage.
    Percent,
    /// Money, normalised to 円. `scale` is the display unit (`千円` = 1000).
    Yen {
        /// What one of the display unit is worth in 円: 1 for `円`, 1,000 for `千円`, 10⁸ for `億円`.
        scale: Decimal,
    },
    /// Any other unit word (`人`, `件`, `手続`): its own dimension.
    Count(String),
}

impl UnitLiteral {
    /// The unit of a `unit U` clause: `%`, `円`, `千円`, `万円`, `百万円`, `億円`, or a count word.
    pub fn from_unit_name(word: &str) -> UnitLiteral {
        match word {
            "%" => UnitLiteral::Percent,
            _ => match word.strip_suffix('円') {
                Some(prefix) => match compose(if prefix.is_empty() { "1" } else { prefix }, true) {
                    Ok(scale) => UnitLiteral::Yen { scale },
                    Err(_) => UnitLiteral::Count(word.to_string()),
                },
                None => UnitLiteral::Count(word.to_string()),
            },
        }
    }
}

/// Why a number token cannot be read: E0101, E0104 and E0112 in the parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// The value is outside the exact decimal range (or has more than 28 digits).
    Overflow,
    /// A large multiplier after a smaller or equal one (`3万2億`).
    MultiplierOrder,
    /// A unit that ends in a comparator word (`733人以下`): the word and the comparator it means.
    ComparatorInUnit {
        /// The comparing word the unit ends in: `以下`, `以上`, `未満`, `以内` or `超`.
        word: &'static str,
        /// The comparator that says it instead (`<=` for `以下`).
        comparator: &'static str,
    },
}

/// Words that compare, which a unit must not end in: the comparator says them (`<= 733人`).
const COMPARATOR_WORDS: [(&str, &str); 5] = [("以下", "<="), ("以上", ">="), ("未満", "<"), ("以内", "<="), ("超", ">")];

/// Reads a number token (numerals, separators, multipliers) and its suffix.
pub fn parse_quantity(number: &str, suffix: Option<&str>) -> Result<(Decimal, UnitLiteral), NumberError> {
    let value = compose(number, false)?;
    Ok(match suffix {
        None => (value, UnitLiteral::Plain),
        Some("%") => (value.checked_div(Decimal::ONE_HUNDRED).ok_or(NumberError::Overflow)?, UnitLiteral::Percent),
        Some("割") => (value.checked_div(Decimal::TEN).ok_or(NumberError::Overflow)?, UnitLiteral::Percent),
        // Per mille (婚姻率 5.9‰): a ratio like a percentage, a tenth as large.
        Some("‰") => (value.checked_div(Decimal::ONE_THOUSAND).ok_or(NumberError::Overflow)?, UnitLiteral::Percent),
        Some("倍") => (value, UnitLiteral::Plain),
        Some("円") => (value, UnitLiteral::Yen { scale: money_scale(number) }),
        Some(word) => {
            if let Some((ending, comparator)) = COMPARATOR_WORDS.iter().find(|(ending, _)| word.ends_with(ending)) {
                return Err(NumberError::ComparatorInUnit { word: ending, comparator });
            }
            (value, UnitLiteral::Count(word.to_string()))
        }
    })
}

/// The unit a money amount is written in, from the multiplier just before `円`:
/// `298,513千円` is in 千円, `1,200億円` in 億円, `2千万円` in 万円, `5百万円` in 百万円.
fn money_scale(number: &str) -> Decimal {
    if number.ends_with("百万") {
        return Decimal::from(1_000_000);
    }
    match number.chars().last().and_then(multiplier_value) {
        Some((scale, _)) if scale >= Decimal::ONE_THOUSAND => scale,
        _ => Decimal::ONE,
    }
}

/// What one of the last digit written is worth, in base units, for a quantity as written
/// (NFKC): `87.33%` → 0.0001, `4億2,148万1千円` → 1,000, `1.5万人` → 1,000, `15,000` → 1.
/// A figure is meant to the place of its last digit: this is that place.
pub fn written_step(quantity: &str) -> Decimal {
    let unsigned = quantity.trim_start_matches(['-', '△', '▲']);
    let number_end =
        unsigned.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || multiplier_value(c).is_some())).unwrap_or(unsigned.len());
    let (number, suffix) = unsigned.split_at(number_end);
    let numerals = number.trim_end_matches(|c: char| multiplier_value(c).is_some());
    let multipliers = number[numerals.len()..]
        .chars()
        .filter_map(multiplier_value)
        .try_fold(Decimal::ONE, |product, (factor, _)| product.checked_mul(factor));
    let last_numeral = numerals.rsplit(|c: char| multiplier_value(c).is_some()).next().unwrap_or("");
    let decimals = last_numeral.split_once('.').map_or(0, |(_, digits)| digits.len());
    let place = Decimal::try_new(1, u32::try_from(decimals).unwrap_or(u32::MAX)).unwrap_or(Decimal::ZERO);
    let factor = match suffix {
        "%" => Decimal::new(1, 2),
        "割" => Decimal::new(1, 1),
        "‰" => Decimal::new(1, 3),
        _ => Decimal::ONE,
    };
    multipliers.and_then(|m| place.checked_mul(m)).and_then(|p| p.checked_mul(factor)).unwrap_or(Decimal::ZERO)
}

fn multiplier_value(c: char) -> Option<(Decimal, bool)> {
    // (value, closes a section)
    Some(match c {
        '十' => (Decimal::TEN, false),
        '百' => (Decimal::ONE_HUNDRED, false),
        '千' => (Decimal::ONE_THOUSAND, false),
        '万' => (Decimal::from(10_000), true),
        '億' => (Decimal::from(100_000_000), true),
        '兆' => (Decimal::from(1_000_000_000_000_i64), true),
        _ => return None,
    })
}

/// Composes numerals and multipliers. With `allow_bare`, a leading
/// multiplier stands for one of it (`百万` in `百万円`).
fn compose(text: &str, allow_bare: bool) -> Result<Decimal, NumberError> {
    let overflow = |_| NumberError::Overflow;
    let mut total = Decimal::ZERO;
    let mut section = Decimal::ZERO;
    let mut current: Option<Decimal> = None;
    let mut last_large: Option<Decimal> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((factor, large)) = multiplier_value(c) {
            if current.is_none() && !allow_bare && section.is_zero() && total.is_zero() {
                return Err(NumberError::MultiplierOrder);
            }
            if large {
                if last_large.is_some_and(|previous| factor >= previous) {
                    return Err(NumberError::MultiplierOrder);
                }
                last_large = Some(factor);
                let section_value = section
                    .checked_add(current.take().unwrap_or(if section.is_zero() { Decimal::ONE } else { Decimal::ZERO }))
                    .ok_or(NumberError::Overflow)?;
                total = total.checked_add(section_value.checked_mul(factor).ok_or(NumberError::Overflow)?).ok_or(NumberError::Overflow)?;
                section = Decimal::ZERO;
            } else {
                let numeral = current.take().unwrap_or(Decimal::ONE);
                section = section.checked_add(numeral.checked_mul(factor).ok_or(NumberError::Overflow)?).ok_or(NumberError::Overflow)?;
            }
            rest = &rest[c.len_utf8()..];
        } else {
            let end = rest.find(|c: char| multiplier_value(c).is_some()).unwrap_or(rest.len());
            let digits: String = rest[..end].chars().filter(|&c| c != ',').collect();
            current = Some(Decimal::from_str_exact(&digits).map_err(overflow)?);
            rest = &rest[end..];
        }
    }
    let value = total.checked_add(section).and_then(|v| v.checked_add(current.unwrap_or(Decimal::ZERO))).ok_or(NumberError::Overflow)?;
    Ok(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Decimal {
        compose(text, false).unwrap()
    }

    #[test]
    fn kanji_multipliers_compose_as_written_japanese() {
        assert_eq!(value("2千万"), Decimal::from(20_000_000));
        assert_eq!(value("298,513千"), Decimal::from(298_513_000));
        assert_eq!(value("13億776万"), Decimal::from(1_307_760_000));
        assert_eq!(value("4億2,148万1千"), Decimal::from(421_481_000));
        assert_eq!(value("18億3千万"), Decimal::from(1_830_000_000));
        assert_eq!(value("1.5億"), Decimal::from(150_000_000));
        assert_eq!(value("3百万"), Decimal::from(3_000_000));
    }

    #[test]
    fn a_figure_is_meant_to_the_place_of_its_last_digit() {
        assert_eq!(written_step("87.33%"), Decimal::new(1, 4));
        assert_eq!(written_step("80%"), Decimal::new(1, 2));
        assert_eq!(written_step("4億2,148万1千円"), Decimal::ONE_THOUSAND);
        assert_eq!(written_step("1.5万人"), Decimal::ONE_THOUSAND);
        assert_eq!(written_step("△2百万"), Decimal::from(1_000_000));
        assert_eq!(written_step("15,000"), Decimal::ONE);
        assert_eq!(written_step("298,513千円"), Decimal::ONE_THOUSAND);
        assert_eq!(written_step("1.25倍"), Decimal::new(1, 2));
        assert_eq!(written_step("5.9‰"), Decimal::new(1, 4));
    }

    #[test]
    fn large_multipliers_must_decrease() {
        assert_eq!(compose("3万2億", false), Err(NumberError::MultiplierOrder));
        assert_eq!(compose("3万2万", false), Err(NumberError::MultiplierOrder));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert_eq!(compose("99999999999999999999999999999999", false), Err(NumberError::Overflow));
        assert_eq!(compose("100,000,000,000,000,000兆", false), Err(NumberError::Overflow));
    }

    #[test]
    fn suffixes_give_units() {
        assert_eq!(parse_quantity("80", Some("%")).unwrap(), (Decimal::new(8, 1), UnitLiteral::Percent));
        assert_eq!(parse_quantity("5", Some("割")).unwrap(), (Decimal::new(5, 1), UnitLiteral::Percent));
        assert_eq!(parse_quantity("5.9", Some("‰")).unwrap(), (Decimal::new(59, 4), UnitLiteral::Percent));
        assert_eq!(parse_quantity("1.2", Some("倍")).unwrap(), (Decimal::new(12, 1), UnitLiteral::Plain));
        assert_eq!(parse_quantity("2,300", Some("人")).unwrap(), (Decimal::from(2300), UnitLiteral::Count("人".into())));
    }

    #[test]
    fn unit_names_scale_money() {
        assert_eq!(UnitLiteral::from_unit_name("千円"), UnitLiteral::Yen { scale: Decimal::ONE_THOUSAND });
        assert_eq!(UnitLiteral::from_unit_name("百万円"), UnitLiteral::Yen { scale: Decimal::from(1_000_000) });
        assert_eq!(UnitLiteral::from_unit_name("円"), UnitLiteral::Yen { scale: Decimal::ONE });
        assert_eq!(UnitLiteral::from_unit_name("手続"), UnitLiteral::Count("手続".into()));
    }

    #[test]
    fn money_keeps_the_unit_it_is_written_in() {
        let scale = |number: &str| match parse_quantity(number, Some("円")).unwrap().1 {
            UnitLiteral::Yen { scale } => scale,
            other => panic!("not money: {other:?}"),
        };
        assert_eq!(scale("298,513千"), Decimal::ONE_THOUSAND);
        assert_eq!(scale("1,200億"), Decimal::from(100_000_000));
        assert_eq!(scale("2千万"), Decimal::from(10_000));
        assert_eq!(scale("5百万"), Decimal::from(1_000_000));
        assert_eq!(scale("4億2,148万1千"), Decimal::ONE_THOUSAND);
        assert_eq!(scale("3百"), Decimal::ONE);
        assert_eq!(scale("54,317"), Decimal::ONE);
        assert_eq!(parse_quantity("298,513千", Some("円")).unwrap().0, Decimal::from(298_513_000));
    }
}
