//! The report as one self-contained HTML file: its style sheet and drawings
//! inline, no script, and a Content-Security-Policy that forbids every
//! request, so it opens the same from a disk, a mail or a web server. On
//! screen it reads as pages; printed, it is A4 landscape with the cover, the
//! summary, what changed, each reform area, the missing actuals and the
//! method each starting a page, every table's header repeated on each page
//! and no indicator split across two.

use crate::content::{heading, AnnualReport, Area, Line, Row};
use crate::markup::escape;
use crate::svg;
use crate::words::{self, pick};
use shihyo_core::eval::Status;
use shihyo_core::model::RuleId;
use shihyo_core::output::chart::Labels;
use shihyo_core::output::display;
use shihyo_core::syntax::ast::MetaKey;
use shihyo_core::syntax::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;

const STYLE: &str = include_str!("report.css");

/// A figure for a narrow cell: escaped, and free to wrap only between the number and
/// its unit (`298,513` / `千円`), never inside either.
fn figure(text: &str) -> String {
    let split = text.char_indices().find(|(index, c)| {
        let after_digit = text[..*index].chars().next_back().is_some_and(|p| p.is_ascii_digit());
        after_digit && !c.is_ascii_digit() && !",.%".contains(*c)
    });
    match split {
        Some((index, _)) => {
            format!("<span class=\"n\">{}</span><wbr><span class=\"n\">{}</span>", escape(&text[..index]), escape(&text[index..]))
        }
        None => format!("<span class=\"n\">{}</span>", escape(text)),
    }
}

/// The whole report as HTML.
pub fn render(report: &AnnualReport) -> String {
    let lang = report.lang;
    let plan = report.plan();
    let as_of = report.year_in_words(report.report.as_of.number);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"shihyo\">\n<title>{} — {}（{}）</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        if lang == Lang::Ja { "ja" } else { "en" },
        escape(&plan.name),
        words::title(lang),
        escape(&as_of),
    );
    cover(&mut out, report);
    summary(&mut out, report);
    if report.previous.is_some() {
        changes(&mut out, report);
    }
    for (index, area) in report.areas.iter().enumerate() {
        area_section(&mut out, report, area, index);
    }
    readiness(&mut out, report);
    method(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

/// `令和5年度時点` / `as of R5`, with the scenario if any.
fn as_of_phrase(report: &AnnualReport) -> String {
    let year = report.year_in_words(report.report.as_of.number);
    let scenario = report.report.scenario.as_deref().map(escape);
    match (report.lang, scenario) {
        (Lang::Ja, None) => format!("{}時点", escape(&year)),
        (Lang::Ja, Some(name)) => format!("{}時点（シナリオ「{name}」の予測を含む）", escape(&year)),
        (Lang::En, None) => format!("as of {}", escape(&year)),
        (Lang::En, Some(name)) => format!("as of {} (with the projections of scenario “{name}”)", escape(&year)),
    }
}

fn area_heading(area: &Area) -> String {
    escape(&area.heading())
}

fn cover(out: &mut String, report: &AnnualReport) {
    let (lang, plan) = (report.lang, report.plan());
    let period = format!("{}〜{}", report.year_in_words(plan.period.0), report.year_in_words(plan.period.1));
    let _ = writeln!(
        out,
        "<section class=\"page cover\">\n<p class=\"kind\">{}</p>\n<h1>{}</h1>\n<dl class=\"facts\">",
        words::title(lang),
        escape(&plan.name)
    );
    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", pick(lang, "Plan period", "計画期間"), escape(&period));
    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", pick(lang, "Evaluation", "評価時点"), as_of_phrase(report));
    if let Some(previous) = &report.previous {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            pick(lang, "Compared with", "比較"),
            escape(&report.year_in_words(previous.report.as_of.number))
        );
    }
    if let Some(source) = plan_meta(report, MetaKey::Source) {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", pick(lang, "Source", "出典"), escape(source));
    }
    out.push_str("</dl>\n<nav><ol>\n");
    let mut contents = vec![pick(lang, "Summary", "概要").to_string()];
    if let Some(previous) = &report.previous {
        contents.push(changes_title(report, previous.report.as_of.number));
    }
    contents.extend(report.areas.iter().map(area_heading));
    contents.push(pick(lang, "Missing actuals", "実績の未入力").to_string());
    contents.push(pick(lang, "Method", "評価の方法").to_string());
    for entry in contents {
        let _ = writeln!(out, "<li>{entry}</li>");
    }
    let _ = writeln!(
        out,
        "</ol></nav>\n<p class=\"made\">{}</p>\n</section>",
        pick(
            lang,
            "Made with shihyo from the plan and its actuals; every figure is the one `shihyo eval` gives.",
            "計画と実績から shihyo で作成しました。数値はすべて `shihyo eval` の評価と同じです。"
        )
    );
}

fn plan_meta<'a>(report: &'a AnnualReport, key: MetaKey) -> Option<&'a str> {
    report.plan().root.meta(key)
}

/// A table's opening and its header row (headings given as HTML text).
fn table_head(class: &str, headings: &[String]) -> String {
    let cells: String = headings.iter().map(|heading| format!("<th>{heading}</th>")).collect();
    format!("<table class=\"{class}\"><thead><tr>{cells}</tr></thead>\n")
}

/// A grade in a box, `—` where there is none.
fn grade_box(grade: Option<&str>) -> String {
    format!("<span class=\"grade-box\">{}</span>", escape(grade.unwrap_or("—")))
}

/// `B → A`, marked better or worse by the grade scale's order.
fn grade_change(report: &AnnualReport, then: Option<&str>, now: Option<&str>) -> String {
    let index = |grade: Option<&str>| grade.and_then(|g| report.plan().grades.iter().position(|s| s.name == g));
    let class = match (index(then), index(now)) {
        (Some(a), Some(b)) if b < a => " better",
        (Some(a), Some(b)) if b > a => " worse",
        _ => "",
    };
    let (then, now) = (escape(then.unwrap_or("—")), escape(now.unwrap_or("—")));
    format!("{then}<span class=\"arrow{class}\">→</span>{now}")
}

fn status_badge(status: Status, lang: Lang) -> String {
    format!("<span class=\"badge status-{}\">{}</span>", status.name(), status.label(lang))
}

fn summary(out: &mut String, report: &AnnualReport) {
    let lang = report.lang;
    let counts = report.counts();
    let _ = writeln!(
        out,
        "<section class=\"page summary\">\n<h2>{}<span class=\"muted\">{}</span></h2>",
        pick(lang, "Summary", "概要"),
        as_of_phrase(report)
    );
    let overall = report.report.root.grade.as_deref();
    let _ = write!(out, "<div class=\"overall\"><span>{} {}</span>", pick(lang, "Overall grade", "総合評価"), grade_box(overall));
    if let Some(previous) = &report.previous {
        let then = previous.report.root.grade.as_deref();
        let _ = write!(
            out,
            "<span class=\"muted\">{} {}: {}</span>",
            pick(lang, "vs", "前回"),
            escape(&report.year_in_words(previous.report.as_of.number)),
            grade_change(report, then, overall)
        );
    }
    let total: usize = counts.values().sum();
    let _ = writeln!(
        out,
        "<span>{}</span></div>",
        match lang {
            Lang::En => format!("{total} indicators"),
            Lang::Ja => format!("指標 {total} 件"),
        }
    );
    // Counts by status: one column a status present.
    out.push_str("<table class=\"counts\"><thead><tr>");
    for status in counts.keys() {
        let _ = write!(out, "<th>{}</th>", status_badge(*status, lang));
    }
    let _ = write!(out, "<th>{}</th></tr></thead><tbody><tr>", pick(lang, "total", "計"));
    for count in counts.values() {
        let _ = write!(out, "<td>{count}</td>");
    }
    let _ = writeln!(out, "<td>{total}</td></tr></tbody></table>");
    // The areas: grade (then → now) and counts.
    let statuses: Vec<Status> = counts.keys().copied().collect();
    let _ = write!(
        out,
        "<table class=\"areas-table\"><thead><tr><th>{}</th><th>{}</th>",
        pick(lang, "Area", "改革項目"),
        pick(lang, "Grade", "評価")
    );
    for status in &statuses {
        let _ = write!(out, "<th>{}</th>", status.label(lang));
    }
    out.push_str("</tr></thead><tbody>\n");
    for area in &report.areas {
        let now = area.result.grade.as_deref();
        let grade = match report.previous_grade(area) {
            Some(then) => grade_change(report, then.as_deref(), now),
            None => escape(now.unwrap_or("—")),
        };
        let _ = write!(out, "<tr><td>{}</td><td class=\"grade\">{grade}</td>", area_heading(area));
        for status in &statuses {
            let count = area.result.counts.get(status).copied().unwrap_or(0);
            let _ = write!(out, "<td class=\"num\">{}</td>", if count == 0 { String::new() } else { count.to_string() });
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    let bars: Vec<(String, &BTreeMap<Status, usize>)> = report.areas.iter().map(|area| (area_heading(area), &area.result.counts)).collect();
    let _ = writeln!(
        out,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        svg::status_bars(&bars, lang),
        pick(lang, "Indicators by status in each area", "改革項目別の指標の状況")
    );
    let _ = writeln!(out, "<p class=\"note\">{}</p>\n</section>", escape(&display::formula_line(report.plan(), lang)));
}

fn changes_title(report: &AnnualReport, year: i32) -> String {
    match report.lang {
        Lang::En => format!("Changes since {}", escape(&report.year_in_words(year))),
        Lang::Ja => format!("{}時点からの変化", escape(&report.year_in_words(year))),
    }
}

fn changes(out: &mut String, report: &AnnualReport) {
    let Some(previous) = &report.previous else { return };
    let lang = report.lang;
    let (then_year, now_year) = (report.year_in_words(previous.report.as_of.number), report.year_in_words(report.report.as_of.number));
    let _ = writeln!(out, "<section class=\"page changes\">\n<h2>{}</h2>", changes_title(report, previous.report.as_of.number));
    let met: Vec<&str> = previous.changes.iter().filter(|c| c.met_since).map(|c| report.plan().rule(c.id).name.as_str()).collect();
    let _ = writeln!(
        out,
        "<p>{}</p>",
        match lang {
            Lang::En => format!(
                "{} indicators changed status or grade between {} and {}; {} met their target since.",
                previous.changes.len(),
                escape(&then_year),
                escape(&now_year),
                met.len()
            ),
            Lang::Ja => format!(
                "{}時点と{}時点とで状況か評価が変わった指標は {} 件、そのうち目標を達成したものは {} 件です。",
                escape(&then_year),
                escape(&now_year),
                previous.changes.len(),
                met.len()
            ),
        }
    );
    if previous.changes.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    let (status, grade) = (pick(lang, "Status", "状況"), pick(lang, "Grade", "評価"));
    let span = format!("({} → {})", escape(&then_year), escape(&now_year));
    let headings = [
        pick(lang, "Indicator", "指標").to_string(),
        pick(lang, "Area", "改革項目").to_string(),
        format!("{status} {span}"),
        format!("{grade} {span}"),
        pick(lang, "Target met since", "目標の達成").to_string(),
    ];
    out.push_str(&table_head("indicators changes-table", &headings));
    for change in &previous.changes {
        let rule = report.plan().rule(change.id);
        let better = change.now.0.rank() < change.then.0.rank();
        let worse = change.now.0.rank() > change.then.0.rank();
        let class = if better {
            " better"
        } else if worse {
            " worse"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<tbody class=\"rule status-{}\"><tr><td class=\"name\">{}</td><td>{}</td><td>{}<span class=\"arrow{class}\">→</span>{}</td><td class=\"grade\">{}</td><td>{}</td></tr></tbody>",
            change.now.0.name(),
            escape(&rule.name),
            escape(&report.group_heading(change.id)),
            status_badge(change.then.0, lang),
            status_badge(change.now.0, lang),
            grade_change(report, change.then.1.as_deref(), change.now.1.as_deref()),
            if change.met_since { pick(lang, "✓ met", "✓ 達成") } else { "" },
        );
    }
    out.push_str("</table>\n</section>\n");
}

fn area_section(out: &mut String, report: &AnnualReport, area: &Area, index: usize) {
    let lang = report.lang;
    let as_of = report.report.as_of.number;
    let _ = writeln!(
        out,
        "<section class=\"page area\" id=\"area-{}\">\n<h2>{}<span class=\"grade\">{} {}</span></h2>",
        index + 1,
        area_heading(area),
        pick(lang, "Grade", "評価"),
        grade_box(area.result.grade.as_deref())
    );
    if let Some(note) = report.area_def(area).and_then(|def| def.meta(MetaKey::Note)) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    let _ = writeln!(out, "<p>{}</p>", escape(&display::group_figures(report.plan(), &area.result, lang)));
    // Columns: the indicator, its baseline, the period's years, then the evaluation's figures.
    let headings = display::figure_headings(lang);
    out.push_str("<table class=\"indicators\"><colgroup><col class=\"name\"><col class=\"base\"><col class=\"target\"><col class=\"by\">");
    for _ in &report.years {
        out.push_str("<col class=\"fig\">");
    }
    out.push_str("<col class=\"fig\"><col class=\"fig\"><col class=\"ratio\"><col class=\"ratio\"><col class=\"ratio\"><col class=\"status\"><col class=\"grade\"></colgroup>\n<thead><tr>");
    let _ = write!(
        out,
        "<th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
        pick(lang, "Indicator", "指標"),
        pick(lang, "Baseline", "基準値"),
        headings[0],
        headings[1]
    );
    for year in &report.years {
        let class = if *year == as_of { " class=\"as-of\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", escape(&report.year(*year)));
    }
    for heading in &headings[2..] {
        let _ = write!(out, "<th>{heading}</th>");
    }
    let columns = 4 + report.years.len() + 7;
    out.push_str("</tr></thead>\n");
    for line in &area.lines {
        match line {
            Line::Group { id, title, depth, result } => {
                let grade = result.grade.as_deref().unwrap_or("—");
                let _ = writeln!(
                    out,
                    "<tbody class=\"group depth-{depth}\"><tr><th colspan=\"{columns}\">{}　<span class=\"muted\">[{} {}; {}]</span></th></tr></tbody>",
                    escape(&heading(id.as_deref(), title)),
                    pick(lang, "grade", "評価"),
                    escape(grade),
                    escape(&display::group_figures(report.plan(), result, lang))
                );
            }
            Line::Rule(row) => rule_rows(out, report, row, columns),
        }
    }
    let _ = writeln!(out, "</table>\n<p class=\"legend-note\">{}</p>", pick(lang, "Each year: the actual, and under it the expected value of that year (the pace from the baseline to the target); for a total or a mean over the period, the running total or mean up to that year. The columns after the years are the evaluation's figures as of the year evaluated; * marks a projection.", "各年度の欄は上段が実績、下段がその年度の期待値（基準値から目標への道筋）です。期間の合計・平均を目標とする指標は、その年度までの累計・平均です。年度の欄より右は評価時点の数値です。* は予測値です。"));
    let cards: Vec<&Row> =
        area.lines.iter().filter_map(|line| if let Line::Rule(row) = line { Some(row.as_ref()) } else { None }).collect();
    out.push_str("<div class=\"cards\">\n");
    for row in cards {
        card(out, report, row);
    }
    out.push_str("</div>\n</section>\n");
}

/// An indicator's row in its area's table, and the department's remarks under it.
fn rule_rows(out: &mut String, report: &AnnualReport, row: &Row, columns: usize) {
    let plan = report.plan();
    let (rule, result) = (plan.rule(row.id), report.report.rule(row.id));
    let status = result.outcome.status;
    let id = rule.meta(MetaKey::Id).map(|id| format!("<span class=\"id\">{}</span>", escape(id))).unwrap_or_default();
    let baseline = match (result.outcome.baseline, result.outcome.baseline_year) {
        (Some(value), Some(year)) => {
            format!(
                "{}<br><span class=\"muted\">({})</span>",
                figure(&report.quantity(row.id, value)),
                escape(&report.rule_year(row.id, year))
            )
        }
        _ => String::new(),
    };
    let _ = write!(
        out,
        "<tbody class=\"rule status-{}\" id=\"rule-{}\"><tr><td class=\"name depth-{}\">{id}{}</td><td class=\"num\">{baseline}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        status.name(),
        row.id.0,
        row.depth.min(2),
        escape(&rule.name),
        figure(&row.cells[0]),
        escape(&row.cells[1]),
    );
    let as_of = report.report.as_of.number;
    for each in &row.years {
        let class = if each.year == as_of { "year as-of" } else { "year" };
        let actual = each.actual.map(|value| {
            let mark = if each.projected { display::PROJECTED_MARK } else { "" };
            figure(&format!("{}{mark}", report.quantity(row.id, value)))
        });
        let pace = each.expected.map(|value| format!("<span class=\"pace\">({})</span>", figure(&report.quantity(row.id, value))));
        let _ = write!(out, "<td class=\"{class}\">{}{}</td>", actual.unwrap_or_default(), pace.unwrap_or_default());
    }
    for (index, cell) in row.cells[2..].iter().enumerate() {
        let (class, shown) = match index {
            5 => ("status", escape(cell)),
            6 => ("grade", escape(cell)),
            _ => ("num", figure(cell)),
        };
        let _ = write!(out, "<td class=\"{class}\">{shown}</td>");
    }
    out.push_str("</tr>");
    if let Some(remarks) = row.remarks.as_ref().filter(|r| !r.is_empty()) {
        // The 所管課 written on the figure, else the rule's `owner`, as on its card.
        let mut remarks = remarks.clone();
        remarks.owner = remarks.owner.or_else(|| rule.meta(MetaKey::Owner).map(str::to_string));
        let _ = write!(out, "<tr class=\"remarks\"><td colspan=\"{columns}\">{}</td></tr>", remarks_inline(report.lang, &remarks));
    }
    out.push_str("</tbody>\n");
}

fn remark_labels(lang: Lang) -> [&'static str; 3] {
    [pick(lang, "Comment", "評価コメント"), pick(lang, "Outlook", "今後の方向性"), pick(lang, "Owner", "所管課")]
}

fn remarks_inline(lang: Lang, remarks: &shihyo_core::model::data::Remarks) -> String {
    let [comment, outlook, owner] = remark_labels(lang);
    [(comment, &remarks.comment), (outlook, &remarks.outlook), (owner, &remarks.owner)]
        .into_iter()
        .filter_map(|(label, text)| text.as_ref().map(|text| format!("<b>{label}</b><span>{}</span>", escape(text))))
        .collect()
}

/// An indicator's card: its chart, its original sentence and ground, and the remarks.
fn card(out: &mut String, report: &AnnualReport, row: &Row) {
    let (lang, plan) = (report.lang, report.plan());
    let (rule, result) = (plan.rule(row.id), report.report.rule(row.id));
    let grade = result.grade.as_deref().map(|g| format!(" <span class=\"grade-box\">{}</span>", escape(g))).unwrap_or_default();
    let _ = writeln!(
        out,
        "<article class=\"card\" id=\"card-{}\"><h3><span>{}</span>{}{grade}</h3>",
        row.id.0,
        escape(&rule.name),
        status_badge(result.outcome.status, lang)
    );
    let labels = Labels { unit: rule.unit.clone(), calendar: rule.calendar, style: plan.years, rates: plan.rates, lang };
    if let Some(chart) = svg::chart(&row.series, &labels) {
        out.push_str(&chart);
    }
    out.push_str("<dl>");
    let [comment, outlook, owner] = remark_labels(lang);
    let mut facts: Vec<(&str, String)> = Vec::new();
    let meta = |key| rule.meta(key).map(str::to_string);
    facts.extend(meta(MetaKey::Source).map(|text| (pick(lang, "Source", "出典"), text)));
    facts.extend(meta(MetaKey::Basis).map(|text| (pick(lang, "Ground", "根拠"), text)));
    if let Some(message) = &result.message {
        facts.push((pick(lang, "Evaluation", "評価"), message.get(lang).to_string()));
    }
    if let Some(remarks) = &row.remarks {
        facts.extend(remarks.comment.clone().map(|text| (comment, text)));
        facts.extend(remarks.outlook.clone().map(|text| (outlook, text)));
        facts.extend(remarks.owner.clone().or_else(|| meta(MetaKey::Owner)).map(|text| (owner, text)));
    } else if let Some(text) = meta(MetaKey::Owner) {
        facts.push((owner, text));
    }
    for (label, text) in facts {
        let _ = write!(out, "<dt>{label}</dt><dd>{}</dd>", escape(&text));
    }
    out.push_str("</dl></article>\n");
}

fn readiness(out: &mut String, report: &AnnualReport) {
    let lang = report.lang;
    let _ = writeln!(
        out,
        "<section class=\"page readiness\">\n<h2>{}<span class=\"muted\">{}</span></h2>",
        pick(lang, "Missing actuals", "実績の未入力"),
        as_of_phrase(report)
    );
    if report.missing.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>\n</section>",
            pick(lang, "Every indicator has its actual for the year evaluated.", "評価年度の実績は、すべての指標でそろっています。")
        );
        return;
    }
    let count = report.missing.len();
    let _ = writeln!(
        out,
        "<p>{}</p>",
        match lang {
            Lang::En =>
                format!("{count} indicators have no actual for the year their evaluation reads: ask the departments below for them."),
            Lang::Ja => format!("評価に要る年度の実績がない指標が {count} 件あります。下の所管課に確認してください。"),
        }
    );
    let headings = [
        pick(lang, "Indicator", "指標"),
        pick(lang, "Area", "改革項目"),
        pick(lang, "Year needed", "必要な年度"),
        pick(lang, "Latest actual", "最新の実績"),
        pick(lang, "Owner", "所管課"),
    ];
    out.push_str(&table_head("indicators missing", &headings.map(str::to_string)));
    for missing in &report.missing {
        let rule = report.plan().rule(missing.id);
        let last = match missing.last {
            Some(year) => {
                let value = report.project.data[missing.id.0]
                    .get(&year)
                    .map(|actual| shown_actual(report, missing.id, &actual.value))
                    .unwrap_or_default();
                format!("{} ({})", escape(&value), escape(&report.rule_year(missing.id, year)))
            }
            None => pick(lang, "none yet", "まだありません").to_string(),
        };
        let _ = writeln!(
            out,
            "<tbody class=\"rule\"><tr><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{last}</td><td>{}</td></tr></tbody>",
            escape(&rule.name),
            escape(&report.group_heading(missing.id)),
            escape(&report.rule_year(missing.id, missing.year)),
            escape(missing.owner.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</table>\n</section>\n");
}

/// An actual as written for people: a figure in its unit, `done`, or a hand grade.
fn shown_actual(report: &AnnualReport, id: RuleId, value: &shihyo_core::model::data::ActualValue) -> String {
    use shihyo_core::model::data::ActualValue;
    match value {
        ActualValue::Number(number) => report.quantity(id, *number),
        ActualValue::Done => pick(report.lang, "done", "完了").to_string(),
        ActualValue::Grade(grade) => grade.clone(),
    }
}

fn method(out: &mut String, report: &AnnualReport) {
    let (lang, plan) = (report.lang, report.plan());
    let _ = writeln!(out, "<section class=\"page method\">\n<h2>{}</h2>\n<dl>", pick(lang, "Method", "評価の方法"));
    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", pick(lang, "Achievement", "達成率"), escape(&display::formula_line(plan, lang)));
    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", pick(lang, "Expected value", "期待値"), words::pace_rule(lang));
    let scale: String = words::grade_scale(plan, lang).iter().map(|line| format!("<li>{}</li>", escape(line))).collect();
    let _ = writeln!(out, "<dt>{}</dt><dd><ul>{scale}</ul></dd>", pick(lang, "Grades", "評価の基準"));
    let points: String = words::points_scale(plan, lang).iter().map(|line| format!("<li>{}</li>", escape(line))).collect();
    if !points.is_empty() {
        let _ = writeln!(out, "<dt>{}</dt><dd><ul>{points}</ul></dd>", pick(lang, "Points", "点数の基準"));
    }
    for (heading, grades, points) in words::group_scales(plan, lang) {
        let lines: String = grades.iter().chain(&points).map(|line| format!("<li>{}</li>", escape(line))).collect();
        let label = format!("{}: {heading}", pick(lang, "Grades and points", "評価・点数の基準"));
        let _ = writeln!(out, "<dt>{}</dt><dd><ul>{lines}</ul></dd>", escape(&label));
    }
    let mut rollups: Vec<&str> = vec![words::rollup_rule(plan.rollup, lang)];
    for area in &report.areas {
        if let Some(def) = report.area_def(area) {
            let rule = words::rollup_rule(def.rollup, lang);
            if !rollups.contains(&rule) {
                rollups.push(rule);
            }
        }
    }
    let rollups: String = rollups.iter().map(|line| format!("<li>{line}</li>")).collect();
    let _ = writeln!(
        out,
        "<dt>{}</dt><dd><ul>{rollups}<li>{}</li></ul></dd>",
        pick(lang, "Roll-up", "集計"),
        pick(lang, "the overall grade comes from the areas' in the same way", "総合評価も同じ方法で改革項目の評価から求めます")
    );
    // The statuses the report shows, and those a measured rule can take, each with its meaning.
    let mut shown: Vec<Status> = vec![Status::Achieved, Status::NotAchieved, Status::OnTrack, Status::Behind];
    shown.extend(report.counts().keys().copied());
    shown.sort();
    shown.dedup();
    let statuses: String =
        shown.iter().map(|status| format!("<li>{} — {}</li>", status_badge(*status, lang), status_meaning(*status, lang))).collect();
    let _ = writeln!(out, "<dt>{}</dt><dd><ul>{statuses}</ul></dd>", pick(lang, "Statuses", "状況"));
    if let Some(note) = plan_meta(report, MetaKey::Note) {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", pick(lang, "Note", "備考"), escape(note));
    }
    out.push_str("</dl>\n</section>\n");
}

fn status_meaning(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Achieved => pick(lang, "the target year has come and the actual meets the target", "目標年度に実績が目標に届いた"),
        Status::NotAchieved => {
            pick(lang, "the target year has come and the actual misses the target", "目標年度に実績が目標に届かなかった")
        }
        Status::OnTrack => {
            pick(lang, "before the target year, the actual meets the expected value", "目標年度より前で、実績が期待値に届いている")
        }
        Status::Behind => {
            pick(lang, "before the target year, the actual is short of the expected value", "目標年度より前で、実績が期待値に届いていない")
        }
        Status::NoData => pick(lang, "no actual for the year evaluated", "評価年度の実績がない"),
        Status::Tbd => pick(lang, "the target is yet to be set", "目標が未定"),
        Status::Qualitative => pick(lang, "judged by hand: the grade given in the data", "数値でなく、データに書いた評価で判断する"),
        Status::Done => pick(lang, "a milestone done by its year", "期限までに実施した取組"),
        Status::Pending => pick(lang, "a milestone not done yet, before its year", "期限前で、まだ実施していない取組"),
        Status::Overdue => pick(lang, "a milestone not done by its year", "期限を過ぎても実施していない取組"),
        Status::Tracked => pick(lang, "a figure followed without a target", "目標を置かずに推移を見る数値"),
        Status::Error => pick(
            lang,
            "the figures could not be computed (a division by zero, an overflow)",
            "数値を計算できなかった（0 での割り算、桁あふれ）",
        ),
    }
}
