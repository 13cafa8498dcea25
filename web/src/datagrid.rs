//! The actuals panel: a grid of indicators × years to type values into (as
//! the plan writes them: `12,480`, `47.3%`, `65,300千円`), the data's problems
//! marked on their cells, the department's remarks on the selected cell's
//! figure (評価コメント, 今後の方向性, 所管課), import of CSV, TSV, JSON,
//! `.kpi` and Excel files (their remarks kept), and the offer to remove the rows
//! of indicators the plan does not define (left by another plan, once opened).

use crate::analysis::{Loaded, Mark};
use crate::grid::{self, Grid};
use crate::remarks::RemarkTable;
use crate::shared::{words, Shared};
use shihyo_core::model::data::Remarks;
use shihyo_core::output::display;
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::{Lang, Year};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataProps {
    /// The data text (wide CSV).
    pub data: String,
    /// The remarks text (see `remarks`).
    pub remarks: String,
    pub loaded: Shared<Loaded>,
    pub lang: Lang,
    /// The data's diagnostics.
    pub marks: Vec<Mark>,
    pub on_change: Callback<String>,
    pub on_remarks: Callback<String>,
}

#[component]
pub fn DataPanel(props: &DataProps) -> Html {
    let lang = props.lang;
    let import_message = use_state(|| None::<String>);
    // The cell whose remarks are shown: its row's indicator and its year.
    let selected = use_state(|| None::<(String, Year)>);
    let remarks = Rc::new(RemarkTable::from_text(&props.remarks));
    let grid = Grid::from_text(&props.data);
    // Shared by every cell's change handler (each edit makes one new text from it).
    let grid = Rc::new(match &props.loaded.project {
        Ok(project) => grid.for_plan(&project.plan),
        Err(_) => grid,
    });
    let problems = placed(&props.data, &props.marks);
    // Rows of indicators the plan does not define (E0230): left from another plan when one
    // is opened, or by a rule removed. Offered for removal, with their remarks.
    let undefined = undefined_rows(&props.data, &props.marks);
    let on_remove_undefined = {
        let (grid, remarks, names) = (grid.clone(), remarks.clone(), undefined.clone());
        let (on_change, on_remarks) = (props.on_change.clone(), props.on_remarks.clone());
        Callback::from(move |_| {
            let question = words(
                lang,
                "Remove these rows, with their comments? Export the data first to keep a copy.",
                "これらの行をコメントとともに削除しますか？ 残しておくには先にデータを書き出してください。",
            );
            if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
                on_remarks.emit(RemarkTable::clone(&remarks).without(&names).to_csv());
                on_change.emit(Grid::clone(&grid).without(&names).to_csv());
            }
        })
    };
    let on_import = {
        let (on_change, on_remarks, import_message) = (props.on_change.clone(), props.on_remarks.clone(), import_message.clone());
        let remarks = remarks.clone();
        Callback::from(move |event: Event| {
            let Some(file) = crate::browser::chosen_file(&event) else { return };
            let (on_change, on_remarks, import_message, remarks) =
                (on_change.clone(), on_remarks.clone(), import_message.clone(), remarks.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let read = crate::browser::read_file(&file, lang).await;
                match read.and_then(|content| grid::import(&name, content).map_err(|e| e.get(lang).to_string())) {
                    Ok(imported) => {
                        if let Some(data) = imported.data {
                            on_change.emit(data);
                        }
                        if !imported.remarks.is_empty() {
                            on_remarks.emit(RemarkTable::clone(&remarks).merged(imported.remarks).to_csv());
                        }
                        import_message.set(Some(format!("{} {name}", words(lang, "Imported", "取り込みました:"))));
                    }
                    Err(message) => import_message.set(Some(message)),
                }
            });
        })
    };
    let style = props.loaded.project.as_ref().map_or_else(|_| Default::default(), |project| project.plan.years);
    let header = grid.years.iter().map(|year| html! { <th>{ display::year_text(style, year.number, year.calendar, lang) }</th> });
    let rows = grid.rows.iter().enumerate().map(|(r, row)| {
        let cells = row.cells.iter().enumerate().map(|(c, text)| {
            let onchange = {
                let (grid, on_change) = (grid.clone(), props.on_change.clone());
                Callback::from(move |e: Event| {
                    let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
                    on_change.emit(Grid::clone(&grid).with_cell(r, c, &input.value()).to_csv());
                })
            };
            let onfocus = {
                let (selected, name, year) = (selected.clone(), row.name.clone(), grid.years[c]);
                Callback::from(move |_: FocusEvent| selected.set(Some((name.clone(), year))))
            };
            let problem = problems.iter().find(|(name, year, _)| *name == row.name && *year == grid.years[c]).map(|p| p.2);
            let remarked = remarks.has(&row.name, grid.years[c]).then_some("remarked");
            html! {
                <td class={classes!(problem.map(|m| m.severity), remarked)} title={problem.map(|m| m.message.clone())}>
                    <input value={text.clone()} data-row={row.name.clone()} data-year={grid.years[c].label()} {onchange} {onfocus} />
                </td>
            }
        });
        html! { <tr><th class="name" title={row.name.clone()}>{ &row.name }</th>{ for cells }</tr> }
    });
    html! {
        <div class="panel data-panel">
            <div class="panel-head">
                <h2>{ words(lang, "Actuals", "実績値") }</h2>
                <label class="file-button">
                    { words(lang, "Import CSV / Excel…", "CSV・Excel を取り込む…") }
                    <input id="import-data" type="file" accept=".csv,.tsv,.json,.kpi,.xlsx,.xlsm" onchange={on_import} />
                </label>
            </div>
            if let Some(message) = &*import_message { <p class="note" id="import-message">{ message }</p> }
            if !undefined.is_empty() {
                <div class="undefined-rows" id="undefined-rows">
                    <span>{ undefined_notice(&undefined, lang) }</span>
                    <button id="remove-undefined" onclick={on_remove_undefined}>{ words(lang, "Remove these rows", "これらの行を削除") }</button>
                </div>
            }
            <div class="table-scroll">
                <table id="data-grid">
                    <thead><tr><th>{ words(lang, "indicator", "指標") }</th>{ for header }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if let Some((name, year)) = &*selected {
                { remarks_editor(name, *year, &remarks, &props.on_remarks, style, lang) }
            } else {
                <p class="note">{ words(lang, "Select a cell to write the department's comment on that figure.", "セルを選ぶと、その数値についての所管課のコメントを書けます。") }</p>
            }
        </div>
    }
}

/// The remarks on one figure, each field saved as it is typed.
fn remarks_editor(name: &str, year: Year, remarks: &Rc<RemarkTable>, on_remarks: &Callback<String>, style: YearStyle, lang: Lang) -> Html {
    let said = remarks.get(name, year);
    let field = |id: &'static str, label: &'static str, value: Option<String>, set: fn(&mut Remarks, Option<String>)| {
        // Saved as typed (not on leaving the field), so that no re-render can drop what was typed.
        let oninput = {
            let (remarks, on_remarks, name) = (remarks.clone(), on_remarks.clone(), name.to_string());
            Callback::from(move |event: InputEvent| {
                let Some(input) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
                let mut changed = remarks.get(&name, year);
                set(&mut changed, Some(input.value()).filter(|text| !text.trim().is_empty()));
                on_remarks.emit(RemarkTable::clone(&remarks).with(&name, year, changed).to_csv());
            })
        };
        html! {
            <label>{ label }<textarea id={id} rows="2" value={value.unwrap_or_default()} {oninput} /></label>
        }
    };
    html! {
        <div class="remarks-editor" id="remarks-editor">
            <h3>{ format!("{name} — {}", display::year_text(style, year.number, year.calendar, lang)) }</h3>
            { field("remark-comment", words(lang, "Comment", "評価コメント"), said.comment, |r, text| r.comment = text) }
            { field("remark-outlook", words(lang, "Outlook", "今後の方向性"), said.outlook, |r, text| r.outlook = text) }
            { field("remark-owner", words(lang, "Owner (department)", "所管課"), said.owner, |r, text| r.owner = text) }
        </div>
    }
}

/// The data's problems with the row name and year of the cell each is in.
fn placed<'m>(text: &str, marks: &'m [Mark]) -> Vec<(String, Year, &'m Mark)> {
    let lines: Vec<&str> = text.lines().collect();
    let cells = |line: &str| line_cells(line);
    let header = lines.first().map(|line| cells(line)).unwrap_or_default();
    marks
        .iter()
        .filter_map(|mark| {
            let line = lines.get(mark.line.checked_sub(1)?)?;
            let index = cell_at(line, mark.column);
            let row = cells(line);
            let year = Year::parse(header.get(index)?.trim()).ok()?;
            Some((row.first()?.clone(), year, mark))
        })
        .collect()
}

/// How many names the notice of undefined rows lists before it counts the rest.
const NAMES_LISTED: usize = 3;

/// The notice of rows whose indicators the plan does not define: how many, and the first names.
fn undefined_notice(names: &[String], lang: Lang) -> String {
    let more = names.len().saturating_sub(NAMES_LISTED);
    let listed = &names[..names.len().min(NAMES_LISTED)];
    match lang {
        Lang::En => {
            let rest = if more > 0 { format!(" and {more} more") } else { String::new() };
            format!("{} rows name indicators the plan does not define: {}{rest}.", names.len(), listed.join(", "))
        }
        Lang::Ja => {
            let rest = if more > 0 { format!("ほか {more} 行") } else { String::new() };
            format!("計画にない指標の行が {} 行あります: {}{rest}。", names.len(), listed.join("、"))
        }
    }
}

/// The indicators of the rows whose name the plan does not define (E0230 on the name), in order.
fn undefined_rows(text: &str, marks: &[Mark]) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut names: Vec<String> = Vec::new();
    for mark in marks.iter().filter(|mark| mark.code == "E0230") {
        let name = mark.line.checked_sub(1).and_then(|index| lines.get(index)).and_then(|line| line_cells(line).into_iter().next());
        if let Some(name) = name.filter(|name| !names.contains(name)) {
            names.push(name);
        }
    }
    names
}

/// A CSV line's cells (unquoted).
fn line_cells(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
    reader.records().next().and_then(Result::ok).map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default()
}

/// The cell (0-based, the name being 0) a character column of a CSV line falls in.
fn cell_at(line: &str, column: usize) -> usize {
    let mut quoted = false;
    let mut cell = 0;
    for (index, c) in line.chars().enumerate() {
        if index + 1 >= column {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cell += 1,
            _ => {}
        }
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::{cell_at, undefined_notice};
    use shihyo_core::syntax::Lang;

    #[test]
    fn the_notice_of_undefined_rows_lists_the_first_names_and_counts_the_rest() {
        let names: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(undefined_notice(&names[..2], Lang::En), "2 rows name indicators the plan does not define: a, b.");
        assert_eq!(undefined_notice(&names, Lang::En), "5 rows name indicators the plan does not define: a, b, c and 2 more.");
        assert_eq!(undefined_notice(&names, Lang::Ja), "計画にない指標の行が 5 行あります: a、b、cほか 2 行。");
    }

    #[test]
    fn a_column_falls_in_its_cell() {
        let line = "件数,\"12,480\",x";
        assert_eq!(cell_at(line, 1), 0);
        assert_eq!(cell_at(line, 4), 1);
        assert_eq!(cell_at(line, 13), 2);
    }
}
