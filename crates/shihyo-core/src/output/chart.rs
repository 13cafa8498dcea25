//! An indicator's chart, laid out: its values by year ([`Series`]: actuals,
//! projections, the target, the pace line from the baseline to the target)
//! and, with a Monte Carlo fan, where each line, point, band and label goes
//! in the drawing ([`Layout`]). Decimals become positions here and only here;
//! every label is the exact figure as people read it. The browser app draws a
//! layout with yew and the annual report as an SVG text, so both draw the
//! same chart.

use super::display;
use crate::eval::{Compiled, Report, Table};
use crate::model::data::Dataset;
use crate::model::units::DisplayUnit;
use crate::model::{Plan, RuleId};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use shihyo_syntax::ast::Rates;
use shihyo_syntax::year::YearStyle;
use shihyo_syntax::Lang;

/// The drawing's size and margins (SVG user units).
pub const WIDTH: f64 = 640.0;
/// The drawing's height.
pub const HEIGHT: f64 = 260.0;
/// The margin left of the plot, where the values' labels go.
pub const LEFT: f64 = 96.0;
/// The margin right of the plot.
pub const RIGHT: f64 = 16.0;
/// The margin above the plot.
pub const TOP: f64 = 14.0;
/// The margin under the plot, where the years' labels go.
pub const BOTTOM: f64 = 40.0;
/// Horizontal grid lines with their values.
const TICKS: u32 = 4;

/// One year of the Monte Carlo fan: p5, p25, p50, p75, p95.
pub type FanYear = (i32, [Decimal; 5]);

/// One indicator by year, for its chart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// (year, value, projected), in year order.
    pub points: Vec<(i32, Decimal, bool)>,
    /// The target year and the target, in base units; `None` without a target (or one that cannot be computed).
    pub target: Option<(i32, Decimal)>,
    /// From the baseline to the target.
    pub pace: Option<((i32, Decimal), (i32, Decimal))>,
}

/// The years charts show: from the baseline (or the period's first year) to the period's end.
pub fn chart_years(plan: &Plan) -> std::ops::RangeInclusive<i32> {
    plan.baseline.unwrap_or(plan.period.0).min(plan.period.0)..=plan.period.1
}

/// A rule's series from the table of an evaluation's data (derived indicators
/// computed), its projected years marked (a derived indicator's where it reads
/// one), with the target and the pace line of its evaluation in `report`.
pub fn series(plan: &Plan, compiled: &Compiled, table: &Table, data: &Dataset, report: &Report, rule: RuleId) -> Series {
    let reads = match plan.rule(rule).derivation() {
        Some(_) => compiled.derivation_reads(rule),
        None => vec![rule],
    };
    let projected = |year: i32| reads.iter().any(|r| data[r.0].get(&year).is_some_and(|a| a.projected));
    let points = chart_years(plan).filter_map(|year| table.get(rule, year).ok().map(|value| (year, value, projected(year)))).collect();
    let outcome = &report.rule(rule).outcome;
    let target = outcome.target_year.zip(outcome.target);
    let pace = outcome.baseline_year.zip(outcome.baseline).zip(target);
    Series { points, target, pace }
}

/// How the chart writes its figures and years: the indicator's unit and the plan's conventions.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// The indicator's unit, with the scale its values are shown in (`千円`).
    pub unit: DisplayUnit,
    /// Whether the indicator counts calendar years.
    pub calendar: bool,
    /// How the plan writes its years.
    pub style: YearStyle,
    /// How the plan shows percentages.
    pub rates: Option<Rates>,
    /// The language of the labels.
    pub lang: Lang,
}

/// A point of the series, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position, down from the top.
    pub y: f64,
    /// Whether the value is, or is computed from, a projection.
    pub projected: bool,
    /// `R5: 18,100件`.
    pub title: String,
}

/// The target's line across the chart and its mark at the target year.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetMark {
    /// Horizontal position of the target year.
    pub x: f64,
    /// Height of the target, down from the top.
    pub y: f64,
    /// `目標: 18,720件`.
    pub title: String,
}

/// The Monte Carlo fan: the p5–p95 and p25–p75 bands (closed polygons) and the median.
#[derive(Clone, Debug, PartialEq)]
pub struct Fan {
    /// The p5–p95 band.
    pub outer: String,
    /// The p25–p75 band.
    pub inner: String,
    /// The median (p50), as a polyline.
    pub median: String,
}

/// A chart laid out in a [`WIDTH`] × [`HEIGHT`] drawing. Polylines are SVG point lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Grid lines: height and the value's label.
    pub ticks: Vec<(f64, String)>,
    /// Year labels under the axis: position and label.
    pub years: Vec<(f64, String)>,
    /// The actuals' line (projected points left out).
    pub actual: String,
    /// The projection, continuing from the last actual before it.
    pub projection: String,
    /// Every point of the series, with its label.
    pub dots: Vec<Dot>,
    /// From the baseline to the target: x1, y1, x2, y2.
    pub pace: Option<(f64, f64, f64, f64)>,
    /// The target's mark; `None` without a target.
    pub target: Option<TargetMark>,
    /// The Monte Carlo fan; `None` without one.
    pub fan: Option<Fan>,
    /// Other scenarios' projections drawn over it (see [`layout_compared`]), in the order given.
    pub compared: Vec<String>,
}

/// The legend's words: actual, projected, target, pace.
pub fn legend(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::En => ["actual", "projected", "target", "pace"],
        Lang::Ja => ["実績", "予測", "目標", "目標への道筋"],
    }
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

    fn polyline(&self, points: impl Iterator<Item = (i32, Decimal)>) -> String {
        points.map(|(year, value)| self.point(year, value)).collect::<Vec<_>>().join(" ")
    }

    /// A band between two percentiles of the fan, as a closed polygon.
    fn band(&self, fan: &[FanYear], low: usize, high: usize) -> String {
        let upper = fan.iter().map(|(year, p)| (*year, p[high]));
        let lower = fan.iter().rev().map(|(year, p)| (*year, p[low]));
        self.polyline(upper.chain(lower))
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

/// Lays a series (and its fan, if any) out; `None` when there is nothing to chart.
pub fn layout(series: &Series, fan: &[FanYear], labels: &Labels) -> Option<Layout> {
    layout_compared(series, fan, &[], labels)
}

/// [`layout`], with other scenarios' projections of the same indicator drawn over it on one
/// scale (`compared`: each one's points from the last actual on), to compare scenarios.
pub fn layout_compared(series: &Series, fan: &[FanYear], compared: &[Vec<(i32, Decimal)>], labels: &Labels) -> Option<Layout> {
    let quantity = |value| display::quantity_shown(value, &labels.unit, labels.rates);
    let year_text = |year| display::year_text(labels.style, year, labels.calendar, labels.lang);
    let mut values: Vec<Decimal> = series.points.iter().map(|p| p.1).collect();
    values.extend(series.target.map(|t| t.1));
    values.extend(series.pace.iter().flat_map(|(from, to)| [from.1, to.1]));
    values.extend(fan.iter().flat_map(|(_, p)| [p[0], p[4]]));
    values.extend(compared.iter().flatten().map(|p| p.1));
    let mut years: Vec<i32> = series.points.iter().map(|p| p.0).collect();
    years.extend(compared.iter().flatten().map(|p| p.0));
    years.extend(series.target.map(|t| t.0));
    years.extend(series.pace.map(|(from, _)| from.0));
    years.extend(fan.iter().map(|f| f.0));
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else { return None };
    let low = values.iter().min().copied().unwrap_or_default().to_f64().unwrap_or(0.0);
    let high = values.iter().max().copied().unwrap_or_default().to_f64().unwrap_or(1.0);
    let pad = ((high - low) * 0.08).max(high.abs() * 0.02).max(f64::EPSILON);
    let scale = Scale { years: (first, last), values: (low - pad, high + pad) };

    let ticks = nice_ticks(scale.values).into_iter().map(|value| (scale.y(value), quantity(value))).collect();
    let year_labels = (first..=last).map(|year| (scale.x(year), year_text(year))).collect();
    let actual = scale.polyline(series.points.iter().filter(|p| !p.2).map(|p| (p.0, p.1)));
    // The projection continues from the last actual before it.
    let projection = match series.points.iter().position(|p| p.2) {
        Some(index) => scale.polyline(series.points[index.saturating_sub(1)..].iter().map(|p| (p.0, p.1))),
        None => String::new(),
    };
    let dots = series
        .points
        .iter()
        .map(|&(year, value, projected)| Dot {
            x: scale.x(year),
            y: scale.y(value),
            projected,
            title: format!("{}: {}", year_text(year), quantity(value)),
        })
        .collect();
    let pace = series.pace.map(|((from_year, from), (to_year, to))| (scale.x(from_year), scale.y(from), scale.x(to_year), scale.y(to)));
    let target = series.target.map(|(year, target)| TargetMark {
        x: scale.x(year),
        y: scale.y(target),
        title: format!("{}: {}", legend(labels.lang)[2], quantity(target)),
    });
    let fan = (!fan.is_empty()).then(|| Fan {
        outer: scale.band(fan, 0, 4),
        inner: scale.band(fan, 1, 3),
        median: scale.polyline(fan.iter().map(|(y, p)| (*y, p[2]))),
    });
    let compared = compared.iter().map(|points| scale.polyline(points.iter().copied())).collect();
    Some(Layout { ticks, years: year_labels, actual, projection, dots, pace, target, fan, compared })
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

    #[test]
    fn a_series_is_laid_out_inside_the_drawing() {
        let series = Series {
            points: vec![(2019, Decimal::from(100), false), (2021, Decimal::from(120), false), (2022, Decimal::from(130), true)],
            target: Some((2023, Decimal::from(150))),
            pace: Some(((2019, Decimal::from(100)), (2023, Decimal::from(150)))),
        };
        let labels = Labels {
            unit: DisplayUnit::base(crate::model::units::Unit::Count("件".into())),
            calendar: false,
            style: YearStyle::Era,
            rates: None,
            lang: Lang::Ja,
        };
        let layout = layout(&series, &[], &labels).expect("a chart");
        assert_eq!(layout.years.iter().map(|(_, label)| label.as_str()).collect::<Vec<_>>(), ["R1", "R2", "R3", "R4", "R5"]);
        assert_eq!(layout.years[0].0, LEFT);
        assert_eq!(layout.years[4].0, WIDTH - RIGHT);
        assert!(layout.dots.iter().all(|d| (TOP..=HEIGHT - BOTTOM).contains(&d.y)));
        assert_eq!(layout.dots[1].title, "R3: 120件");
        assert_eq!(layout.actual.split(' ').count(), 2, "the actuals stop before the projection");
        assert_eq!(layout.projection.split(' ').count(), 2, "the projection starts at the last actual");
        assert_eq!(layout.target.as_ref().map(|t| t.title.as_str()), Some("目標: 150件"));
        assert!(layout.fan.is_none());
        assert!(layout.compared.is_empty());
        assert!(self::layout(&Series::default(), &[], &labels).is_none());
        // Another scenario's projection, above everything else: the scale takes it in.
        let other = vec![(2021, Decimal::from(120)), (2022, Decimal::from(200))];
        let compared = layout_compared(&series, &[], &[other], &labels).expect("a chart");
        assert_eq!(compared.compared.len(), 1);
        let ys: Vec<f64> = compared.compared[0].split([' ', ',']).skip(1).step_by(2).map(|y| y.parse().unwrap()).collect();
        assert!(ys.iter().all(|y| (TOP..=HEIGHT - BOTTOM).contains(y)), "{ys:?}");
        assert!(compared.target.unwrap().y > layout.target.unwrap().y, "the target sits lower on the wider scale");
    }
}
