//! Fiscal and calendar years, and every way Japanese plans write them.
//!
//! A fiscal year (年度) runs from April 1 to March 31 and is named by the
//! western year it starts in: `R1` = `令和元年度` = `H31` = `FY2019` = `2019年度`.
//! Eras have no upper cap (`平成32年度` = FY2020), because plans written
//! before an era ended name years that never carried that name. Calendar years
//! (`2020年`, `CY2020`, `平成32年`) are a separate kind of year.

use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// The eras a year may be written in: (kanji, letter, offset to the western year).
const ERAS: [(&str, char, i32); 3] = [("令和", 'R', 2018), ("平成", 'H', 1988), ("昭和", 'S', 1925)];

/// The first western year that has a Reiwa label.
const REIWA_FIRST: i32 = 2019;

/// Years must lie in this western range.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A fiscal or calendar year, by its western number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year {
    /// The western year: for a fiscal year, the one it starts in (`R1`, `H31` and `FY2019` are 2019).
    /// A parsed year lies in [`YEAR_RANGE`].
    pub number: i32,
    /// `true` for a calendar year (年, January to December: `2020年`, `CY2020`), `false` for a fiscal
    /// year (年度, April to March).
    pub calendar: bool,
}

/// Why a text is not a year; the parser reports each as E0102.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearError {
    /// Era year 0 (`R0`).
    EraYearZero,
    /// Outside 1000–9999.
    OutOfRange,
    /// Not a year at all.
    Malformed,
}

impl Year {
    /// The fiscal year (年度) starting in April of the western year `number`: `Year::fiscal(2019)` is `R1`.
    pub const fn fiscal(number: i32) -> Year {
        Year { number, calendar: false }
    }

    /// The calendar year (年) `number`: `Year::calendar(2020)` is `2020年`.
    pub const fn calendar(number: i32) -> Year {
        Year { number, calendar: true }
    }

    /// Reads any written form of a year (on NFKC-normalised text).
    pub fn parse(text: &str) -> Result<Year, YearError> {
        let text = text.trim();
        for (kanji, letter, offset) in ERAS {
            let rest =
                text.strip_prefix(kanji).or_else(|| text.strip_prefix(letter)).or_else(|| text.strip_prefix(letter.to_ascii_lowercase()));
            if let Some(rest) = rest {
                let (number, calendar) = split_suffix(rest, !text.starts_with(kanji))?;
                let era_year = if number == "元" { 1 } else { parse_digits(number)? };
                if era_year == 0 {
                    return Err(YearError::EraYearZero);
                }
                return Year::checked(era_year + offset, calendar);
            }
        }
        if let Some(rest) = text.strip_prefix("FY") {
            return Year::checked(parse_digits(rest)?, false);
        }
        if let Some(rest) = text.strip_prefix("CY") {
            return Year::checked(parse_digits(rest)?, true);
        }
        let (number, calendar) = split_suffix(text, false)?;
        Year::checked(parse_digits(number)?, calendar)
    }

    fn checked(number: i32, calendar: bool) -> Result<Year, YearError> {
        if YEAR_RANGE.contains(&number) {
            Ok(Year { number, calendar })
        } else {
            Err(YearError::OutOfRange)
        }
    }

    /// The display label: `R7` for fiscal years from 2019, `FY2018` before, `CY2020` for calendar years.
    pub fn label(&self) -> String {
        match (self.calendar, self.number) {
            (true, n) => format!("CY{n}"),
            (false, n) if n >= REIWA_FIRST => format!("R{}", n - 2018),
            (false, n) => format!("FY{n}"),
        }
    }

    /// The Japanese label: `令和7年度`, `令和元年度`, `2018年度`, `2020年`.
    pub fn label_ja(&self) -> String {
        match (self.calendar, self.number) {
            (true, n) => format!("{n}年"),
            (false, REIWA_FIRST) => "令和元年度".to_string(),
            (false, n) if n > REIWA_FIRST => format!("令和{}年度", n - 2018),
            (false, n) => format!("{n}年度"),
        }
    }

    /// The year as output for people writes it in a plan of `style`: `H26` in a Heisei
    /// plan, `R5` in a Reiwa one, `FY2014` in a western one; `CY2020` for a calendar year.
    pub fn shown(&self, style: YearStyle) -> String {
        match (self.calendar, style, era_of(self.number)) {
            (true, ..) => format!("CY{}", self.number),
            (false, YearStyle::Era, Some((_, letter, era_year))) => format!("{letter}{era_year}"),
            (false, ..) => format!("FY{}", self.number),
        }
    }

    /// [`Year::shown`] in Japanese: `平成26年度`, `令和元年度`, `2014年度`; `2020年` for a calendar year.
    pub fn shown_ja(&self, style: YearStyle) -> String {
        match (self.calendar, style, era_of(self.number)) {
            (true, ..) => format!("{}年", self.number),
            (false, YearStyle::Era, Some((kanji, _, 1))) => format!("{kanji}元年度"),
            (false, YearStyle::Era, Some((kanji, _, era_year))) => format!("{kanji}{era_year}年度"),
            (false, ..) => format!("{}年度", self.number),
        }
    }

    /// [`Year::shown`] or [`Year::shown_ja`], by language.
    pub fn shown_in(&self, style: YearStyle, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.shown(style),
            crate::Lang::Ja => self.shown_ja(style),
        }
    }

    /// The same-numbered year of the other kind (an as-of fiscal year applied to a calendar-year rule).
    pub fn as_kind(self, calendar: bool) -> Year {
        Year { number: self.number, calendar }
    }

    /// First day of the year (April 1 for a fiscal year).
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.number, if self.calendar { 1 } else { 4 }, 1)
    }

    /// Last day of the year (March 31 of the next year for a fiscal year).
    pub fn last_day(&self) -> Option<NaiveDate> {
        if self.calendar {
            NaiveDate::from_ymd_opt(self.number, 12, 31)
        } else {
            NaiveDate::from_ymd_opt(self.number + 1, 3, 31)
        }
    }

    /// The fiscal year a date falls in.
    pub fn fiscal_containing(date: NaiveDate) -> Year {
        use chrono::Datelike;
        Year::fiscal(if date.month() >= 4 { date.year() } else { date.year() - 1 })
    }

    /// The next year of the same kind.
    pub fn next(self) -> Year {
        Year { number: self.number + 1, ..self }
    }

    /// The year before, of the same kind.
    pub fn previous(self) -> Year {
        Year { number: self.number - 1, ..self }
    }
}

/// Splits `年度` (fiscal) or `年` (calendar) off a year's digits. Era letters (`R7`) may
/// stand alone and then name a fiscal year.
fn split_suffix(text: &str, bare_allowed: bool) -> Result<(&str, bool), YearError> {
    if let Some(number) = text.strip_suffix("年度") {
        Ok((number, false))
    } else if let Some(number) = text.strip_suffix('年') {
        Ok((number, true))
    } else if bare_allowed {
        Ok((text, false))
    } else {
        Err(YearError::Malformed)
    }
}

fn parse_digits(text: &str) -> Result<i32, YearError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(YearError::Malformed);
    }
    if text.len() > 6 {
        return Err(YearError::OutOfRange);
    }
    text.parse().map_err(|_| YearError::Malformed)
}

/// How a plan writes its years, so that what is shown to people writes them the
/// same way: in eras (`H23..H26`, `令和3年度`: each year in its own era) or in
/// western years (`FY2021`, `2021年度`). Machine output keeps [`Year::label`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum YearStyle {
    /// In eras, each fiscal year in its own (`H26`, `令和3年度`), the default; a year before 昭和 is
    /// written western.
    #[default]
    Era,
    /// In western years: `FY2021`, `2021年度`.
    Western,
}

impl YearStyle {
    /// The style of a year as written: an era's name or letter makes it [`YearStyle::Era`].
    pub fn of_written(text: &str) -> YearStyle {
        let text = text.trim_start();
        let era = ERAS.iter().any(|(kanji, letter, _)| {
            text.starts_with(kanji) || text.starts_with(*letter) || text.starts_with(letter.to_ascii_lowercase())
        });
        if era {
            YearStyle::Era
        } else {
            YearStyle::Western
        }
    }
}

/// The era a fiscal year falls in, as (kanji, letter, year of the era); none before 昭和.
fn era_of(number: i32) -> Option<(&'static str, char, i32)> {
    ERAS.iter().find(|(_, _, offset)| number > *offset).map(|(kanji, letter, offset)| (*kanji, *letter, number - offset))
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Years appear in machine output with both their label and western number.
impl Serialize for Year {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("Year", 3)?;
        state.serialize_field("label", &self.label())?;
        state.serialize_field("year", &self.number)?;
        state.serialize_field("calendar", &self.calendar)?;
        state.end()
    }
}

/// A year in machine output: `{ "label": "R5", "year": 2023, "calendar": false }`.
impl schemars::JsonSchema for Year {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Year".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A year: its label as the plan writes it (`R5`, `FY2018`, `CY2025`), its western number, and whether it is a calendar year.",
            "type": "object",
            "properties": {
                "label": { "type": "string" },
                "year": { "type": "integer" },
                "calendar": { "type": "boolean" }
            },
            "required": ["label", "year", "calendar"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_fiscal_2019_is_one_year() {
        for text in ["R1", "令和元年度", "令和1年度", "H31", "平成31年度", "FY2019", "2019年度", "R1年度", "r1"] {
            assert_eq!(Year::parse(text), Ok(Year::fiscal(2019)), "{text}");
        }
    }

    #[test]
    fn eras_have_no_upper_cap() {
        assert_eq!(Year::parse("平成32年度"), Ok(Year::fiscal(2020)));
        assert_eq!(Year::parse("平成64年度"), Ok(Year::fiscal(2052)));
        assert_eq!(Year::parse("S64"), Ok(Year::fiscal(1989)));
    }

    #[test]
    fn calendar_years_are_their_own_kind() {
        assert_eq!(Year::parse("2020年"), Ok(Year::calendar(2020)));
        assert_eq!(Year::parse("CY2020"), Ok(Year::calendar(2020)));
        assert_eq!(Year::parse("平成32年"), Ok(Year::calendar(2020)));
    }

    #[test]
    fn bad_years_are_errors() {
        assert_eq!(Year::parse("R0"), Err(YearError::EraYearZero));
        assert_eq!(Year::parse("R99999999"), Err(YearError::OutOfRange));
        assert_eq!(Year::parse("2019"), Err(YearError::Malformed));
    }

    #[test]
    fn labels_prefer_reiwa() {
        assert_eq!(Year::fiscal(2025).label(), "R7");
        assert_eq!(Year::fiscal(2018).label(), "FY2018");
        assert_eq!(Year::calendar(2020).label(), "CY2020");
        assert_eq!(Year::fiscal(2019).label_ja(), "令和元年度");
    }

    #[test]
    fn years_are_shown_the_way_the_plan_writes_them() {
        assert_eq!(YearStyle::of_written("H23"), YearStyle::Era);
        assert_eq!(YearStyle::of_written("令和3年度"), YearStyle::Era);
        assert_eq!(YearStyle::of_written("FY2021"), YearStyle::Western);
        assert_eq!(YearStyle::of_written("2021年度"), YearStyle::Western);
        let heisei = Year::fiscal(2014);
        assert_eq!((heisei.shown(YearStyle::Era), heisei.shown_ja(YearStyle::Era)), ("H26".into(), "平成26年度".into()));
        assert_eq!((heisei.shown(YearStyle::Western), heisei.shown_ja(YearStyle::Western)), ("FY2014".into(), "2014年度".into()));
        assert_eq!(Year::fiscal(2019).shown_ja(YearStyle::Era), "令和元年度");
        assert_eq!(Year::fiscal(1989).shown_ja(YearStyle::Era), "平成元年度");
        assert_eq!(Year::fiscal(2023).shown(YearStyle::Western), "FY2023");
        assert_eq!(Year::calendar(2019).shown_ja(YearStyle::Era), "2019年");
        assert_eq!(Year::fiscal(1900).shown(YearStyle::Era), "FY1900");
        for number in 1926..=2100 {
            for style in [YearStyle::Era, YearStyle::Western] {
                let year = Year::fiscal(number);
                assert_eq!(Year::parse(&year.shown(style)), Ok(year));
                assert_eq!(Year::parse(&year.shown_ja(style)), Ok(year));
            }
        }
    }

    #[test]
    fn era_conversion_round_trips_for_every_year() {
        for number in 1926..=2100 {
            for year in [Year::fiscal(number), Year::calendar(number)] {
                assert_eq!(Year::parse(&year.label()), Ok(year));
                assert_eq!(Year::parse(&year.label_ja()), Ok(year));
            }
        }
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        assert_eq!(Year::fiscal_containing(date), Year::fiscal(2025));
        assert_eq!(Year::fiscal(2025).first_day(), NaiveDate::from_ymd_opt(2025, 4, 1));
    }
}
