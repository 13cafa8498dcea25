//! An indicator's chart as SVG: actuals (solid), projections (dashed), the
//! target, the pace line from the baseline to the target, and the Monte Carlo
//! fan (p5–p95 and p25–p75 bands around the median). Decimals become pixel
//! positions here and only here; figures shown stay exact.

use crate::analysis::Series;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use shihyo_core::model::units::DisplayUnit;
use shihyo_core::output::display;
use shihyo_core::syntax::ast::Rates;
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::Lang;
use yew::prelude::*;

/// One year of the Monte Carlo fan: p5, p25, p50, p75, p95.
pub type FanYear = (i32, [Decimal; 5]);

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 96.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 40.0;
/// Horizontal grid lines with their values.
const TICKS: u32 = 4;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub series: Series,
    pub fan: Vec<FanYear>,
    pub unit: DisplayUnit,
    pub calendar: bool,
    /// How the plan writes its years.
    pub style: YearStyle,
    /// How the plan shows percentages.
    pub rates: Option<Rates>,
    pub lang: Lang,
}

/// Maps years and values into the drawing area.
struct Scale {
    years: (i32, i32),
    values: (f64, f64),
}

impl Scale {
    fn x(&self, year: i32) -> f64 {
        let span = f64::from((self.years.1 - self.years.0).max(1));
        LEFT + f64::from(year - self.years.0) / span * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, value: Decimal) -> f64 {
        let value = value.to_f64().unwrap_or(0.0);
        let span = (self.values.1 - self.values.0).max(f64::EPSILON);
        TOP + (1.0 - (value - self.values.0) / span) * (HEIGHT - TOP - BOTTOM)
    }

    fn point(&self, year: i32, value: Decimal) -> String {
        format!("{:.1},{:.1}", self.x(year), self.y(value))
    }
}

/// Round values for the grid lines: multiples of 1, 2 or 5 × 10ⁿ inside the range.
fn nice_ticks((low, high): (f64, f64)) -> Vec<Decimal> {
    let raw = (high - low) / f64::from(TICKS);
    if !raw.is_finite() || raw <= 0.0 {
        return Vec::new();
    }
    let power = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    // Steps are shown with the digits they have (at most 12 after the point).
    let places = (-step.log10().floor()).clamp(0.0, 12.0) as u32;
    (first..=last).filter_map(|k| Decimal::from_f64_retain(k as f64 * step).map(|d| d.round_dp(places))).collect()
}

fn polyline(scale: &Scale, points: impl Iterator<Item = (i32, Decimal)>) -> String {
    points.map(|(year, value)| scale.point(year, value)).collect::<Vec<_>>().join(" ")
}

/// A band between two percentiles of the fan, as a closed polygon.
fn band(scale: &Scale, fan: &[FanYear], low: usize, high: usize) -> String {
    let upper = fan.iter().map(|(year, p)| (*year, p[high]));
    let lower = fan.iter().rev().map(|(year, p)| (*year, p[low]));
    polyline(scale, upper.chain(lower))
}

#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let ChartProps { series, fan, unit, calendar, style, rates, lang } = props;
    let quantity = |value| display::quantity_shown(value, unit, *rates);
    let mut values: Vec<Decimal> = series.points.iter().map(|p| p.1).collect();
    values.extend(series.target.map(|t| t.1));
    values.extend(series.pace.iter().flat_map(|(from, to)| [from.1, to.1]));
    values.extend(fan.iter().flat_map(|(_, p)| [p[0], p[4]]));
    let mut years: Vec<i32> = series.points.iter().map(|p| p.0).collect();
    years.extend(series.target.map(|t| t.0));
    years.extend(series.pace.map(|(from, _)| from.0));
    years.extend(fan.iter().map(|f| f.0));
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return html! { <p class="muted">{ if *lang == Lang::Ja { "グラフにする値がありません" } else { "no values to chart" } }</p> };
    };
    let low = values.iter().min().copied().unwrap_or_default().to_f64().unwrap_or(0.0);
    let high = values.iter().max().copied().unwrap_or_default().to_f64().unwrap_or(1.0);
    let pad = ((high - low) * 0.08).max(high.abs() * 0.02).max(f64::EPSILON);
    let scale = Scale { years: (first, last), values: (low - pad, high + pad) };

    let ticks = nice_ticks(scale.values).into_iter().map(|value| {
        let y = scale.y(value);
        html! {
            <g class="tick">
                <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                <text x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y + 4.0)} text-anchor="end">{ quantity(value) }</text>
            </g>
        }
    });
    let year_labels = (first..=last).map(|year| {
        html! { <text class="year" x={format!("{:.1}", scale.x(year))} y={(HEIGHT - BOTTOM + 18.0).to_string()} text-anchor="middle">{ display::year_text(*style, year, *calendar, *lang) }</text> }
    });
    let actual: Vec<(i32, Decimal)> = series.points.iter().filter(|p| !p.2).map(|p| (p.0, p.1)).collect();
    // The projection continues from the last actual before it.
    let first_projected = series.points.iter().position(|p| p.2);
    let projected: Vec<(i32, Decimal)> = match first_projected {
        Some(index) => series.points[index.saturating_sub(1)..].iter().map(|p| (p.0, p.1)).collect(),
        None => Vec::new(),
    };
    let dots = series.points.iter().map(|&(year, value, projected)| {
        let title = format!("{}: {}", display::year_text(*style, year, *calendar, *lang), quantity(value));
        html! {
            <circle class={if projected { "dot projected" } else { "dot" }} cx={format!("{:.1}", scale.x(year))} cy={format!("{:.1}", scale.y(value))} r="3.5">
                <title>{ title }</title>
            </circle>
        }
    });
    let words = |en: &'static str, ja: &'static str| if *lang == Lang::Ja { ja } else { en };
    html! {
        <svg class="chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={words("chart", "グラフ")}>
            { for ticks }
            { for year_labels }
            if !fan.is_empty() {
                <polygon class="fan outer" points={band(&scale, fan, 0, 4)} />
                <polygon class="fan inner" points={band(&scale, fan, 1, 3)} />
                <polyline class="median" points={polyline(&scale, fan.iter().map(|(y, p)| (*y, p[2])))} />
            }
            if let Some(((from_year, from), (to_year, to))) = series.pace {
                <line class="pace" x1={format!("{:.1}", scale.x(from_year))} y1={format!("{:.1}", scale.y(from))}
                    x2={format!("{:.1}", scale.x(to_year))} y2={format!("{:.1}", scale.y(to))} />
            }
            if let Some((year, target)) = series.target {
                <line class="target" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{:.1}", scale.y(target))} y2={format!("{:.1}", scale.y(target))} />
                <rect class="target-mark" x={format!("{:.1}", scale.x(year) - 5.0)} y={format!("{:.1}", scale.y(target) - 5.0)} width="10" height="10">
                    <title>{ format!("{}: {}", words("target", "目標"), quantity(target)) }</title>
                </rect>
            }
            <polyline class="actual" points={polyline(&scale, actual.into_iter())} />
            <polyline class="projection" points={polyline(&scale, projected.into_iter())} />
            { for dots }
            <g class="legend" transform={format!("translate({LEFT},{})", HEIGHT - 6.0)}>
                <line class="actual" x1="0" x2="18" y1="-4" y2="-4" /><text x="22" y="0">{ words("actual", "実績") }</text>
                <line class="projection" x1="70" x2="88" y1="-4" y2="-4" /><text x="92" y="0">{ words("projected", "予測") }</text>
                <line class="target" x1="150" x2="168" y1="-4" y2="-4" /><text x="172" y="0">{ words("target", "目標") }</text>
                <line class="pace" x1="220" x2="238" y1="-4" y2="-4" /><text x="242" y="0">{ words("pace", "目標への道筋") }</text>
                if !fan.is_empty() {
                    <rect class="fan outer" x="330" y="-10" width="18" height="10" /><text x="352" y="0">{ "p5–p95" }</text>
                    <rect class="fan inner" x="410" y="-10" width="18" height="10" /><text x="432" y="0">{ "p25–p75" }</text>
                }
            </g>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        let ticks = nice_ticks((11_980.8, 19_219.2));
        assert_eq!(ticks, [12_000, 14_000, 16_000, 18_000].map(Decimal::from));
        assert_eq!(nice_ticks((0.7, 0.82)), [70, 75, 80].map(|n| Decimal::new(n, 2)));
        assert!(nice_ticks((1.0, 1.0)).is_empty());
    }
}
