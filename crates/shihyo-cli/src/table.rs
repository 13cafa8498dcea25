//! The evaluation as people read it: a table grouped by reform area, columns
//! aligned by display width (so Japanese text lines up), statuses coloured
//! on a terminal and plain when piped; and the same rows as CSV.

use crate::diagnostics::color_choice;
use anstyle::{AnsiColor, Style};
use shihyo_core::eval::{Report, RuleResult, Status};
use shihyo_core::model::{Plan, RuleSpec};
use shihyo_core::output::display;
use shihyo_core::syntax::Lang;
use std::io::{IsTerminal, Write};
use unicode_width::UnicodeWidthStr;

/// The widest indicator name shown in full; longer ones end in `…`.
pub const NAME_WIDTH: usize = 34;

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

/// A rule's row: its name (indented under its group), then its figures.
pub fn rule_cells(plan: &Plan, report: &Report, result: &RuleResult, indent: usize, lang: Lang) -> Vec<String> {
    let rule = plan.rule(result.id);
    let prefix = if rule.parent.is_some() { "└ " } else { "" };
    let name = truncate(&format!("{}{prefix}{}", "  ".repeat(indent), rule.name), NAME_WIDTH + indent * 2);
    std::iter::once(name).chain(display::figure_cells(plan, report, result, lang)).collect()
}

fn collect_rows(plan: &Plan, report: &Report, rows: &mut Vec<Row>, lang: Lang) {
    for line in display::lines(plan, report) {
        match line {
            display::Line::Group { def, result, depth } => {
                let title = match &def.id {
                    Some(id) => format!("{id} {}", def.title),
                    None => def.title.clone(),
                };
                let grade_word = match lang {
                    Lang::En => "grade",
                    Lang::Ja => "評価",
                };
                let grade = result.grade.clone().unwrap_or_else(|| "—".to_string());
                rows.push(Row::Heading(format!(
                    "{}{title}  [{grade_word} {grade}; {}]",
                    "  ".repeat(depth),
                    display::group_figures(plan, result, lang)
                )));
            }
            display::Line::Rule { id, depth } => {
                let result = report.rule(id);
                rows.push(Row::Rule { cells: rule_cells(plan, report, result, depth, lang), status: result.outcome.status });
            }
        }
    }
}

pub fn print_table(report: &Report, plan: &Plan, lang: Lang) {
    let colour = color_choice(std::io::stdout().is_terminal()) != codespan_reporting::term::termcolor::ColorChoice::Never;
    let mut out = crate::stdout::buffered();
    let as_of = match lang {
        Lang::En => report.as_of.shown(plan.years),
        Lang::Ja => report.as_of.shown_ja(plan.years),
    };
    let formula = shihyo_core::output::display::formula_line(plan, lang);
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
    let indicator = if lang == Lang::Ja { "指標" } else { "indicator" };
    let headings = shihyo_core::output::display::figure_headings(lang);
    let header: Vec<String> = std::iter::once(indicator).chain(headings).map(str::to_string).collect();
    let mut rows = Vec::new();
    collect_rows(plan, report, &mut rows, lang);
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
    let mut grade = report.root.grade.clone().unwrap_or_else(|| "—".to_string());
    if let Some(points) = display::points_text(&report.root, lang) {
        grade = match lang {
            Lang::En => format!("{grade} ({points})"),
            Lang::Ja => format!("{grade}（{points}）"),
        };
    }
    let counts = display::counts_text(&report.root.counts, lang);
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
            Lang::En => writeln!(out, "{} computed from the scenario's projections, not from actuals only", display::PROJECTED_MARK),
            Lang::Ja => writeln!(out, "{} シナリオの見通し（予測値）を含む値", display::PROJECTED_MARK),
        };
    }
}

pub fn print_csv(report: &Report, project: &shihyo_core::Project, lang: Lang) {
    print!("{}", shihyo_core::output::csv::to_csv(report, &project.plan, &project.remarks, lang));
}
