//! What the evaluator gives for a rule: its [`Status`] and its figures, as
//! plain values (no names, no text), so that a simulation can keep thousands
//! of them and a report can name and explain them afterwards.

use rust_decimal::Decimal;
use serde::Serialize;
use shihyo_syntax::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    NotAchieved,
    OnTrack,
    Behind,
    #[default]
    NoData,
    Tbd,
    Qualitative,
    Done,
    Pending,
    Overdue,
    Tracked,
    Error,
}

impl Status {
    /// The machine name (`on_track`), the English label and the Japanese label.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Status::Achieved => ("achieved", "achieved", "達成"),
            Status::NotAchieved => ("not_achieved", "not achieved", "未達成"),
            Status::OnTrack => ("on_track", "on track", "順調"),
            Status::Behind => ("behind", "behind", "遅れ"),
            Status::NoData => ("no_data", "no data", "データなし"),
            Status::Tbd => ("tbd", "target tbd", "目標未定"),
            Status::Qualitative => ("qualitative", "qualitative", "定性評価"),
            Status::Done => ("done", "done", "完了"),
            Status::Pending => ("pending", "pending", "予定"),
            Status::Overdue => ("overdue", "overdue", "期限超過"),
            Status::Tracked => ("tracked", "tracked", "参考値"),
            Status::Error => ("error", "error", "エラー"),
        }
    }

    /// The machine name (`on_track`).
    pub fn name(self) -> &'static str {
        self.words().0
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.words().1,
            Lang::Ja => self.words().2,
        }
    }

    /// Order from best to worst, for `any` (best member) and `all` (worst member).
    pub fn rank(self) -> u8 {
        match self {
            Status::Achieved | Status::Done => 0,
            Status::OnTrack | Status::Pending => 1,
            Status::Behind => 2,
            Status::NotAchieved | Status::Overdue => 3,
            Status::NoData => 4,
            Status::Tbd => 5,
            Status::Qualitative => 6,
            Status::Tracked => 7,
            Status::Error => 8,
        }
    }
}

/// A rule's status and figures as of a year, as far as they are known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// The year the figures are of.
    pub year: Option<i32>,
    pub target_year: Option<i32>,
    pub baseline_year: Option<i32>,
    pub target: Option<Decimal>,
    pub baseline: Option<Decimal>,
    pub actual: Option<Decimal>,
    pub expected: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub pace_achievement: Option<Decimal>,
    pub progress: Option<Decimal>,
    /// Index in the plan's grades.
    pub grade: Option<usize>,
}
