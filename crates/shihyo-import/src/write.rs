//! Writing the draft plan: a header whose period and baseline come from the
//! years the plan names, the group tree, one rule per sentence with its
//! `source` and `basis`, `// 要確認:` comments, and a closing summary. The text
//! is put through the formatter, so the draft is in canonical layout and is
//! known to parse.

use crate::sentence::{draft, short_label, Draft, Kind, Target};
use crate::table::{Area, Table};
use shihyo_syntax::{format::format, parse, parse_year_cell, quoted, FileId, Source, Year};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

/// A Reiwa period in a file name (`plan-r3-r7`, `R3～R7`).
static BRACKETED: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"【[^】]*】").expect("a valid pattern"));
static PERIOD_IN_NAME: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"[rR](\d{1,2})\s*[-~～〜_]\s*[rR](\d{1,2})").expect("a valid pattern"));

/// A drafted plan and how much of it a person must review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The draft plan's text, in canonical layout; it parses and passes `shihyo check`.
    pub text: String,
    /// How many rules were drafted (milestones from items' years included).
    pub rules: usize,
    /// How many of those rules carry a `// 要確認:` comment for a person to check.
    pub review: usize,
}

struct Writer {
    out: String,
    names: HashSet<String>,
    rules: usize,
    review: usize,
    data: Vec<String>,
    plan_end: Option<Year>,
    plan_baseline: Option<Year>,
}

impl Writer {
    fn unique(&mut self, name: &str, area: Option<&str>) -> String {
        let key = Source::new("", name).normalized().to_string();
        if self.names.insert(key) {
            return name.to_string();
        }
        for suffix in area.into_iter().map(str::to_string).chain((2..).map(|n| n.to_string())) {
            let candidate = format!("{name}（{suffix}）");
            if self.names.insert(Source::new("", candidate.as_str()).normalized().to_string()) {
                return candidate;
            }
        }
        unreachable!("an unused suffix is always found")
    }

    fn rule(&mut self, draft: &Draft, basis: Option<&str>, area: Option<&str>) {
        let name = self.unique(&draft.name, area);
        let mut review = draft.review.clone();
        let mut by = draft.by.filter(|by| Some(*by) != self.plan_end);
        // A target read against the plan's baseline is due after it.
        if by.is_some_and(|by| draft.needs_plan_baseline() && self.plan_baseline.is_some_and(|base| base.number >= by.number)) {
            by = None;
            review.push("目標年度が計画の基準年度より後になっていないため、目標年度を外しました".to_string());
        }
        for note in &review {
            let _ = writeln!(self.out, "// 要確認: {note}");
        }
        if !review.is_empty() {
            self.review += 1;
        }
        let mut line = format!("{} {}", draft.kind.keyword(), quoted(&name));
        match &draft.target {
            Target::Milestone { by } => line = format!("milestone {} by {}", quoted(&name), short_label(*by)),
            Target::Compare { comparator, expression } => {
                let _ = write!(line, "{} {comparator} {expression}", if draft.total { " total" } else { "" });
            }
            Target::Tbd { comparator } => {
                let _ = write!(line, "{} {comparator} tbd", if draft.total { " total" } else { "" });
            }
            Target::Qualitative => line.push_str(" qualitative"),
        }
        if !matches!(draft.target, Target::Qualitative | Target::Milestone { .. }) {
            if let Some(unit) = &draft.unit {
                let _ = write!(line, " unit {unit}");
            }
            if let Some(by) = by {
                let _ = write!(line, " by {}", short_label(by));
            }
            if draft.every_year {
                line.push_str(" every year");
            }
        }
        let _ = writeln!(self.out, "{line} {{\n  source {}", quoted(&draft.source));
        if let Some(basis) = basis {
            let _ = writeln!(self.out, "  basis {}", quoted(basis));
        }
        self.out.push_str("}\n");
        for (year, value) in &draft.data {
            self.data.push(format!("data {} {{ {}: {value} }}", quoted(&name), short_label(*year)));
        }
        self.rules += 1;
    }

    fn area(&mut self, area: &Area, drafted: &AreaDrafts) {
        let id = area.id.as_deref();
        let _ = match id {
            Some(id) => writeln!(self.out, "group {} {} {{", quoted(id), quoted(&area.title)),
            None => writeln!(self.out, "group {} {{", quoted(&area.title)),
        };
        for (indicator, draft) in area.indicators.iter().zip(&drafted.indicators) {
            self.rule(draft, indicator.basis.as_deref(), id);
        }
        for ((title, action), (rule, year)) in area.actions.iter().zip(&drafted.items) {
            if let Some(draft) = rule {
                self.rule(draft, None, id);
                continue;
            }
            let title = item_title(title);
            match year {
                Some(year) => {
                    let name = self.unique(&title, id);
                    let _ = writeln!(
                        self.out,
                        "// 要確認: 取組の予定年度をマイルストーンとしました\nmilestone {} by {} {{\n  source {}\n}}",
                        quoted(&name),
                        short_label(*year),
                        quoted(action)
                    );
                    self.rules += 1;
                    self.review += 1;
                }
                None => {
                    let _ = writeln!(self.out, "// 取組: {title}: {action}");
                }
            }
        }
        for (title, original) in &area.repeats {
            let _ = match original {
                Some(original) => writeln!(self.out, "// 再掲: {title}（{original} を参照）"),
                None => writeln!(self.out, "// 再掲: {title}"),
            };
        }
        for (child, drafted) in area.children.iter().zip(&drafted.children) {
            self.area(child, drafted);
        }
        self.out.push_str("}\n");
    }
}

/// The plan header: period and base year from the years the sentences name
/// (calendar years make a `calendar` plan when no fiscal year is named), else a
/// five-year period from `this_year`, flagged for review.
fn header(name: &str, drafts: &[&Draft], end: Option<Year>, named: &[Year], this_year: i32) -> (String, Header) {
    let mut years: Vec<Year> = drafts.iter().flat_map(|draft| draft.years()).collect();
    years.extend(end);
    years.extend(named);
    if let Some(span) = PERIOD_IN_NAME.captures(name) {
        years.extend([&span[1], &span[2]].iter().filter_map(|n| n.parse::<i32>().ok()).map(|n| Year::fiscal(n + 2018)));
    }
    let calendar = !years.is_empty() && years.iter().all(|y| y.calendar);
    years.retain(|y| y.calendar == calendar);
    let mut bases: BTreeMap<Year, usize> = BTreeMap::new();
    for draft in drafts {
        if let Target::Compare { expression, .. } = &draft.target {
            if let Some(year) = expression.strip_prefix("baseline(").and_then(|e| e.split(')').next()).and_then(|y| parse_year_cell(y).ok())
            {
                // (A base year of the other kind stays in its rule; the plan's is of the plan's kind.)
                if year.calendar == calendar {
                    *bases.entry(year).or_insert(0) += 1;
                }
            }
        }
    }
    let baseline = bases.iter().max_by_key(|(_, count)| **count).map(|(year, _)| *year);
    let mut text = String::new();
    // (A period must end after its base year: a sentence naming only its base year names no period.)
    let last = end.or_else(|| years.iter().max().copied()).filter(|last| baseline.is_none_or(|base| *last > base));
    // The period starts at the first year named after the base year, else the year after it.
    let first = years
        .iter()
        .filter(|y| Some(**y) > baseline && Some(**y) < last)
        .min()
        .copied()
        .or_else(|| baseline.map(Year::next).filter(|y| Some(*y) <= last));
    let (first, last) = match (first, last) {
        (Some(first), Some(last)) => {
            text.push_str("// 要確認: 計画の期間と基準年度は、文中の年度から推定しました\n");
            (first.min(last), last)
        }
        // Only the last year is named (「令和7年度まで」): a plan of one year would sum one
        // year's 効果額, so the period is five years ending there, flagged.
        (None, Some(last)) => {
            text.push_str("// 要確認: 年度が一つしか書かれていないため、計画の期間をその年度までの5年間と仮に置きました\n");
            (Year { number: last.number - 4, calendar: last.calendar }, last)
        }
        _ => {
            text.push_str("// 要確認: 文中に目標の年度がないため、計画の期間を今年度から5年間と仮に置きました\n");
            let start = baseline.filter(|base| base.number >= this_year).map_or(this_year, |base| base.number + 1);
            (Year::fiscal(start), Year::fiscal(start + 4))
        }
    };
    let _ = writeln!(text, "plan {} {{\n  period {}..{}", quoted(name), short_label(first), short_label(last));
    if calendar {
        text.push_str("  calendar\n");
    }
    let needs_baseline = drafts.iter().any(|draft| draft.needs_plan_baseline());
    let baseline = baseline.or_else(|| needs_baseline.then(|| first.previous()));
    if let Some(year) = baseline {
        let _ = writeln!(text, "  baseline {}", short_label(year));
    }
    text.push_str("}\n\n");
    (text, Header { end: Some(last), baseline })
}

/// What the rules of a draft need to know of its plan header.
struct Header {
    end: Option<Year>,
    baseline: Option<Year>,
}

fn finish(mut writer: Writer, header: String, origin: &str) -> Imported {
    let mut text = format!("// shihyo import による下書き（元: {origin}）。「要確認」の箇所を確かめてから使ってください。\n");
    text.push_str(&header);
    text.push_str(&writer.out);
    if !writer.data.is_empty() {
        text.push_str("\n// 文中に書かれていた基準値\n");
        for line in &writer.data {
            text.push_str(line);
            text.push('\n');
        }
    }
    let _ = writeln!(text, "\n// 取り込み結果: ルール {} 件（うち要確認 {} 件）", writer.rules, writer.review);
    let source = Source::new(origin, text.as_str());
    let parsed = parse(&source, FileId(0));
    if let Some(formatted) = format(&source, &parsed) {
        text = formatted;
    }
    writer.out.clear();
    Imported { text, rules: writer.rules, review: writer.review }
}

fn writer(header: &Header) -> Writer {
    Writer {
        out: String::new(),
        names: HashSet::new(),
        rules: 0,
        review: 0,
        data: Vec::new(),
        plan_end: header.end,
        plan_baseline: header.baseline,
    }
}

/// Drafts a plan from a table read by [`crate::table::read`].
pub fn from_table(table: &Table, name: &str, this_year: i32) -> Imported {
    let drafted: Vec<AreaDrafts> = table.areas.iter().map(AreaDrafts::of).collect();
    let (mut rules, mut named) = (Vec::new(), Vec::new());
    for area in &drafted {
        area.gather(&mut rules, &mut named);
    }
    let end = table.target_year.as_deref().and_then(|y| parse_year_cell(y).ok());
    let (header, plan) = header(name, &rules, end, &named, this_year);
    let mut writer = writer(&plan);
    for (area, drafted) in table.areas.iter().zip(&drafted) {
        writer.area(area, drafted);
    }
    finish(writer, header, name)
}

/// An area's sentences, each drafted once: the header is made from them before the
/// writer writes them. An item (取組) gives the rule its description sets, if any, and
/// the year it names.
struct AreaDrafts {
    indicators: Vec<Draft>,
    items: Vec<(Option<Draft>, Option<Year>)>,
    children: Vec<AreaDrafts>,
}

impl AreaDrafts {
    fn of(area: &Area) -> AreaDrafts {
        AreaDrafts {
            indicators: area.indicators.iter().map(|i| draft(&i.sentence, i.kind)).collect(),
            items: area.actions.iter().map(|(title, action)| (action_indicator(title, action), crate::sentence::dated(action))).collect(),
            children: area.children.iter().map(AreaDrafts::of).collect(),
        }
    }

    /// Every rule drafted in the area and below, and every year its items name.
    fn gather<'a>(&'a self, rules: &mut Vec<&'a Draft>, years: &mut Vec<Year>) {
        rules.extend(&self.indicators);
        rules.extend(self.items.iter().filter_map(|(rule, _)| rule.as_ref()));
        years.extend(self.items.iter().filter_map(|(_, year)| *year));
        for child in &self.children {
            child.gather(rules, years);
        }
    }
}

/// An item is named by its title, without notes such as 【特別会計】.
fn item_title(title: &str) -> String {
    BRACKETED.replace_all(title, "").trim().to_string()
}

/// The rule an item's description sets when it aims at a figure
/// (「80%以上となるよう」, 「約2千万円の歳入が見込める」).
fn action_indicator(title: &str, action: &str) -> Option<Draft> {
    if !crate::sentence::aims_at_a_figure(action) {
        return None;
    }
    let mut drafted = draft(action, Kind::Indicator);
    if matches!(drafted.target, Target::Qualitative | Target::Milestone { .. }) {
        return None;
    }
    drafted.name = item_title(title);
    drafted.review.insert(0, "取組の説明文にある数値目標を指標にしました".to_string());
    Some(drafted)
}

/// Drafts a plan from text with one indicator sentence per line.
pub fn from_lines(text: &str, name: &str, this_year: i32) -> Imported {
    let drafts: Vec<Draft> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| draft(l, crate::sentence::guess_kind(l)))
        .collect();
    let (header, plan) = header(name, &drafts.iter().collect::<Vec<_>>(), None, &[], this_year);
    let mut writer = writer(&plan);
    for drafted in &drafts {
        writer.rule(drafted, None, None);
    }
    finish(writer, header, name)
}
