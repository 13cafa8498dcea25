//! The statuses a rule can be in as of a year (reference §7): the evaluator
//! gives them, a plan's tests name them, every output writes them by their
//! machine name or their label in the reader's language.

use serde::Serialize;
use shihyo_syntax::Lang;

/// A rule's status as of a year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// `achieved` (達成): in or after the target year, the actual meets the target.
    Achieved,
    /// `not_achieved` (未達成): in or after the target year, the actual does not meet the target.
    NotAchieved,
    /// `on_track` (順調): before the target year, the actual meets the expected value (期待値).
    OnTrack,
    /// `behind` (遅れ): before the target year, the actual does not meet the expected value (期待値).
    Behind,
    /// `no_data` (データなし): no actual for the year evaluated, or for an actual the target needs.
    #[default]
    NoData,
    /// `tbd` (目標未定): the target is written `tbd`, not decided yet.
    Tbd,
    /// `qualitative` (定性評価): a `qualitative` rule, graded by hand in the data.
    Qualitative,
    /// `done` (完了): a milestone done in a year up to the evaluation year.
    Done,
    /// `pending` (予定): a milestone not done yet, before its `by` year.
    Pending,
    /// `overdue` (期限超過): a milestone not done, from its `by` year on.
    Overdue,
    /// `tracked` (参考値): an indicator without a target; its actual is shown.
    Tracked,
    /// `error` (エラー): the rule could not be evaluated (division by zero, overflow); its diagnostic says where.
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

    /// The label people read in `lang` (`on track`, `順調`).
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

    /// The status a word names: its machine name (`on_track`) or its Japanese label (`順調`).
    pub fn from_word(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.name() == word || status.label(Lang::Ja) == word)
    }

    /// Every status, from best to worst as a report lists them: the judged ones (an `error`
    /// among the failures), then those without a judgement.
    pub const ALL: [Status; 12] = [
        Status::Achieved,
        Status::Done,
        Status::OnTrack,
        Status::Pending,
        Status::Behind,
        Status::NotAchieved,
        Status::Overdue,
        Status::Error,
        Status::NoData,
        Status::Tbd,
        Status::Qualitative,
        Status::Tracked,
    ];
}
