//! The data entries checked against the plan: every name known, one value per indicator and year, each value of the rule's kind and converted to base units, and the remarks on each figure gathered (from its value's row and from rows of remarks alone).

use super::magnitudes::{self, TypedCell};
use super::Checker;
use crate::model::data::{Actual, ActualValue, Dataset, RemarkSet, Remarks};
use crate::model::units::Unit;
use crate::model::*;
use crate::read::RawEntry;
use rust_decimal::Decimal;
use shihyo_syntax::name_key;
use shihyo_syntax::number::UnitLiteral;
use shihyo_syntax::year::YearStyle;
use shihyo_syntax::Code;
use shihyo_syntax::{closest, did_you_mean_name, tr, CellValue, Diagnostic, Localized};
use std::collections::BTreeMap;

impl Checker {
    pub(super) fn dataset(&mut self, plan: &Plan, data: Vec<RawEntry>) -> (Dataset, RemarkSet) {
        let mut dataset: Dataset = vec![BTreeMap::new(); plan.rules.len()];
        let mut remarks = RemarkSet::new();
        // An unknown name is reported once per place it is written (a wide CSV row names
        // its indicator once for all its years).
        let mut unknown_reported = std::collections::HashSet::new();
        let mut typed = Vec::new();
        // A year of the other kind is reported once per file and year (a wide CSV's header, a long one's rows).
        let mut reported_kinds = std::collections::HashSet::new();
        for mut entry in data {
            let key = name_key(&entry.name);
            let Some(&id) = self.names.get(&key) else {
                if !unknown_reported.insert((entry.name_origin.file, entry.name_origin.span.start)) {
                    continue;
                }
                let suggestion = closest(&key, self.names.keys().map(String::as_str))
                    .and_then(|k| self.names.get(k))
                    .map(|id| plan.rule(*id).name.clone());
                let shown = &entry.name;
                let mut diagnostic = Diagnostic::error(
                    Code::E0230,
                    entry.name_origin.file,
                    entry.name_origin.span.clone(),
                    tr!("data for `{shown}`, which the plan does not define", "計画にない指標「{shown}」のデータです"),
                );
                diagnostic.hint = did_you_mean_name(shown, suggestion.as_deref()).or_else(|| {
                    Some(tr!(
                        "add a rule for it to the plan (`outcome \"{shown}\" >= …`), or remove this data",
                        "計画にこの指標のルール（`outcome \"{shown}\" >= …`）を加えるか、このデータを消してください"
                    ))
                });
                self.diagnostics.push(diagnostic);
                continue;
            };
            let rule = plan.rule(id);
            let shown = &rule.name;
            if !plan.year_window().contains(&entry.year.number) {
                // A year so far off is shown in western years: no era names it.
                let (label, label_ja, most) =
                    (entry.year.shown(YearStyle::Western), entry.year.shown_ja(YearStyle::Western), MAX_PERIOD_YEARS);
                let message = tr!(
                    "{label} is more than {most} years from the plan's period",
                    "{label_ja}は計画の期間から{most}年を超えて離れています"
                );
                let hint = tr!("is it a typing slip (`2030` for `2300`)?", "打ち間違いではありませんか（`2300` と `2030` など）");
                self.diagnostics
                    .push(Diagnostic::error(Code::E0219, entry.origin.file, entry.origin.span.clone(), message).with_hint(hint));
                continue;
            }
            if entry.year.calendar != rule.calendar && reported_kinds.insert((entry.year_origin.file, entry.year)) {
                self.diagnostics.push(other_kind_of_year(rule, &entry, plan.years));
            }
            let year_shown = entry.year.shown(plan.years);
            let Some(cell) = entry.value.take() else {
                // Remarks alone: the figure's value is written elsewhere, or not known yet.
                let written = std::mem::take(&mut entry.remarks);
                self.remark(&mut remarks, plan, id, &entry, written);
                continue;
            };
            let typed_number = match (&rule.spec, &cell) {
                (RuleSpec::Measured(_), CellValue::Number(value, literal)) => Some((*value, *literal == UnitLiteral::Plain)),
                _ => None,
            };
            let value = actual_value(plan, rule, cell, &year_shown);
            if let (Some((written, bare)), Ok(ActualValue::Number(base)), Unit::Yen | Unit::Percent) = (typed_number, &value, rule.unit()) {
                let (year, origin) = (entry.year, entry.origin.clone());
                typed.push(TypedCell { rule: id, year, typed: written, value: *base, bare, origin });
            }
            let value = match value {
                Ok(value) => value,
                Err(message) => {
                    self.diagnostics.push(Diagnostic::error(Code::E0232, entry.origin.file, entry.origin.span.clone(), message));
                    continue;
                }
            };
            let actual = Actual { value, origin: entry.origin.clone(), projected: false };
            let written = std::mem::take(&mut entry.remarks);
            match dataset[id.0].get(&entry.year.number) {
                Some(first) => {
                    let (year, year_ja) = (entry.year.shown(plan.years), entry.year.shown_ja(plan.years));
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::E0231,
                            entry.origin.file,
                            entry.origin.span.clone(),
                            tr!("`{shown}` has two values for {year}", "「{shown}」の{year_ja}の値が二つあります"),
                        )
                        .with_related(first.origin.file, first.origin.span.clone(), tr!("the first value", "一つ目の値"))
                        .with_hint(tr!(
                            "keep one of the two (R1, 令和元年度, H31 and FY2019 are one year)",
                            "どちらか一方を消してください（R1・令和元年度・H31・FY2019 は同じ年度です）"
                        )),
                    );
                }
                None => {
                    dataset[id.0].insert(entry.year.number, actual);
                    self.remark(&mut remarks, plan, id, &entry, written);
                }
            }
        }
        self.diagnostics.extend(magnitudes::warnings(plan, &typed));
        (dataset, remarks)
    }

    /// Adds what an entry says of a figure to that figure's remarks (a value's row and a
    /// row of remarks alone may each say some of them); a remark said twice is E0231,
    /// and the first is kept.
    fn remark(&mut self, remarks: &mut RemarkSet, plan: &Plan, id: RuleId, entry: &RawEntry, written: Remarks) {
        if written.is_empty() {
            return;
        }
        let kept = remarks.entry((id, entry.year.number)).or_default();
        let fields = [
            (&mut kept.comment, written.comment, "comment", "評価コメント"),
            (&mut kept.outlook, written.outlook, "outlook", "今後の方向性"),
            (&mut kept.owner, written.owner, "owner", "所管課"),
        ];
        for (slot, said, en, ja) in fields {
            let Some(said) = said else { continue };
            if slot.is_some() {
                let (shown, year, year_ja) = (&plan.rule(id).name, entry.year.shown(plan.years), entry.year.shown_ja(plan.years));
                let message = tr!("`{shown}` has two {en}s for {year}", "「{shown}」の{year_ja}の{ja}が二つあります");
                let hint = tr!("keep one of the two: the first is the one used", "どちらか一方を消してください（使われるのは一つ目です）");
                self.diagnostics
                    .push(Diagnostic::error(Code::E0231, entry.origin.file, entry.origin.span.clone(), message).with_hint(hint));
            } else {
                *slot = Some(said);
            }
        }
    }
}

/// W0235: a calendar year in the data of a fiscal-year rule, or a fiscal year in a calendar-year one.
fn other_kind_of_year(rule: &RuleDef, entry: &RawEntry, style: YearStyle) -> Diagnostic {
    let (shown, year) = (&rule.name, entry.year);
    let (written_en, written_ja) = (year.shown(style), year.shown_ja(style));
    let taken = year.as_kind(rule.calendar);
    let (taken_en, taken_ja) = (taken.shown(style), taken.shown_ja(style));
    let origin = &entry.year_origin;
    let (message, hint) = if year.calendar {
        (
            tr!(
                "a calendar year (January to December), {written_en}, in the data of `{shown}`, which counts fiscal years: it is taken as {taken_en}",
                "「{shown}」は年度で数えますが、データに暦年（1月〜12月）の{written_ja}があります。{taken_ja}として読みました"
            ),
            tr!(
                "write the fiscal year ({taken_en}, {taken_ja}); if the indicator counts calendar years, write its rule's `by` year as one (`by 2027年`)",
                "年度で書いてください（{taken_en}、{taken_ja}）。指標が暦年で数えるものなら、ルールの `by` を暦年で書きます（`by 2027年`）"
            ),
        )
    } else {
        (
            tr!(
                "a fiscal year (April to March), {written_en}, in the data of `{shown}`, which counts calendar years: it is taken as {taken_en}",
                "「{shown}」は暦年で数えますが、データに年度（4月〜3月）の{written_ja}があります。{taken_ja}として読みました"
            ),
            tr!("write the calendar year ({taken_en}, {taken_ja})", "暦年で書いてください（{taken_en}、{taken_ja}）"),
        )
    };
    Diagnostic::warning(Code::W0235, origin.file, origin.span.clone(), message).with_hint(hint)
}

/// What a data cell means for `rule`: its value in base units, or why it cannot be one
/// (data for an `any`/`all` or a derived indicator, a number for a milestone, an unknown
/// grade, a unit that does not fit). `year_shown` is the year as the plan writes it.
pub(crate) fn actual_value(plan: &Plan, rule: &RuleDef, cell: CellValue, year_shown: &str) -> Result<ActualValue, Localized> {
    let shown = &rule.name;
    match (&rule.spec, cell) {
        (RuleSpec::Composite { .. }, _) => Err(tr!(
            "`{shown}` is an `any`/`all` rule: give data to its members",
            "「{shown}」は `any`/`all` のルールです。データはその中のルールに付けてください"
        )),
        (RuleSpec::Measured(measured), _) if measured.derivation.is_some() => Err(tr!(
            "`{shown}` is derived: its values are computed from the indicators it reads; give their data instead, and remove this",
            "「{shown}」は派生指標で、値は元の指標から計算されます。このデータを消し、元の指標の実績を書いてください"
        )),
        (RuleSpec::Milestone { .. }, CellValue::Done) => Ok(ActualValue::Done),
        (RuleSpec::Milestone { .. }, _) => Err(tr!(
            "`{shown}` is a milestone: write `done` in the year it was done (`{year_shown}: done`), not a number",
            "「{shown}」はマイルストーンです。数値ではなく、達成した年度に `done` と書きます（`{year_shown}: done`）"
        )),
        (RuleSpec::Qualitative, CellValue::Grade(grade)) => {
            let grades = plan.grades_of(rule.scale);
            if grades.iter().any(|g| g.name == grade) {
                Ok(ActualValue::Grade(grade))
            } else {
                let known: Vec<&str> = grades.iter().map(|g| g.name.as_str()).collect();
                let (list, list_ja) = (known.join(", "), known.join("・"));
                Err(tr!(
                    "`{grade}` is not one of the plan's grades ({list}): write one of them, or add it to `grades {{ … }}`",
                    "「{grade}」は評価の段階（{list_ja}）にありません。そのどれかを書くか、`grades {{ … }}` に加えてください"
                ))
            }
        }
        (RuleSpec::Qualitative, _) => Err(tr!(
            "`{shown}` is qualitative: its data is a grade given by hand (`{year_shown}: grade B`)",
            "「{shown}」は定性的な指標です。データは手で付けた評価です（`{year_shown}: grade B`）"
        )),
        (RuleSpec::Measured(_), CellValue::Number(value, literal)) => convert(value, &literal, rule),
        (RuleSpec::Measured(_), _) => Err(tr!(
            "`{shown}` takes numbers, not `done` or a grade: write its actual (`{year_shown}: 120`)",
            "「{shown}」は数値の指標なので、`done` や評価は書けません。実績の数値を書いてください（`{year_shown}: 120`）"
        )),
    }
}

/// Converts a data number to the indicator's base unit.
pub(super) fn convert(value: Decimal, literal: &UnitLiteral, rule: &RuleDef) -> Result<ActualValue, Localized> {
    let unit = Unit::of_literal(literal);
    if unit == Unit::Plain {
        // A bare value is in the indicator's unit: percent, or money in its display unit (`unit 千円`).
        let converted = match rule.unit() {
            Unit::Percent => value.checked_div(Decimal::ONE_HUNDRED),
            Unit::Yen => value.checked_mul(rule.unit.scale),
            _ => Some(value),
        };
        return converted
            .map(ActualValue::Number)
            .ok_or_else(|| tr!("this value is outside the exact decimal range", "この値は正確に扱える範囲を超えています"));
    }
    // 「3OO」, 「16O」: a letter O (or l) typed for a digit 0 (or 1) reads as a unit, which
    // an indicator without one would take; only a rule written in that unit takes it.
    if unit.is_letters_for_digits() && *rule.unit() != unit {
        return Err(tr!(
            "`{unit}` after the number is not a unit: is the letter O or l typed for the digit 0 or 1?",
            "数値の後の「{unit}」は単位ではありません。数字の 0 や 1 の代わりに英字の O や l を打っていませんか"
        ));
    }
    match rule.unit().unify(&unit) {
        Ok(_) => Ok(ActualValue::Number(value)),
        Err(_) => {
            let (shown, expected) = (&rule.name, rule.unit());
            Err(tr!(
                "this value is in {unit}, but `{shown}` is in {expected}: write it in {expected}, or correct the rule's `unit` if {unit} is right",
                "この値の単位は{unit}ですが、「{shown}」の単位は{expected}です。{expected}で書くか、{unit}が正しければルールの `unit` を直してください"
            ))
        }
    }
}
