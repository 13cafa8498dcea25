//! The report as an Excel workbook an office can send on: a summary sheet, a
//! sheet per reform area (each indicator's baseline and target, the
//! evaluation's figures and the department's remarks), a sheet of every
//! year's actual and expected value, what changed since the previous
//! evaluation, the missing actuals and the method. Figures are number
//! cells in the indicator's display unit (`298,513` in a 千円 row, percentages
//! as ratios with a `0.0%` format, cut to its digits where the plan's rates
//! are truncated), statuses coloured, header rows frozen and
//! repeated on every printed page, A4 landscape fitted to the page's width.

use crate::content::{heading, AnnualReport, Area, Line, Row};
use crate::words::{self, pick};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use shihyo_core::eval::Status;
use shihyo_core::model::units::Unit;
use shihyo_core::model::{RuleId, RuleSpec};
use shihyo_core::output::display;
use shihyo_core::syntax::ast::{MetaKey, RateRounding};
use shihyo_core::syntax::Lang;

/// The workbook's bytes.
pub fn write(report: &AnnualReport) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new(report);
    let mut workbook = Workbook::new();
    // A fixed creation time (the writer would read the clock): the same plan and data
    // give the same bytes, from the CLI, the npm package and the app alike.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let title = format!("{} — {}", report.plan().name, words::title(report.lang));
    workbook.set_properties(&DocProperties::new().set_title(&title).set_creation_datetime(&created));
    let mut names = Vec::new();
    summary(workbook.add_worksheet(), report, &formats, &mut names)?;
    for area in &report.areas {
        area_sheet(workbook.add_worksheet(), report, area, &formats, &mut names)?;
    }
    years_sheet(workbook.add_worksheet(), report, &formats, &mut names)?;
    if report.previous.is_some() {
        changes(workbook.add_worksheet(), report, &formats, &mut names)?;
    }
    missing(workbook.add_worksheet(), report, &formats, &mut names)?;
    method(workbook.add_worksheet(), report, &formats, &mut names)?;
    workbook.save_to_buffer()
}

/// The cell formats, made once.
struct Formats {
    title: Format,
    header: Format,
    group: Format,
    text: Format,
    whole: Format,
    decimal: Format,
    percent: Format,
    /// With `rates N truncated`, the decimals a ratio keeps (a number format can only round).
    truncated: Option<u32>,
    /// Status cells by their fill.
    statuses: [(Status, Format); 4],
}

impl Formats {
    fn new(report: &AnnualReport) -> Formats {
        let border = |format: Format| format.set_border(FormatBorder::Thin).set_border_color(Color::RGB(0xC9D1D9));
        let digits = report.plan().rates.map_or(2, |rates| rates.digits);
        let percent = if digits == 0 { "0%".to_string() } else { format!("0.{}%", "0".repeat(digits as usize)) };
        let status = |fill: u32, ink: u32| {
            border(Format::new().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(ink)).set_align(FormatAlign::Center))
        };
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0xEEF1F4))
                    .set_text_wrap()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter),
            ),
            group: Format::new().set_bold().set_background_color(Color::RGB(0xF7F8FA)),
            text: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
            whole: border(Format::new().set_num_format("#,##0")),
            decimal: border(Format::new().set_num_format("#,##0.00")),
            percent: border(Format::new().set_num_format(&percent)),
            truncated: report.plan().rates.filter(|rates| rates.rounding == RateRounding::Truncated).map(|rates| rates.digits + 2),
            statuses: [
                (Status::Achieved, status(0xDAFBE1, 0x1A7F37)),
                (Status::OnTrack, status(0xDDF4FF, 0x0550AE)),
                (Status::Behind, status(0xFFF1A8, 0x7D5300)),
                (Status::NotAchieved, status(0xFFEBE9, 0xCF222E)),
            ],
        }
    }

    /// A ratio's number: cut to the digits shown where the plan truncates its rates (so
    /// that the cell shows what `eval` shows), else exact as far as a number cell goes.
    fn rate(&self, value: Decimal) -> f64 {
        let cut = self.truncated.map_or(value, |places| value.round_dp_with_strategy(places, RoundingStrategy::ToZero));
        cut.to_f64().unwrap_or(0.0)
    }

    /// A status's cell format: coloured as in the HTML report.
    fn status(&self, status: Status) -> &Format {
        let shade = match status {
            Status::Achieved | Status::Done => Status::Achieved,
            Status::OnTrack | Status::Pending => Status::OnTrack,
            Status::Behind => Status::Behind,
            Status::NotAchieved | Status::Overdue | Status::Error => Status::NotAchieved,
            _ => return &self.text,
        };
        self.statuses.iter().find(|(s, _)| *s == shade).map_or(&self.text, |(_, format)| format)
    }
}

/// A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\`), unique in the workbook.
fn sheet_name(wanted: &str, names: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().filter(|c| !"[]:*?/\\'".contains(*c)).collect();
    let clean = if clean.trim().is_empty() { "sheet".to_string() } else { clean.trim().to_string() };
    // Excel tells names apart ignoring case, in any script.
    let taken = |name: &str| names.iter().any(|n| n.to_lowercase() == name.to_lowercase());
    let mut name: String = clean.chars().take(31).collect();
    let mut number = 2;
    while taken(&name) {
        let suffix = format!(" {number}");
        name = clean.chars().take(31 - suffix.chars().count()).chain(suffix.chars()).collect();
        number += 1;
    }
    names.push(name.clone());
    name
}

/// The value a figure's cell holds, in the rule's display unit (a ratio for `%`).
fn in_display_unit(report: &AnnualReport, id: RuleId, value: Decimal) -> Decimal {
    let unit = &report.plan().rule(id).unit;
    match unit.unit {
        Unit::Percent => value,
        _ if unit.scale.is_zero() => value,
        _ => value.checked_div(unit.scale).unwrap_or(value),
    }
}

/// Writes a rule's figure as a number cell in its display unit.
fn figure(
    sheet: &mut Worksheet,
    at: (u32, u16),
    report: &AnnualReport,
    id: RuleId,
    value: Option<Decimal>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let Some(value) = value else {
        sheet.write_blank(at.0, at.1, &formats.text)?;
        return Ok(());
    };
    let shown = in_display_unit(report, id, value);
    let (number, format) = match report.plan().rule(id).unit.unit {
        Unit::Percent => (formats.rate(shown), &formats.percent),
        _ if shown.fract().is_zero() => (shown.to_f64().unwrap_or(0.0), &formats.whole),
        _ => (shown.to_f64().unwrap_or(0.0), &formats.decimal),
    };
    sheet.write_number_with_format(at.0, at.1, number, format)?;
    Ok(())
}

fn ratio(sheet: &mut Worksheet, at: (u32, u16), value: Option<Decimal>, formats: &Formats) -> Result<(), XlsxError> {
    match value {
        Some(value) => sheet.write_number_with_format(at.0, at.1, formats.rate(value), &formats.percent)?,
        None => sheet.write_blank(at.0, at.1, &formats.text)?,
    };
    Ok(())
}

fn headers(sheet: &mut Worksheet, row: u32, headings: &[String], formats: &Formats) -> Result<(), XlsxError> {
    for (column, heading) in headings.iter().enumerate() {
        sheet.write_string_with_format(row, column as u16, heading, &formats.header)?;
    }
    sheet.set_row_height(row, 30)?;
    Ok(())
}

/// Landscape A4, fitted to one page's width, the header row repeated, frozen under it.
fn print_setup(sheet: &mut Worksheet, header_row: u32, frozen_columns: u16) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, frozen_columns)?;
    Ok(())
}

/// The title lines every sheet starts with: the plan, the report, the sheet's subject.
fn title(sheet: &mut Worksheet, report: &AnnualReport, subject: &str, formats: &Formats) -> Result<(), XlsxError> {
    let lang = report.lang;
    let as_of = report.year_in_words(report.report.as_of.number);
    let line = match (lang, &report.report.scenario) {
        (Lang::Ja, None) => format!("{} — {as_of}時点", words::title(lang)),
        (Lang::Ja, Some(name)) => format!("{} — {as_of}時点（シナリオ「{name}」の予測を含む）", words::title(lang)),
        (Lang::En, None) => format!("{} — as of {as_of}", words::title(lang)),
        (Lang::En, Some(name)) => format!("{} — as of {as_of} (scenario “{name}”)", words::title(lang)),
    };
    sheet.write_string_with_format(0, 0, &report.plan().name, &formats.title)?;
    sheet.write_string(1, 0, &line)?;
    sheet.write_string_with_format(2, 0, subject, &Format::new().set_bold())?;
    Ok(())
}

fn summary(sheet: &mut Worksheet, report: &AnnualReport, formats: &Formats, names: &mut Vec<String>) -> Result<(), XlsxError> {
    let lang = report.lang;
    sheet.set_name(sheet_name(pick(lang, "Summary", "概要"), names))?;
    let plan = report.plan();
    title(
        sheet,
        report,
        &format!(
            "{} {}〜{}",
            pick(lang, "Plan period", "計画期間"),
            report.year_in_words(plan.period.0),
            report.year_in_words(plan.period.1)
        ),
        formats,
    )?;
    let statuses: Vec<Status> = report.counts().keys().copied().collect();
    let mut headings = vec![pick(lang, "Area", "改革項目").to_string(), pick(lang, "Grade", "評価").to_string()];
    if let Some(previous) = &report.previous {
        headings.push(format!("{} ({})", pick(lang, "Grade then", "前回の評価"), report.year(previous.report.as_of.number)));
    }
    headings.extend(statuses.iter().map(|s| s.label(lang).to_string()));
    headings.push(pick(lang, "Indicators", "指標数").to_string());
    let header_row = 4;
    headers(sheet, header_row, &headings, formats)?;
    let mut row = header_row + 1;
    let mut line = |sheet: &mut Worksheet,
                    name: &str,
                    grade: Option<&str>,
                    then: Option<Option<String>>,
                    counts: &std::collections::BTreeMap<Status, usize>|
     -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, name, &formats.text)?;
        sheet.write_string_with_format(row, 1, grade.unwrap_or("—"), &formats.text)?;
        let mut column = 2;
        if let Some(then) = then {
            sheet.write_string_with_format(row, column, then.as_deref().unwrap_or("—"), &formats.text)?;
            column += 1;
        }
        for status in &statuses {
            let count = counts.get(status).copied().unwrap_or(0);
            sheet.write_number_with_format(row, column, count as f64, formats.status(*status))?;
            column += 1;
        }
        sheet.write_number_with_format(row, column, counts.values().sum::<usize>() as f64, &formats.whole)?;
        row += 1;
        Ok(())
    };
    for area in &report.areas {
        let name = area.heading();
        line(sheet, &name, area.result.grade.as_deref(), report.previous_grade(area), &area.result.counts)?;
    }
    let then = report.previous.as_ref().map(|p| p.report.root.grade.clone());
    line(sheet, pick(lang, "Overall", "総合"), report.report.root.grade.as_deref(), then, report.counts())?;
    sheet.set_column_width(0, 44)?;
    sheet.set_column_range_width(1, headings.len() as u16, 10)?;
    print_setup(sheet, header_row, 1)
}

/// The columns of an area sheet: the rule, its baseline and target, each year's actual
/// and expected value, the evaluation's figures, the remarks.
fn area_headings(report: &AnnualReport) -> Vec<String> {
    let lang = report.lang;
    let mut headings: Vec<String> = [
        pick(lang, "No.", "番号"),
        pick(lang, "Indicator", "指標"),
        pick(lang, "Unit", "単位"),
        pick(lang, "Base year", "基準年度"),
        pick(lang, "Baseline", "基準値"),
        pick(lang, "Comparator", "比較"),
        pick(lang, "Target", "目標"),
        pick(lang, "Target year", "目標年度"),
    ]
    .map(str::to_string)
    .to_vec();
    headings.extend(
        [
            pick(lang, "Actual (as of)", "実績（評価時点）"),
            pick(lang, "Year of actual", "実績の年度"),
            pick(lang, "Expected", "期待値"),
            pick(lang, "Vs expected (%)", "期待値比（%）"),
            pick(lang, "Achievement (%)", "達成率（%）"),
            pick(lang, "Progress (%)", "進捗率（%）"),
            pick(lang, "Status", "状況"),
            pick(lang, "Grade", "評価"),
            pick(lang, "Comment", "評価コメント"),
            pick(lang, "Outlook", "今後の方向性"),
            pick(lang, "Owner", "所管課"),
            pick(lang, "Source", "出典"),
            pick(lang, "Ground", "根拠"),
        ]
        .map(str::to_string),
    );
    headings
}

fn area_sheet(
    sheet: &mut Worksheet,
    report: &AnnualReport,
    area: &Area,
    formats: &Formats,
    names: &mut Vec<String>,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let area_heading = area.heading();
    sheet.set_name(sheet_name(&area_heading, names))?;
    let grade = area.result.grade.as_deref().unwrap_or("—");
    title(
        sheet,
        report,
        &format!(
            "{area_heading} — {} {grade}（{}）",
            pick(lang, "grade", "評価"),
            display::group_figures(report.plan(), &area.result, lang)
        ),
        formats,
    )?;
    let headings = area_headings(report);
    let header_row = 4;
    headers(sheet, header_row, &headings, formats)?;
    for (row, line) in (header_row + 1..).zip(&area.lines) {
        match line {
            Line::Group { id, title, result, .. } => {
                sheet.write_string_with_format(row, 1, heading(id.as_deref(), title), &formats.group)?;
                sheet.write_string_with_format(row, FIGURES + 7, result.grade.as_deref().unwrap_or("—"), &formats.group)?;
            }
            Line::Rule(rule_row) => rule_line(sheet, row, report, rule_row, formats)?,
        }
    }
    // Widths in characters: the name and the remarks wrap; `source` and `basis`, last,
    // are kept in the sheet but out of the printed page, which fits the rest to its width.
    for (column, width) in AREA_WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    let last_row = header_row + area.lines.len() as u32;
    sheet.set_print_area(0, 0, last_row, FIGURES + 10)?;
    print_setup(sheet, header_row, 2)
}

/// The first column of an area sheet's evaluation figures (after the rule, its baseline and target).
const FIGURES: u16 = 8;
/// An area sheet's column widths, in characters.
const AREA_WIDTHS: [u16; 21] = [5, 30, 6, 7, 10, 4, 10, 7, 10, 7, 10, 8, 8, 8, 9, 5, 28, 22, 10, 30, 30];

/// The width of the sheet of years' name column, in characters.
const YEARS_NAME_WIDTH: usize = 36;

/// Every year of the period for every indicator: the year's actual and the expected
/// value the evaluation as of that year holds it against, area by area.
fn years_sheet(sheet: &mut Worksheet, report: &AnnualReport, formats: &Formats, names: &mut Vec<String>) -> Result<(), XlsxError> {
    let lang = report.lang;
    sheet.set_name(sheet_name(pick(lang, "By year", "年度別"), names))?;
    title(sheet, report, pick(lang, "Each year's actual and expected value", "各年度の実績と期待値"), formats)?;
    let mut headings: Vec<String> = [pick(lang, "Indicator", "指標"), pick(lang, "Unit", "単位")].map(str::to_string).to_vec();
    for year in &report.years {
        let year = report.year(*year);
        headings.push(format!("{year} {}", pick(lang, "actual", "実績")));
        headings.push(format!("{year} {}", pick(lang, "expected", "期待値")));
    }
    let header_row = 4;
    headers(sheet, header_row, &headings, formats)?;
    let mut row = header_row + 1;
    for area in &report.areas {
        sheet.write_string_with_format(row, 0, area.heading(), &formats.group)?;
        row += 1;
        for line in &area.lines {
            let Line::Rule(each) = line else { continue };
            let rule = report.plan().rule(each.id);
            let name = format!("{}{}", "　".repeat(each.depth), rule.name);
            sheet.write_string_with_format(row, 0, &name, &formats.text)?;
            fit_row(sheet, row, &[(&name, YEARS_NAME_WIDTH)])?;
            sheet.write_string_with_format(row, 1, &rule.unit.text, &formats.text)?;
            for (index, year) in each.years.iter().enumerate() {
                let column = 2 + 2 * index as u16;
                figure(sheet, (row, column), report, each.id, year.actual, formats)?;
                figure(sheet, (row, column + 1), report, each.id, year.expected, formats)?;
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, YEARS_NAME_WIDTH as f64)?;
    sheet.set_column_width(1, 6)?;
    sheet.set_column_range_width(2, headings.len() as u16 - 1, 10)?;
    print_setup(sheet, header_row, 1)
}

fn rule_line(sheet: &mut Worksheet, row: u32, report: &AnnualReport, line: &Row, formats: &Formats) -> Result<(), XlsxError> {
    let (plan, id) = (report.plan(), line.id);
    let (rule, result) = (plan.rule(id), report.report.rule(id));
    let outcome = &result.outcome;
    let text =
        |sheet: &mut Worksheet, column: u16, value: &str| sheet.write_string_with_format(row, column, value, &formats.text).map(|_| ());
    let year = |number: Option<i32>| number.map(|n| report.rule_year(id, n)).unwrap_or_default();
    text(sheet, 0, rule.meta(MetaKey::Id).unwrap_or(""))?;
    text(sheet, 1, &format!("{}{}", "　".repeat(line.depth), rule.name))?;

    text(sheet, 2, &rule.unit.text)?;
    text(sheet, 3, &year(outcome.baseline_year))?;
    figure(sheet, (row, 4), report, id, outcome.baseline, formats)?;
    let comparator = match &rule.spec {
        RuleSpec::Measured(measured) => measured.comparison.as_ref().map_or("", |c| display::comparator_text(c.comparator)),
        _ => "",
    };
    text(sheet, 5, comparator)?;
    match outcome.target {
        Some(_) => figure(sheet, (row, 6), report, id, outcome.target, formats)?,
        // `tbd`, a milestone, a composite: the cell the table shows.
        None => text(sheet, 6, &line.cells[0])?,
    }
    text(sheet, 7, &line.cells[1])?;
    let column = FIGURES;
    figure(sheet, (row, column), report, id, outcome.actual, formats)?;
    text(sheet, column + 1, &year(outcome.year))?;
    figure(sheet, (row, column + 2), report, id, outcome.expected, formats)?;
    ratio(sheet, (row, column + 3), outcome.pace_achievement, formats)?;
    ratio(sheet, (row, column + 4), outcome.achievement, formats)?;
    ratio(sheet, (row, column + 5), outcome.progress, formats)?;
    sheet.write_string_with_format(row, column + 6, outcome.status.label(report.lang), formats.status(outcome.status))?;
    text(sheet, column + 7, result.grade.as_deref().unwrap_or(""))?;
    let remarks = line.remarks.clone().unwrap_or_default();
    let (comment, outlook) = (remarks.comment.as_deref().unwrap_or(""), remarks.outlook.as_deref().unwrap_or(""));
    let width = |column: u16| usize::from(AREA_WIDTHS[usize::from(column)]);
    let name = format!("{}{}", "　".repeat(line.depth), rule.name);
    fit_row(sheet, row, &[(&name, width(1)), (comment, width(column + 8)), (outlook, width(column + 9))])?;
    text(sheet, column + 8, comment)?;
    text(sheet, column + 9, outlook)?;
    text(sheet, column + 10, remarks.owner.as_deref().or(rule.meta(MetaKey::Owner)).unwrap_or(""))?;
    text(sheet, column + 11, rule.meta(MetaKey::Source).unwrap_or(""))?;
    text(sheet, column + 12, rule.meta(MetaKey::Basis).unwrap_or(""))
}

fn changes(sheet: &mut Worksheet, report: &AnnualReport, formats: &Formats, names: &mut Vec<String>) -> Result<(), XlsxError> {
    let Some(previous) = &report.previous else { return Ok(()) };
    let lang = report.lang;
    let then = report.year(previous.report.as_of.number);
    let now = report.year(report.report.as_of.number);
    sheet.set_name(sheet_name(pick(lang, "Changes", "前回からの変化"), names))?;
    title(sheet, report, &format!("{then} → {now}"), formats)?;
    let headings: Vec<String> = [
        pick(lang, "Indicator", "指標").to_string(),
        pick(lang, "Area", "改革項目").to_string(),
        format!("{} ({then})", pick(lang, "Status", "状況")),
        format!("{} ({now})", pick(lang, "Status", "状況")),
        format!("{} ({then})", pick(lang, "Grade", "評価")),
        format!("{} ({now})", pick(lang, "Grade", "評価")),
        pick(lang, "Target met since", "目標の達成").to_string(),
    ]
    .to_vec();
    let header_row = 4;
    headers(sheet, header_row, &headings, formats)?;
    for (index, change) in previous.changes.iter().enumerate() {
        let row = header_row + 1 + index as u32;
        let rule = report.plan().rule(change.id);
        sheet.write_string_with_format(row, 0, &rule.name, &formats.text)?;
        sheet.write_string_with_format(row, 1, report.group_heading(change.id), &formats.text)?;
        sheet.write_string_with_format(row, 2, change.then.0.label(lang), formats.status(change.then.0))?;
        sheet.write_string_with_format(row, 3, change.now.0.label(lang), formats.status(change.now.0))?;
        sheet.write_string_with_format(row, 4, change.then.1.as_deref().unwrap_or("—"), &formats.text)?;
        sheet.write_string_with_format(row, 5, change.now.1.as_deref().unwrap_or("—"), &formats.text)?;
        sheet.write_string_with_format(row, 6, if change.met_since { pick(lang, "met", "達成") } else { "" }, &formats.text)?;
    }
    sheet.set_column_width(0, 44)?;
    sheet.set_column_range_width(1, 6, 12)?;
    print_setup(sheet, header_row, 1)
}

fn missing(sheet: &mut Worksheet, report: &AnnualReport, formats: &Formats, names: &mut Vec<String>) -> Result<(), XlsxError> {
    let lang = report.lang;
    sheet.set_name(sheet_name(pick(lang, "Missing actuals", "実績の未入力"), names))?;
    let subject = match lang {
        Lang::En => format!("{} indicators without their actual", report.missing.len()),
        Lang::Ja => format!("実績のない指標 {} 件", report.missing.len()),
    };
    title(sheet, report, &subject, formats)?;
    let headings: Vec<String> = [
        pick(lang, "Indicator", "指標"),
        pick(lang, "Area", "改革項目"),
        pick(lang, "Year needed", "必要な年度"),
        pick(lang, "Latest actual's year", "最新の実績の年度"),
        pick(lang, "Owner", "所管課"),
    ]
    .map(str::to_string)
    .to_vec();
    let header_row = 4;
    headers(sheet, header_row, &headings, formats)?;
    for (index, missing) in report.missing.iter().enumerate() {
        let row = header_row + 1 + index as u32;
        let rule = report.plan().rule(missing.id);
        sheet.write_string_with_format(row, 0, &rule.name, &formats.text)?;
        sheet.write_string_with_format(row, 1, report.group_heading(missing.id), &formats.text)?;
        sheet.write_string_with_format(row, 2, report.rule_year(missing.id, missing.year), &formats.text)?;
        sheet.write_string_with_format(row, 3, missing.last.map(|y| report.rule_year(missing.id, y)).unwrap_or_default(), &formats.text)?;
        sheet.write_string_with_format(row, 4, missing.owner.as_deref().unwrap_or(""), &formats.text)?;
    }
    sheet.set_column_width(0, 44)?;
    sheet.set_column_range_width(1, 4, 16)?;
    print_setup(sheet, header_row, 1)
}

/// Makes a row as tall as the most lines any of its wrapped texts takes in its column's
/// width (in characters; a full-width character takes two): spreadsheets do not refit a
/// row's height when they open a file.
fn fit_row(sheet: &mut Worksheet, row: u32, texts: &[(&str, usize)]) -> Result<(), XlsxError> {
    let lines = |text: &str, width: usize| {
        let wide: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        wide.div_ceil(width.max(1)).max(1)
    };
    let most = texts.iter().map(|(text, width)| lines(text, *width)).max().unwrap_or(1);
    if most > 1 {
        // Excel's tallest row is 409 points.
        sheet.set_row_height(row, (15.0 * most as f64).min(409.0))?;
    }
    Ok(())
}

/// The width of the method sheet's text column, in characters.
const METHOD_WIDTH: usize = 110;

fn method(sheet: &mut Worksheet, report: &AnnualReport, formats: &Formats, names: &mut Vec<String>) -> Result<(), XlsxError> {
    let (lang, plan) = (report.lang, report.plan());
    sheet.set_name(sheet_name(pick(lang, "Method", "評価の方法"), names))?;
    title(sheet, report, pick(lang, "Method", "評価の方法"), formats)?;
    let mut lines = vec![
        (pick(lang, "Achievement", "達成率"), display::formula_line(plan, lang)),
        (pick(lang, "Expected value", "期待値"), words::pace_rule(lang).to_string()),
        (pick(lang, "Roll-up", "集計"), words::rollup_rule(plan.rollup, lang).to_string()),
    ];
    lines.extend(words::grade_scale(plan, lang).into_iter().map(|line| (pick(lang, "Grades", "評価の基準"), line)));
    lines.extend(words::points_scale(plan, lang).into_iter().map(|line| (pick(lang, "Points", "点数の基準"), line)));
    for (heading, grades, points) in words::group_scales(plan, lang) {
        let label = pick(lang, "Grades and points", "評価・点数の基準");
        lines.extend(grades.into_iter().chain(points).map(|line| (label, format!("{heading} — {line}"))));
    }
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (index, (label, text)) in lines.iter().enumerate() {
        let row = 4 + index as u32;
        sheet.write_string_with_format(row, 0, *label, &Format::new().set_bold().set_align(FormatAlign::Top))?;
        sheet.write_string_with_format(row, 1, text, &wrap)?;
        fit_row(sheet, row, &[(text, METHOD_WIDTH)])?;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, METHOD_WIDTH as f64)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}
