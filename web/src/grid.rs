//! The actuals as a grid of indicators × years, kept as a wide CSV text (the
//! form of `examples/hadano/actuals.csv`) that the core reads like any data
//! file. Cells are kept as typed, readable or not, so that a bad cell is
//! reported where it stands and never dropped by an edit elsewhere. Imports
//! (CSV and TSV, wide or long, JSON, `.kpi` data, Excel sheets) become this text.

use crate::analysis::measured;
use shihyo_core::model::data::Remarks;
use shihyo_core::model::Plan;
use shihyo_core::output::chart::chart_years;
use shihyo_core::read::{self, DataFormat};
use shihyo_core::syntax::{tr, FileId, Localized, Source, Year};
use shihyo_core::RuleId;

/// The grid: year columns and named rows of cells as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub years: Vec<Year>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    /// One per column of `years`.
    pub cells: Vec<String>,
}

/// The first header cell of a wide table.
const NAME_HEADER: &str = "indicator";

impl Grid {
    /// Reads a wide CSV (`indicator,R1,R2,…`); `None` if the text is not one. A unit
    /// column (`indicator,単位,R3,R4`) is folded into the cells (`38,200` in a 千円 row
    /// becomes `38,200千円`), so that the grid keeps every value's unit.
    pub fn from_wide(rows: &[Vec<String>]) -> Option<Grid> {
        let (header, body) = rows.split_first()?;
        let unit_column = header.iter().skip(1).position(|h| read::UNIT_HEADERS.contains(&normalized(h).trim().to_lowercase().as_str()));
        let columns: Vec<usize> = (1..header.len()).filter(|i| Some(i - 1) != unit_column).collect();
        let years: Vec<Year> = columns.iter().map(|&i| Year::parse(&normalized(&header[i])).ok()).collect::<Option<_>>()?;
        if years.is_empty() {
            return None;
        }
        let rows = body
            .iter()
            .filter(|row| row.iter().any(|cell| !cell.trim().is_empty()))
            .map(|row| {
                let unit = unit_column.and_then(|i| row.get(i + 1)).map(|u| u.trim()).filter(|u| !u.is_empty());
                Row {
                    name: row.first().cloned().unwrap_or_default(),
                    cells: columns
                        .iter()
                        .map(|&i| match (row.get(i), unit) {
                            (None, _) => String::new(),
                            (Some(cell), Some(_)) => read::with_unit(cell.trim(), unit),
                            (Some(cell), None) => cell.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        Some(Grid { years, rows })
    }

    /// The data text of the session as a grid (empty if it is not a wide table).
    pub fn from_text(text: &str) -> Grid {
        Grid::from_wide(&records(text, b',')).unwrap_or_default()
    }

    /// The grid with the plan's indicators as rows (in the plan's order, then the
    /// rows it does not know) and the plan's years as columns (and any others).
    pub fn for_plan(mut self, plan: &Plan) -> Grid {
        for year in chart_years(plan) {
            let year = Year { number: year, calendar: plan.calendar };
            if !self.years.contains(&year) {
                self.years.push(year);
                for row in &mut self.rows {
                    row.cells.push(String::new());
                }
            }
        }
        let mut order: Vec<usize> = (0..self.years.len()).collect();
        order.sort_by_key(|&i| self.years[i]);
        self.years = order.iter().map(|&i| self.years[i]).collect();
        for row in &mut self.rows {
            row.cells = order.iter().map(|&i| std::mem::take(&mut row.cells[i])).collect();
        }
        // Each row's rule, found once (`find` normalizes the name).
        let mut found: Vec<(Option<RuleId>, Row)> = self.rows.into_iter().map(|row| (plan.find(row.name.trim()), row)).collect();
        let mut rows = Vec::new();
        for id in measured(plan) {
            rows.push(match found.iter().position(|(rule, _)| *rule == Some(id)) {
                Some(index) => found.remove(index).1,
                None => Row { name: plan.rule(id).name.clone(), cells: vec![String::new(); self.years.len()] },
            });
        }
        rows.extend(found.into_iter().map(|(_, row)| row));
        Grid { years: self.years, rows }
    }

    /// The grid without the rows of these indicators.
    pub fn without(mut self, names: &[String]) -> Grid {
        self.rows.retain(|row| !names.contains(&row.name));
        self
    }

    /// The grid with one cell replaced.
    pub fn with_cell(mut self, row: usize, column: usize, text: &str) -> Grid {
        if let Some(cell) = self.rows.get_mut(row).and_then(|r| r.cells.get_mut(column)) {
            *cell = text.trim().to_string();
        }
        self
    }

    /// The grid as the data text (rows with no value are kept, so that every
    /// indicator has its line).
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let header = std::iter::once(NAME_HEADER.to_string()).chain(self.years.iter().map(Year::label));
        let _ = writer.write_record(header.collect::<Vec<_>>());
        for row in &self.rows {
            let _ = writer.write_record(std::iter::once(&row.name).chain(&row.cells));
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Text as the core reads it (NFKC), for matching names and years.
fn normalized(text: &str) -> String {
    Source::new("", text).normalized().trim().to_string()
}

/// The records of a delimited text, every cell as written.
fn records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    reader.records().filter_map(Result::ok).map(|record| record.iter().map(str::to_string).collect()).collect()
}

/// A file's content, as the office module reads it (see `web/office`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    /// A text file, decoded.
    Text(String),
    /// An Excel workbook's first sheet.
    Rows(Vec<Vec<String>>),
}

/// An imported data file: the grid's text, and the remarks its rows carried (a long
/// table's comment columns, JSON entries' remarks), which go beside the grid.
#[derive(Debug, PartialEq)]
pub struct Imported {
    /// The grid's new text; none for a file of remarks alone, which leaves the grid as it is.
    pub data: Option<String>,
    pub remarks: Vec<(String, Year, Remarks)>,
}

impl Imported {
    fn values(grid: &Grid) -> Imported {
        Imported { data: Some(grid.to_csv()), remarks: Vec::new() }
    }
}

/// A data file (CSV or TSV, wide or long; JSON; `.kpi` data blocks; Excel) as
/// the grid's text and the remarks it carries. A file that is not a wide table
/// is read by the core, and refused with its first problem if any cell cannot be read.
pub fn import(name: &str, content: Content) -> Result<Imported, Localized> {
    let (text, format) = match content {
        Content::Rows(rows) => {
            if let Some(grid) = Grid::from_wide(&rows) {
                return Ok(Imported::values(&grid));
            }
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in &rows {
                let _ = writer.write_record(row);
            }
            (String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default(), DataFormat::Csv)
        }
        Content::Text(text) => (text, DataFormat::from_name(name)),
    };
    let delimiter = match format {
        DataFormat::Csv => Some(b','),
        DataFormat::Tsv => Some(b'\t'),
        DataFormat::Json | DataFormat::Kpi => None,
    };
    if let Some(grid) = delimiter.and_then(|d| Grid::from_wide(&records(&text, d))) {
        return Ok(Imported::values(&grid));
    }
    let source = Source::new(name, text);
    let (entries, problems) = read::read(FileId(0), &source, format);
    if let Some(problem) = problems.iter().find(|d| d.is_error()) {
        let place = source.place(problem.span.start);
        let (en, ja) = (problem.message.get(shihyo_core::syntax::Lang::En), problem.message.get(shihyo_core::syntax::Lang::Ja));
        return Err(tr!("{place}: {en}", "{place}: {ja}"));
    }
    let mut grid = Grid::default();
    let mut remarks = Vec::new();
    for entry in entries {
        if !entry.remarks.is_empty() {
            remarks.push((entry.name.clone(), entry.year, entry.remarks.clone()));
        }
        if entry.value.is_none() {
            continue;
        }
        let column = grid.years.iter().position(|y| *y == entry.year).unwrap_or_else(|| {
            grid.years.push(entry.year);
            grid.rows.iter_mut().for_each(|row| row.cells.push(String::new()));
            grid.years.len() - 1
        });
        let row = grid.rows.iter().position(|r| r.name == entry.name).unwrap_or_else(|| {
            grid.rows.push(Row { name: entry.name.clone(), cells: vec![String::new(); grid.years.len()] });
            grid.rows.len() - 1
        });
        let written = source.original().get(entry.origin.span.clone()).unwrap_or_default().trim().trim_matches('"');
        grid.rows[row].cells[column] = written.to_string();
    }
    if grid.rows.is_empty() && remarks.is_empty() {
        return Err(tr!("{name}: no actuals found", "{name}: 実績値が見つかりません"));
    }
    Ok(Imported { data: (!grid.rows.is_empty()).then(|| grid.to_csv()), remarks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Loaded;

    const PLAN: &str = include_str!("../../examples/hadano/hadano.kpi");
    const DATA: &str = include_str!("../../examples/hadano/actuals.csv");

    #[test]
    fn hadano_data_round_trips_through_the_grid() {
        let grid = Grid::from_text(DATA);
        assert_eq!(grid.years.first().map(Year::label).as_deref(), Some("R1"));
        let again = Grid::from_text(&grid.to_csv());
        assert_eq!(again, grid);
        let loaded = Loaded::new(PLAN, &grid.to_csv());
        assert!(loaded.project.is_ok());
    }

    #[test]
    fn a_unit_column_is_folded_into_the_cells() {
        let grid = Grid::from_text("indicator,単位,R3,R4\n効果額,千円,\"38,200\",41000千円\n件数,,12,\n");
        assert_eq!(grid.years, [Year::fiscal(2021), Year::fiscal(2022)]);
        assert_eq!(grid.rows[0].cells, ["38,200千円", "41000千円"]);
        assert_eq!(grid.rows[1].cells, ["12", ""]);
    }

    #[test]
    fn plan_rows_come_first_and_every_year_has_a_column() {
        let project = Loaded::new(PLAN, DATA).project.unwrap_or_else(|d| panic!("{d:?}"));
        let grid = Grid::from_text("indicator,R2\n知らない指標,5\n").for_plan(&project.plan);
        assert_eq!(grid.years.len(), 7, "R1..R7");
        assert_eq!(grid.rows.last().map(|r| r.name.as_str()), Some("知らない指標"));
        assert_eq!(grid.rows.last().map(|r| r.cells[1].as_str()), Some("5"));
        assert_eq!(grid.rows.len(), measured(&project.plan).len() + 1);
    }

    #[test]
    fn a_bad_cell_is_kept_through_an_edit_elsewhere() {
        let grid = Grid::from_text("indicator,R1,R2\na,1O,2\n").with_cell(0, 1, "3");
        assert_eq!(grid.to_csv(), "indicator,R1,R2\na,1O,3\n");
    }

    #[test]
    fn long_csv_and_json_import_as_wide_text() {
        let long = "indicator,year,value\n電子申請の年間利用件数,R1,\"12,480\"\n電子申請の年間利用件数,R2,15320\n";
        let text = |t: &str| Content::Text(t.to_string());
        let data = |name: &str, content: Content| import(name, content).map(|imported| imported.data.unwrap_or_default());
        assert_eq!(data("long.csv", text(long)).as_deref(), Ok("indicator,R1,R2\n電子申請の年間利用件数,\"12,480\",15320\n"));
        let json = data("actuals.json", text(include_str!("../../examples/health/actuals.json"))).expect("json imports");
        assert!(Grid::from_text(&json).rows.len() > 1);
        assert!(import("bad.csv", text("indicator,year,value\nx,R1,abc\n")).is_err());
    }

    #[test]
    fn an_import_keeps_the_remarks_its_rows_carry() {
        let long = "indicator,year,value,評価コメント,所管課\n件数,R4,12,集計済み,企画課\n件数,R5,,集計中,\n";
        let imported = import("long.csv", Content::Text(long.to_string())).expect("imports");
        assert_eq!(imported.data.as_deref(), Some("indicator,R4\n件数,12\n"), "a row of remarks alone adds no value");
        let said =
            |comment: &str, owner: Option<&str>| Remarks { comment: Some(comment.into()), outlook: None, owner: owner.map(str::to_string) };
        let year = |number| Year { number, calendar: false };
        assert_eq!(
            imported.remarks,
            [("件数".to_string(), year(2022), said("集計済み", Some("企画課"))), ("件数".to_string(), year(2023), said("集計中", None))]
        );
        // A sheet of comments alone leaves the grid's values as they are.
        let comments =
            import("comments.csv", Content::Text("indicator,year,value,評価コメント\n件数,R5,,集計中\n".into())).expect("imports");
        assert_eq!((comments.data, comments.remarks.len()), (None, 1));
    }

    #[test]
    fn sheets_import_wide_or_long() {
        let rows = |rows: &[&[&str]]| Content::Rows(rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect());
        let data = |name: &str, content: Content| import(name, content).map(|imported| imported.data.unwrap_or_default());
        assert_eq!(data("a.xlsx", rows(&[&["indicator", "R1"], &["件数", "5"]])).as_deref(), Ok("indicator,R1\n件数,5\n"));
        let long = rows(&[&["indicator", "year", "value"], &["件数", "R2", "7"]]);
        assert_eq!(data("b.xlsx", long).as_deref(), Ok("indicator,R2\n件数,7\n"));
    }
}
