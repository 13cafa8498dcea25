//! Two versions of a plan loaded on the same actuals. Each version is checked
//! alone first, then its rules are paired ([`match_rules`]), and the data files
//! are read once and given to each version under its own names: a renamed
//! rule's actuals reach it in both, whichever name the data uses, and the
//! actuals of a rule only one version has are left out of the other.

use crate::matching::{match_rules, Matching};
use shihyo_core::model::Plan;
use shihyo_core::read::RawEntry;
use shihyo_core::syntax::{name_key, Diagnostic, Diagnostics, FileId};
use shihyo_core::{Engine, Project};

/// The two versions, checked with their actuals, and their rules paired.
pub struct Versions {
    /// The old version, checked with the actuals under its own rule names.
    pub old: Project,
    /// The new version, checked with the actuals under its own rule names.
    pub new: Project,
    /// The rules of the two versions, paired.
    pub matching: Matching,
}

/// Loads `old` and `new` (plans in `engine`) with the data files; the errors of either.
pub fn load(engine: &Engine, old: FileId, new: FileId, data: &[FileId]) -> Result<Versions, Diagnostics> {
    let (old_alone, new_alone) = match (engine.load(old, &[]), engine.load(new, &[])) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => return Err(Diagnostics(old.err().into_iter().chain(new.err()).flatten().collect())),
    };
    let matching = match_rules(&old_alone.plan, &new_alone.plan);
    let (entries, problems) = engine.read_data(data);
    let (old_entries, new_entries) = split(&entries, &old_alone.plan, &new_alone.plan, &matching);
    match (engine.load_entries(old, old_entries, problems.clone()), engine.load_entries(new, new_entries, problems)) {
        (Ok(old), Ok(new)) => Ok(Versions { old, new, matching }),
        (old, new) => {
            // A problem of the data is found by both loads: it is reported once.
            let mut errors: Vec<Diagnostic> = new.err().unwrap_or_default().into_vec();
            for error in old.err().unwrap_or_default() {
                if !errors.iter().any(|e| e.file == error.file && e.span == error.span && e.code == error.code) {
                    errors.push(error);
                }
            }
            Err(Diagnostics(errors))
        }
    }
}

/// Each version's entries: under its own name for a rule of both, left out for a rule of the other alone.
fn split(entries: &[RawEntry], old: &Plan, new: &Plan, matching: &Matching) -> (Vec<RawEntry>, Vec<RawEntry>) {
    let (mut for_old, mut for_new) = (Vec::new(), Vec::new());
    for entry in entries {
        let key = name_key(&entry.name);
        let (in_old, in_new) = (old.find_key(&key), new.find_key(&key));
        let renamed = |name: &str| RawEntry { name: name.to_string(), ..entry.clone() };
        match (in_old, in_new) {
            (Some(_), Some(_)) | (None, None) => {
                // Known to both (or to neither: then each version reports it).
                for_old.push(entry.clone());
                for_new.push(entry.clone());
            }
            (None, Some(new_id)) => {
                for_new.push(entry.clone());
                if let Some(old_id) = matching.old_of(new_id) {
                    for_old.push(renamed(&old.rule(old_id).name));
                }
            }
            (Some(old_id), None) => {
                for_old.push(entry.clone());
                if let Some(new_id) = matching.new_of(old_id) {
                    for_new.push(renamed(&new.rule(new_id).name));
                }
            }
        }
    }
    (for_old, for_new)
}
