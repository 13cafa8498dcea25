//! The evaluation as people read it: a table grouped by reform area, columns
//! aligned by display width (so Japanese text lines up), statuses coloured
//! on a terminal and plain when piped; and the same rows as CSV.

use crate::diagnostics::color_choice;
use anstyle::{AnsiColor, Style};
use shihyo_core::display;
use shihyo_core::model::{GroupChild, GroupDef, Plan, RuleSpec, TargetDef};
use shihyo_core::report::{GroupResult, Report, RuleResult, Status};
use shihyo_core::syntax::ast::{AchievementFormula, Comparator, CompositeMode};
use shihyo_core::syntax::{Lang, Year};
use std::io::{IsTerminal, Write};
use unicode_width::UnicodeWidthStr;

/// The widest indicator name shown in full; longer ones end in `…`.
const NAME_WIDTH: usize = 34;

pub fn field_label(field: &str, lang: Lang) -> &str {
    match (field, lang) {
        (_, Lang::En) => field,
        ("target", Lang::Ja) => "目標",
        ("actual", Lang::Ja) => "実績",
        ("expected", Lang::Ja) => "期待値",
        ("achievement", Lang::Ja) => "達成率",
        ("pace_achievement", Lang::Ja) => "期待値比",
        ("progress", Lang::Ja) => "進捗率",
        ("status", Lang::Ja) => "状況",
        ("grade", Lang::Ja) => "評価",
        (other, Lang::Ja) => other,
    }
}

/// The columns aligned left (names, years, statuses, grades); figures align right.
const LEFT_ALIGNED: [usize; 4] = [0, 2, 8, 9];
/// The column of the status, coloured on a terminal.
const STATUS_COLUMN: usize = 8;

/// A count with its English noun: `1 rule`, `35 rules`.
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Pads text with spaces to a display width.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn status_style(status: Status) -> Style {
    let color = match status {
        Status::Achieved | Status::Done => AnsiColor::Green,
        Status::OnTrack | Status::Pending => AnsiColor::Cyan,
        Status::Behind => AnsiColor::Yellow,
        Status::NotAchieved | Status::Overdue | Status::Error => AnsiColor::Red,
        _ => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into()))
}

/// Columns aligned by display width: text to the left, figures to the right.
pub struct Columns {
    widths: Vec<usize>,
    left: Vec<usize>,
}

impl Columns {
    /// Columns as wide as the widest cell of each, with the given columns aligned left.
    pub fn new<'a>(rows: impl Iterator<Item = &'a [String]>, left: &[usize]) -> Columns {
        let mut widths: Vec<usize> = Vec::new();
        for row in rows {
            widths.resize(widths.len().max(row.len()), 0);
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        Columns { widths, left: left.to_vec() }
    }

    /// One row, cells padded to their column and joined by two spaces.
    pub fn line(&self, cells: &[String]) -> String {
        cells
            .iter()
            .zip(&self.widths)
            .enumerate()
            .map(|(index, (cell, width))| {
                let pad = " ".repeat(width.saturating_sub(cell.width()));
                if self.left.contains(&index) {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    }

    /// A horizontal rule as wide as the columns.
    pub fn rule(&self) -> String {
        "─".repeat(self.widths.iter().sum::<usize>() + 2 * self.widths.len().saturating_sub(1))
    }
}

/// One line of the table: a group heading or a rule's cells.
enum Row {
    Heading(String),
    Rule { cells: Vec<String>, status: Status },
}

pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn comparator_text(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        Comparator::Above => ">",
        Comparator::Below => "<",
        Comparator::Equal => "=",
    }
}

/// A year as the table shows it: `R7`, `FY2018`; a calendar year `CY2025`, or `2025年` in Japanese.
pub fn year_text(number: i32, calendar: bool, lang: Lang) -> String {
    let year = Year { number, calendar };
    match lang {
        Lang::Ja if calendar => year.label_ja(),
        _ => year.label(),
    }
}

pub fn rule_cells(plan: &Plan, report: &Report, result: &RuleResult, indent: usize, lang: Lang) -> Vec<String> {
    let rule = plan.rule(result.id);
    let unit = &rule.unit;
    let shown = |value: Option<rust_decimal::Decimal>| value.map_or_else(|| "—".to_string(), |v| display::quantity(v, unit));
    let ratio = |value: Option<rust_decimal::Decimal>| value.map_or_else(|| "—".to_string(), display::ratio);
    let words = |en: &'static str, ja: &'static str| if lang == Lang::Ja { ja } else { en };
    let target = match &rule.spec {
        RuleSpec::Measured(m) => match m.comparison.as_ref() {
            Some(c) if matches!(c.target, TargetDef::Tbd) => format!("{}{}", comparator_text(c.comparator), words(" tbd", "未定")),
            Some(c) => match result.target {
                Some(t) => format!("{}{}", comparator_text(c.comparator), display::quantity(t, unit)),
                None => format!("{} ?", comparator_text(c.comparator)),
            },
            None => "—".to_string(),
        },
        RuleSpec::Milestone { by } => match lang {
            Lang::En => format!("done by {}", year_text(*by, rule.calendar, lang)),
            Lang::Ja => format!("{}まで", year_text(*by, rule.calendar, lang)),
        },
        RuleSpec::Qualitative => words("qualitative", "定性").to_string(),
        RuleSpec::Composite { mode: CompositeMode::All, .. } => words("all of", "すべて").to_string(),
        RuleSpec::Composite { mode: CompositeMode::Any, .. } => words("any of", "いずれか").to_string(),
    };
    let target_year = match &rule.spec {
        RuleSpec::Measured(measured) if measured.every_year => words("every year", "毎年度").to_string(),
        _ => result.target_year.map_or_else(String::new, |y| year_text(y, rule.calendar, lang)),
    };
    // An actual from another year than the evaluation year (the target year, or the
    // year an `every year` rule failed) says which year it is.
    let mut actual = match (result.actual, result.year) {
        (Some(_), Some(year)) if year != report.as_of.number => {
            format!("{} ({})", shown(result.actual), year_text(year, rule.calendar, lang))
        }
        _ => shown(result.actual),
    };
    if result.projected {
        actual.push_str(PROJECTED_MARK);
    }
    let prefix = if rule.parent.is_some() { "└ " } else { "" };
    let name = truncate(&format!("{}{prefix}{}", "  ".repeat(indent), rule.name), NAME_WIDTH + indent * 2);
    vec![
        name,
        target,
        target_year,
        actual,
        shown(result.expected),
        ratio(result.pace_achievement),
        ratio(result.achievement),
        ratio(result.progress),
        result.status.label(lang).to_string(),
        result.grade.clone().unwrap_or_else(|| "—".to_string()),
    ]
}

fn counts_text(counts: &std::collections::BTreeMap<Status, usize>, lang: Lang) -> String {
    if counts.is_empty() {
        return match lang {
            Lang::En => "no rules".to_string(),
            Lang::Ja => "ルールなし".to_string(),
        };
    }
    counts.iter().map(|(status, count)| format!("{} {count}", status.label(lang))).collect::<Vec<_>>().join(", ")
}

fn collect_rows(plan: &Plan, report: &Report, def: &GroupDef, result: &GroupResult, depth: usize, rows: &mut Vec<Row>, lang: Lang) {
    let mut groups = result.groups.iter();
    for child in &def.children {
        match child {
            GroupChild::Group(inner_def) => {
                let Some(inner) = groups.next() else { continue };
                let title = match &inner_def.id {
                    Some(id) => format!("{id} {}", inner_def.title),
                    None => inner_def.title.clone(),
                };
                let grade_word = match lang {
                    Lang::En => "grade",
                    Lang::Ja => "評価",
                };
                let grade = inner.grade.clone().unwrap_or_else(|| "—".to_string());
                rows.push(Row::Heading(format!(
                    "{}{title}  [{grade_word} {grade}; {}]",
                    "  ".repeat(depth),
                    counts_text(&inner.counts, lang)
                )));
                collect_rows(plan, report, inner_def, inner, depth + 1, rows, lang);
            }
            GroupChild::Rule(id) => {
                push_rule(plan, report, *id, depth, rows, lang);
            }
        }
    }
}

fn push_rule(plan: &Plan, report: &Report, id: shihyo_core::RuleId, depth: usize, rows: &mut Vec<Row>, lang: Lang) {
    let result = report.rule(id);
    rows.push(Row::Rule { cells: rule_cells(plan, report, result, depth, lang), status: result.status });
    if let RuleSpec::Composite { members, .. } = &plan.rule(id).spec {
        for member in members {
            push_rule(plan, report, *member, depth + 1, rows, lang);
        }
    }
}

pub fn print_table(report: &Report, plan: &Plan, lang: Lang) {
    let stdout = std::io::stdout();
    let colour = color_choice(stdout.is_terminal()) != codespan_reporting::term::termcolor::ColorChoice::Never;
    let mut out = stdout.lock();
    let as_of = match lang {
        Lang::En => report.as_of.label(),
        Lang::Ja => report.as_of.label_ja(),
    };
    let formula = match (plan.achievement, lang) {
        (AchievementFormula::Ratio, Lang::En) => "achievement = actual / target; vs exp. = actual / expected, which the grade is of",
        (AchievementFormula::Ratio, Lang::Ja) => "達成率 = 実績 / 目標、期待値比 = 実績 / 期待値、評価は期待値比から",
        (AchievementFormula::Progress, Lang::En) => {
            "achievement = progress (A − B) / (T − B); vs exp. = (A − B) / (E − B), which the grade is of"
        }
        (AchievementFormula::Progress, Lang::Ja) => {
            "達成率 = 進捗率 (実績 − 基準値) / (目標 − 基準値)、期待値比 = (実績 − 基準値) / (期待値 − 基準値)、評価は期待値比から"
        }
    };
    let scenario = match (&report.scenario, lang) {
        (None, _) => String::new(),
        (Some(name), Lang::En) => format!(", scenario `{name}`"),
        (Some(name), Lang::Ja) => format!("、シナリオ「{name}」"),
    };
    let heading = match lang {
        Lang::En => format!("{}  — as of {as_of}{scenario}  ({formula})", plan.name),
        Lang::Ja => format!("{}  — {as_of}時点{scenario}  （{formula}）", plan.name),
    };
    let _ = writeln!(out, "{heading}\n");
    let header: Vec<String> = match lang {
        Lang::En => ["indicator", "target", "by", "actual", "expected", "vs exp.", "achiev.", "progress", "status", "grade"],
        Lang::Ja => ["指標", "目標", "目標年度", "実績", "期待値", "期待値比", "達成率", "進捗率", "状況", "評価"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = Vec::new();
    collect_rows(plan, report, &plan.root, &report.root, 0, &mut rows, lang);
    let rule_rows = rows.iter().filter_map(|row| if let Row::Rule { cells, .. } = row { Some(cells.as_slice()) } else { None });
    let columns = Columns::new(std::iter::once(header.as_slice()).chain(rule_rows), &LEFT_ALIGNED);
    let line = |cells: &[String]| columns.line(cells);
    let _ = writeln!(out, "{}", line(&header).trim_end());
    let _ = writeln!(out, "{}", columns.rule());
    for row in &rows {
        match row {
            Row::Heading(text) => {
                let bold = Style::new().bold();
                if colour {
                    let _ = writeln!(out, "{bold}{text}{bold:#}");
                } else {
                    let _ = writeln!(out, "{text}");
                }
            }
            Row::Rule { cells, status } => {
                let text = line(cells);
                let text = text.trim_end();
                if colour {
                    let style = status_style(*status);
                    let status_text = &cells[STATUS_COLUMN];
                    let coloured = text.replacen(status_text.as_str(), &format!("{style}{status_text}{style:#}"), 1);
                    let _ = writeln!(out, "{coloured}");
                } else {
                    let _ = writeln!(out, "{text}");
                }
            }
        }
    }
    let total: usize = report.root.counts.values().sum();
    let grade = report.root.grade.clone().unwrap_or_else(|| "—".to_string());
    let counts = counts_text(&report.root.counts, lang);
    let has_composites = plan.rules.iter().any(|rule| matches!(rule.spec, RuleSpec::Composite { .. }));
    let composites = match (has_composites, lang) {
        (false, _) => "",
        (true, Lang::En) => " (a composite counts once, with its members)",
        (true, Lang::Ja) => "（複合ルールは内訳を含めて 1 件）",
    };
    let _ = match lang {
        Lang::En => writeln!(out, "\n{}{composites}: {counts}. Overall grade: {grade}", counted(total, "rule")),
        Lang::Ja => writeln!(out, "\n全 {total} 件{composites}: {counts}。総合評価: {grade}"),
    };
    if report.rules.iter().any(|r| r.projected) {
        let _ = match lang {
            Lang::En => writeln!(out, "{PROJECTED_MARK} computed from the scenario's projections, not from actuals only"),
            Lang::Ja => writeln!(out, "{PROJECTED_MARK} シナリオの見通し（予測値）を含む値"),
        };
    }
}

/// Marks an actual that is, or is computed from, a projection.
const PROJECTED_MARK: &str = "*";

pub fn print_csv(report: &Report, plan: &Plan, lang: Lang) {
    let mut writer = csv::Writer::from_writer(std::io::stdout().lock());
    let header = [
        "name",
        "kind",
        "group",
        "comparator",
        "unit",
        "target",
        "target_year",
        "baseline_year",
        "baseline",
        "year",
        "actual",
        "expected",
        "achievement",
        "pace_achievement",
        "progress",
        "status",
        "grade",
        "projected",
        "message",
        "source",
    ];
    let _ = writer.write_record(header);
    let decimal = |value: Option<rust_decimal::Decimal>| value.map_or_else(String::new, |v| v.normalize().to_string());
    for result in &report.rules {
        let rule = plan.rule(result.id);
        let year = |number: Option<i32>| number.map_or_else(String::new, |n| Year { number: n, calendar: rule.calendar }.label());
        let comparator = match &rule.spec {
            RuleSpec::Measured(m) => m.comparison.as_ref().map_or("", |c| c.comparator.symbol()),
            _ => "",
        };
        let kind = match &rule.spec {
            RuleSpec::Composite { mode, .. } => format!("{mode:?}").to_lowercase(),
            _ => rule.kind.keyword().to_string(),
        };
        let _ = writer.write_record([
            rule.name.clone(),
            kind,
            rule.group_path.clone().unwrap_or_default(),
            comparator.to_string(),
            rule.unit().machine_name().unwrap_or("").to_string(),
            decimal(result.target),
            year(result.target_year),
            year(result.baseline_year),
            decimal(result.baseline),
            year(result.year),
            decimal(result.actual),
            decimal(result.expected),
            decimal(result.achievement),
            decimal(result.pace_achievement),
            decimal(result.progress),
            result.status.name().to_string(),
            result.grade.clone().unwrap_or_default(),
            result.projected.to_string(),
            result.message.as_ref().map(|m| m.get(lang).to_string()).unwrap_or_default(),
            rule.meta(shihyo_core::syntax::ast::MetaKey::Source).unwrap_or("").to_string(),
        ]);
    }
    let _ = writer.flush();
}
