//! The Monte Carlo panel: choose the simulation, runs and seed, run it in the
//! worker with a progress bar and a cancel button, and read the chance of each
//! rule reaching its target; the selected rule's detail shows the fan. Run
//! another simulation after one, and their chances stand side by side, with a
//! summary (`shihyo_compare::chances`).

use crate::analysis::{Evaluation, Loaded};
use crate::montecarlo::{read_outcome, Outcome, Request, Runner, WorkerEvent};
use crate::results::Detail;
use crate::session::Session;
use crate::shared::{words, Shared};
use rust_decimal::Decimal;
use shihyo_compare::chances::{self, Chances};
use shihyo_core::output::display;
use shihyo_core::syntax::Lang;
use std::rc::Rc;
use std::str::FromStr;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SimulationProps {
    pub loaded: Shared<Loaded>,
    pub evaluation: Shared<Evaluation>,
    pub session: Session,
    pub lang: Lang,
}

/// Where the Monte Carlo run stands.
#[derive(Clone, Default, PartialEq)]
pub struct Run {
    pub progress: Option<(u64, u64)>,
    pub outcome: Option<Rc<Outcome>>,
    /// The last outcome of another simulation, and the plan and data it is of, shown side by side with this one.
    pub previous: Option<(Rc<Outcome>, (String, String))>,
    /// While a run goes on: the outcome it replaces (it becomes `previous` if of another simulation).
    pub before: Option<(Rc<Outcome>, (String, String))>,
    /// The plan and data the outcome is of (it is marked when they changed since).
    pub inputs: Option<(String, String)>,
    pub milliseconds: Option<f64>,
    pub error: Option<String>,
}

pub enum RunChange {
    Started((String, String)),
    Worker(WorkerEvent),
    Cancelled,
}

impl Reducible for Run {
    type Action = RunChange;

    fn reduce(self: Rc<Self>, change: RunChange) -> Rc<Self> {
        let mut run = (*self).clone();
        match change {
            RunChange::Started(inputs) => {
                let finished = run.outcome.clone().zip(run.inputs.clone());
                let (previous, before) = (run.previous.clone(), finished.or(run.before.clone()));
                run = Run { progress: Some((0, 0)), inputs: Some(inputs), previous, before, ..Run::default() };
            }
            RunChange::Worker(WorkerEvent::Progress { done, runs }) => run.progress = Some((done, runs)),
            RunChange::Worker(WorkerEvent::Finished { json, milliseconds }) => {
                run.progress = None;
                match read_outcome(&json) {
                    Ok(outcome) => {
                        crate::browser::record_timing("montecarlo", milliseconds);
                        if let Some(before) = run.before.take().filter(|(before, _)| before.simulation != outcome.simulation) {
                            run.previous = Some(before);
                        }
                        run.outcome = Some(Rc::new(outcome));
                        run.milliseconds = Some(milliseconds);
                    }
                    Err(error) => run.error = Some(error),
                }
            }
            RunChange::Worker(WorkerEvent::Failed(message)) => {
                run.progress = None;
                run.error = Some(message);
            }
            RunChange::Cancelled => run.progress = None,
        }
        Rc::new(run)
    }
}

/// How long after the panel appears its worker starts.
const WORKER_DELAY: std::time::Duration = std::time::Duration::from_millis(1500);

#[component]
pub fn SimulationPanel(props: &SimulationProps) -> Html {
    let lang = props.lang;
    let run = use_reducer(Run::default);
    let runner = use_mut_ref(|| None::<Runner>);
    let chosen = use_state(|| None::<String>);
    let runs = use_state(|| None::<u64>);
    let seed = use_state(|| None::<u64>);
    // The package's worker, started a moment after the panel (once the page is shown, so
    // that it does not slow the first load) and warm by the time Run is pressed.
    use_effect_with((), move |()| {
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(WORKER_DELAY).await;
            crate::montecarlo::prepare();
        });
    });
    let Ok(project) = &props.loaded.project else { return html! {} };
    let simulations: Vec<_> = project.plan.simulations().collect();
    // The simulation chosen here, else the scenario picked if it is one, else the plan's first.
    let simulation = (*chosen)
        .as_deref()
        .and_then(|name| project.plan.scenario(name))
        .or_else(|| props.session.scenario.as_deref().and_then(|name| project.plan.scenario(name)).filter(|s| s.simulation.is_some()))
        .or_else(|| simulations.first().copied());
    let settings = simulation.and_then(|s| s.simulation);

    let on_run = {
        let (run, runner, session) = (run.clone(), runner.clone(), props.session.clone());
        let name = simulation.map(|s| s.name.clone());
        let (runs, seed) = (*runs, *seed);
        Callback::from(move |_| {
            run.dispatch(RunChange::Started((session.plan.clone(), session.data.clone())));
            let dispatcher = run.dispatcher();
            let started = Runner::start(&Request::new(&session, name.as_deref(), runs, seed), move |event| {
                dispatcher.dispatch(RunChange::Worker(event));
            });
            let started = started.ok();
            if started.is_none() {
                let message = words(lang, "the Monte Carlo worker could not be started", "モンテカルロのワーカーを起動できませんでした");
                run.dispatch(RunChange::Worker(WorkerEvent::Failed(message.to_string())));
            }
            // A run still going is cancelled as its runner is replaced.
            *runner.borrow_mut() = started;
        })
    };
    let on_cancel = {
        let (run, runner) = (run.clone(), runner.clone());
        Callback::from(move |_| {
            // Dropping the runner aborts the run and stops its worker; another warms up for the next.
            runner.borrow_mut().take();
            crate::montecarlo::prepare();
            run.dispatch(RunChange::Cancelled);
        })
    };
    if run.error.is_some() && run.progress.is_none() {
        // A failed worker is let go; the next run starts another.
        runner.borrow_mut().take();
    }
    let number_input = |state: &UseStateHandle<Option<u64>>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input = e.target_dyn_into::<web_sys::HtmlInputElement>();
            state.set(input.and_then(|i| i.value().trim().parse().ok()));
        })
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value())))
    };

    let outcome = run.outcome.as_ref();
    let current = |(plan, data): &(String, String)| *plan == props.session.plan && *data == props.session.data;
    let stale = outcome.is_some() && !run.inputs.as_ref().is_some_and(current);
    let selected = props.session.selected.clone().filter(|name| project.plan.find(name).is_some());
    let fan = match (outcome, &selected) {
        (Some(outcome), Some(name)) if !stale => outcome.fan(name),
        _ => Vec::new(),
    };
    let chance = match (outcome, &selected) {
        (Some(outcome), Some(name)) if !stale => outcome
            .rules
            .iter()
            .find(|r| &r.name == name && r.varies)
            .map(|r| format!("{} {}", words(lang, "chance of reaching the target:", "目標達成の確率:"), chance_of(r))),
        _ => None,
    };
    let progress = run.progress.map(|progress| progress_view(progress, on_cancel, lang));
    let results = outcome.map(|outcome| results_view(outcome, stale, run.milliseconds, lang));
    let compared = match (outcome, &run.previous) {
        (Some(outcome), Some((previous, inputs))) if previous.simulation != outcome.simulation && !stale => {
            Some(side_by_side(previous, outcome, !current(inputs), lang))
        }
        _ => None,
    };
    html! {
        <>
            <Detail loaded={props.loaded.clone()} evaluation={props.evaluation.clone()} selected={selected} lang={lang} fan={fan} chance={chance} />
            <div class="panel simulation">
                <div class="panel-head"><h2>{ words(lang, "Monte Carlo", "モンテカルロ・シミュレーション") }</h2></div>
                if simulations.is_empty() {
                    <p class="muted">{ words(lang, "The plan has no `simulation` to run.", "計画に simulation がありません。") }</p>
                } else {
                    <div class="controls">
                        <select id="mc-simulation" onchange={on_choose}>
                            { for simulations.iter().map(|s| html! { <option value={s.name.clone()} selected={simulation.is_some_and(|c| c.name == s.name)}>{ &s.name }</option> }) }
                        </select>
                        <label>{ words(lang, "runs", "回数") }
                            <input id="mc-runs" type="number" min="1" max={shihyo_core::model::scenario::MAX_RUNS.to_string()}
                                placeholder={settings.map(|s| s.runs.to_string())} onchange={number_input(&runs)} />
                        </label>
                        <label>{ words(lang, "seed", "シード") }
                            <input id="mc-seed" type="number" min="0" placeholder={settings.map(|s| s.seed.to_string())} onchange={number_input(&seed)} />
                        </label>
                        <button id="run-mc" onclick={on_run} disabled={run.progress.is_some()}>{ words(lang, "Run", "実行") }</button>
                    </div>
                    { progress }
                    if let Some(error) = &run.error { <p class="error" id="mc-error">{ error }</p> }
                    { results }
                    { compared }
                }
            </div>
        </>
    }
}

/// A rule's chance of reaching its target, ± its standard error.
fn chance_of(rule: &crate::montecarlo::RuleOutcome) -> String {
    let p = Decimal::from_str(&rule.probability).unwrap_or_default();
    let se = Decimal::from_str(&rule.standard_error).unwrap_or_default();
    format!("{} ± {}", display::ratio(p), display::ratio(se))
}

/// A simulation's chances as the comparison reads them: each rule a draw moves.
fn chances(outcome: &Outcome) -> Chances {
    let decimal = |text: &str| Decimal::from_str(text).unwrap_or_default();
    Chances {
        simulation: outcome.simulation.clone(),
        rules: outcome
            .rules
            .iter()
            .filter(|r| r.varies)
            .map(|r| (r.name.clone(), decimal(&r.probability), decimal(&r.standard_error)))
            .collect(),
    }
}

/// The previous simulation's chances beside this one's, with the summary (as `shihyo simulate
/// --simulation A --simulation B` writes them).
fn side_by_side(previous: &Outcome, outcome: &Outcome, previous_stale: bool, lang: Lang) -> Html {
    let (first, second) = (chances(previous), chances(outcome));
    let rows = chances::rows(&first, &second).into_iter().map(|row| {
        html! { <tr data-name={row[0].clone()}>{ for row.iter().enumerate().map(|(i, cell)| html! { <td class={(i > 0).then_some("num")}>{ cell }</td> }) }</tr> }
    });
    html! {
        <div id="mc-compared">
            <h3>{ match lang {
                Lang::En => format!("“{}” and “{}” side by side", first.simulation, second.simulation),
                Lang::Ja => format!("「{}」と「{}」の比較", first.simulation, second.simulation),
            } }</h3>
            if previous_stale {
                <p class="stale-note">{ match lang {
                    Lang::En => format!("“{}” was run on an earlier version of the plan or data: run it again to compare like with like.", first.simulation),
                    Lang::Ja => format!("「{}」は以前の計画・データで実行した結果です。同じ条件で比べるには再実行してください。", first.simulation),
                } }</p>
            }
            <ul class="summary">{ for chances::summary(&first, &second, lang).into_iter().map(|s| html! { <li>{ s }</li> }) }</ul>
            <table>
                <thead><tr>
                    <th>{ words(lang, "rule", "指標") }</th><th>{ &first.simulation }</th><th>{ &second.simulation }</th><th>{ words(lang, "difference", "差") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// A run in progress: its bar, count and Cancel button.
fn progress_view((done, total): (u64, u64), on_cancel: Callback<MouseEvent>, lang: Lang) -> Html {
    html! {
        <div class="progress">
            <progress id="mc-progress" max={total.max(1).to_string()} value={done.to_string()} />
            <span>{ format!("{done} / {total}") }</span>
            <button id="cancel-mc" onclick={on_cancel}>{ words(lang, "Cancel", "中止") }</button>
        </div>
    }
}

/// A finished run: what was run, and each varying rule's chance (marked stale once the texts changed).
fn results_view(outcome: &Outcome, stale: bool, milliseconds: Option<f64>, lang: Lang) -> Html {
    let rows = outcome.rules.iter().filter(|r| r.varies).map(|r| {
        html! { <tr data-name={r.name.clone()}><td>{ &r.name }</td><td class="num">{ chance_of(r) }</td></tr> }
    });
    html! {
        <div id="mc-results" class={classes!(stale.then_some("stale"))}>
            <p>
                { match lang {
                    Lang::En => format!("“{}”: {} runs, seed {}", outcome.simulation, outcome.runs, outcome.seed),
                    Lang::Ja => format!("「{}」: {} 回、シード {}", outcome.simulation, outcome.runs, outcome.seed),
                } }
                if let Some(ms) = milliseconds { { format!(" — {ms:.0} ms") } }
                if stale { <strong>{ words(lang, " (of an earlier version of the plan or data: run again)", "（以前の計画・データによる結果です。再実行してください）") }</strong> }
            </p>
            <table>
                <thead><tr><th>{ words(lang, "rule", "指標") }</th><th>{ words(lang, "chance of reaching the target", "目標達成の確率") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
