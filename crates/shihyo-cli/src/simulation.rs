//! `shihyo simulate`: runs a plan's Monte Carlo simulation (with a progress
//! bar on a terminal) and prints, per rule, the probability of reaching its
//! target in its target year with its standard error and the year it is most
//! often first met, then the percentile bands of each drawn indicator by year.

use crate::commands::{load, print_json, Context, Outcome};
use crate::table::{self, Columns};
use crate::Format;
use indicatif::{ProgressBar, ProgressStyle};
use shihyo_compare::chances::{self, Chances};
use shihyo_compare::document;
use shihyo_core::eval::{SimulationReport, BAND_SAMPLE};
use shihyo_core::model::scenario::ScenarioDef;
use shihyo_core::output::display;
use shihyo_core::output::json;
use shihyo_core::syntax::{tr, Lang};
use shihyo_core::{Options, Project, Status};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Runs between two updates of the progress bar.
const STEP: u64 = 2_000;

/// What `simulate` runs.
pub struct SimulationRequest<'a> {
    pub file: &'a Path,
    pub data: &'a [PathBuf],
    /// The simulations named (none: the plan's only one; two or more: side by side).
    pub simulations: &'a [String],
    pub runs: Option<u64>,
    pub seed: Option<u64>,
}

pub fn simulate(context: &Context, request: &SimulationRequest) -> Outcome {
    let (engine, _, project) = match load(context, request.file, request.data) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    if let Some(runs) = request.runs.filter(|runs| !shihyo_core::model::scenario::RUNS.contains(runs)) {
        let most = shihyo_core::model::scenario::MAX_RUNS;
        return context.usage(tr!("--runs {runs}: give 1 to {most} runs", "--runs {runs}: 回数は 1 から {most} までです"));
    }
    if request.simulations.len() > 1 {
        return side_by_side(context, &engine, &project, request);
    }
    let def = match chosen(context, &project, request.simulations.first().map(String::as_str)) {
        Ok(def) => def,
        Err(outcome) => return outcome,
    };
    let report = run(context, &engine, &project, def, request);
    match context.format {
        Format::Json => print_json(&json::simulation(&report, &project.plan)),
        _ => {
            // Targets as the scenario at its means gives them, for reading the table.
            let (means, _) = project.evaluate_scenario(def, Options { as_of: Some(report.as_of), explain: false });
            print_table(&report, &project, &means, context.lang);
        }
    }
    Outcome::Done
}

/// Runs a simulation to the end (with a progress bar on a terminal), after printing its notes.
fn run(
    context: &Context,
    engine: &shihyo_core::Engine,
    project: &Project,
    def: &ScenarioDef,
    request: &SimulationRequest,
) -> SimulationReport {
    let mut simulation = project.simulation(def, request.runs, request.seed);
    if !simulation.notes().is_empty() && context.format != Format::Json {
        crate::diagnostics::print(engine, simulation.notes(), context.lang);
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(simulation.runs());
        bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar
    });
    while !simulation.is_finished() {
        simulation.advance(STEP);
        if let Some(bar) = &bar {
            bar.set_position(simulation.done());
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    simulation.report()
}

/// Two simulations or more, each run, their chances side by side (the first against each
/// other) with a summary; JSON: every simulation's document and the summaries.
fn side_by_side(context: &Context, engine: &shihyo_core::Engine, project: &Project, request: &SimulationRequest) -> Outcome {
    let lang = context.lang;
    let mut reports = Vec::new();
    for name in request.simulations {
        match chosen(context, project, Some(name)) {
            Ok(def) => reports.push(run(context, engine, project, def, request)),
            Err(outcome) => return outcome,
        }
    }
    let plan = &project.plan;
    let chances: Vec<Chances> = reports
        .iter()
        .map(|report| Chances {
            simulation: report.name.clone(),
            rules: report
                .rules
                .iter()
                .filter(|r| r.varies)
                .map(|r| (plan.rule(r.rule).name.clone(), r.probability, r.standard_error))
                .collect(),
        })
        .collect();
    let summaries: Vec<Vec<String>> = chances[1..].iter().map(|other| chances::summary(&chances[0], other, lang)).collect();
    if context.format == Format::Json {
        let simulations = reports.iter().map(|report| json::simulation(report, plan)).collect();
        print_json(&document::SimulationComparison { simulations, summary: summaries.concat() });
        return Outcome::Done;
    }
    let mut out = std::io::stdout().lock();
    for (index, (other, summary)) in chances[1..].iter().zip(&summaries).enumerate() {
        let (a, b) = (&chances[0].simulation, &other.simulation);
        let heading = match lang {
            Lang::En => {
                format!("{} — simulations `{a}` and `{b}` side by side: the chance of reaching each target in its target year", plan.name)
            }
            Lang::Ja => format!("{} — シミュレーション「{a}」と「{b}」の比較: 目標年度に目標を達成する確率", plan.name),
        };
        let _ = writeln!(out, "{heading}");
        let runs: Vec<String> = [&reports[0], &reports[1 + index]]
            .iter()
            .map(|report| {
                let (name, runs, seed) = (&report.name, display::grouped(report.runs.into()), report.seed);
                match lang {
                    Lang::En => format!("`{name}`: {runs} runs, seed {seed}"),
                    Lang::Ja => format!("「{name}」{runs} 回（seed {seed}）"),
                }
            })
            .collect();
        let _ = writeln!(out, "{}\n", runs.join(if lang == Lang::Ja { "、" } else { "; " }));
        let header =
            vec![tr!("indicator", "指標").get(lang).to_string(), a.clone(), b.clone(), tr!("difference", "差").get(lang).to_string()];
        let mut rows = chances::rows(&chances[0], other);
        for row in &mut rows {
            row[0] = table::truncate(&row[0], table::NAME_WIDTH);
        }
        let columns = Columns::new(std::iter::once(&header[..]).chain(rows.iter().map(Vec::as_slice)), &[0]);
        let _ = writeln!(out, "{}", columns.line(&header).trim_end());
        let _ = writeln!(out, "{}", columns.rule());
        for row in &rows {
            let _ = writeln!(out, "{}", columns.line(row).trim_end());
        }
        let _ = writeln!(out);
        for sentence in summary {
            let _ = writeln!(out, "{sentence}");
        }
    }
    Outcome::Done
}

/// The simulation named, or the plan's only one.
fn chosen<'p>(context: &Context, project: &'p Project, name: Option<&str>) -> Result<&'p ScenarioDef, Outcome> {
    let list = project.plan.simulations().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
    let found = project.plan.simulation(name);
    let found = match name {
        None if found.is_none() && list.is_empty() => {
            return Err(context.usage(tr!(
                "the plan has no `simulation`: add one (see the reference, Scenarios and simulation)",
                "計画に `simulation` がありません。リファレンスの「シナリオとシミュレーション」を参照して追加してください"
            )))
        }
        None if found.is_none() => {
            return Err(context.usage(tr!(
                "the plan has several simulations: name one with --simulation ({list})",
                "計画にシミュレーションが複数あります。--simulation で指定してください（{list}）"
            )))
        }
        _ => found,
    };
    found.ok_or_else(|| {
        let name = name.unwrap_or_default();
        context.usage(tr!(
            "the plan has no simulation named `{name}`; it has: {list}",
            "計画に「{name}」というシミュレーションはありません。あるのは: {list}"
        ))
    })
}

fn print_table(report: &SimulationReport, project: &Project, means: &shihyo_core::Report, lang: Lang) {
    let plan = &project.plan;
    let mut out = std::io::stdout().lock();
    let words = |en: &'static str, ja: &'static str| if lang == Lang::Ja { ja } else { en };
    let (name, runs, seed) = (&report.name, display::grouped(report.runs.into()), report.seed);
    let heading = match lang {
        Lang::En => {
            format!("{} — simulation `{name}`: {runs} runs, seed {seed}; the chance of reaching each target in its target year", plan.name)
        }
        Lang::Ja => format!("{} — シミュレーション「{name}」 {runs} 回（seed {seed}）: 目標年度に目標を達成する確率", plan.name),
    };
    let _ = writeln!(out, "{heading}\n");
    let header: Vec<String> = match lang {
        Lang::En => ["indicator", "target", "by", "chance", "± s.e.", "first met (most often)", "never met"],
        Lang::Ja => ["指標", "目標", "目標年度", "達成確率", "標準誤差", "最初に達成（最多）", "達成せず"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = vec![header];
    for rule in &report.rules {
        let cells = table::rule_cells(plan, means, means.rule(rule.rule), 0, lang);
        let share = |count: u64| display::ratio(rust_decimal::Decimal::from(count) / rust_decimal::Decimal::from(report.runs.max(1)));
        let first_met = rule.first_met.iter().max_by_key(|(year, count)| (*count, -year)).map_or_else(
            || "—".to_string(),
            |(year, count)| {
                format!(
                    "{} ({})",
                    shihyo_core::output::display::year_text(plan.years, *year, plan.rule(rule.rule).calendar, lang),
                    share(*count)
                )
            },
        );
        // A rule that no run could judge in its target year (no data, tbd) shows why.
        let judged = rule.statuses.iter().any(|(status, _)| matches!(status, Status::Achieved | Status::NotAchieved));
        let most = rule.statuses.iter().max_by_key(|(_, count)| *count).map(|(status, _)| *status);
        rows.push(vec![
            cells[0].clone(),
            cells[1].clone(),
            cells[2].clone(),
            match (judged, most) {
                (false, Some(status)) => status.label(lang).to_string(),
                _ => display::ratio(rule.probability),
            },
            match (judged, rule.varies) {
                (false, _) => "—".to_string(),
                (true, true) => format!("±{}", display::ratio(rule.standard_error)),
                (true, false) => words("fixed", "確定").to_string(),
            },
            first_met,
            if rule.target_year.is_some() { share(rule.never_met) } else { "—".to_string() },
        ]);
    }
    let columns = Columns::new(rows.iter().map(Vec::as_slice), &[0, 2, 5]);
    let _ = writeln!(out, "{}", columns.line(&rows[0]).trim_end());
    let _ = writeln!(out, "{}", columns.rule());
    for row in &rows[1..] {
        let _ = writeln!(out, "{}", columns.line(row).trim_end());
    }
    let projected: Vec<_> = report.bands.iter().filter(|band| band.projected).collect();
    if !projected.is_empty() {
        let title = words("Projected values by year (percentiles over the runs)", "年度ごとの予測値（各回の分布のパーセンタイル）");
        let _ = writeln!(out, "\n{title}\n");
        let mut rows =
            vec![[words("indicator", "指標"), words("year", "年度"), "p5", "p25", "p50", "p75", "p95"].map(str::to_string).to_vec()];
        for band in projected {
            let rule = plan.rule(band.rule);
            let mut row =
                vec![table::truncate(&rule.name, 34), shihyo_core::output::display::year_text(plan.years, band.year, rule.calendar, lang)];
            row.extend(
                band.percentiles.iter().map(|p| p.map_or_else(|| "—".to_string(), |v| display::quantity_shown(v, &rule.unit, plan.rates))),
            );
            rows.push(row);
        }
        let columns = Columns::new(rows.iter().map(Vec::as_slice), &[0, 1]);
        let _ = writeln!(out, "{}", columns.line(&rows[0]).trim_end());
        let _ = writeln!(out, "{}", columns.rule());
        for row in &rows[1..] {
            let _ = writeln!(out, "{}", columns.line(row).trim_end());
        }
    }
    if report.sampled {
        let sample = display::grouped(BAND_SAMPLE.into());
        let note = tr!("percentiles from a uniform sample of {sample} runs", "パーセンタイルは {sample} 回の無作為標本から");
        let _ = writeln!(out, "\n{}", note.get(lang));
    }
    if report.failed_draws > 0 {
        let failed = report.failed_draws;
        let note = tr!(
            "{failed} draws fell outside the exact decimal range: their years have no value in those runs",
            "{failed} 回の抽出が正確に扱える範囲を超え、その回のその年度は値なしとしました"
        );
        let _ = writeln!(out, "{}", note.get(lang));
    }
}
