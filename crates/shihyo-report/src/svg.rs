//! The report's drawings as SVG text, inline in the HTML: an indicator's chart
//! drawn from the core's layout (the same chart as the app's), and the bars of
//! statuses by area. Classes, not colours, so that the report's style sheet
//! colours them.

use crate::markup::escape;
use shihyo_core::eval::Status;
use shihyo_core::output::chart::{self, Labels, Series, BOTTOM, HEIGHT, LEFT, RIGHT, WIDTH};
use shihyo_core::syntax::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;

/// An indicator's chart; `None` when it has no value to chart.
pub fn chart(series: &Series, labels: &Labels) -> Option<String> {
    let layout = chart::layout(series, &[], labels)?;
    let mut svg = String::new();
    let label = escape(crate::words::pick(labels.lang, "chart", "グラフ"));
    let _ = write!(svg, r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}">"#);
    for (y, label) in &layout.ticks {
        let _ = write!(
            svg,
            r#"<g class="tick"><line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text x="{}" y="{:.1}" text-anchor="end">{}</text></g>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(label)
        );
    }
    for (x, label) in &layout.years {
        let _ =
            write!(svg, r#"<text class="year" x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#, HEIGHT - BOTTOM + 18.0, escape(label));
    }
    if let Some((x1, y1, x2, y2)) = layout.pace {
        let _ = write!(svg, r#"<line class="pace" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#);
    }
    if let Some(mark) = &layout.target {
        let (x, y) = (mark.x - 5.0, mark.y - 5.0);
        let _ = write!(svg, r#"<line class="target" x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}"/>"#, WIDTH - RIGHT, mark.y, mark.y);
        let _ = write!(
            svg,
            r#"<rect class="target-mark" x="{x:.1}" y="{y:.1}" width="10" height="10"><title>{}</title></rect>"#,
            escape(&mark.title)
        );
    }
    let _ = write!(svg, r#"<polyline class="actual" points="{}"/>"#, layout.actual);
    if !layout.projection.is_empty() {
        let _ = write!(svg, r#"<polyline class="projection" points="{}"/>"#, layout.projection);
    }
    for dot in &layout.dots {
        let class = if dot.projected { "dot projected" } else { "dot" };
        let _ = write!(
            svg,
            r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="3.5"><title>{}</title></circle>"#,
            dot.x,
            dot.y,
            escape(&dot.title)
        );
    }
    let [actual, projected, target, pace] = chart::legend(labels.lang);
    let _ = write!(svg, r#"<g class="legend" transform="translate({LEFT},{})">"#, HEIGHT - 6.0);
    let mut x = 0.0;
    let shown = if layout.projection.is_empty() {
        vec![("actual", actual), ("target", target), ("pace", pace)]
    } else {
        vec![("actual", actual), ("projection", projected), ("target", target), ("pace", pace)]
    };
    for (class, word) in shown {
        let _ =
            write!(svg, r#"<line class="{class}" x1="{x}" x2="{}" y1="-4" y2="-4"/><text x="{}" y="0">{word}</text>"#, x + 18.0, x + 22.0);
        x += 30.0 + 12.0 * word.chars().count() as f64;
    }
    svg.push_str("</g></svg>");
    Some(svg)
}

/// One bar per area (its heading given as HTML text): its rules by status, stacked, with the counts written in.
pub fn status_bars(areas: &[(String, &BTreeMap<Status, usize>)], lang: Lang) -> String {
    const BAR_LEFT: f64 = 250.0;
    const BAR_WIDTH: f64 = 600.0;
    const ROW: f64 = 30.0;
    let most = areas.iter().map(|(_, counts)| counts.values().sum::<usize>()).max().unwrap_or(0).max(1);
    let legend_top = ROW * areas.len() as f64 + 12.0;
    let height = legend_top + 26.0;
    let label = escape(crate::words::pick(lang, "statuses by area", "改革項目別の状況"));
    let mut svg = format!(r#"<svg class="bars" viewBox="0 0 900 {height}" role="img" aria-label="{label}">"#);
    for (row, (title, counts)) in areas.iter().enumerate() {
        let y = ROW * row as f64 + 4.0;
        let _ = write!(svg, r#"<text class="area" x="{}" y="{:.1}" text-anchor="end">{title}</text>"#, BAR_LEFT - 8.0, y + 15.0);
        let mut x = BAR_LEFT;
        for status in Status::ALL {
            let Some(&count) = counts.get(&status).filter(|count| **count > 0) else { continue };
            let width = BAR_WIDTH * count as f64 / most as f64;
            let name = status.name();
            let _ = write!(
                svg,
                r#"<rect class="bar status-{name}" x="{x:.1}" y="{y:.1}" width="{width:.1}" height="22"><title>{} {count}</title></rect>"#,
                status.label(lang)
            );
            let _ =
                write!(svg, r#"<text class="count" x="{:.1}" y="{:.1}" text-anchor="middle">{count}</text>"#, x + width / 2.0, y + 15.0);
            x += width;
        }
    }
    let mut x = 0.0;
    for status in Status::ALL.iter().filter(|status| areas.iter().any(|(_, counts)| counts.get(status).is_some_and(|n| *n > 0))) {
        let word = status.label(lang);
        let name = status.name();
        let _ = write!(svg, r#"<rect class="bar status-{name}" x="{x:.1}" y="{legend_top:.1}" width="14" height="14"/>"#);
        let _ = write!(svg, r#"<text class="key" x="{:.1}" y="{:.1}">{word}</text>"#, x + 18.0, legend_top + 12.0);
        x += 34.0 + 9.0 * word.chars().count() as f64 * if lang == Lang::Ja { 1.6 } else { 1.0 };
    }
    svg.push_str("</svg>");
    svg
}
