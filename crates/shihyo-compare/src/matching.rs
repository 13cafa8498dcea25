//! Which rule of a plan's new version is which rule of its old one: by name
//! first, then, among the rules left, by `id`, then by `source` (the plan's
//! sentence), each only where it names one rule in each whole version (values
//! compared in NFKC, as names are). The rest are removed (old) and added (new).

use serde::Serialize;
use shihyo_core::model::{Plan, RuleId};
use shihyo_core::syntax::ast::MetaKey;
use shihyo_core::syntax::name_key;
use std::collections::HashMap;

/// How two rules were found to be one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    /// The same rule name in both versions (such a pair is not a rename).
    Name,
    /// The same `id "…"` metadata, under another name.
    Id,
    /// The same `source "…"` metadata (the plan's sentence), under another name.
    Source,
}

/// A rule of both versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The rule in the old version's plan.
    pub old: RuleId,
    /// The rule in the new version's plan.
    pub new: RuleId,
    /// How the two were found to be one rule.
    pub by: MatchedBy,
}

/// The rules of two versions, paired.
#[derive(Clone, Debug, Default)]
pub struct Matching {
    /// In the new version's order.
    pub pairs: Vec<Pair>,
    /// Old rules with no counterpart, in the old version's order.
    pub removed: Vec<RuleId>,
    /// New rules with no counterpart, in the new version's order.
    pub added: Vec<RuleId>,
}

impl Matching {
    /// The new rule an old one became.
    pub fn new_of(&self, old: RuleId) -> Option<RuleId> {
        self.pairs.iter().find(|p| p.old == old).map(|p| p.new)
    }

    /// The old rule a new one was.
    pub fn old_of(&self, new: RuleId) -> Option<RuleId> {
        self.pairs.iter().find(|p| p.new == new).map(|p| p.old)
    }
}

/// Pairs the rules of `old` and `new`.
pub fn match_rules(old: &Plan, new: &Plan) -> Matching {
    let mut old_left: Vec<Option<RuleId>> = (0..old.rules.len()).map(|i| Some(RuleId(i))).collect();
    let mut pairs: Vec<Pair> = Vec::new();
    let mut new_left: Vec<RuleId> = Vec::new();
    for index in 0..new.rules.len() {
        let id = RuleId(index);
        match old.find_key(&new.rule(id).key) {
            Some(found) => {
                old_left[found.0] = None;
                pairs.push(Pair { old: found, new: id, by: MatchedBy::Name });
            }
            None => new_left.push(id),
        }
    }
    for (by, key) in [(MatchedBy::Id, MetaKey::Id), (MatchedBy::Source, MetaKey::Source)] {
        // An id or source is used only where it names one rule in each whole version.
        let old_unique = unique_by(old, (0..old.rules.len()).map(RuleId), key);
        let new_unique = unique_by(new, (0..new.rules.len()).map(RuleId), key);
        new_left.retain(|new_id| {
            let value = new.rule(*new_id).meta(key).map(name_key);
            let found = value.filter(|value| new_unique.contains_key(value)).and_then(|value| old_unique.get(&value).copied());
            match found {
                Some(old_id) if old_left[old_id.0].is_some() => {
                    old_left[old_id.0] = None;
                    pairs.push(Pair { old: old_id, new: *new_id, by });
                    false
                }
                _ => true,
            }
        });
    }
    pairs.sort_by_key(|p| p.new);
    Matching { pairs, removed: old_left.into_iter().flatten().collect(), added: new_left }
}

/// The rules among `rules` whose `key` names them alone, by that value (keyed as names are).
fn unique_by(plan: &Plan, rules: impl Iterator<Item = RuleId>, key: MetaKey) -> HashMap<String, RuleId> {
    let mut seen: HashMap<String, Option<RuleId>> = HashMap::new();
    for id in rules {
        if let Some(value) = plan.rule(id).meta(key) {
            seen.entry(name_key(value)).and_modify(|found| *found = None).or_insert(Some(id));
        }
    }
    seen.into_iter().filter_map(|(value, id)| id.map(|id| (value, id))).collect()
}
