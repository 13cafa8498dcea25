//! Literals: names and strings, quantities with their unit, years and ranges of years, with their errors (a number out of range, a year that is not one).

use super::*;
use crate::number::{parse_quantity, NumberError};
use crate::tr;
use crate::year::{Year, YearError};
use pest::iterators::Pair;

impl Builder<'_> {
    pub(super) fn name(&mut self, pair: Pair<Syntax>) -> Name {
        let string = if pair.as_rule() == Syntax::name { pair.into_inner().next().expect("name wraps a string") } else { pair };
        self.string(string)
    }

    pub(super) fn string(&mut self, pair: Pair<Syntax>) -> Name {
        let span = self.span(&pair);
        let quoted = pair.as_str();
        let double = quoted.starts_with('"');
        let inner = pair.into_inner().next().expect("a string has contents");
        let inner_span = self.span(&inner);
        let written = &self.source.original()[inner_span];
        let (text, key) =
            if double { (unescape(written), unescape(inner.as_str())) } else { (written.to_string(), inner.as_str().to_string()) };
        // Spaces around a name (full-width too) are not part of it, here as in data files.
        Name { text: text.trim().to_string(), key: key.trim().to_string(), span }
    }

    pub(super) fn year(&mut self, pair: Pair<Syntax>) -> Built<YearLit> {
        let span = self.span(&pair);
        match Year::parse(pair.as_str()) {
            Ok(year) => Ok(YearLit { year, span }),
            Err(error) => {
                let written = pair.as_str();
                let (message, hint) = match error {
                    YearError::EraYearZero => (
                        tr!("an era has no year 0: its first year is 元年 (1)", "元号に0年はありません（最初の年は元年です）"),
                        tr!(
                            "an era's first year is 1: `R1` (令和元年度), `H1` (平成元年度)",
                            "元号の最初の年は1年（元年）です：`R1`（令和元年度）、`H1`（平成元年度）"
                        ),
                    ),
                    YearError::OutOfRange => (
                        tr!("this year is out of range (1000–9999)", "年が範囲外です（西暦1000〜9999年）"),
                        tr!("a western year has four digits: `FY2025`, `2025年度`", "西暦は4桁で書きます：`FY2025`、`2025年度`"),
                    ),
                    YearError::Malformed => (
                        tr!("`{written}` is not a year", "「{written}」は年度として読めません"),
                        tr!(
                            "a fiscal year is written `R7`, `令和7年度`, `H31` or `FY2025`; a calendar year `2025年`",
                            "年度は `R7`・`令和7年度`・`H31`・`FY2025`、暦年は `2025年` のように書きます"
                        ),
                    ),
                };
                self.error(Code::E0102, span, message).hint = Some(hint);
                Err(())
            }
        }
    }

    pub(super) fn year_range(&mut self, pair: Pair<Syntax>) -> Built<YearRange> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = self.year(inner.next().ok_or(())?)?;
        let last = self.year(inner.next().ok_or(())?)?;
        let written = |year: &YearLit| self.source.original()[year.span.clone()].to_string();
        let (from, to) = (written(&first), written(&last));
        if first.year.calendar != last.year.calendar {
            let (fiscal, calendar) = if first.year.calendar { (&to, &from) } else { (&from, &to) };
            self.error(
                Code::E0103,
                span,
                tr!(
                    "`{fiscal}` is a fiscal year and `{calendar}` a calendar year: a range has years of one kind",
                    "「{fiscal}」は年度、「{calendar}」は暦年です。範囲は同じ種類の年で書きます"
                ),
            )
            .hint = Some(tr!(
                "write both as fiscal years (`R3..R7`) or both as calendar years (`2021年..2025年`)",
                "両方を年度（`R3..R7`）か、両方を暦年（`2021年..2025年`）で書いてください"
            ));
            return Err(());
        }
        if first.year > last.year {
            self.error(Code::E0103, span, tr!("the range `{from}..{to}` runs backwards", "範囲「{from}..{to}」が逆順です")).hint =
                Some(tr!("write the earlier year first: `{to}..{from}`", "前の年度を先に書いてください：`{to}..{from}`"));
            return Err(());
        }
        Ok(YearRange { first, last })
    }

    pub(super) fn signed_quantity(&mut self, pair: Pair<Syntax>) -> Built<Quantity> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = inner.next().ok_or(())?;
        let (negative, quantity) = match first.as_rule() {
            Syntax::sign => (true, inner.next().ok_or(())?),
            _ => (false, first),
        };
        let mut quantity = self.quantity(quantity)?;
        if negative {
            quantity.value = -quantity.value;
        }
        quantity.span = span;
        Ok(quantity)
    }

    pub(super) fn quantity(&mut self, pair: Pair<Syntax>) -> Built<Quantity> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let number = inner.next().ok_or(())?.as_str();
        let suffix = inner.next().map(|p| p.as_str());
        match parse_quantity(number, suffix) {
            Ok((value, unit)) => Ok(Quantity { value, unit, span }),
            Err(NumberError::Overflow) => {
                self.error(
                    Code::E0101,
                    span,
                    tr!(
                        "this number is outside the exact range (28 significant digits, up to 7.9 × 10²⁸)",
                        "この数は正確に扱える範囲（有効数字28桁、7.9×10²⁸まで）を超えています"
                    ),
                );
                Err(())
            }
            Err(NumberError::ComparatorInUnit { word, comparator }) => {
                let (written, unit) = (suffix.unwrap_or_default(), suffix.unwrap_or_default().trim_end_matches(word));
                let number = number.to_string();
                self.error(
                    Code::E0112,
                    span,
                    tr!(
                        "the unit `{written}` ends in `{word}`, which is a comparison, not a unit",
                        "単位「{written}」の末尾の「{word}」は比較で、単位ではありません"
                    ),
                )
                .hint = Some(tr!(
                    "a target says `{word}` with its comparator (`{comparator} {number}{unit}`); a value is written `{number}{unit}`",
                    "「{word}」は目標なら比較演算子で `{comparator} {number}{unit}`、値なら `{number}{unit}` と書きます"
                ));
                Err(())
            }
            Err(NumberError::MultiplierOrder) => {
                self.error(
                    Code::E0104,
                    span,
                    tr!(
                        "kanji multipliers must go from large to small (`4億2,148万1千`)",
                        "漢数字の位は大きい順に書きます（`4億2,148万1千`）"
                    ),
                );
                Err(())
            }
        }
    }
}

pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
