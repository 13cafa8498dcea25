//! From one Japanese indicator sentence to one draft rule.
//!
//! The sentence is normalised (NFKC, list markers dropped, digits spaced out
//! by PDF extraction joined again), its years are found and set aside, and
//! then the first pattern that fits decides the rule: a placeholder (〇〇〇 →
//! `tbd`), a "base → target" pair, a rise or cut in percent against a base
//! year (増加 / 削減 …), a multiple (倍, 割増), 維持, ゼロ, or a plain value
//! with its comparator word (以上, 以下, 未満, 超, 以内). What the sentence
//! measures (the noun phrase before the figure) becomes the name. Anything
//! the converter is unsure of is said in `review`, never silently decided.

use regex::Regex;
use shihyo_syntax::{parse_year_cell, Source, Year};
use std::sync::LazyLock;

/// Whether a rule counts what was done or what it achieved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// What is done (アウトプット指標): drafted as `output`.
    Output,
    /// What it achieves (アウトカム指標): drafted as `outcome`.
    Outcome,
    /// A figure in an item's description, beside the area's own indicators.
    Indicator,
}

impl Kind {
    /// The rule's keyword in the draft (`output`, `outcome`, `indicator`).
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Output => "output",
            Kind::Outcome => "outcome",
            Kind::Indicator => "indicator",
        }
    }
}

/// What a sentence asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `CMP EXPR`.
    Compare {
        /// The comparator as written in the draft (`>=`, `<=`, …).
        comparator: &'static str,
        /// The target expression as written in the draft (`baseline(R1) * 150%`, `15,000件`).
        expression: String,
    },
    /// A placeholder (〇〇〇): the number is still to be decided.
    Tbd {
        /// The comparator as written in the draft (`>=`, `<=`, …).
        comparator: &'static str,
    },
    /// No number at all.
    Qualitative,
    /// No number, but a year to be done by (「令和8年度までに…を整備」).
    Milestone {
        /// The year to be done by (`milestone "…" by R8`).
        by: Year,
    },
}

/// A rule drafted from one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// Whether the rule is drafted as `output`, `outcome` or `indicator`.
    pub kind: Kind,
    /// The rule's name: what the sentence measures (the noun phrase before the figure).
    pub name: String,
    /// What the sentence asks for.
    pub target: Target,
    /// The target is a cumulative sum over the years (`total`, from 「累計」 and the like).
    pub total: bool,
    /// The unit to write as `unit …` (a money scale such as `千円`, a placeholder's unit); `None` when the target's figure carries its unit.
    pub unit: Option<String>,
    /// The target year the sentence names (`by R7`); `None` when it names none (the plan's last year then).
    pub by: Option<Year>,
    /// The target holds in every year (「毎年度」), not only at the end.
    pub every_year: bool,
    /// Values the sentence itself states (the base of "8,012→8,220").
    pub data: Vec<(Year, String)>,
    /// What a person should check, in Japanese.
    pub review: Vec<String>,
    /// The sentence as written.
    pub source: String,
}

impl Draft {
    /// The years the rule names (for a plan header drafted from them).
    pub fn years(&self) -> Vec<Year> {
        let mut years: Vec<Year> = self.by.iter().copied().chain(self.data.iter().map(|(y, _)| *y)).collect();
        if let Target::Compare { expression, .. } = &self.target {
            for capture in BASELINE_YEAR.captures_iter(expression) {
                if let Ok(year) = parse_year_cell(&capture[1]) {
                    years.push(year);
                }
            }
        }
        years
    }

    /// Whether the target is relative to a base (`baseline` without a year).
    pub fn needs_plan_baseline(&self) -> bool {
        matches!(&self.target, Target::Compare { expression, .. } if expression.contains("baseline") && !expression.contains("baseline("))
    }
}

macro_rules! pattern {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("a valid pattern"));
    };
}

/// A year as plans write it (NFKC-normalised), calendar or fiscal.
const YEAR: &str = r"(?:(?:令和|平成|昭和)(?:元|\d{1,2})年度?|[RHS]\d{1,2}(?:年度?)?|(?:FY|CY)\d{4}|\d{4}年度?)";
/// A number with separators and kanji multipliers.
const NUMBER: &str = r"\d[\d,]*(?:\.\d+)?(?:[十百千万億兆]+(?:\d[\d,]*(?:\.\d+)?)?)*";

pattern!(YEARS_AHEAD, r"\d+(?:年後|か年|カ年|ヶ年|年で|年以内)");
// 「5%に相当する1,367人の職員数削減」, 「10%、約3万3000人の定員削減」, 「18,936人(5.7%)以上の純減」.
pattern!(
    SHARE_AND_COUNT,
    &format!(
        r"(?:(?P<share>{NUMBER}(?:%|割))(?:に相当する|に当たる|、|,)約?(?P<count>{NUMBER})(?P<unit>人|名)|(?P<count_first>{NUMBER})(?P<unit_first>人|名)\((?P<share_after>{NUMBER}%)\))(?:以上|程度)?(?P<what>の?[^、。,0-9]{{0,20}}?)(?:を|の)?(?:純減|削減|減)"
    )
);
// 「1358人から5.7%減の1280人」: a base, a change in percent, and the level it comes to.
pattern!(
    BASE_SHARE_TARGET,
    &format!(
        r"(?P<from>{NUMBER})(?P<unit>人|名|件|円|千円|万円|億円)から{NUMBER}%(?:減|増|削減|増加)の(?P<to>{NUMBER})(?:人|名|件|円|千円|万円|億円)"
    )
);
// 「05―09年度」: a span of two-digit western years.
pattern!(SHORT_SPAN, r"(?:^|[^\d])\d{2}[―\-~〜～ー](?P<to>\d{2})年(?P<fiscal>度)?");
// 「平成22年度の職員数を」: the year a level is for, and its name.
pattern!(DUE_NAME, &format!(r"(?P<year>{YEAR})の(?P<name>[^、。のを]+)を$"));
// 「平成17年度の」 just before a base: the base's year.
pattern!(FROM_YEAR_OF, &format!(r"(?P<year>{YEAR})の$"));
// A reading in kana after a word (「人泊(にんぱく)数」) is no aside: it goes.
pattern!(READING, r"\([ぁ-ゖー]+\)");
// 「観光客入込数の目標を」, 「「人泊数」の目標値は」: the name is what the target is of.
pattern!(GOAL_OF, r"の(?:数値)?目標(?:値|額|数値)?(?:は|を)");
// A year written short at the start of a name (「21年の延べ観光客数」).
pattern!(SHORT_YEAR_FIRST, r"^\d{1,2}年度?の");
pattern!(SPAN_OF_YEARS_BEFORE, r"\d+(?:か|ヶ|カ|ケ)?年間で$");
pattern!(EVERY_YEAR, r"毎年度?|各年度");
pattern!(TRAILING_ASIDE, r"\(([^()0-9]+)\)[。.]?$");
pattern!(BASE_VALUES, &format!(r"\((?P<year>{YEAR}):[^()]*\d[^()]*\)"));
pattern!(COMPARED_WITH, r"比([^率]|$)");
pattern!(ASIDE, r"\([^()]*\)|【[^】]*】|〔[^〕]*〕");
pattern!(DECIMAL_DOT, r"(\d)・(\d)");
pattern!(WESTERN_THEN_ERA, r"(\d{4})\((令和|平成|昭和)(元|\d{1,2})\)(年度?)");
pattern!(ERA_THEN_WESTERN, r"(令和|平成|昭和)(元|\d{1,2})\((\d{4})\)(年度?)");
pattern!(ERA_YEAR_THEN_WESTERN, r"(令和|平成|昭和)(元|\d{1,2})(年度?)\(\d{4}年度?\)");
// A full year (era or western) and a later short one that leaves its era or century out:
// 「平成18年度から21年度まで」, 「2010年度から…08年度比」.
pattern!(FULL_OR_SHORT_YEAR, r"(?P<era>令和|平成|昭和)?(?P<number>元|\d{1,4})年(?P<fiscal>度)?");
pattern!(YEARS, &format!(r"{YEAR}|\d+(?:か|ヶ|カ|ケ)?年間"));
pattern!(BASELINE_YEAR, r"baseline\(([^)]+)\)");
pattern!(PLACEHOLDER, r"[〇○◯●]{2,}");
pattern!(
    FIGURE,
    &format!(
        r"(?P<number>{NUMBER})\s*(?P<unit>%台|%|‰|割|倍|千円|万円|百万円|億円|円|人泊|泊|人|件|品|組|都市|事務|グラム|g|回|校|館|台|部|手続き|手続|か所|ヶ所|カ所|箇所|団体|事業|施設|時間|日|分|トン|t|kg|km|ha|本|冊|世帯|社|店|戸|地区|者|名|ポイント|点|歳|床|区画|m2|㎡)?"
    )
);
pattern!(
    ARROW,
    &format!(
        r"(?P<from_year>{YEAR})\D{{0,6}}?(?P<from>{NUMBER})(?P<from_unit>[^\s→⇒]{{0,4}}?)\s*[→⇒]\s*\(?(?P<to_year>{YEAR})\D{{0,6}}?(?P<to>{NUMBER})"
    )
);
pattern!(
    ARROW_AFTER,
    &format!(
        r"(?P<from>{NUMBER})(?P<from_unit>[^\s→⇒()0-9]{{0,4}}?)\((?P<from_year>{YEAR})\)[→⇒~〜]?(?P<to>{NUMBER})(?P<to_unit>[^\s→⇒()0-9]{{0,4}}?)\((?P<to_year>{YEAR})\)"
    )
);
// 「611グラム→550グラム」: from a value to the target, no years written.
pattern!(
    ARROW_BARE,
    &format!(r"(?P<from>{NUMBER})(?P<from_unit>[^\s→⇒0-9]{{0,4}}?)\s*[→⇒]\s*(?P<to>{NUMBER})(?P<to_unit>[^\s、。,0-9]{{0,4}})")
);
pattern!(RISE, r"(以上)?の?(増加|増|アップ|向上|上昇|拡大|伸び)");
pattern!(CUT, r"(以上)?の?(純減|削減|減少|減|抑制|縮減|低減|カット)");
pattern!(LOWER_IS_BETTER, r"純減|削減|抑制|減少|縮減|低減|以下|未満|以内|減らす|抑える");
// Indicators where less is better, whatever the sentence's verb: waste, deaths, arrears, waiting lists.
pattern!(LOWER_IS_BETTER_NAME, r"排出量|発生量|死亡率|死亡者数|自殺者数|待機児童|滞納繰越額|超過勤務|時間外勤務|事故|犯罪|不法投棄");
pattern!(YEAR_IN_BRACKETS, &format!(r"\((?P<year>{YEAR})\)"));
// A unit or note in brackets at the end of a row's name: 「…親の割合(%)」, 「…企業数(累計)(社)」.
pattern!(NAME_NOTES, r"(?:\([^()]*\))+$");
pattern!(APPROXIMATE, r"約|概ね|おおむね|程度|前後|ほど");
// 「合計特殊出生率」 is a rate, not a sum: only 合計額 / の合計 / 合計で count.
pattern!(CUMULATIVE, r"累計|累積|通算|合計額|の合計|合計で|総額|効果額");
pattern!(EXPLICITLY_CUMULATIVE, r"累計|累積|通算|合計額|の合計|合計で|総額");
// (「平成20年度における…」 describes that year; it sets nothing for it.)
pattern!(BY_YEAR, &format!(r"(?P<year>{YEAR})(?:まで|までに|時点|末|中|に(?:[^お]|$)|の目標)"));
pattern!(BASE_YEAR, &format!(r"(?P<year>{YEAR})[^、。0-9年度]{{0,12}}?(?:比|実績|水準|の値|と比べ|と比較|より|対比|を基準)"));
// 「令和元年度から10%増加」: a change counted from that year.
pattern!(CHANGE_FROM, &format!(r"(?P<year>{YEAR})から\d"));
pattern!(STARTS_IN, &format!(r"(?P<year>{YEAR})(?:以降|から|より)"));
// A year the figure is set for without 「まで」: 「2030年度の排出量を」, 「平成24年度において」, 「23年度で」.
pattern!(SET_FOR, &format!(r"(?P<year>{YEAR})(?:以降|において|における|には|で[^は]|の)"));
pattern!(DATED_ACTION, &format!(r"(?P<year>{YEAR})(?:中に|に|の)"));
pattern!(MONTH, r"(?P<era>令和|平成|R|H)(?P<year>元|\d{1,2})年(?P<month>\d{1,2})月");
pattern!(AIMS_AT, r"となるよう|を目指|見込める|目標値|以上|以下|未満|以内");
pattern!(OUTPUT_WORDS, r"実施|開催|取組|設置|整備|導入|受講者数|研修|件数|回数|手続数");
pattern!(OUTCOME_WORDS, r"満足度|割合|効果額|削減|増加|向上|理解度|実感|率");
// List markers, and a tag in square brackets (「[KPI]」, 「[数値目標・KPI]」).
pattern!(MARKERS, r"^[\s①-⑳㉑-㉟・※*\-◆◇■□●○]+|^\(\d+\)|^\d+[.)]\s|^\[[^\]]{1,12}\]\s*");

/// Words that end the measured noun phrase, dropped from the name's end.
const TRAILING: [&str; 22] = [
    "の数値目標",
    "年間",
    "の目標値",
    "の目標",
    "目標",
    "を",
    "の",
    "が",
    "は",
    "で",
    "に",
    "毎年",
    "各年度",
    "について",
    "とする",
    "平均",
    "全体",
    "実績",
    "時点",
    "において",
    "まで",
    "年度",
];

/// Normalises a sentence: list markers dropped, NFKC, PDF-spaced digits joined.
pub fn normalize(sentence: &str) -> String {
    let without_markers = MARKERS.replace(sentence.trim(), "").to_string();
    let normalized = Source::new("", without_markers.as_str()).normalized().replace("パーセント", "%");
    // Spaces from PDF text (「平成 32 年」, 「6 0 %」, 「目指 す」) go; only a space between
    // two Latin words is kept.
    let chars: Vec<char> = normalized.chars().collect();
    let mut out = String::with_capacity(normalized.len());
    for (index, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = out.chars().last();
            let after = chars[index + 1..].iter().find(|c| !c.is_whitespace());
            if !(before.is_some_and(|c| c.is_ascii_alphabetic()) && after.is_some_and(char::is_ascii_alphabetic)) {
                continue;
            }
        }
        out.push(c);
    }
    // 「98・1%」 is 98.1%; 「2030(令和12)年度」 and 「平成29(2017)年度」 name one year.
    let out = DECIMAL_DOT.replace_all(&out, "$1.$2");
    let out = WESTERN_THEN_ERA.replace_all(&out, "$2$3$4");
    let out = ERA_THEN_WESTERN.replace_all(&out, "$1$2$4");
    let out = ERA_YEAR_THEN_WESTERN.replace_all(&out, "$1$2$3");
    let out = READING.replace_all(&out, "");
    with_full_years(out.trim())
}

/// Writes out the short years of a sentence (「21年度」 after 「平成18年度」 is 平成21年度;
/// 「08年度」 after 「2010年度」 is 2008年度). A short year with no full year before it, or
/// followed by what makes it a span (「5年間」, 「3年後」), is left as it is.
fn with_full_years(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    // The era (or century) of the last full year, and whether it was a fiscal year.
    let mut context: Option<(Option<String>, i32, bool)> = None;
    for found in FULL_OR_SHORT_YEAR.captures_iter(text) {
        let whole = found.get(0).expect("a match");
        let number = &found["number"];
        let before = text[..whole.start()].chars().last();
        let glued = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',');
        let span = ["間", "後", "目", "以内", "ぶり", "連続"].iter().any(|w| text[whole.end()..].starts_with(w));
        match (found.name("era"), number.len()) {
            (Some(era), _) => context = Some((Some(era.as_str().to_string()), 0, found.name("fiscal").is_some())),
            (None, 4) if !glued => context = number.parse().ok().map(|year: i32| (None, year / 100 * 100, found.name("fiscal").is_some())),
            (None, 1 | 2) if !glued && !span && number != "元" => {
                let short: i32 = number.parse().unwrap_or(0);
                let written = match &context {
                    Some((Some(era), _, fiscal)) => Some((format!("{era}{short}"), *fiscal)),
                    Some((None, century, fiscal)) => Some((format!("{}", century + short), *fiscal)),
                    None => None,
                };
                if let Some((written, fiscal)) = written {
                    // 「平成19年度から23年まで」: the short year is of the same kind as the full one.
                    let kind = if fiscal || found.name("fiscal").is_some() { "年度" } else { "年" };
                    out.push_str(&text[last..whole.start()]);
                    out.push_str(&written);
                    out.push_str(kind);
                    last = whole.end();
                }
            }
            _ => {}
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Words between an indicator's name and its figure that only say when or
/// against what: 「ごみ発生量を｜令和2年度において、平成26年度より｜5%以上削減」.
const ADVERBIAL: [&str; 37] = [
    "マイナス",
    "には",
    "今後",
    "倍増",
    "レベル",
    "水準",
    "(",
    "前年度対比",
    "前年度比",
    "前年比",
    "前年度",
    "基準値として",
    "以降",
    "までに",
    "まで",
    "において",
    "における",
    "と比較して",
    "比較して",
    "を基準として",
    "基準年度",
    "より",
    "比",
    "から",
    "時点で",
    "時点",
    "いずれも",
    "毎年度",
    "早期に",
    "現状",
    "年間",
    "末",
    "に",
    "で",
    "の",
    "、",
    ",",
];

/// Context before the name that is not part of it: 「我が国における｜国際会議の開催件数」.
const CONTEXT_ENDS: [&str; 8] = ["における", "において", "について", "では", "として", "に関する", "に掲げる", "の中でも"];

/// Where the name ends when the sentence says 「NAMEを…FIGURE」 or 「NAMEは…FIGURE」: the
/// first object or topic particle (after a kanji, katakana or bracket, not inside a
/// kana word) from which only years and adverbial words lead to the figure.
fn name_end(text: &str, end: usize) -> Option<usize> {
    let prefix = &text[..end];
    prefix.char_indices().find_map(|(index, c)| {
        let before = prefix[..index].chars().last()?;
        let particle = matches!(c, 'を' | 'は') && !('ぁ'..='ゖ').contains(&before);
        if !particle || prefix[..index].chars().count() < 3 {
            return None;
        }
        let mut between = YEARS.replace_all(&prefix[index + c.len_utf8()..], "").to_string();
        between = YEARS_AHEAD.replace_all(&between, "").to_string();
        between = APPROXIMATE.replace_all(&between, "").to_string();
        for word in ADVERBIAL {
            between = between.replace(word, "");
        }
        between.trim().is_empty().then_some(index)
    })
}

/// The name: the noun phrase before `end`, cleaned of particles and year phrases.
fn name_before(text: &str, end: usize) -> String {
    let end = name_end(text, end).unwrap_or(end);
    // Asides in brackets (「(累計額)」, 「【目標指標1】」) and an unclosed one are not the name.
    let region = ASIDE.replace_all(&text[..end], " ");
    let region = region.split_once('(').map_or(region.as_ref(), |(before, _)| before);
    let mut name = YEARS.replace_all(region, " ").to_string();
    name = APPROXIMATE.replace_all(&name, " ").to_string();
    name = YEARS_AHEAD.replace_all(&name, " ").to_string();
    for word in [
        "今年度",
        "本年度",
        "昨年度",
        "来年度",
        "前年度対比",
        "前年度比",
        "前年比",
        "までに",
        "までの",
        "と比較した",
        "と比較して",
        "比較した",
        "対比",
        "時点で",
        "累計",
        "累積",
        "通算",
    ] {
        name = name.replace(word, " ");
    }
    // 「比」 after a year compares; in 「比率」 it names a ratio (経常収支比率).
    name = COMPARED_WITH.replace_all(&name, " $1").to_string();
    // Keep the last phrase: what the figure measures follows any year or comma.
    // (A phrase of a particle alone, left by 「5年間で」, is no name.)
    let name = name
        .rsplit([' ', '、', ','])
        .find(|part| !part.trim().is_empty() && !TRAILING.contains(&part.trim()))
        .unwrap_or("")
        .trim()
        .to_string();
    let name = CONTEXT_ENDS
        .iter()
        .filter_map(|word| name.rsplit_once(word).map(|(_, rest)| rest))
        .filter(|rest| rest.chars().count() >= 2)
        .min_by_key(|rest| rest.len())
        .unwrap_or(&name);
    // A name that ends in a quoted term (「…を示す「人泊数」」) is that term.
    let name = match name.strip_suffix('」').and_then(|quoted| quoted.rsplit_once('「')) {
        Some((_, term)) if term.chars().count() >= 2 => term,
        _ => name,
    };
    let name = SHORT_YEAR_FIRST.replace(name, "");
    let mut name = without_leading_particle(name.trim_matches(['「', '」', '(', ')', '（', '）', ':'])).to_string();
    loop {
        let before = name.len();
        for word in TRAILING {
            if let Some(stripped) = name.strip_suffix(word) {
                name = stripped.trim_end().to_string();
            }
        }
        if name.len() == before {
            break;
        }
    }
    name
}

/// The name of a sentence without a figure. A sentence that states an aim
/// (「…、特定健診受診率の増加を目指す」) is named by what it aims at, without the
/// direction; any other sentence (「人材が育ち、活動する」) by the whole of it.
fn qualitative_name(text: &str) -> String {
    let sentence = text.trim_end_matches(['。', '.']);
    let aim = ["を目指します", "を目指す", "をめざします", "をめざす", "させる", "させます"]
        .iter()
        .find_map(|ending| sentence.strip_suffix(ending));
    let clause = match aim {
        Some(aimed) => aimed.rsplit('、').next().unwrap_or(aimed),
        None => sentence,
    };
    let name = ["の増加", "の減少", "を減少", "を増加"].iter().find_map(|d| clause.strip_suffix(d)).unwrap_or(clause);
    name.chars().take(40).collect()
}

/// Drops a particle left at the start by a removed year (`の電子申請件数`), but not
/// the first kana of a word (`はだのICT…`, `にぎわい…`): a particle is followed by
/// something other than hiragana.
fn without_leading_particle(name: &str) -> &str {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first @ ('の' | 'を' | 'で' | 'に' | 'は')), Some(next)) if !('ぁ'..='ゖ').contains(&next) => {
            &name[first.len_utf8()..]
        }
        _ => name,
    }
}

fn parse_year(text: &str) -> Option<Year> {
    parse_year_cell(text).ok()
}

/// The base year a sentence compares against (`令和元年度比`, `H30年度の実績`).
fn base_year(text: &str) -> Option<Year> {
    // (An aside between the year and 「を基準」 does not part them.)
    [text.to_string(), ASIDE.replace_all(text, "").to_string()]
        .iter()
        .find_map(|text| BASE_YEAR.captures(text).or_else(|| CHANGE_FROM.captures(text)).and_then(|c| parse_year(&c["year"])))
}

fn baseline_expression(base: Option<Year>) -> String {
    match base {
        Some(year) => format!("baseline({})", short_label(year)),
        None => "baseline".to_string(),
    }
}

/// A year as planners write it briefly: `R1`, `H30`, `S63`, `2027年`.
pub fn short_label(year: Year) -> String {
    match (year.calendar, year.number) {
        (true, n) => format!("{n}年"),
        (false, n) if n >= 2019 => format!("R{}", n - 2018),
        (false, n) if n >= 1989 => format!("H{}", n - 1988),
        (false, n) if n >= 1926 => format!("S{}", n - 1925),
        (false, n) => format!("FY{n}"),
    }
}

/// `100 + x` or `100 - x` percent, exactly, as written (`150%`, `89.5%`).
fn percent_of_base(percent: &str, rise: bool) -> Option<String> {
    let (whole, fraction) = percent.split_once('.').unwrap_or((percent, ""));
    let scale = 10_i64.pow(u32::try_from(fraction.len()).ok()?);
    let value: i64 = format!("{whole}{fraction}").replace(',', "").parse().ok()?;
    let hundred = 100 * scale;
    let result = if rise { hundred + value } else { hundred - value };
    let (integer, decimals) = (result / scale, result % scale);
    Some(if fraction.is_empty() || decimals == 0 {
        format!("{integer}%")
    } else {
        format!("{integer}.{:0width$}%", decimals, width = fraction.len()).trim_end_matches('0').to_string()
    })
}

/// A sentence as the readers see it: its normalised text, and the same text with its
/// years blanked out, so that their digits are not taken for figures (each character
/// keeps its byte length, so positions in both texts agree).
struct Sentence {
    text: String,
    blanked: String,
}

/// A way a sentence may say its target: it drafts the rule and says so, or leaves the
/// sentence to the next reader.
type Reader = fn(&Sentence, &mut Draft) -> bool;

/// The shapes read before any single figure, in order: the first that fits drafts the rule.
/// A table's row; a placeholder for the figure (〇〇〇); a base and a target with their years
/// (H24年度8,012→H29年度8,220); a base and a target (8,012→8,220).
/// A cut stated as a share and a count together (「5%に相当する1,367人の職員数削減」); a base,
/// a share and the target it comes to (「1358人から5.7%減の1280人」).
const SHAPES: [Reader; 6] = [table_row, placeholder, dated_arrow, bare_arrow, share_and_count, base_share_target];

/// The shapes of a sentence without a figure, in order, after a base in brackets: half or
/// twice the base (半減, 倍増); the base kept (維持); none left (ゼロ, なくす, 解消); a deadline
/// (a milestone). A sentence of none of them is qualitative.
const WITHOUT_FIGURE: [Reader; 4] = [half_or_double, kept_level, none_left, milestone];

/// Drafts the rule of one sentence. `kind` is the column it came from (or a guess).
pub fn draft(sentence: &str, kind: Kind) -> Draft {
    let text = normalize(sentence);
    let mut draft = Draft {
        kind,
        name: String::new(),
        target: Target::Qualitative,
        total: CUMULATIVE.is_match(&text),
        unit: None,
        by: BY_YEAR.captures(&text).and_then(|c| parse_year(&c["year"])).or_else(|| span_end(&text)),
        every_year: false,
        data: Vec::new(),
        review: Vec::new(),
        source: sentence.trim().to_string(),
    };
    if APPROXIMATE.is_match(&text) {
        let word = APPROXIMATE.find(&text).map_or("", |m| m.as_str());
        draft.review.push(format!("「{word}」: 目標値は概数です。厳密な目標か確かめてください"));
    }
    let blanked = YEARS
        .replace_all(&text, |c: &regex::Captures<'_>| {
            c[0].chars().map(|ch| if ch.len_utf8() == 1 { '_' } else { '年' }).collect::<String>()
        })
        .to_string();
    let sentence = Sentence { text, blanked };
    if !SHAPES.iter().any(|read| read(&sentence, &mut draft)) {
        from_figures(&sentence, &mut draft);
    }
    finish(draft, &sentence.text)
}

/// 「公共交通機関利用者数 | 69,077千人(2020年度) | 100,000千人(2026年度) |」: a table's row
/// flattened to text (cells between `|`): the name in its first cell, the target the last
/// figure with a year written beside it, and a dated figure before that the value the plan
/// starts from.
fn table_row(sentence: &Sentence, draft: &mut Draft) -> bool {
    let cells: Vec<&str> = sentence.text.split('|').map(str::trim).filter(|cell| !cell.is_empty()).collect();
    if cells.len() < 2 {
        return false;
    }
    // A cell's first figure, with the year in brackets the cell ends in (「69,077千人(2020年度)」,
    // 「45人以下(2025年)」, 「100% 77市町村 全国1位(2028年)」), and whether it is a ceiling.
    let dated: Vec<(regex::Captures<'_>, Year, bool)> = cells[1..]
        .iter()
        .filter_map(|cell| {
            let year_at = YEAR_IN_BRACKETS.captures_iter(cell).last()?;
            let year = parse_year(&year_at["year"])?;
            let before = &cell[..year_at.get(0)?.start()];
            let figure = FIGURE.captures(before)?;
            let after = before[figure.get(0)?.end()..].trim_start();
            Some((figure, year, after.starts_with("以下") || after.starts_with("未満")))
        })
        .collect();
    let Some((target, to_year, ceiling)) = dated.last() else { return false };
    let from = dated.len().checked_sub(2).map(|index| &dated[index]);
    let name = NAME_NOTES.replace(cells[0], "").trim().to_string();
    // A bare figure is in the unit the name's notes give (「…の割合(%)」, 「…企業数(累計)(社)」).
    let noted_unit = NAME_NOTES.find(cells[0]).and_then(|notes| {
        notes
            .as_str()
            .split(['(', ')'])
            .filter(|note| !note.is_empty())
            .rev()
            .find(|note| FIGURE.captures(&format!("1{note}")).is_some_and(|f| f.name("unit").is_some_and(|u| u.as_str() == *note)))
    });
    let unit = target.name("unit").map(|u| u.as_str()).or(noted_unit).unwrap_or("");
    let lower = *ceiling
        || from.is_some_and(|(from, ..)| number_value(&target["number"]) < number_value(&from["number"]))
        || LOWER_IS_BETTER_NAME.is_match(&name);
    draft.name = name;
    let expression = format!("{}{unit}", grouped_correctly(&target["number"]));
    draft.target = Target::Compare { comparator: if lower { "<=" } else { ">=" }, expression };
    draft.by = Some(*to_year);
    if let Some((from, from_year, _)) = from {
        let from_unit = from.name("unit").map_or(unit, |u| u.as_str());
        draft.data.push((*from_year, format!("{}{from_unit}", grouped_correctly(&from["number"]))));
        draft.review.push(format!("基準値 {}（{}）はデータとして書き出しました", &from["number"], short_label(*from_year)));
    }
    draft.review.push("表の行として読みました（1列目を指標名、年度つきの最後の数値を目標としました）".to_string());
    true
}

/// 「〇〇〇件」: the figure is not decided yet.
fn placeholder(sentence: &Sentence, draft: &mut Draft) -> bool {
    let Some(found) = PLACEHOLDER.find(&sentence.blanked) else { return false };
    draft.name = name_before(&sentence.text, found.start());
    let after = &sentence.blanked[found.end()..];
    let money = ["百万円", "千円", "万円", "億円", "円"].into_iter().find(|m| after.starts_with(m));
    draft.unit = money
        .map(str::to_string)
        .or_else(|| FIGURE.captures(&format!("0{after}")).and_then(|c| c.name("unit")).map(|u| u.as_str().to_string()));
    let comparator = if LOWER_IS_BETTER.is_match(after) { "<=" } else { ">=" };
    draft.target = Target::Tbd { comparator };
    draft.review.push("目標値が未定（〇〇〇）です".to_string());
    true
}

/// 「H24年度8,012→H29年度8,220」 or 「2,584千人(平成25年)→2,750千人(平成31年)」.
fn dated_arrow(sentence: &Sentence, draft: &mut Draft) -> bool {
    let text = &sentence.text;
    let Some(arrow) = ARROW.captures(text).or_else(|| ARROW_AFTER.captures(text)) else { return false };
    let (Some(from_year), Some(to_year)) = (parse_year(&arrow["from_year"]), parse_year(&arrow["to_year"])) else { return false };
    let unit = [arrow.name("from_unit"), arrow.name("to_unit")]
        .into_iter()
        .flatten()
        .map(|u| u.as_str().trim())
        .find(|u| !u.is_empty())
        .unwrap_or("")
        .to_string();
    let from_value = format!("{}{unit}", grouped_correctly(&arrow["from"]));
    let to_value = format!("{}{unit}", grouped_correctly(&arrow["to"]));
    let rising = number_value(&arrow["to"]) >= number_value(&arrow["from"]);
    draft.name = name_before(text, arrow.get(0).map_or(0, |m| m.start()));
    draft.target = Target::Compare { comparator: if rising { ">=" } else { "<=" }, expression: to_value };
    draft.by = Some(to_year);
    draft.data.push((from_year, from_value));
    draft.review.push(format!("基準値 {}（{}）はデータとして書き出しました", &arrow["from"], short_label(from_year)));
    true
}

/// 「8,012→8,220」: the arrow's head is the target.
fn bare_arrow(sentence: &Sentence, draft: &mut Draft) -> bool {
    let Some(arrow) = ARROW_BARE.captures(&sentence.blanked) else { return false };
    let unit = [&arrow["to_unit"], &arrow["from_unit"]].into_iter().map(str::trim).find(|u| !u.is_empty()).unwrap_or("");
    let rising = number_value(&arrow["to"]) >= number_value(&arrow["from"]);
    draft.name = name_before(&sentence.text, arrow.get(0).map_or(0, |m| m.start()));
    let to = format!("{}{unit}", grouped_correctly(&arrow["to"]));
    draft.target = Target::Compare { comparator: if rising { ">=" } else { "<=" }, expression: to };
    draft.review.push(format!("「{}」の矢印の先を目標としました", &arrow[0]));
    true
}

/// 「05―09年度の5年間で」, 「10~14年度」: a span of two-digit western years ends in its
/// target year (2009年度).
fn span_end(text: &str) -> Option<Year> {
    let span = SHORT_SPAN.captures(text)?;
    parse_year(&format!("20{}年{}", &span["to"], span.name("fiscal").map_or("", |f| f.as_str())))
}

/// 「全体の5%に相当する1,367人の職員数削減」, 「10%、約3万3000人の定員削減」,
/// 「18,936人(5.7%)以上の純減」: one cut said as a share and as a count. The count is the
/// target (the base less so many); the share only restates it.
fn share_and_count(sentence: &Sentence, draft: &mut Draft) -> bool {
    let Some(found) = SHARE_AND_COUNT.captures(&sentence.blanked) else { return false };
    let (count, unit) = match (found.name("count"), found.name("count_first")) {
        (Some(count), _) => (count.as_str(), &found["unit"]),
        (None, Some(count)) => (count.as_str(), &found["unit_first"]),
        (None, None) => return false,
    };
    let text = &sentence.text;
    let whole = found.get(0).expect("a match");
    // The name stands between the count and the cut (「1,367人の職員数削減」), else before the share.
    let between = found.name("what").map_or("", |w| w.as_str()).trim_start_matches('の');
    draft.name = if between.chars().count() >= 2 { between.to_string() } else { name_before(text, whole.start()) };
    let base = base_year(text);
    plan_baseline_note(base, &mut draft.review);
    let unit = if unit == "名" { "人" } else { unit };
    draft.target = change_from_base(base, false, &format!("{}{unit}", grouped_correctly(count)));
    draft.review.push(format!(
        "割合（{}）と人数の両方が書かれた削減です。人数を目標としました",
        found.name("share").or(found.name("share_after")).map_or("", |m| m.as_str())
    ));
    true
}

/// 「職員数を平成17年度の1358人から5.7%減の1280人とする」: the base, the change and the
/// level it comes to. The level is the target, from the base's year.
fn base_share_target(sentence: &Sentence, draft: &mut Draft) -> bool {
    let text = &sentence.text;
    let Some(found) = BASE_SHARE_TARGET.captures(text) else { return false };
    let whole = found.get(0).expect("a match");
    let rising = number_value(&found["to"]) >= number_value(&found["from"]);
    let unit = if &found["unit"] == "名" { "人" } else { &found["unit"] };
    let before = &text[..whole.start()];
    // 「…を平成17年度の」: the name is what the sentence sets, before the base's year.
    let from_year = FROM_YEAR_OF.captures(before).and_then(|c| parse_year(&c["year"]));
    let name_end = from_year.and_then(|_| FROM_YEAR_OF.find(before)).map_or(whole.start(), |m| m.start());
    // 「平成22年度の職員数を」: the year the level is for.
    let set = DUE_NAME.captures(&text[..name_end]);
    if let Some(year) = set.as_ref().and_then(|c| parse_year(&c["year"])) {
        draft.by = Some(year);
    }
    draft.name = match &set {
        Some(set) => set["name"].to_string(),
        None => name_before(text, name_end),
    };
    draft.target =
        Target::Compare { comparator: if rising { ">=" } else { "<=" }, expression: format!("{}{unit}", grouped_correctly(&found["to"])) };
    if let Some(year) = from_year {
        draft.data.push((year, format!("{}{unit}", grouped_correctly(&found["from"]))));
        draft.review.push(format!("基準値 {}（{}）はデータとして書き出しました", &found["from"], short_label(year)));
    }
    true
}

/// The target from the sentence's figure, if it has one; else from its words.
fn from_figures(sentence: &Sentence, draft: &mut Draft) {
    let (text, blanked) = (&sentence.text, &sentence.blanked);
    // A figure in brackets (「(75歳未満の…20%減少)」, 「(約10%)」) is an aside: the goal is
    // one outside them, if there is one.
    let asides: Vec<std::ops::Range<usize>> = ASIDE.find_iter(blanked).map(|m| m.range()).collect();
    let in_aside = |c: &regex::Captures<'_>| c.get(0).is_some_and(|m| asides.iter().any(|aside| aside.contains(&m.start())));
    // Digits in a word (「CO2」), spans of years (「3年で」) and the base of a ratio
    // (「1人あたり」, 「人口10万人当たり」) are no figures.
    let is_figure = |c: &regex::Captures<'_>| {
        let whole = c.get(0).expect("a match");
        let after = &blanked[whole.end()..];
        let in_word = blanked[..whole.start()].chars().last().is_some_and(|ch| ch.is_ascii_alphabetic());
        let span_of_years = c.name("unit").is_none() && after.starts_with('年');
        let per = ["あたり", "当たり", "につき"].iter().any(|w| after.starts_with(w));
        !in_word && !span_of_years && !per
    };
    let (inside, outside): (Vec<regex::Captures<'_>>, Vec<regex::Captures<'_>>) =
        FIGURE.captures_iter(blanked).filter(is_figure).partition(in_aside);
    // 「健康寿命を延伸する（令和元年度:男性79.5歳、女性83.6歳）」: figures under a year
    // in brackets are that year's values, the base to improve on, not the target.
    let base_values = BASE_VALUES.captures(text).filter(|_| outside.is_empty());
    let figures = if !outside.is_empty() || base_values.is_some() { outside } else { inside };
    match choose_figure(&figures, blanked, &mut draft.review) {
        Some(figure) => with_figure(sentence, figure, draft),
        None => {
            let bracketed_base = base_values.and_then(|c| parse_year(&c["year"]));
            let drafted = bracketed_base.is_some_and(|year| improve_on(sentence, year, draft))
                || WITHOUT_FIGURE.iter().any(|read| read(sentence, draft));
            if !drafted {
                qualitative(sentence, draft);
            }
        }
    }
}

/// Better than the base in brackets, in the direction the sentence's verb says.
fn improve_on(sentence: &Sentence, year: Year, draft: &mut Draft) -> bool {
    let text = &sentence.text;
    let direction = [("延伸", ">"), ("向上", ">"), ("増加", ">"), ("増や", ">"), ("減少", "<"), ("削減", "<"), ("短縮", "<")]
        .into_iter()
        .find_map(|(word, comparator)| text.find(word).map(|at| (at, comparator)));
    let Some((at, comparator)) = direction else { return false };
    draft.name = name_before(text, at);
    draft.target = Target::Compare { comparator, expression: baseline_expression(Some(year)) };
    draft.review.push(format!("括弧内の数値は{}の値として、それを上回る（下回る）ことを目標としました", short_label(year)));
    true
}

/// 「食品ロス量を半減」, 「観光客数を倍増」: half or twice the base.
fn half_or_double(sentence: &Sentence, draft: &mut Draft) -> bool {
    let text = &sentence.text;
    for (word, comparator, factor) in [("半減", "<=", "50%"), ("倍増", ">=", "200%")] {
        if let Some(position) = text.find(word) {
            let base = base_year(text);
            plan_baseline_note(base, &mut draft.review);
            draft.name = name_before(text, position);
            draft.target = Target::Compare { comparator, expression: format!("{} * {factor}", baseline_expression(base)) };
            return true;
        }
    }
    false
}

/// Where the sentence says there should be none left (「ゼロ」, 「なくす」, 「解消」).
fn none_left_at(text: &str) -> Option<usize> {
    text.find("ゼロ").or_else(|| text.find("なくす")).or_else(|| text.find("解消"))
}

/// 「…を維持」: at least the base (「待機児童ゼロを維持」 keeps a zero: zero comes before keeping).
fn kept_level(sentence: &Sentence, draft: &mut Draft) -> bool {
    let text = &sentence.text;
    let keep = text.find("維持").filter(|p| none_left_at(text).is_none() && !text[*p..].starts_with("維持している"));
    let Some(position) = keep else { return false };
    draft.name = name_before(text, position);
    // 「平成28年度の水準を維持する（図書館貸出冊数）」: what is kept is named in the aside.
    if ["水準", "現状", "状態", "値", "数値"].contains(&draft.name.as_str()) {
        if let Some(named) = TRAILING_ASIDE.captures(text) {
            draft.name = named[1].to_string();
        }
    }
    draft.target = Target::Compare { comparator: ">=", expression: baseline_expression(base_year(text)) };
    true
}

/// 「待機児童ゼロ」: at most zero.
fn none_left(sentence: &Sentence, draft: &mut Draft) -> bool {
    let Some(position) = none_left_at(&sentence.text) else { return false };
    draft.name = name_before(&sentence.text, position);
    let unit = if draft.name.contains("件") { "件" } else { "人" };
    if !draft.name.ends_with('数') {
        draft.name.push('数');
    }
    draft.target = Target::Compare { comparator: "<=", expression: format!("0{unit}") };
    true
}

/// A dated sentence without a figure: done by its year.
fn milestone(sentence: &Sentence, draft: &mut Draft) -> bool {
    let Some((year, phrase)) = dated_phrase(&sentence.text) else { return false };
    draft.name = qualitative_name(&sentence.text.replacen(&phrase, "", 1));
    draft.target = Target::Milestone { by: year };
    draft.by = Some(year);
    draft.review.push("数値目標がなく期限があるため、マイルストーンとして取り込みました".to_string());
    true
}

/// No figure and no date: judged by hand.
fn qualitative(sentence: &Sentence, draft: &mut Draft) {
    draft.name = qualitative_name(&sentence.text);
    draft.review.push("数値目標が見つからないため、定性的な指標として取り込みました".to_string());
}

/// The rule of a sentence with a figure: its clause, year, name and target.
fn with_figure(sentence: &Sentence, figure: &regex::Captures<'_>, draft: &mut Draft) {
    let (text, blanked) = (&sentence.text, &sentence.blanked);
    let whole = figure.get(0).expect("a match");
    let number = grouped_correctly(&figure["number"]);
    let unit = figure.name("unit").map_or("", |u| u.as_str());
    let after = &blanked[whole.end()..];
    // What is said about the figure is said in its own clause; a long sentence may
    // name other amounts (「…経費の総額が寄附金額の5割以下」) elsewhere.
    let clause_start =
        text[..whole.start()].char_indices().rev().find(|(_, c)| matches!(c, '。' | ',' | '、')).map_or(0, |(i, c)| i + c.len_utf8());
    let clause_end = text[whole.end()..].find(['。', ',', '、']).map_or(text.len(), |i| whole.end() + i);
    let clause = &text[clause_start..clause_end];
    // 「5年間で10件」: a count over several years is their sum.
    let over_years = SPAN_OF_YEARS_BEFORE.is_match(&text[..whole.start()]);
    draft.total =
        CUMULATIVE.is_match(clause) || over_years && !unit.is_empty() && !["%", "%台", "‰", "割", "倍", "ポイント"].contains(&unit);
    if draft.by.is_none() {
        // 「ごみ排出量440g(令和6年度)」, 「90%台まで向上(2030年)」.
        draft.by = YEAR_IN_BRACKETS.captures(&text[whole.end()..]).and_then(|c| parse_year(&c["year"]));
    }
    if draft.by.is_none() {
        // The latest year the sentence sets something for, other than the year it compares with.
        let base = base_year(text);
        draft.by = SET_FOR.captures_iter(text).filter_map(|c| parse_year(&c["year"])).filter(|year| Some(*year) != base).max();
    }
    draft.name = figure_name(text, whole.start(), whole.end(), unit);
    // 「10%増加」 is relative to a base; 「99%に向上」 and 「20%以上に向上」 name the level itself.
    let absolute = ["に", "以上に", "以下に", "まで", "へ"].iter().any(|w| after.starts_with(w));
    let relative_words = RISE.captures(after).filter(|c| !absolute && c.get(0).is_some_and(|m| m.start() <= 3));
    // A cut is said after the figure (「10%削減」), before it (「2013年比でマイナス26%」), or
    // by measuring the cut itself (「予備群の減少率を10%以上」: the group shrinks by 10%).
    let minus_before = ["マイナス", "△", "▲"].iter().any(|w| text[..whole.start()].ends_with(w));
    let rate_of_cut = ["の減少率", "の削減率", "減少率", "削減率"].into_iter().find(|w| unit == "%" && draft.name.ends_with(w));
    if let Some(rate) = rate_of_cut {
        draft.name.truncate(draft.name.len() - rate.len());
    }
    let cut = minus_before
        || rate_of_cut.is_some()
        || (!absolute && CUT.captures(after).is_some_and(|c| c.get(0).is_some_and(|m| m.start() <= 3)));
    let rise = relative_words.is_some() && !cut;
    draft.target = figure_target(text, Figure { number: &number, unit, after, clause }, Change { rise, cut }, draft);
}

/// What the figure is of: the words before it (or its goal's), else the words after it.
fn figure_name(text: &str, start: usize, end: usize, unit: &str) -> String {
    let mut name = name_before(text, start);
    if let Some(goal) = GOAL_OF.find_iter(&text[..start]).last() {
        let named = name_before(text, goal.start());
        if named.chars().count() >= 2 {
            name = named;
        }
    }
    if name.chars().count() < 2 || ["年間", "毎年", "各年度", "年度", "単年度", "総額", "合計", "累計"].contains(&name.as_str())
    {
        // The figure comes first (「100%取組を実施」, 「総額13億776万円の財政効果を目標に」):
        // the name follows it, up to its particle.
        let rest = text[end..].trim_start_matches(['以', '上', 'の']);
        let rest = rest.split(['、', '。', '.']).next().unwrap_or("");
        let rest = rest.replace("を実施", "の実施");
        name = rest.split(['を', 'が']).next().unwrap_or("").trim().to_string();
        // 「60%以上の市民が健康であると感じている」: the share of 市民 who feel so.
        let subject_first = rest.find('が').is_some_and(|at| rest.find('を').is_none_or(|object| at < object));
        if unit == "%" && subject_first {
            if let Some((who, what)) = rest.split_once('が').filter(|(who, what)| !who.is_empty() && !what.trim().is_empty()) {
                name = format!("{}{who}の割合", what.trim());
            }
        }
    }
    name
}

/// The chosen figure: its number (grouped), unit, the text after it and its clause.
struct Figure<'t> {
    number: &'t str,
    unit: &'t str,
    after: &'t str,
    clause: &'t str,
}

/// Whether the figure is a change from the base: a rise (「増加」), a cut (「削減」), or neither (a level).
#[derive(Clone, Copy)]
struct Change {
    rise: bool,
    cut: bool,
}

impl Change {
    fn relative(self) -> bool {
        self.rise || self.cut
    }
}

/// The target a figure sets, by its unit and whether it is a change from the base.
fn figure_target(text: &str, figure: Figure<'_>, change: Change, draft: &mut Draft) -> Target {
    let (number, unit) = (figure.number, figure.unit);
    let base = base_year(text);
    match unit {
        "%" if change.relative() => {
            if !previous_year_note(text, &mut draft.review) && !text.contains("年間で") {
                plan_baseline_note(base, &mut draft.review);
            }
            share_of_base(base, change.rise, number)
        }
        "倍" => Target::Compare { comparator: ">=", expression: format!("{} * {number}倍", baseline_expression(base)) },
        // 「観光客数 373,000人増加」, 「転出超過数 110人抑制」: a change of so many, from the base.
        _ if !unit.is_empty() && !["%台", "%", "割", "ポイント"].contains(&unit) && change.relative() => {
            plan_baseline_note(base, &mut draft.review);
            let unit = if unit == "名" { "人" } else { unit };
            change_from_base(base, change.rise, &format!("{number}{unit}"))
        }
        // 「収納率を1ポイント向上」: percentage points added to (or taken from) the base.
        "ポイント" if change.relative() => {
            if !previous_year_note(text, &mut draft.review) {
                plan_baseline_note(base, &mut draft.review);
            }
            change_from_base(base, change.rise, &format!("{number}%"))
        }
        "割" if change.relative() => {
            plan_baseline_note(base, &mut draft.review);
            share_of_base(base, change.rise, &format!("{}", number_value(number) * 10.0))
        }
        _ => {
            let comparator = comparator_after(figure.after, figure.clause, &draft.name);
            let (value, unit_clause) = level(number, unit, &mut draft.review);
            draft.unit = unit_clause;
            Target::Compare { comparator, expression: value }
        }
    }
}

/// A level as written in the plan's language, and the unit clause it needs (a scaled money unit).
fn level(number: &str, unit: &str, review: &mut Vec<String>) -> (String, Option<String>) {
    match unit {
        "%台" => {
            review.push(format!("「{number}%台」は範囲です。下限 {number}% として書きました"));
            (format!("{number}%"), None)
        }
        "千円" | "万円" | "百万円" | "億円" => (format!("{number}{unit}"), Some(unit.to_string())),
        // A multiplier written into the number (`298,513千円`) is the display unit.
        "円" => {
            let scale: String =
                number.chars().rev().take_while(|c| "百千万億兆".contains(*c)).collect::<Vec<_>>().into_iter().rev().collect();
            let display = ["千", "万", "百万", "億"].contains(&scale.as_str()).then(|| format!("{scale}円"));
            (format!("{number}円"), display)
        }
        "名" => (format!("{number}人"), None),
        "ポイント" => {
            review.push("「ポイント」は百分率の差です。基準値に足す形か確かめてください".to_string());
            (format!("{number}%"), None)
        }
        _ => (format!("{number}{unit}"), None),
    }
}

/// The year a dated action names: where it starts (「令和5年度以降」, 「令和7年4月から」),
/// else its deadline (「令和7年度までに」), else the year it is done in (「令和4年度に導入」).
pub fn dated(text: &str) -> Option<Year> {
    dated_phrase(&normalize(text)).map(|(year, _)| year)
}

/// The year a dated action names, and the phrase that names it (「令和8年度までに」).
fn dated_phrase(normalized: &str) -> Option<(Year, String)> {
    let text = with_fiscal_months(normalized);
    let found = [&STARTS_IN, &BY_YEAR, &DATED_ACTION].into_iter().find_map(|pattern| pattern.captures(&text))?;
    let year = found.name("year")?;
    let rest = &text[year.end()..];
    let particle = ["までに", "まで", "以降", "から", "より", "中に", "に", "の"].into_iter().find(|p| rest.starts_with(p)).unwrap_or("");
    Some((parse_year(year.as_str())?, format!("{}{particle}", year.as_str())))
}

/// Whether an item's description sets a figure as its aim (「80%以上となるよう」), not
/// just mentions one (「2名の再任用職員」).
pub fn aims_at_a_figure(text: &str) -> bool {
    AIMS_AT.is_match(text)
}

/// Rewrites 「令和7年4月」 as the fiscal year the month falls in (January to March
/// belong to the year before).
fn with_fiscal_months(text: &str) -> String {
    MONTH
        .replace_all(text, |c: &regex::Captures| {
            let year: i32 = if &c["year"] == "元" { 1 } else { c["year"].parse().unwrap_or(0) };
            let month: i32 = c["month"].parse().unwrap_or(4);
            let fiscal = if (1..=3).contains(&month) { year - 1 } else { year };
            let era = match &c["era"] {
                "令和" | "R" => "令和",
                _ => "平成",
            };
            // 令和 began in May 2019: a 令和元年 January to March is the fiscal year before.
            if fiscal == 0 && era == "令和" {
                "平成30年度".to_string()
            } else {
                format!("{era}{fiscal}年度")
            }
        })
        .into_owned()
}

/// Output (what is done) or outcome (what it achieves), guessed from the wording.
pub fn guess_kind(sentence: &str) -> Kind {
    if OUTPUT_WORDS.is_match(sentence) && !OUTCOME_WORDS.is_match(sentence) {
        Kind::Output
    } else {
        Kind::Outcome
    }
}

/// A rule read against a base year the sentence does not name uses the plan's: say so.
fn plan_baseline_note(base: Option<Year>, review: &mut Vec<String>) {
    if base.is_none() {
        review.push("基準年度が書かれていません。計画の baseline を使います".to_string());
    }
}

/// 「10%増加」, 「3割減」: the base times 110% or 70% (`percent` is the change in percent).
fn share_of_base(base: Option<Year>, rise: bool, percent: &str) -> Target {
    match percent_of_base(percent, rise) {
        Some(factor) => {
            Target::Compare { comparator: if rise { ">=" } else { "<=" }, expression: format!("{} * {factor}", baseline_expression(base)) }
        }
        None => Target::Qualitative,
    }
}

/// 「110人抑制」, 「1ポイント向上」: the base plus or minus an amount.
fn change_from_base(base: Option<Year>, rise: bool, amount: &str) -> Target {
    Target::Compare {
        comparator: if rise { ">=" } else { "<=" },
        expression: format!("{} {} {amount}", baseline_expression(base), if rise { "+" } else { "-" }),
    }
}

/// A target against the previous year is written against the plan's base year: say so.
fn previous_year_note(text: &str, review: &mut Vec<String>) -> bool {
    let previous_year = text.contains("前年度比") || text.contains("前年比") || text.contains("前年度対比");
    if previous_year {
        review.push("前年度比の目標は、計画の基準年度に対する割合として書きました。毎年度の比較が必要か確かめてください".to_string());
    }
    previous_year
}

/// The comparator a plain value asks for.
fn comparator_after(after: &str, clause: &str, name: &str) -> &'static str {
    let window: String = after.chars().take(6).collect();
    if window.starts_with("以上") || window.starts_with("を上回") {
        ">="
    } else if window.starts_with("未満") {
        "<"
    } else if window.starts_with("超") || window.starts_with("を超") {
        ">"
    } else if window.starts_with("以下")
        || window.starts_with("以内")
        || LOWER_IS_BETTER.is_match(clause)
        || LOWER_IS_BETTER_NAME.is_match(name)
    {
        "<="
    } else {
        ">="
    }
}

/// Picks the figure the sentence sets as its goal; says so when there are several.
fn choose_figure<'t>(figures: &'t [regex::Captures<'t>], text: &str, review: &mut Vec<String>) -> Option<&'t regex::Captures<'t>> {
    match figures {
        [] => None,
        [one] => Some(one),
        many => {
            // 「週1回以上スポーツをする都民の割合を70%に」: a frequency in the name is no figure of the goal.
            let frequency = |c: &regex::Captures<'_>| {
                let start = c.get(0).map_or(0, |m| m.start());
                c.name("unit").is_some_and(|u| u.as_str() == "回") && ["週", "月", "日", "年"].iter().any(|w| text[..start].ends_with(w))
            };
            let many: Vec<&regex::Captures<'_>> = many.iter().filter(|c| !frequency(c)).collect();
            if let [one] = many[..] {
                return Some(one);
            }
            if many.is_empty() {
                return figures.last();
            }
            // 「目標3万244人を上回る見通し」, 「目標としていた50%を超えた」: the figure the sentence
            // calls the target is the goal, whatever actuals stand beside it.
            let named_goal = many.iter().copied().find(|c| {
                let start = c.get(0).map_or(0, |m| m.start());
                ["目標", "目標値", "目標値は", "目標としていた", "目標とした"].iter().any(|w| text[..start].ends_with(w))
            });
            let goal = named_goal.or_else(|| {
                many.iter().copied().find(|c| {
                    let end = c.get(0).map_or(0, |m| m.end());
                    let after: String = text[end..].chars().take(8).collect();
                    // (「1.2倍となる2587万人泊」, 「20%減となる19.4」: a figure that amounts to another is not the goal;
                    // nor is the base a change is counted on, 「332,034人に対して」, or what restates another, 「4倍に当たる20%」.)
                    ["以上", "以下", "未満", "超", "以内", "達成", "増", "減", "を目指", "と", "に"].iter().any(|w| after.starts_with(w))
                        && !after.chars().take(4).collect::<String>().contains("となる")
                        && !["に対し", "に当た", "に相当"].iter().any(|w| after.starts_with(w))
                })
            });
            let chosen = goal.unwrap_or_else(|| many.last().expect("several"));
            let all: Vec<&str> = figures.iter().map(|c| c.get(0).map_or("", |m| m.as_str())).collect();
            review.push(format!(
                "数値が複数あります（{}）。「{}」を目標としました",
                all.join("、"),
                chosen.get(0).map_or("", |m| m.as_str())
            ));
            Some(chosen)
        }
    }
}

/// A number as the language reads it: thousands separators only in groups of
/// three (「2,300」); a comma anywhere else (「2,30050」 from a garbled PDF) is dropped.
fn grouped_correctly(number: &str) -> String {
    let integer_end = number.find(|c: char| !(c.is_ascii_digit() || c == ',')).unwrap_or(number.len());
    let (integer, rest) = number.split_at(integer_end);
    let mut groups = integer.split(',');
    let first = groups.next().unwrap_or("");
    let valid = !first.is_empty() && first.len() <= 3 && groups.all(|g| g.len() == 3) || !integer.contains(',');
    if valid {
        number.to_string()
    } else {
        format!("{}{rest}", integer.replace(',', ""))
    }
}

fn number_value(text: &str) -> f64 {
    text.chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect::<String>()
        .parse()
        .unwrap_or(0.0)
}

/// Final touches shared by every pattern: a name, and a note when it had to be made up.
fn finish(mut draft: Draft, text: &str) -> Draft {
    // A figure the language cannot read (「4億2,148万1千億円」 from a garbled PDF) is
    // not guessed at: the rule is kept without a target, and says why.
    let readable =
        |rule: &str| !shihyo_syntax::parse(&Source::new("", rule), shihyo_syntax::FileId(0)).diagnostics.iter().any(|d| d.is_error());
    if draft.unit.as_ref().is_some_and(|unit| !readable(&format!("outcome \"x\" >= tbd unit {unit}"))) {
        draft.unit = None;
    }
    if let Target::Compare { comparator, expression } = &draft.target {
        let values = draft.data.iter().map(|(_, value)| value.as_str());
        let mut rules = std::iter::once(format!("outcome \"x\" {comparator} {expression}"))
            .chain(values.map(|value| format!("data \"x\" {{ R1: {value} }}")));
        if !rules.all(|rule| readable(&rule)) {
            draft.review.push(format!("目標の数値を読み取れませんでした（{expression}）。定性的な指標として取り込みました"));
            draft.target = Target::Qualitative;
            draft.data.clear();
            draft.total = false;
        }
    }
    // A 効果額 set as an amount is the plan's cumulative effect; one set against a
    // base year's result (「令和元年度実績の1.2倍」) is a yearly figure.
    if let Target::Compare { expression, .. } = &draft.target {
        if expression.contains("baseline") && !EXPLICITLY_CUMULATIVE.is_match(text) {
            draft.total = false;
        }
    }
    // 「毎年度98%以上」: every year, unless the figure is a sum over the years.
    draft.every_year = EVERY_YEAR.is_match(text) && matches!(draft.target, Target::Compare { .. }) && !draft.total;
    if draft.every_year {
        draft.by = None;
    }
    // A deadline not after the year compared with (「令和元年度より…令和元年度までに」) is not kept.
    if let Some(by) = draft.by {
        let bases = BASELINE_YEAR.captures_iter(match &draft.target {
            Target::Compare { expression, .. } => expression,
            _ => "",
        });
        if bases.filter_map(|c| parse_year(&c[1])).any(|base| base.number >= by.number) {
            draft.by = None;
            draft.review.push("目標年度が基準年度より後になっていないため、目標年度を外しました".to_string());
        }
    }
    if draft.name.chars().count() < 2 {
        draft.name = text.chars().take(30).collect();
        draft.review.push("指標名を文から切り出せませんでした。名前を付け直してください".to_string());
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(sentence: &str) -> (String, Target) {
        let draft = draft(sentence, Kind::Outcome);
        (draft.name, draft.target)
    }

    fn compare(comparator: &'static str, expression: &str) -> Target {
        Target::Compare { comparator, expression: expression.to_string() }
    }

    #[test]
    fn a_flattened_table_row_names_its_first_cell_and_targets_its_last_dated_figure() {
        let row = draft("公共交通機関利用者数 | 69,077千人(2020 年度) | 100,000千人(2026年度) |", Kind::Outcome);
        assert_eq!((row.name.as_str(), &row.target), ("公共交通機関利用者数", &compare(">=", "100,000千人")));
        assert_eq!(row.by.map(|year| year.number), Some(2026));
        assert_eq!(row.data.iter().map(|(year, value)| (year.number, value.as_str())).collect::<Vec<_>>(), [(2020, "69,077千人")]);
        // A ceiling, and a figure that falls: lower is better.
        assert_eq!(rule("交通事故死者数 | 46人(2022 年) | 45人以下(2025 年) |"), ("交通事故死者数".into(), compare("<=", "45人")));
        // The unit in the name's notes; the cell's first figure, not a rank beside it.
        assert_eq!(rule("親の割合(%) | 96.0 (2019年度) | 96.0以上 (2023年度) |").1, compare(">=", "96.0%"));
        assert_eq!(rule("作成している市町村の割合 | 44.2% 全国41位(2022年) | 100% 全国1位(2028年) |").1, compare(">=", "100%"));
        // Cells without a dated figure are no such row.
        assert_ne!(rule("職員の適正配置 | 一般職員数 15人削減 | 4人削減 |").0, "職員の適正配置");
    }

    #[test]
    fn a_tag_in_square_brackets_is_no_part_of_the_name() {
        assert_eq!(rule("[KPI] 農業産出額 (H25)4,356 億円 → (H31)4,380 億円"), ("農業産出額".into(), compare(">=", "4,380億円")));
        assert_eq!(rule("国の行政機関の定員について5年間で5%以上の純減を確保する").1, compare("<=", "baseline * 95%"));
    }

    #[test]
    fn a_cut_said_as_a_share_and_a_count_targets_the_count() {
        let nagano = "平成24年度から平成28年度までの5年間に全体の5%に相当する1,367人の職員数削減を目標として";
        assert_eq!(rule(nagano), ("職員数".into(), compare("<=", "baseline - 1,367人")));
        assert_eq!(rule("平成16年度対比で10%に当たる650人の削減を目標にしています。").1, compare("<=", "baseline(H16) - 650人"));
        assert_eq!(rule("(1)及び(2)により18,936人(5.7%)以上の純減を確保する。").1, compare("<=", "baseline - 18,936人"));
        assert_eq!(
            draft("政府は05―09年度の5年間で10%、約3万3000人の定員削減目標を掲げている。", Kind::Outcome).by.map(short_label),
            Some("H21".into())
        );
    }

    #[test]
    fn a_base_a_share_and_the_level_it_comes_to_target_the_level() {
        let fuchu = "平成22年度の職員数を平成17年度の1358人から5.7%減の1280人とする目標を掲げました。";
        assert_eq!(rule(fuchu), ("職員数".into(), compare("<=", "1280人")));
        let drafted = draft(fuchu, Kind::Outcome);
        assert_eq!(drafted.by.map(short_label), Some("H22".into()));
        assert_eq!(
            drafted.data.iter().map(|(year, value)| (short_label(*year), value.as_str())).collect::<Vec<_>>(),
            [("H17".to_string(), "1358人")]
        );
    }

    #[test]
    fn a_base_restated_or_a_frequency_in_the_name_is_not_the_goal() {
        assert_eq!(rule("5年間で国の4倍に当たる20%を純減する職員削減計画を示した。").1, compare("<=", "baseline * 80%"));
        assert_eq!(rule("週1回以上スポーツをする都民の割合を70%に向上し、さらに世界最高水準に(2030年)").1, compare(">=", "70%"));
        assert_eq!(rule("その削減目標は、平成17年度比で△4.6%とされています。").1, compare("<=", "baseline(H17) * 95.4%"));
    }

    #[test]
    fn the_figure_called_the_target_is_the_goal_beside_actuals() {
        let reported = "令和元年度については、登録店舗数の増加目標100店舗は、実績101店舗と達成できた。";
        assert_eq!(rule(reported).1, compare(">=", "100店"));
        assert_eq!(rule("市の職員数を2020年度までに668人へ削減させる").1, compare("<=", "668人"));
        assert_eq!(rule("訪日旅行者数は目標の1000万人を1800万人へとかさ上げした。").1, compare(">=", "1800万人"));
    }

    #[test]
    fn increase_against_a_base_year() {
        assert_eq!(
            rule("①電子申請の年間利用件数50%増加（令和元年度比）"),
            ("電子申請の年間利用件数".into(), compare(">=", "baseline(R1) * 150%"))
        );
    }

    #[test]
    fn ratio_at_least() {
        assert_eq!(
            rule("②窓口・電話口での職員の対応に対する市民の満足度80%以上を達成"),
            ("窓口・電話口での職員の対応に対する市民の満足度".into(), compare(">=", "80%"))
        );
    }

    #[test]
    fn counts_and_money() {
        assert_eq!(rule("②職員研修の年間延べ受講者数2,300人以上を達成"), ("職員研修の年間延べ受講者数".into(), compare(">=", "2,300人")));
        let effect = draft("①効果額 298,513千円を達成", Kind::Outcome);
        assert_eq!((effect.name.as_str(), effect.unit.as_deref()), ("効果額", Some("千円")));
        assert_eq!(effect.target, compare(">=", "298,513千円"));
        assert!(effect.total, "an effect amount is cumulative over the plan");
    }

    #[test]
    fn a_name_keeps_its_first_kana() {
        assert_eq!(rule("はだのICT活用推進計画の取組みを100%実施").0, "はだのICT活用推進計画の取組み");
        assert_eq!(rule("令和7年度の電子申請件数を2万件以上").0, "電子申請件数");
    }

    #[test]
    fn dated_actions_take_their_start_or_deadline() {
        assert_eq!(dated("令和4年度の指定管理者制度の導入を目指します。"), Some(Year::fiscal(2022)));
        assert_eq!(dated("令和4年度に2名が満了となることから、令和5年度以降、2校を委託します。"), Some(Year::fiscal(2023)));
        assert_eq!(dated("令和7年4月から、共同運用を開始する"), Some(Year::fiscal(2025)));
        assert_eq!(dated("令和3年2月から開始した"), Some(Year::fiscal(2020)));
        assert_eq!(dated("令和7年度までに検討します"), Some(Year::fiscal(2025)));
        assert_eq!(dated("取組みを進めます"), None);
        assert!(aims_at_a_figure("利用割合が、80%以上となるよう"));
        assert!(!aims_at_a_figure("2名の再任用職員について"));
    }

    #[test]
    fn placeholders_are_tbd() {
        let draft = draft("②行政手続のデジタル化手続数〇〇〇以上を達成", Kind::Output);
        assert_eq!(draft.name, "行政手続のデジタル化手続数");
        assert_eq!(draft.target, Target::Tbd { comparator: ">=" });
    }

    #[test]
    fn multiples_and_years() {
        let draft = draft("令和7年度時点で令和元年度点検効果額実績の1.2倍とする", Kind::Outcome);
        assert_eq!(draft.target, compare(">=", "baseline(R1) * 1.2倍"));
        assert_eq!(draft.by, Some(Year::fiscal(2025)));
        assert_eq!(draft.name, "点検効果額");
        assert!(!draft.total, "a multiple of a year's result is a yearly figure");
    }

    #[test]
    fn cuts_are_lower_is_better() {
        assert_eq!(rule("ごみ排出量を令和7年度までに10%削減（平成30年度比）"), ("ごみ排出量".into(), compare("<=", "baseline(H30) * 90%")));
        assert_eq!(rule("待機児童ゼロ"), ("待機児童数".into(), compare("<=", "0人")));
    }

    #[test]
    fn spaced_digits_and_full_width() {
        assert_eq!(rule("市民満足度 ６ ０ ％以上"), ("市民満足度".into(), compare(">=", "60%")));
    }

    #[test]
    fn base_to_target() {
        let draft = draft("観光客数 H24年度8,012→H29年度8,220", Kind::Outcome);
        assert_eq!(draft.target, compare(">=", "8,220"));
        assert_eq!(draft.data, vec![(Year::fiscal(2012), "8,012".to_string())]);
        assert_eq!(draft.by, Some(Year::fiscal(2017)));
    }

    #[test]
    fn short_years_take_the_era_or_century_before_them() {
        assert_eq!(normalize("平成18年度から21年度までの集中改革プラン"), "平成18年度から平成21年度までの集中改革プラン");
        assert_eq!(normalize("平成19年度から23年までの5カ年計画"), "平成19年度から平成23年度までの5カ年計画");
        assert_eq!(normalize("2010年度から今年度までに、08年度比で"), "2010年度から今年度までに、2008年度比で");
        assert_eq!(normalize("今後3年間で5年後に"), "今後3年間で5年後に");
        assert_eq!(normalize("平成31年(2019年)の転出超過数"), "平成31年の転出超過数");
        let cut = draft("これまで平成18年度から21年度までの間、時間外勤務手当について前年度対比1%の削減", Kind::Outcome);
        assert_eq!(cut.by, Some(Year::fiscal(2009)));
    }

    #[test]
    fn the_year_a_figure_is_set_for() {
        let gases =
            draft("2013(平成25)年度を基準年度とし、2030(令和12)年度の温室効果ガス総排出量を基準年度と比較して51%削減", Kind::Outcome);
        assert_eq!((gases.name.as_str(), gases.target.clone()), ("温室効果ガス総排出量", compare("<=", "baseline(H25) * 49%")));
        assert_eq!(gases.by, Some(Year::fiscal(2030)));
        let overtime = draft("平成20年度における超過勤務手当等(約7億8千万円)を基準値として、平成25年度以降3割削減する", Kind::Outcome);
        assert_eq!(overtime.target, compare("<=", "baseline(H20) * 70%"));
        assert_eq!(overtime.by, Some(Year::fiscal(2013)));
    }

    #[test]
    fn cuts_said_before_the_figure_or_as_a_rate() {
        assert_eq!(
            rule("温室効果ガスの排出量を2030年には2013年比でマイナス26%にする"),
            ("温室効果ガスの排出量".into(), compare("<=", "baseline(2013年) * 74%"))
        );
        assert_eq!(
            rule("平成24年度において、平成20年度と比較したメタボリックシンドロームの該当者及び予備群の減少率を10%以上とする。"),
            ("メタボリックシンドロームの該当者及び予備群".into(), compare("<=", "baseline(H20) * 90%"))
        );
    }

    #[test]
    fn the_name_is_what_the_target_is_of() {
        assert_eq!(rule("県内の今年度の観光収入の目標額を、前の年度より774億円高い7908億円とする").0, "観光収入");
        assert_eq!(
            rule("延べ宿泊者数を示す「人泊(にんぱく)数」の目標値は、前の年度のおよそ1.2倍となる2587万人泊となっています。"),
            ("人泊数".into(), compare(">=", "2587万人泊"))
        );
    }

    #[test]
    fn ratios_keep_their_name() {
        assert_eq!(rule("経常収支比率を90%未満に抑制"), ("経常収支比率".into(), compare("<", "90%")));
        assert_eq!(rule("自主財源比率を50%以上とする").0, "自主財源比率");
    }

    #[test]
    fn points_are_added_to_the_base() {
        assert_eq!(rule("収納率10ポイント増加（平成30年度比）"), ("収納率".into(), compare(">=", "baseline(H30) + 10%")));
    }

    #[test]
    fn every_year_totals_halves_and_doubles() {
        let every = draft("市税の徴収率98%以上（毎年度）", Kind::Outcome);
        assert!(every.every_year && every.by.is_none());
        let firms = draft("企業誘致件数 5年間で10件", Kind::Output);
        assert_eq!((firms.name.as_str(), firms.total), ("企業誘致件数", true));
        assert_eq!(rule("転入超過数 年間200人").0, "転入超過数");
        assert_eq!(rule("食品ロス量を半減（2000年度比）"), ("食品ロス量".into(), compare("<=", "baseline(H12) * 50%")));
        assert_eq!(rule("観光客数を倍増させる"), ("観光客数".into(), compare(">=", "baseline * 200%")));
    }

    #[test]
    fn a_share_written_figure_first_is_named_as_a_share() {
        assert_eq!(rule("6 0 %以上の市民が健康であると感じている").0, "健康であると感じている市民の割合");
    }

    #[test]
    fn values_under_a_year_in_brackets_are_the_base() {
        assert_eq!(rule("健康寿命を延伸する（令和元年度：男性79.5歳、女性83.6歳）"), ("健康寿命".into(), compare(">", "baseline(R1)")));
    }

    #[test]
    fn a_kept_level_is_named_by_its_aside() {
        assert_eq!(rule("平成28年度の水準を維持する（図書館貸出冊数）"), ("図書館貸出冊数".into(), compare(">=", "baseline(H28)")));
    }

    #[test]
    fn a_dated_sentence_without_a_figure_is_a_milestone() {
        let tablets = draft("令和8年度までに全小中学校にタブレット端末を整備", Kind::Output);
        assert_eq!(tablets.target, Target::Milestone { by: Year::fiscal(2026) });
        assert_eq!(tablets.name, "全小中学校にタブレット端末を整備");
    }

    #[test]
    fn base_and_target_with_years_in_brackets() {
        let children = draft("待機児童数 252人(H27) 0人(H31)", Kind::Outcome);
        assert_eq!((children.name.as_str(), children.target.clone()), ("待機児童数", compare("<=", "0人")));
        assert_eq!(children.by, Some(Year::fiscal(2019)));
        let visitors = draft("主要観光スポットの観光客数: 2,584 千人(平成 25 年)→2,750 千人(平成 31 年)", Kind::Outcome);
        assert_eq!(visitors.target, compare(">=", "2,750千人"));
        assert_eq!(visitors.data, vec![(Year::calendar(2013), "2,584千人".to_string())]);
    }

    #[test]
    fn previous_year_is_no_part_of_the_name() {
        let draft = draft("市税収納率を前年度比1%増加", Kind::Outcome);
        assert_eq!((draft.name.as_str(), draft.target.clone()), ("市税収納率", compare(">=", "baseline * 101%")));
        assert!(draft.review.iter().any(|r| r.contains("前年度比")));
    }

    #[test]
    fn a_change_by_a_count_is_from_the_base() {
        assert_eq!(rule("本市の観光客数 373,000人増加"), ("本市の観光客数".into(), compare(">=", "baseline + 373,000人")));
        assert_eq!(rule("転出超過数を110人抑制（令和元年度比）"), ("転出超過数".into(), compare("<=", "baseline(R1) - 110人")));
        assert!(!draft("合計特殊出生率 1.55以上", Kind::Outcome).total, "合計特殊出生率 is a rate");
    }

    #[test]
    fn no_number_is_qualitative_and_flagged() {
        let draft = draft("主体的に地域課題等に取り組む人材が育ち、活動する", Kind::Outcome);
        assert_eq!(draft.target, Target::Qualitative);
        assert!(!draft.review.is_empty());
    }

    #[test]
    fn approximate_words_are_kept_and_flagged() {
        let draft = draft("年間約2千万円の歳入", Kind::Outcome);
        assert_eq!(draft.target, compare(">=", "2千万円"));
        assert_eq!(draft.name, "歳入");
        assert!(draft.review.iter().any(|r| r.contains("約")));
    }
}
