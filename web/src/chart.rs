//! An indicator's chart as SVG, drawn from the core's layout
//! (`shihyo_core::output::chart`): actuals (solid), projections (dashed), the
//! target, the pace line from the baseline to the target, and the Monte Carlo
//! fan (p5–p95 and p25–p75 bands around the median), and other scenarios'
//! projections drawn over it when scenarios are compared. The annual report
//! draws the same layout.

use rust_decimal::Decimal;
use shihyo_core::output::chart::{self, FanYear, Labels, Series, BOTTOM, HEIGHT, LEFT, RIGHT, WIDTH};
use shihyo_core::syntax::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub series: Series,
    pub fan: Vec<FanYear>,
    pub labels: Labels,
    /// Other scenarios' projections drawn over the chart, with their names for the legend.
    #[prop_or_default]
    pub compared: Vec<(String, Vec<(i32, Decimal)>)>,
}

#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let ChartProps { series, fan, labels, compared } = props;
    let lang = labels.lang;
    let lines: Vec<Vec<(i32, Decimal)>> = compared.iter().map(|(_, points)| points.clone()).collect();
    let Some(layout) = chart::layout_compared(series, fan, &lines, labels) else {
        return html! { <p class="muted">{ if lang == Lang::Ja { "グラフにする値がありません" } else { "no values to chart" } }</p> };
    };
    let ticks = layout.ticks.iter().map(|(y, label)| {
        html! {
            <g class="tick">
                <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                <text x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y + 4.0)} text-anchor="end">{ label }</text>
            </g>
        }
    });
    let year_labels = layout.years.iter().map(|(x, label)| {
        html! { <text class="year" x={format!("{x:.1}")} y={(HEIGHT - BOTTOM + 18.0).to_string()} text-anchor="middle">{ label }</text> }
    });
    let dots = layout.dots.iter().map(|dot| {
        html! {
            <circle class={if dot.projected { "dot projected" } else { "dot" }} cx={format!("{:.1}", dot.x)} cy={format!("{:.1}", dot.y)} r="3.5">
                <title>{ &dot.title }</title>
            </circle>
        }
    });
    let [actual, projected, target, pace] = chart::legend(lang);
    html! {
        <svg class="chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={if lang == Lang::Ja { "グラフ" } else { "chart" }}>
            { for ticks }
            { for year_labels }
            if let Some(fan) = &layout.fan {
                <polygon class="fan outer" points={fan.outer.clone()} />
                <polygon class="fan inner" points={fan.inner.clone()} />
                <polyline class="median" points={fan.median.clone()} />
            }
            if let Some((x1, y1, x2, y2)) = layout.pace {
                <line class="pace" x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} />
            }
            if let Some(mark) = &layout.target {
                <line class="target" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{:.1}", mark.y)} y2={format!("{:.1}", mark.y)} />
                <rect class="target-mark" x={format!("{:.1}", mark.x - 5.0)} y={format!("{:.1}", mark.y - 5.0)} width="10" height="10">
                    <title>{ &mark.title }</title>
                </rect>
            }
            <polyline class="actual" points={layout.actual.clone()} />
            <polyline class="projection" points={layout.projection.clone()} />
            { for layout.compared.iter().enumerate().map(|(index, points)| html! {
                <polyline class={format!("compared compared-{index}")} points={points.clone()}>
                    <title>{ compared[index].0.clone() }</title>
                </polyline>
            }) }
            { for dots }
            <g class="legend" transform={format!("translate({LEFT},{})", HEIGHT - 6.0)}>
                <line class="actual" x1="0" x2="18" y1="-4" y2="-4" /><text x="22" y="0">{ actual }</text>
                <line class="projection" x1="70" x2="88" y1="-4" y2="-4" /><text x="92" y="0">{ projected }</text>
                <line class="target" x1="150" x2="168" y1="-4" y2="-4" /><text x="172" y="0">{ target }</text>
                <line class="pace" x1="220" x2="238" y1="-4" y2="-4" /><text x="242" y="0">{ pace }</text>
                { for compared.iter().enumerate().map(|(index, (name, _))| {
                    let x = 330 + 110 * index;
                    html! { <>
                        <line class={format!("compared compared-{index}")} x1={x.to_string()} x2={(x + 18).to_string()} y1="-4" y2="-4" />
                        <text x={(x + 22).to_string()} y="0">{ name.clone() }</text>
                    </> }
                }) }
                if layout.fan.is_some() {
                    <rect class="fan outer" x="330" y="-10" width="18" height="10" /><text x="352" y="0">{ "p5–p95" }</text>
                    <rect class="fan inner" x="410" y="-10" width="18" height="10" /><text x="432" y="0">{ "p25–p75" }</text>
                }
            </g>
        </svg>
    }
}
