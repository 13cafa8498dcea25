//! What-if: the evaluation year, the scenario (or simulation, at its means)
//! evaluated with the actuals, and a slider per projected amount that
//! re-evaluates the whole plan as it moves.

use crate::analysis::{Lever, LeverKind, Loaded};
use crate::shared::{words, Shared};
use rust_decimal::Decimal;
use shihyo_core::output::display;
use shihyo_core::syntax::Lang;
use std::collections::BTreeMap;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub loaded: Shared<Loaded>,
    pub scenario: Option<String>,
    pub as_of: Option<i32>,
    pub amounts: BTreeMap<String, Decimal>,
    pub levers: Vec<Lever>,
    pub lang: Lang,
    pub on_scenario: Callback<Option<String>>,
    pub on_amount: Callback<(String, Decimal)>,
    pub on_reset: Callback<()>,
    pub on_as_of: Callback<Option<i32>>,
}

#[component]
pub fn WhatIf(props: &WhatIfProps) -> Html {
    let Ok(project) = &props.loaded.project else { return html! {} };
    let (plan, lang) = (&project.plan, props.lang);
    let on_scenario = props.on_scenario.reform(|e: Event| {
        let value = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        (!value.is_empty()).then_some(value)
    });
    let on_as_of = props.on_as_of.reform(|e: Event| e.target_dyn_into::<web_sys::HtmlSelectElement>().and_then(|s| s.value().parse().ok()));
    let years = shihyo_core::output::chart::chart_years(plan);
    let sliders = props.levers.iter().map(|lever| {
        let value = props.amounts.get(&lever.name).copied().unwrap_or(lever.written);
        let position = lever.position_of(value);
        let oninput = {
            let (lever, on_amount) = (lever.clone(), props.on_amount.clone());
            Callback::from(move |e: InputEvent| {
                let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
                let position = input.value().parse().unwrap_or(0);
                on_amount.emit((lever.name.clone(), lever.value_at(position)));
            })
        };
        let kind = match lever.kind {
            LeverKind::Rate => words(lang, "growth per year", "年あたりの伸び率"),
            LeverKind::Change => words(lang, "change per year", "年あたりの増減"),
            LeverKind::Level => words(lang, "value per year", "年あたりの値"),
            LeverKind::Trend => words(lang, "trend: change per year", "傾向: 年あたりの増減"),
        };
        html! {
            <div class={classes!("lever", (value != lever.written).then_some("moved"))}>
                <label>
                    <span class="name" title={lever.name.clone()}>{ &lever.name }</span>
                    <span class="kind">{ kind }</span>
                    <output>{ lever.shown(plan, value, lang) }</output>
                </label>
                <input type="range" data-name={lever.name.clone()} min="0" max={lever.positions.to_string()} step="1"
                    value={position.to_string()} {oninput}
                    title={format!("{} {}", words(lang, "written:", "計画の値:"), lever.shown(plan, lever.written, lang))} />
            </div>
        }
    });
    let reset = props.on_reset.reform(|_| ());
    html! {
        <div class="panel whatif">
            <div class="controls">
                <label>{ words(lang, "As of", "評価年度") }
                    <select id="as-of" onchange={on_as_of}>
                        <option value="" selected={props.as_of.is_none()}>{ words(lang, "latest data", "最新の実績") }</option>
                        { for years.map(|year| html! {
                            <option value={year.to_string()} selected={props.as_of == Some(year)}>{ display::year_text(plan.years, year, plan.calendar, lang) }</option>
                        }) }
                    </select>
                </label>
                <label>{ words(lang, "Scenario", "シナリオ") }
                    <select id="scenario" onchange={on_scenario}>
                        <option value="" selected={props.scenario.is_none()}>{ words(lang, "actuals only", "実績のみ") }</option>
                        { for plan.scenarios.iter().map(|s| {
                            let label = if s.simulation.is_some() { format!("{} {}", s.name, words(lang, "(simulation, at its means)", "（シミュレーションの平均値）")) } else { s.name.clone() };
                            html! { <option value={s.name.clone()} selected={props.scenario.as_deref() == Some(s.name.as_str())}>{ label }</option> }
                        }) }
                    </select>
                </label>
                if !props.amounts.is_empty() {
                    <button id="reset-levers" onclick={reset}>{ words(lang, "Back to the plan's amounts", "計画の値に戻す") }</button>
                }
            </div>
            if props.levers.iter().any(|l| l.kind == LeverKind::Trend) {
                <p class="muted">{ words(lang,
                    "A trend's slider starts at its line's yearly change; moved, the indicator changes by that much each year from its last actual.",
                    "傾向（trend）のスライダーは回帰直線の年あたりの増減から始まります。動かすと、最後の実績からその値ずつ増減します。") }</p>
            }
            <div id="levers">{ for sliders }</div>
        </div>
    }
}
