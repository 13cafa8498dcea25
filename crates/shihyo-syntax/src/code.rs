//! The diagnostic codes: one variant per kind of problem, stable across
//! versions and listed in the reference (§10) in both languages. Each variant
//! says what it means and shows an input that produces it; the spec cases in
//! `tests/spec/` hold every code that a plan can produce, by line and column.

use serde::Serialize;
use std::fmt;

/// A stable diagnostic code: `E…` for errors, `W…` for warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
pub enum Code {
    /// Syntax error: something unexpected (often a misspelt keyword: "did you mean `outcome`?").
    ///
    /// ```text
    /// outcom "x" >= 1
    /// ```
    E0001,

    /// A `{`, `(`, `「` or `"` that is never closed, closed by the other kind of bracket, or a `}` or `)` that closes nothing.
    ///
    /// ```text
    /// group "窓口サービス" {
    /// ```
    E0002,

    /// Nesting deeper than 32 levels, or an expression deeper than 256 operators.
    ///
    /// ```text
    /// outcome "x" >= ((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))
    /// ```
    E0004,

    /// The file is larger than 16 MiB.
    ///
    /// Produced by a plan or data file larger than 16 MiB.
    E0005,

    /// The file is not UTF-8 text.
    ///
    /// Produced by a file whose bytes are not UTF-8, say `Latin-1: caf\xe9`.
    E0006,

    /// Warning: a data file was read as Shift_JIS.
    ///
    /// Produced by a CSV saved by Excel as Shift_JIS: `指標,R5` in CP932 bytes.
    W0007,

    /// A file the engine was not given: the host passed a file id of another engine.
    ///
    /// Produced by no text: a program embedding shihyo that loads a plan with an id
    /// from another `Engine`.
    E0008,

    /// A rule has no target.
    ///
    /// ```text
    /// outcome "x"
    /// ```
    E0012,

    /// `unit`, `from`, `by` or `every year` given twice (or `by` with `every year`); `runs`, `seed` or `extends` given twice in a simulation.
    ///
    /// ```text
    /// simulation "m" runs 100 runs 200 { "a" grows 5% per year }
    /// ```
    E0013,

    /// A distribution with the wrong number of parameters (`normal(8%)`).
    ///
    /// ```text
    /// simulation "m" { "a" = normal(8%) per year }
    /// ```
    E0015,

    /// A number outside the exact range.
    ///
    /// ```text
    /// outcome "x" >= 100,000,000,000,000,000,000,000,000,000
    /// ```
    E0101,

    /// Not a year (also: era year 0, a year outside 1000–9999).
    ///
    /// ```text
    /// plan "t" { period R0..R7 }
    /// ```
    E0102,

    /// A range that does not run from an earlier to a later year of one kind.
    ///
    /// ```text
    /// plan "t" { period R7..R3 }
    /// ```
    E0103,

    /// Kanji multipliers out of order.
    ///
    /// ```text
    /// outcome "効果額" >= 3万2億円
    /// ```
    E0104,

    /// A data cell that is not a value.
    ///
    /// Produced by the row `電子申請件数,R5,abc` of a CSV data file (`abc` is not a value).
    E0105,

    /// A CSV row without indicator, year and value, or a cell under no year.
    ///
    /// Produced by the row `電子申請件数,R5` of a CSV data file (it has no value).
    E0106,

    /// A JSON data file that is not valid or not shaped as `{ "name": { "R1": … } }`.
    ///
    /// Produced by the JSON data file `{ "電子申請件数": [1, 2] }` (years must map to values).
    E0107,

    /// An unknown function.
    ///
    /// ```text
    /// outcome "x" >= average(R1) * 105%
    /// ```
    E0110,

    /// Wrong arguments for a function.
    ///
    /// ```text
    /// outcome "x" = round(value("a")) >= 1 unit 件
    /// ```
    E0111,

    /// A unit that ends in a comparator word (`人以下`, `件以上`, `人未満`, `分以内`, `人超`): the comparator says it.
    ///
    /// ```text
    /// outcome "職員数" <= 733人以下
    /// ```
    E0112,

    /// A name defined twice.
    ///
    /// ```text
    /// output "x" >= 2
    /// ```
    E0201,

    /// The plan has no period.
    ///
    /// ```text
    /// plan "t" { baseline R1 }
    /// ```
    E0202,

    /// A wrong grade scale.
    ///
    /// ```text
    /// plan "t" { period R3..R7  grades { A >= 80%, B >= 100%, C } }
    /// ```
    E0203,

    /// `rates` with more than 4 digits after the decimal point.
    ///
    /// ```text
    /// plan "t" { period R3..R7  rates 9 rounded }
    /// ```
    E0204,

    /// A second `plan` header.
    ///
    /// ```text
    /// plan "u" { period R3..R7 }
    /// ```
    E0206,

    /// `baseline` without a base year.
    ///
    /// ```text
    /// outcome "x" >= baseline * 2
    /// ```
    E0210,

    /// No indicator with this name (or an `any`/`all` used as a value).
    ///
    /// ```text
    /// outcome "x" >= value("y") * 2
    /// ```
    E0211,

    /// The years of a target schedule do not increase.
    ///
    /// ```text
    /// outcome "x" >= { R7: 2, R5: 1 }
    /// ```
    E0212,

    /// Derived indicators form a cycle.
    ///
    /// ```text
    /// indicator "a" = value("b") * 2
    /// ```
    E0213,

    /// `every year` with a schedule of targets.
    ///
    /// ```text
    /// outcome "x" >= { R5: 1, R7: 2 } every year
    /// ```
    E0214,

    /// `from` and `by` of different kinds (年度 and 年).
    ///
    /// ```text
    /// outcome "x" >= 5,000人 from R1 by CY2025
    /// ```
    E0215,

    /// A base year (`from`, or the plan's `baseline`) that is not before the target year (or the plan's last year).
    ///
    /// ```text
    /// outcome "x" >= 100件 from R6 by R4
    /// ```
    E0216,

    /// A period longer than 100 years.
    ///
    /// ```text
    /// plan "t" { period FY1900..FY2025 }
    /// ```
    E0217,

    /// More than 50,000 rules in one plan.
    ///
    /// Produced by a plan of 50,001 rules.
    E0218,

    /// A year of a rule (`by`, `from`, a schedule) or of the data more than 100 years from the plan's period.
    ///
    /// ```text
    /// outcome "x" >= 1 by FY2300
    /// ```
    E0219,

    /// A rule's figure (`achievement("x")`, `met("x")`, …) read by a target, or of a rule that has none (a milestone, a qualitative rule).
    ///
    /// ```text
    /// outcome "y" >= achievement("x")
    /// ```
    E0220,

    /// Data for an indicator the plan does not define.
    ///
    /// ```text
    /// data "電子申請件数s" { R5: 90 }
    /// ```
    E0230,

    /// Two values for one indicator and year, or the same remark (comment, outlook,
    /// owner) written twice for one figure.
    ///
    /// ```text
    /// data "x" { R1: 90  H31: 91 }
    /// ```
    E0231,

    /// A data value of the wrong unit or kind.
    ///
    /// ```text
    /// data "x" { R5: 90人 }
    /// ```
    E0232,

    /// Warning: money typed without a unit, hundreds of times below the indicator's written target: kept in 千円 or 万円 in a plan whose targets are in 円.
    ///
    /// ```text
    /// data "効果額" { R5: 38,200 }
    /// ```
    W0233,

    /// Warning: a % indicator's values typed as fractions (`0.81` for 81%) against a target of 10% or more.
    ///
    /// ```text
    /// data "満足度" { R5: 0.81 }
    /// ```
    W0234,

    /// Warning: a calendar year (`令和元年`, `2019年`) in the data of a fiscal-year plan, or a fiscal year in a calendar-year one; it is taken as the same-numbered year of the plan's kind.
    ///
    /// ```text
    /// data "x" { 令和元年: 90 }
    /// ```
    W0235,

    /// Warning: a column of a long data table that shihyo does not read (not `unit`, `comment`, `outlook` or `owner`).
    ///
    /// Produced by a CSV header `indicator,year,value,備考欄`.
    W0236,

    /// A value whose unit disagrees with the indicator's unit.
    ///
    /// ```text
    /// outcome "x" >= 100人 unit 件
    /// ```
    E0240,

    /// Units that cannot be combined.
    ///
    /// ```text
    /// outcome "x" = value("a") + value("b") >= 1
    /// ```
    E0241,

    /// A target that is a bare number in a `%` indicator or one shown in 千円, 万円…: its unit must be written.
    ///
    /// ```text
    /// outcome "満足度" >= 80 unit %
    /// ```
    E0242,

    /// A projection of an indicator that has no data of its own: a derived indicator (project its inputs), a milestone, a qualitative rule, an `any`/`all`.
    ///
    /// ```text
    ///   "y" grows 5% per year
    /// ```
    E0250,

    /// A projected amount in another unit than the indicator's (`= 100件 per year` for a 人 indicator, `= 5% per year` for a count).
    ///
    /// ```text
    /// scenario "s" { "人数" = 100件 per year }
    /// ```
    E0251,

    /// A distribution (`normal`, `uniform`, `triangular`, `steady`) in a `scenario`: only a `simulation` draws.
    ///
    /// ```text
    /// scenario "s" { "a" grows normal(5%, 1%) per year }
    /// ```
    E0252,

    /// A negative standard deviation, or bounds not in the order `low <= mode <= high`.
    ///
    /// ```text
    /// simulation "m1" { "a" grows normal(5%, -1%) per year }
    /// ```
    E0253,

    /// `extends` naming no scenario, going round in a circle, or a `scenario` extending a `simulation`.
    ///
    /// ```text
    /// scenario "s1" extends "s2" { "a" grows 5% per year }
    /// ```
    E0254,

    /// `runs` or `seed` that is not a whole number without unit in its range (`runs` 1–10,000,000).
    ///
    /// ```text
    /// simulation "m1" runs 0 { "a" grows 5% per year }
    /// ```
    E0255,

    /// A scenario name defined twice, or one indicator projected twice in a scenario.
    ///
    /// ```text
    /// scenario "s" {
    /// ```
    E0256,

    /// Warning: an indicator a scenario cannot project — `trend` with actuals in fewer than two years, `grows` with no actual to grow from; it keeps its actuals only.
    ///
    /// ```text
    ///   "a" trend
    /// ```
    W0260,

    /// A test's `expect` or `scenario` naming no rule, group or scenario of the plan.
    ///
    /// ```text
    ///   expect "電子申請" status achieved
    /// ```
    E0270,

    /// An expectation that cannot hold as written: a status or grade that is none, a number
    /// for `status` or `grade` (or a word for a figure), a comparison of statuses, a ratio
    /// without `%`, an amount in another unit than its rule's, a group's figure other than its grade.
    ///
    /// ```text
    ///   expect "満足度" status finished
    /// ```
    E0271,

    /// A test named twice, a case named twice in its test, or `as of` or `scenario` given twice in one.
    ///
    /// ```text
    /// test "R5" {
    /// ```
    E0272,

    /// An `aggregate` (many plans rolled up) written in a plan, or a plan's statement in an aggregate's file: an aggregate is a file of its own.
    ///
    /// ```text
    /// aggregate "全国" { plans "roster.csv" }
    /// ```
    E0280,

    /// An `aggregate` that cannot be run as written: no roster (`plans`), a part given twice, a `by` naming no column of the roster, or a file with no `aggregate`.
    ///
    /// ```text
    ///   by "都道府県"
    /// ```
    E0281,

    /// A roster of plans that cannot be read: no `plan` column, a row with no plan, a plan listed twice; or a file a row lists that cannot be read (that plan fails alone).
    ///
    /// ```text
    /// file,data
    /// ```
    E0282,

    /// A result outside the exact range (while evaluating; that rule becomes `error`).
    ///
    /// ```text
    /// outcome "x" >= 79,228,162,514,264,337,593,543,950,335 * 2
    /// ```
    E0301,

    /// Division by zero (while evaluating; that rule becomes `error`).
    ///
    /// ```text
    /// outcome "率" >= value("分子") / value("分母") * 50%
    /// ```
    E0302,
}

impl Code {
    /// Every code, in the reference's order.
    pub const ALL: &'static [Code] = &[
        Code::E0001,
        Code::E0002,
        Code::E0004,
        Code::E0005,
        Code::E0006,
        Code::W0007,
        Code::E0008,
        Code::E0012,
        Code::E0013,
        Code::E0015,
        Code::E0101,
        Code::E0102,
        Code::E0103,
        Code::E0104,
        Code::E0105,
        Code::E0106,
        Code::E0107,
        Code::E0110,
        Code::E0111,
        Code::E0112,
        Code::E0201,
        Code::E0202,
        Code::E0203,
        Code::E0204,
        Code::E0206,
        Code::E0210,
        Code::E0211,
        Code::E0212,
        Code::E0213,
        Code::E0214,
        Code::E0215,
        Code::E0216,
        Code::E0217,
        Code::E0218,
        Code::E0219,
        Code::E0220,
        Code::E0230,
        Code::E0231,
        Code::E0232,
        Code::W0233,
        Code::W0234,
        Code::W0235,
        Code::W0236,
        Code::E0240,
        Code::E0241,
        Code::E0242,
        Code::E0250,
        Code::E0251,
        Code::E0252,
        Code::E0253,
        Code::E0254,
        Code::E0255,
        Code::E0256,
        Code::W0260,
        Code::E0270,
        Code::E0271,
        Code::E0272,
        Code::E0280,
        Code::E0281,
        Code::E0282,
        Code::E0301,
        Code::E0302,
    ];

    /// The code as written (`E0101`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::E0001 => "E0001",
            Code::E0002 => "E0002",
            Code::E0004 => "E0004",
            Code::E0005 => "E0005",
            Code::E0006 => "E0006",
            Code::E0008 => "E0008",
            Code::W0007 => "W0007",
            Code::E0012 => "E0012",
            Code::E0013 => "E0013",
            Code::E0015 => "E0015",
            Code::E0101 => "E0101",
            Code::E0102 => "E0102",
            Code::E0103 => "E0103",
            Code::E0104 => "E0104",
            Code::E0105 => "E0105",
            Code::E0106 => "E0106",
            Code::E0107 => "E0107",
            Code::E0110 => "E0110",
            Code::E0111 => "E0111",
            Code::E0112 => "E0112",
            Code::E0201 => "E0201",
            Code::E0202 => "E0202",
            Code::E0203 => "E0203",
            Code::E0204 => "E0204",
            Code::E0206 => "E0206",
            Code::E0210 => "E0210",
            Code::E0211 => "E0211",
            Code::E0212 => "E0212",
            Code::E0213 => "E0213",
            Code::E0214 => "E0214",
            Code::E0215 => "E0215",
            Code::E0216 => "E0216",
            Code::E0217 => "E0217",
            Code::E0218 => "E0218",
            Code::E0219 => "E0219",
            Code::E0220 => "E0220",
            Code::E0230 => "E0230",
            Code::E0231 => "E0231",
            Code::E0232 => "E0232",
            Code::W0233 => "W0233",
            Code::W0234 => "W0234",
            Code::W0235 => "W0235",
            Code::W0236 => "W0236",
            Code::E0240 => "E0240",
            Code::E0241 => "E0241",
            Code::E0242 => "E0242",
            Code::E0250 => "E0250",
            Code::E0251 => "E0251",
            Code::E0252 => "E0252",
            Code::E0253 => "E0253",
            Code::E0254 => "E0254",
            Code::E0255 => "E0255",
            Code::E0256 => "E0256",
            Code::W0260 => "W0260",
            Code::E0270 => "E0270",
            Code::E0271 => "E0271",
            Code::E0272 => "E0272",
            Code::E0280 => "E0280",
            Code::E0281 => "E0281",
            Code::E0282 => "E0282",
            Code::E0301 => "E0301",
            Code::E0302 => "E0302",
        }
    }

    /// Whether the code is a warning's (`W…`): a warning never stops a command.
    pub fn is_warning(self) -> bool {
        self.as_str().starts_with('W')
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
