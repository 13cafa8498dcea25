//! Where each indicator and scenario is named: its definition (the rule, the
//! `scenario`), what reads it (targets, derivations, projections, tests), and
//! its actuals (the plan's `data` blocks and every cell of the data files that
//! names it). Go to definition, references, rename and completion read it.

pub use crate::walk::Usage;
use crate::walk::{walk, Named, Node};
use serde::Serialize;
use shihyo_core::read::RawEntry;
use shihyo_core::syntax::ast::Item;
use shihyo_core::syntax::{name_key, FileId, Span};

/// What a name stands for, by its normalised (NFKC) key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "key", rename_all = "lowercase")]
pub enum Symbol {
    /// An indicator (a rule's name), by its NFKC key.
    Indicator(String),
    /// A scenario or simulation, by its NFKC key.
    Scenario(String),
}

/// One place a name is written.
#[derive(Clone, Debug, Serialize)]
pub struct Occurrence {
    /// What the name stands for.
    pub symbol: Symbol,
    /// Whether it defines, reads or gives actuals to what it names.
    pub usage: Usage,
    /// The plan or the data file it is written in.
    pub file: FileId,
    /// The name as written there (in a plan, with its quotes).
    pub span: Span,
    /// The name without quotes.
    pub name: String,
}

/// Every occurrence of a name in a plan and its data files.
#[derive(Clone, Debug, Default)]
pub struct Index {
    occurrences: Vec<Occurrence>,
}

impl Index {
    /// The names of the plan's tree and of the data files' entries (those read from other files than the plan).
    pub fn build(items: &[Item], plan: FileId, entries: &[RawEntry]) -> Index {
        let mut occurrences = Vec::new();
        walk(items, &mut |node| {
            if let Node::Name { name, named, usage } = node {
                let symbol = match named {
                    Named::Indicator => Symbol::Indicator(name.key.clone()),
                    Named::Scenario => Symbol::Scenario(name.key.clone()),
                };
                occurrences.push(Occurrence { symbol, usage, file: plan, span: name.span.clone(), name: name.text.clone() });
            }
        });
        // A wide table's row names its indicator once for every year: one occurrence.
        let mut seen = std::collections::HashSet::new();
        for entry in entries
            .iter()
            .filter(|entry| entry.name_origin.file != plan && seen.insert((entry.name_origin.file, entry.name_origin.span.start)))
        {
            occurrences.push(Occurrence {
                symbol: Symbol::Indicator(name_key(&entry.name)),
                usage: Usage::Data,
                file: entry.name_origin.file,
                span: entry.name_origin.span.clone(),
                name: entry.name.clone(),
            });
        }
        Index { occurrences }
    }

    /// The name written at `offset` of `file` (the cursor just after it counts).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        let here = |o: &&Occurrence| o.file == file && o.span.start <= offset;
        self.occurrences
            .iter()
            .filter(here)
            .find(|o| offset < o.span.end)
            .or_else(|| self.occurrences.iter().filter(here).find(|o| offset == o.span.end))
    }

    /// Every occurrence of a symbol, in the plan's order then the data files'.
    pub fn of<'a>(&'a self, symbol: &'a Symbol) -> impl Iterator<Item = &'a Occurrence> + 'a {
        self.occurrences.iter().filter(move |o| &o.symbol == symbol)
    }

    /// Every occurrence.
    pub fn all(&self) -> &[Occurrence] {
        &self.occurrences
    }
}
