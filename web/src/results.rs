//! The evaluation as the group tree: each group's heading with its counts and
//! grade, each rule's target, actual, achievement, progress, status and grade
//! coloured by status (the cells are the CLI table's, from the core); and the
//! selected rule's detail: its chart and the explanation of every figure.

use crate::analysis::{Evaluation, Loaded, Values};
use crate::chart::Chart;
use crate::shared::{words, Shared};
use shihyo_core::output::chart::{FanYear, Labels};
use shihyo_core::output::display::{self, Line, PROJECTED_MARK};
use shihyo_core::syntax::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub loaded: Shared<Loaded>,
    pub evaluation: Shared<Evaluation>,
    pub selected: Option<String>,
    pub lang: Lang,
    pub on_select: Callback<String>,
}

/// The columns after the name: `display::figure_cells`'s, in order.
const COLUMNS: [(&str, &str); 9] = [
    ("target", "目標"),
    ("by", "目標年度"),
    ("actual", "実績"),
    ("expected", "期待値"),
    ("vs expected", "期待値比"),
    ("achievement", "達成率"),
    ("progress", "進捗率"),
    ("status", "状況"),
    ("grade", "評価"),
];

#[component]
pub fn ResultsTable(props: &ResultsProps) -> Html {
    let Ok(project) = &props.loaded.project else { return html! {} };
    let (plan, report, lang) = (&project.plan, &props.evaluation.report, props.lang);
    let rows = display::lines(plan, report).into_iter().map(|line| match line {
        Line::Group { def, result, depth } => {
            let title = def.id.as_ref().map_or_else(|| def.title.clone(), |id| format!("{id} {}", def.title));
            html! {
                <tr class="group">
                    <td colspan="10" style={format!("padding-left: {}em", 0.4 + depth as f64 * 1.2)}>
                        <span class="title">{ title }</span>
                        <span class="counts">{ display::counts_text(&result.counts, lang) }</span>
                        if let Some(met) = display::met_text(plan, result, lang) {
                            <span class="met">{ met }</span>
                        }
                        if let Some(points) = display::points_text(result, lang) {
                            <span class="points">{ points }</span>
                        }
                        <span class="grade">{ format!("{} {}", words(lang, "grade", "評価"), result.grade.as_deref().unwrap_or("—")) }</span>
                    </td>
                </tr>
            }
        }
        Line::Rule { id, depth } => {
            let rule = plan.rule(id);
            let result = report.rule(id);
            let cells = display::figure_cells(plan, report, result, lang);
            let name = rule.name.clone();
            let onclick = props.on_select.reform(move |_| name.clone());
            let selected = props.selected.as_deref() == Some(rule.name.as_str());
            let status = result.outcome.status.name();
            html! {
                <tr class={classes!("rule", format!("status-{status}"), selected.then_some("selected"), result.projected.then_some("projected"))}
                    data-name={rule.name.clone()} data-status={status} {onclick}>
                    <td class="name" style={format!("padding-left: {}em", 0.4 + depth as f64 * 1.2)}>
                        { if rule.parent.is_some() { "└ " } else { "" } }{ &rule.name }
                    </td>
                    { for cells.into_iter().enumerate().map(|(i, cell)| html! {
                        <td class={classes!(format!("c{i}"), (i == 7).then_some("status"))}>{ cell }</td>
                    }) }
                </tr>
            }
        }
    });
    let as_of = display::year_text(plan.years, report.as_of.number, report.as_of.calendar, lang);
    let heading = match (&report.scenario, lang) {
        (Some(name), Lang::En) => format!("Evaluation as of {as_of}, scenario “{name}”"),
        (Some(name), Lang::Ja) => format!("{as_of}時点の評価（シナリオ「{name}」）"),
        (None, Lang::En) => format!("Evaluation as of {as_of}"),
        (None, Lang::Ja) => format!("{as_of}時点の評価"),
    };
    let total: usize = report.counts().values().sum();
    html! {
        <div class="panel results">
            <div class="panel-head">
                <h2>{ heading }</h2>
                <span class="summary" id="summary">
                    { match lang { Lang::En => format!("{total} rules: "), Lang::Ja => format!("全 {total} 件: ") } }
                    { display::counts_text(report.counts(), lang) }
                    { format!(" — {} {}", words(lang, "overall grade", "総合評価"), report.root.grade.as_deref().unwrap_or("—")) }
                    if let Some(points) = display::points_text(&report.root, lang) {
                        { match lang { Lang::En => format!(" ({points})"), Lang::Ja => format!("（{points}）") } }
                    }
                </span>
            </div>
            <div class="table-scroll">
                <table id="evaluation">
                    <thead><tr>
                        <th>{ words(lang, "rule", "指標") }</th>
                        { for COLUMNS.iter().map(|(en, ja)| html! { <th>{ words(lang, en, ja) }</th> }) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            // How the ratios are computed, and which target a 達成率 is against, as the command's table says.
            <p class="note formula">{ display::formula_line(plan, lang) }</p>
            if report.rules.iter().any(|r| r.projected) {
                <p class="note">{ format!("{PROJECTED_MARK} {}", words(lang, "computed from the scenario's projections", "シナリオの見通し（予測値）を含む値")) }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub loaded: Shared<Loaded>,
    pub evaluation: Shared<Evaluation>,
    pub selected: Option<String>,
    pub lang: Lang,
    /// The Monte Carlo fan of the selected indicator, once a simulation ran.
    #[prop_or_default]
    pub fan: Vec<FanYear>,
    /// The chance of reaching the target, with its standard error, from the simulation.
    #[prop_or_default]
    pub chance: Option<String>,
}

/// The selected rule: chart and explanation.
#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let lang = props.lang;
    // Every indicator's values by year once per evaluation (a slider's move), not per
    // selection, on the plan the project compiled once per text.
    let values = use_memo((props.loaded.clone(), props.evaluation.clone()), |(loaded, evaluation)| {
        loaded.project.as_ref().ok().map(|project| Values::new(project.compiled.clone(), &evaluation.data))
    });
    let Some(values) = values.as_ref() else { return html! {} };
    let (Ok(project), Some(name)) = (&props.loaded.project, &props.selected) else {
        return html! { <div class="panel detail"><p class="muted">{ words(lang, "Click a rule to see its chart and explanation.", "指標をクリックすると、グラフと計算の説明が表示されます。") }</p></div> };
    };
    let Some(id) = project.plan.find(name) else { return html! {} };
    let plan = &project.plan;
    let rule = plan.rule(id);
    let result = props.evaluation.report.rule(id);
    let series = values.series(plan, &props.evaluation, id);
    let steps = result.steps.iter().map(|step| {
        let inputs = step.inputs.iter().map(|input| {
            let mark = if input.projected { PROJECTED_MARK } else { "" };
            html! { <li>{ format!("{}: {}{mark}", input.label, display::quantity_shown(input.value, &plan.rule(input.rule).unit, plan.rates)) }</li> }
        });
        html! {
            <li class="step">
                <span class="field">{ display::field_label(step.field, lang) }</span>
                <span class="text">{ step.text.get(lang) }</span>
                if !step.inputs.is_empty() { <ul class="inputs">{ for inputs }</ul> }
            </li>
        }
    });
    let source = rule.meta(shihyo_core::syntax::ast::MetaKey::Source);
    // What the department wrote on the figure of the year evaluated.
    let remarks = result.outcome.year.and_then(|year| project.remarks.get(&(id, year))).map(|remarks| {
        let said = [
            (words(lang, "Comment", "評価コメント"), &remarks.comment),
            (words(lang, "Outlook", "今後の方向性"), &remarks.outlook),
            (words(lang, "Owner", "所管課"), &remarks.owner),
        ];
        let rows =
            said.into_iter().filter_map(|(label, text)| text.as_ref().map(|text| html! { <><dt>{ label }</dt><dd>{ text }</dd></> }));
        html! { <dl class="remarks">{ for rows }</dl> }
    });
    html! {
        <div class="panel detail" id="detail">
            <div class="panel-head">
                <h2>{ &rule.name }</h2>
                <span class={classes!("badge", format!("status-{}", result.outcome.status.name()))}>{ result.outcome.status.label(lang) }</span>
                if let Some(chance) = &props.chance { <span class="chance">{ chance }</span> }
            </div>
            if let Some(source) = source { <p class="source">{ format!("{} {source}", words(lang, "Source:", "出典:")) }</p> }
            <Chart series={series} fan={props.fan.clone()} labels={Labels { unit: rule.unit.clone(), calendar: rule.calendar, style: plan.years, rates: plan.rates, lang }} />
            if let Some(message) = &result.message { <p class="message">{ message.get(lang) }</p> }
            { for remarks }
            <ol class="steps">{ for steps }</ol>
        </div>
    }
}
