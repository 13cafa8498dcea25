//! The departments' remarks typed in the app (評価コメント, 今後の方向性,
//! 所管課 on one indicator's figure in one year), kept beside the grid's
//! values as a long CSV of remarks alone: `indicator,year,value,評価コメント,
//! 今後の方向性,所管課` with the value left empty. The core reads it as it
//! reads such a file given with `--data` (reference §6.6), so the CLI, the
//! report and the app see the same remarks.

use shihyo_core::model::data::Remarks;
use shihyo_core::syntax::Year;
use std::collections::BTreeMap;

/// The remarks' file name in diagnostics, exports and report requests.
pub const REMARKS_FILE: &str = "remarks.csv";
const HEADER: [&str; 6] = ["indicator", "year", "value", "評価コメント", "今後の方向性", "所管課"];

/// Remarks by indicator name and year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RemarkTable {
    rows: BTreeMap<(String, Year), Remarks>,
}

impl RemarkTable {
    /// The table a remarks text holds (rows that cannot be read are left as they are out of it).
    pub fn from_text(text: &str) -> RemarkTable {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
        let mut rows = BTreeMap::new();
        for record in reader.records().flatten() {
            let cell = |index: usize| record.get(index).map(str::trim).filter(|text| !text.is_empty()).map(str::to_string);
            // A remark as typed, spaces and all (the editor shows it back exactly; the core trims it).
            let typed = |index: usize| record.get(index).filter(|text| !text.trim().is_empty()).map(str::to_string);
            let (Some(name), Some(year)) = (cell(0), cell(1).and_then(|y| Year::parse(&y).ok())) else { continue };
            let remarks = Remarks { comment: typed(3), outlook: typed(4), owner: typed(5) };
            if !remarks.is_empty() {
                rows.insert((name, year), remarks);
            }
        }
        RemarkTable { rows }
    }

    /// The remarks on an indicator's figure in a year (empty if none).
    pub fn get(&self, name: &str, year: Year) -> Remarks {
        self.rows.get(&(name.to_string(), year)).cloned().unwrap_or_default()
    }

    /// Whether the figure has any remark.
    pub fn has(&self, name: &str, year: Year) -> bool {
        self.rows.contains_key(&(name.to_string(), year))
    }

    /// The table without the remarks on these indicators.
    pub fn without(mut self, names: &[String]) -> RemarkTable {
        self.rows.retain(|(name, _), _| !names.contains(name));
        self
    }

    /// The table with a figure's remarks replaced (removed when empty).
    pub fn with(mut self, name: &str, year: Year, remarks: Remarks) -> RemarkTable {
        let key = (name.to_string(), year);
        if remarks.is_empty() {
            self.rows.remove(&key);
        } else {
            self.rows.insert(key, remarks);
        }
        self
    }

    /// The table with more remarks (an imported file's): each field they give replaces the table's.
    pub fn merged(mut self, more: impl IntoIterator<Item = (String, Year, Remarks)>) -> RemarkTable {
        for (name, year, remarks) in more {
            let kept = self.rows.entry((name, year)).or_default();
            for (slot, said) in
                [(&mut kept.comment, remarks.comment), (&mut kept.outlook, remarks.outlook), (&mut kept.owner, remarks.owner)]
            {
                if said.is_some() {
                    *slot = said;
                }
            }
        }
        self.rows.retain(|_, remarks| !remarks.is_empty());
        self
    }

    /// The remarks text: empty when there are none.
    pub fn to_csv(&self) -> String {
        if self.rows.is_empty() {
            return String::new();
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(HEADER);
        for ((name, year), remarks) in &self.rows {
            let text = |field: &Option<String>| field.clone().unwrap_or_default();
            let _ = writer.write_record([
                name.clone(),
                year.label(),
                String::new(),
                text(&remarks.comment),
                text(&remarks.outlook),
                text(&remarks.owner),
            ]);
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(comment: &str, owner: Option<&str>) -> Remarks {
        Remarks { comment: Some(comment.into()), outlook: None, owner: owner.map(str::to_string) }
    }

    #[test]
    fn the_text_reads_back_spaces_and_all() {
        let r5 = Year { number: 2023, calendar: false };
        let table = RemarkTable::default().with("件数", r5, said("前年度比7%増, 窓口の案内を強化", Some("企画課")));
        assert_eq!(RemarkTable::from_text(&table.to_csv()), table);
        let typing = RemarkTable::default().with("件数", r5, said("前年度比 ", None));
        assert_eq!(RemarkTable::from_text(&typing.to_csv()).get("件数", r5), said("前年度比 ", None), "a space typed last is kept");
        assert_eq!(
            table.with("件数", r5, Remarks::default()).to_csv(),
            "",
            "emptied, the figure's remarks go, and with the last one the file"
        );
    }

    #[test]
    fn an_import_s_remarks_replace_the_fields_they_give() {
        let r4 = Year { number: 2022, calendar: false };
        let table = RemarkTable::default().with("件数", r4, said("集計中", Some("企画課")));
        let merged = table.merged([("件数".to_string(), r4, Remarks { comment: Some("確定".into()), outlook: None, owner: None })]);
        assert_eq!(merged.get("件数", r4), said("確定", Some("企画課")));
        assert!(merged.has("件数", r4) && !merged.has("件数", Year { number: 2023, calendar: false }));
    }
}
