//! The words of the language in one place: every keyword with its role, and
//! every function with its arguments, an example and the names people reach
//! for instead. The parser's suggestions ("did you mean `outcome`?") and its
//! lists of what it expected, the scan for statement starts and the browser
//! editor's highlighting are all read from these tables; tests hold them
//! against the grammar's literals (`grammar/shihyo.pest`) and the reference.

use crate::{tr, Localized};

/// What a keyword does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Begins a statement and defines something (`plan`, `outcome`, `scenario`).
    Statement,
    /// Begins an `any`/`all` rule, itself a statement.
    Composite,
    /// A setting of the plan's header (`period`, `baseline`).
    PlanSetting,
    /// A value a plan setting takes (`ratio`, `lowest`).
    SettingValue,
    /// An option of a rule (`unit`, `from`, `every year`).
    RuleOption,
    /// A key of a rule's or group's `{ … }` block (`source`, `owner`).
    Meta,
    /// A key of a data entry's `{ … }` of remarks (`comment`, `outlook`; `owner` is also a [`Role::Meta`]).
    Remark,
    /// A data value that is not a number (`done`, `grade B`).
    DataValue,
    /// A word of a scenario or simulation (`grows`, `extends`).
    Scenario,
    /// A distribution to draw an amount from (`normal`).
    Distribution,
    /// A word of a plan's test (`expect`, `case`, `as of`).
    Test,
    /// A figure a test's expectation checks (`status`, `actual`; `grade`, `achievement`,
    /// `progress` and `baseline` are also words of other roles).
    Field,
    /// A word of an aggregate's file (`aggregate` begins its one statement, which a plan does
    /// not hold, so no plan's list of statements offers it; `plans`; `sum`, also a function;
    /// `by`, `as of` and `average` are also words of other roles).
    Aggregate,
    /// A word of a grade's or points' condition (`when`, `and`, `change`; the figures it
    /// tests are [`Role::Field`]s).
    Scale,
}

impl Role {
    /// What a keyword of the role does, in words (an editor's hover and completion show it).
    pub fn description(self) -> Localized {
        match self {
            Role::Statement => tr!("begins a statement", "文の始まり"),
            Role::Composite => tr!("a rule met when any or all of its members are", "いずれか・すべての構成ルールで判定するルール"),
            Role::PlanSetting => tr!("a setting of the plan's header", "計画の見出しの設定"),
            Role::SettingValue => tr!("a value of a plan setting", "計画の設定の値"),
            Role::RuleOption => tr!("an option of a rule", "ルールのオプション"),
            Role::Meta => tr!("a note on a rule or group (`source`, `owner`, …)", "ルールやグループの注記（出典・担当など）"),
            Role::Remark => tr!("a department's remark on a year's figure", "年度の数値への所管課のコメント"),
            Role::DataValue => tr!("a data value that is not a number", "数値でないデータの値"),
            Role::Scenario => tr!("a word of a scenario or simulation", "シナリオ・シミュレーションの語"),
            Role::Distribution => tr!("a distribution to draw an amount from", "値を引く分布"),
            Role::Test => tr!("a word of a plan's test", "計画のテストの語"),
            Role::Field => tr!("a figure a test's expectation checks", "テストの期待で確かめる数値"),
            Role::Aggregate => tr!("a word of an `aggregate` of many plans", "複数の計画の集計（aggregate）の語"),
            Role::Scale => tr!("a word of a grade or points step's condition", "評価・点数の段階の条件の語"),
        }
    }
}

/// A keyword of the language.
#[derive(Clone, Copy, Debug)]
pub struct Keyword {
    /// As a plan writes it (`outcome`); the words of `every year`, `per year` and `as of` each
    /// appear on their own.
    pub word: &'static str,
    /// What the keyword does.
    pub role: Role,
}

const fn keyword(word: &'static str, role: Role) -> Keyword {
    Keyword { word, role }
}

/// Every keyword, statements first in the order the reference introduces them.
pub const KEYWORDS: &[Keyword] = &[
    keyword("plan", Role::Statement),
    keyword("group", Role::Statement),
    keyword("output", Role::Statement),
    keyword("outcome", Role::Statement),
    keyword("indicator", Role::Statement),
    keyword("milestone", Role::Statement),
    keyword("data", Role::Statement),
    keyword("scenario", Role::Statement),
    keyword("simulation", Role::Statement),
    keyword("test", Role::Statement),
    keyword("any", Role::Composite),
    keyword("all", Role::Composite),
    keyword("period", Role::PlanSetting),
    keyword("baseline", Role::PlanSetting),
    keyword("achievement", Role::PlanSetting),
    keyword("rollup", Role::PlanSetting),
    keyword("grades", Role::PlanSetting),
    keyword("points", Role::PlanSetting),
    keyword("calendar", Role::PlanSetting),
    keyword("rates", Role::PlanSetting),
    keyword("ratio", Role::SettingValue),
    keyword("progress", Role::SettingValue),
    keyword("lowest", Role::SettingValue),
    keyword("average", Role::SettingValue),
    keyword("rounded", Role::SettingValue),
    keyword("truncated", Role::SettingValue),
    keyword("unit", Role::RuleOption),
    keyword("from", Role::RuleOption),
    keyword("by", Role::RuleOption),
    keyword("every", Role::RuleOption),
    keyword("year", Role::RuleOption),
    keyword("total", Role::RuleOption),
    keyword("recurring", Role::RuleOption),
    keyword("tbd", Role::RuleOption),
    keyword("qualitative", Role::RuleOption),
    keyword("source", Role::Meta),
    keyword("basis", Role::Meta),
    keyword("id", Role::Meta),
    keyword("owner", Role::Meta),
    keyword("note", Role::Meta),
    keyword("comment", Role::Remark),
    keyword("outlook", Role::Remark),
    keyword("done", Role::DataValue),
    keyword("grade", Role::DataValue),
    keyword("extends", Role::Scenario),
    keyword("runs", Role::Scenario),
    keyword("seed", Role::Scenario),
    keyword("grows", Role::Scenario),
    keyword("per", Role::Scenario),
    keyword("trend", Role::Scenario),
    keyword("steady", Role::Scenario),
    keyword("normal", Role::Distribution),
    keyword("uniform", Role::Distribution),
    keyword("triangular", Role::Distribution),
    keyword("case", Role::Test),
    keyword("as", Role::Test),
    keyword("of", Role::Test),
    keyword("expect", Role::Test),
    keyword("status", Role::Field),
    keyword("pace", Role::Field),
    keyword("actual", Role::Field),
    keyword("expected", Role::Field),
    keyword("target", Role::Field),
    keyword("aggregate", Role::Aggregate),
    keyword("plans", Role::Aggregate),
    keyword("sum", Role::Aggregate),
    keyword("when", Role::Scale),
    keyword("and", Role::Scale),
    keyword("change", Role::Scale),
];

/// A function of the expression language.
#[derive(Clone, Copy, Debug)]
pub struct Function {
    /// The name a plan calls it by (`avg`).
    pub name: &'static str,
    /// Its arguments as the reference writes them.
    pub arguments: &'static str,
    /// A target or derivation that uses it.
    pub example: &'static str,
    /// Names people write for it (`average` for `avg`): each gets a "did you mean".
    pub aliases: &'static [&'static str],
}

/// Every function.
pub const FUNCTIONS: &[Function] = &[
    Function { name: "baseline", arguments: "[YEAR]", example: "baseline(R1) * 150%", aliases: &[] },
    Function { name: "value", arguments: "\"NAME\" [, YEAR]", example: "value(\"職員数\", R2) - 40", aliases: &[] },
    Function { name: "sum", arguments: "\"NAME\" [, YEAR..YEAR]", example: "sum(\"効果額\", R3..R7)", aliases: &["total"] },
    Function {
        name: "avg",
        arguments: "\"NAME\" [, YEAR..YEAR]",
        example: "avg(\"満足度\", R1..R3)",
        aliases: &["average", "mean", "avg_"],
    },
    Function { name: "min", arguments: "A, B, …", example: "min(value(\"a\"), value(\"b\"))", aliases: &["minimum"] },
    Function { name: "max", arguments: "A, B, …", example: "max(value(\"a\"), 100)", aliases: &["maximum"] },
    Function { name: "round", arguments: "VALUE, DIGITS", example: "round(baseline * 1.05, 0)", aliases: &[] },
    Function {
        name: "achievement",
        arguments: "\"NAME\" [, YEAR]",
        example: "(achievement(\"a\") + achievement(\"b\")) / 2",
        aliases: &[],
    },
    Function { name: "pace", arguments: "\"NAME\" [, YEAR]", example: "min(pace(\"a\"), pace(\"b\"))", aliases: &[] },
    Function { name: "progress", arguments: "\"NAME\" [, YEAR]", example: "progress(\"a\")", aliases: &[] },
    Function { name: "points", arguments: "\"NAME\" [, YEAR]", example: "points(\"a\") + points(\"b\")", aliases: &[] },
    Function { name: "met", arguments: "\"NAME\" [, YEAR]", example: "(met(\"a\") + met(\"b\")) / 2", aliases: &[] },
];

/// The keywords' words.
pub fn keyword_words() -> impl Iterator<Item = &'static str> + Clone {
    KEYWORDS.iter().map(|k| k.word)
}

/// The words of the keywords with a role, in the table's order.
pub fn words_of(role: Role) -> impl Iterator<Item = &'static str> + Clone {
    KEYWORDS.iter().filter(move |k| k.role == role).map(|k| k.word)
}

/// Whether a word is a keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.word == word)
}

/// Whether a word begins a top-level statement.
pub fn starts_statement(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.word == word && matches!(k.role, Role::Statement | Role::Composite))
}

/// The function's names.
pub fn function_names() -> impl Iterator<Item = &'static str> + Clone {
    FUNCTIONS.iter().map(|f| f.name)
}

/// The function a name people write for one stands for (`average` → `avg`).
pub fn function_for_alias(alias: &str) -> Option<&'static str> {
    FUNCTIONS.iter().find(|f| f.aliases.contains(&alias)).map(|f| f.name)
}

/// Words as a list in backticks: `` `plan`, `group` `` (or with `、` in Japanese).
pub fn quoted_list(words: impl Iterator<Item = &'static str>, separator: &str) -> String {
    words.map(|w| format!("`{w}`")).collect::<Vec<_>>().join(separator)
}
