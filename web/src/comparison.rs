//! The シナリオの比較 panel: two of the plan's scenarios side by side with the
//! actuals alone, as `shihyo eval --scenario A --scenario B` gives them (the
//! same columns and the same summary, from `shihyo_compare::scenarios`): each
//! rule's actual, status and grade per column, the summary in sentences, and
//! the chosen rule's chart with the second scenario's projection drawn over
//! the first's.

use crate::analysis::Loaded;
use crate::chart::Chart;
use crate::shared::{words, Shared};
use rust_decimal::Decimal;
use shihyo_compare::scenarios::{self, Column};
use shihyo_core::model::RuleId;
use shihyo_core::output::chart::{self, Labels, Series};
use shihyo_core::syntax::Lang;
use shihyo_core::Project;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    pub loaded: Shared<Loaded>,
    pub lang: Lang,
}

#[component]
pub fn ComparisonPanel(props: &ComparisonProps) -> Html {
    let lang = props.lang;
    let chosen = use_state(|| (0usize, 1usize));
    // The picked rule, by name: it stays picked across edits that move the rules.
    let rule = use_state(|| None::<String>);
    let Ok(project) = &props.loaded.project else { return html! {} };
    let plan = &project.plan;
    // Scenarios deleted since they were chosen: the first two stand in.
    let count = plan.scenarios.len();
    let pair = if chosen.0 < count && chosen.1 < count { *chosen } else { (0, 1) };
    let columns = use_memo((props.loaded.clone(), pair), |(loaded, (a, b))| {
        let project = loaded.project.as_ref().ok()?;
        let scenarios = &project.plan.scenarios;
        let (a, b) = (scenarios.get(*a)?, scenarios.get(*b)?);
        Some(scenarios::evaluate(project, &[a, b], None))
    });
    let head = html! { <div class="panel-head"><h2>{ words(lang, "Scenarios side by side", "シナリオの比較") }</h2></div> };
    let Some(columns) = columns.as_ref() else {
        return html! {
            <div id="comparison" class="panel comparison">
                { head }
                <p class="hint">{ words(lang,
                    "Write two scenarios or more (`scenario \"NAME\" { … }`) to compare them side by side.",
                    "シナリオを二つ以上（`scenario \"名前\" { … }`）書くと、並べて比べられます。") }</p>
            </div>
        };
    };
    let select = |which: usize| {
        let chosen = chosen.clone();
        let current = if which == 0 { pair.0 } else { pair.1 };
        let options: Vec<Html> = plan
            .scenarios
            .iter()
            .enumerate()
            .map(|(index, scenario)| html! { <option value={index.to_string()} selected={current == index}>{ &scenario.name }</option> })
            .collect();
        let onchange = Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            let Ok(index) = select.value().parse::<usize>() else { return };
            chosen.set(if which == 0 { (index, pair.1) } else { (pair.0, index) });
        });
        html! { <select id={format!("compare-{which}")} {onchange}>{ for options }</select> }
    };
    let mut heading = vec![html! { <th>{ words(lang, "indicator", "指標") }</th> }];
    for column in columns {
        let year = column.report.as_of.shown_in(plan.years, lang);
        heading.push(html! { <th colspan="3">{ format!("{} ({year})", scenarios::column_name(plan, column, lang)) }</th> });
    }
    let ids: Vec<RuleId> = scenarios::shown_rules(plan).collect();
    // A rule the two scenarios judge differently.
    let judged_apart = |id: &RuleId| columns[1].report.rule(*id).outcome.status != columns[2].report.rule(*id).outcome.status;
    let picked = (*rule).as_deref().and_then(|name| plan.find(name)).filter(|id| ids.contains(id));
    let rows = scenarios::rows(plan, columns, lang).into_iter().zip(&ids).map(|(cells, id)| {
        let pick = {
            let (rule, name) = (rule.clone(), plan.rule(*id).name.clone());
            Callback::from(move |_| rule.set(Some(name.clone())))
        };
        html! {
            <tr class={classes!("rule", judged_apart(id).then_some("differs"), (picked == Some(*id)).then_some("selected"))} data-name={cells[0].clone()} onclick={pick}>
                { for cells.iter().enumerate().map(|(index, cell)| {
                    let class = match index % 3 { 2 => Some(format!("status {}", columns[(index - 2) / 3].report.rule(*id).outcome.status.name())), _ => None };
                    html! { <td class={class}>{ cell }</td> }
                }) }
            </tr>
        }
    });
    let summary = scenarios::summary(plan, columns, lang);
    // Unless a row was picked: the first rule the two scenarios judge differently, else the first projected.
    let charted = picked
        .or_else(|| ids.iter().copied().find(judged_apart))
        .or_else(|| ids.iter().copied().find(|id| columns[1].report.rule(*id).projected));
    html! {
        <div id="comparison" class="panel comparison">
            { head }
            <div class="choose">{ select(0) }{ words(lang, " and ", " と ") }{ select(1) }</div>
            <ul class="summary">{ for summary.iter().map(|sentence| html! { <li>{ sentence }</li> }) }</ul>
            if let Some(id) = charted {
                { overlaid_chart(project, columns, id, lang) }
            }
            <div class="table-scroll">
                <table>
                    <thead><tr>{ for heading }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </div>
    }
}

/// The rule's chart under the first scenario, with the second scenario's projection over it.
fn overlaid_chart(project: &Project, columns: &[Column], id: RuleId, lang: Lang) -> Html {
    let plan = &project.plan;
    let series_of = |column: &Column| -> Option<Series> {
        let scenario = plan.scenarios.get(column.scenario?)?;
        let (data, _) = shihyo_core::eval::project(plan, &project.data, scenario);
        let table = project.compiled.table(&data);
        Some(chart::series(plan, &project.compiled, &table, &data, &column.report, id))
    };
    let (Some(first), Some(second)) = (series_of(&columns[1]), series_of(&columns[2])) else { return html! {} };
    // The second scenario's line, from the last actual on.
    let start = second.points.iter().position(|p| p.2).map_or(second.points.len(), |index| index.saturating_sub(1));
    let line: Vec<(i32, Decimal)> = second.points[start..].iter().map(|p| (p.0, p.1)).collect();
    let rule = plan.rule(id);
    let labels = Labels { unit: rule.unit.clone(), calendar: rule.calendar, style: plan.years, rates: plan.rates, lang };
    let second_name = scenarios::column_name(plan, &columns[2], lang);
    html! {
        <div class="compared-chart">
            <h3>{ format!("{} — {} / {}", rule.name, scenarios::column_name(plan, &columns[1], lang), second_name) }</h3>
            <Chart series={first} fan={Vec::new()} labels={labels} compared={vec![(second_name, line)]} />
        </div>
    }
}
