//! The app's page: the session as a reducer (saved on every change), what is
//! derived from it (the loaded plan, the evaluation), and the panels laid out
//! around them: editor and data on the left; what-if, the evaluation, the
//! selected rule, Monte Carlo and the annual report on the right.

use crate::analysis::{evaluate, levers, moved, Evaluation, Loaded, DATA_FILE};
use crate::browser;
use crate::datagrid::DataPanel;
use crate::editor::Editor;
use crate::export;
use crate::report::ReportPanel;
use crate::results::ResultsTable;
use crate::session::Session;
use crate::shared::{words, Shared};
use crate::simulation::SimulationPanel;
use crate::whatif::WhatIf;
use rust_decimal::Decimal;
use shihyo_core::output::chart::chart_years;
use shihyo_core::syntax::Lang;
use shihyo_core::Project;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::str::FromStr;
use yew::prelude::*;

/// The evaluation's export formats.
#[derive(Clone, Copy)]
enum Export {
    Csv,
    Json,
    Excel,
}

/// A change to the session.
pub enum Change {
    Plan(String),
    Data(String),
    Remarks(String),
    Scenario(Option<String>),
    Amount(String, Decimal),
    ResetAmounts,
    AsOf(Option<i32>),
    Lang(Lang),
    Select(String),
    Replace(Session),
}

/// The session as the app's state: every change is saved at once, so that a
/// reload (or a closed tab) finds it; `saved` says whether the browser took it.
#[derive(Clone, PartialEq)]
pub struct State {
    pub session: Session,
    pub saved: bool,
}

impl Reducible for State {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut session = self.session.clone();
        match change {
            Change::Plan(text) => session.plan = text,
            Change::Data(text) => session.data = text,
            Change::Remarks(text) => session.remarks = text,
            Change::Scenario(name) => {
                session.scenario = name;
                session.amounts.clear();
            }
            Change::Amount(name, value) => {
                session.amounts.insert(name, value.normalize().to_string());
            }
            Change::ResetAmounts => session.amounts.clear(),
            Change::AsOf(year) => session.as_of = year,
            Change::Lang(lang) => session.lang = if lang == Lang::En { "en".into() } else { "ja".into() },
            Change::Select(name) => session.selected = Some(name),
            Change::Replace(replacement) => session = replacement,
        }
        let saved = browser::save(&session);
        Rc::new(State { session, saved })
    }
}

/// The session's slider amounts as exact decimals.
fn amounts(session: &Session) -> BTreeMap<String, Decimal> {
    session.amounts.iter().filter_map(|(name, value)| Some((name.clone(), Decimal::from_str(value).ok()?))).collect()
}

/// The evaluation of the session's plan, if it checks.
fn evaluation_of(loaded: &Loaded, session: &Session) -> Option<Evaluation> {
    let project = loaded.project.as_ref().ok()?;
    let scenario = session.scenario.as_deref().and_then(|name| project.plan.scenario(name));
    let scenario = scenario.map(|s| moved(s, &amounts(session), &project.plan));
    let started = browser::now();
    let evaluation = evaluate(project, scenario.as_ref(), session.as_of);
    browser::record_timing("evaluate", browser::now() - started);
    Some(evaluation)
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State { session: browser::restore(), saved: true });
    let session = &state.session;
    let lang = session.lang();
    let texts = (session.plan.clone(), session.data.clone(), session.remarks.clone());
    let loaded = Shared(use_memo(texts, |(plan, data, remarks)| Loaded::with_remarks(plan, data, remarks)));
    // Keyed by the loaded texts themselves (recomputed exactly when the plan or data change).
    let evaluation: Option<Shared<Evaluation>> = {
        let inputs = (loaded.clone(), session.scenario.clone(), session.amounts.clone(), session.as_of);
        let session = session.clone();
        (*use_memo(inputs, move |(loaded, ..)| evaluation_of(loaded, &session).map(Rc::new))).clone().map(Shared)
    };
    let marks = use_memo((loaded.clone(), lang), |(loaded, lang)| loaded.marks(*lang));
    let scenario_levers = use_memo((loaded.clone(), session.scenario.clone()), |(loaded, scenario)| {
        let project = loaded.project.as_ref().ok();
        match (project, scenario.as_deref().and_then(|name| project?.plan.scenario(name))) {
            (Some(project), Some(scenario)) => levers(project, scenario),
            _ => Vec::new(),
        }
    });
    // A slider's move is timed from its input event to the page showing the result.
    let slider_started = use_mut_ref(|| None::<f64>);
    let first_table = use_mut_ref(|| true);
    {
        let slider_started = slider_started.clone();
        let shown = evaluation.is_some();
        use_effect(move || {
            if let Some(started) = slider_started.borrow_mut().take() {
                browser::record_timing("slider", browser::now() - started);
            }
            if shown && std::mem::take(&mut *first_table.borrow_mut()) {
                browser::record_timing("table", browser::now());
            }
        });
    }
    let share_link = use_state(String::new);
    let export_error = use_state(|| None::<String>);

    let on_plan = send(&state, Change::Plan);
    let on_data = send(&state, Change::Data);
    let on_remarks = send(&state, Change::Remarks);
    let on_select = send(&state, Change::Select);
    let on_scenario = send(&state, Change::Scenario);
    let on_amount = {
        let state = state.clone();
        Callback::from(move |(name, value): (String, Decimal)| {
            *slider_started.borrow_mut() = Some(browser::now());
            state.dispatch(Change::Amount(name, value));
        })
    };
    let on_reset_amounts = send(&state, |()| Change::ResetAmounts);
    let on_as_of = send(&state, Change::AsOf);
    let on_lang = {
        let state = state.clone();
        let other = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
        Callback::from(move |_| state.dispatch(Change::Lang(other)))
    };
    let on_share = {
        let share_link = share_link.clone();
        let session = session.clone();
        Callback::from(move |_| share_link.set(browser::share_link(&session)))
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |_| {
            let question = words(lang, "Replace the plan and data with the Hadano example?", "計画とデータを秦野市の例に置き換えますか？");
            if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
                state.dispatch(Change::Replace(Session { lang: state.session.lang.clone(), ..Session::default() }));
            }
        })
    };
    let exports = match (&loaded.project, &evaluation) {
        (Ok(project), Some(evaluation)) => export_buttons(&loaded, project, evaluation, &session.plan, &export_error, lang),
        _ => html! {},
    };

    let project = loaded.project.as_ref().ok();
    html! {
        <div class="app" lang={if lang == Lang::Ja { "ja" } else { "en" }}>
            <header>
                <h1>{ "shihyo " }<span class="kanji">{ "指標" }</span></h1>
                <span class="plan-name">{ project.map(|p| p.plan.name.clone()).unwrap_or_default() }</span>
                <span class="spacer" />
                { exports }
                <button id="share" onclick={on_share}>{ words(lang, "Share link", "共有リンク") }</button>
                <button id="example" onclick={on_example}>{ words(lang, "Hadano example", "秦野市の例") }</button>
                <button id="lang" onclick={on_lang}>{ words(lang, "日本語", "English") }</button>
            </header>
            if !state.saved {
                <div class="unsaved" id="unsaved">{ words(lang,
                    "The browser refused to save this session (storage full or turned off): export the plan and data before closing the page.",
                    "ブラウザがこの作業内容を保存できませんでした（保存領域が満杯か無効）。ページを閉じる前に計画とデータを書き出してください。") }</div>
            }
            if let Some(message) = &*export_error {
                <div class="unsaved">{ format!("{} {message}", words(lang, "The export failed:", "書き出せませんでした:")) }</div>
            }
            if !share_link.is_empty() {
                <div class="share">
                    <label for="share-link">{ words(lang, "Link to this plan, data and scenario (nothing is sent: it is all in the link):", "この計画・データ・シナリオへのリンク（送信はされず、すべてリンクの中にあります）:") }</label>
                    <input id="share-link" readonly=true value={(*share_link).clone()} onfocus={Callback::from(|e: FocusEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() { input.select(); }
                    })} />
                </div>
            }
            <main>
                <section class="left">
                    <Editor text={session.plan.clone()} lang={lang} marks={marks.iter().filter(|m| m.in_plan).cloned().collect::<Vec<_>>()}
                        data={session.data.clone()} remarks={session.remarks.clone()} on_change={on_plan} />
                    <crate::editor::Problems marks={(*marks).clone()} lang={lang} />
                    <crate::plan_tests::TestsPanel plan={session.plan.clone()} lang={lang} />
                    <DataPanel data={session.data.clone()} remarks={session.remarks.clone()} loaded={loaded.clone()} lang={lang}
                        marks={marks.iter().filter(|m| m.file == DATA_FILE).cloned().collect::<Vec<_>>()} on_change={on_data} on_remarks={on_remarks} />
                </section>
                <section class="right">
                    if project.is_some() {
                        <WhatIf loaded={loaded.clone()} scenario={session.scenario.clone()} as_of={session.as_of} amounts={amounts(session)}
                            levers={(*scenario_levers).clone()} lang={lang} on_scenario={on_scenario} on_amount={on_amount} on_reset={on_reset_amounts} on_as_of={on_as_of} />
                        if let Some(evaluation) = evaluation {
                            <ResultsTable loaded={loaded.clone()} evaluation={evaluation.clone()} selected={session.selected.clone()} lang={lang} on_select={on_select} />
                            <SimulationPanel loaded={loaded.clone()} evaluation={evaluation.clone()} session={session.clone()} lang={lang} />
                            <crate::comparison::ComparisonPanel loaded={loaded.clone()} lang={lang} />
                            <crate::revision::RevisionPanel plan={session.plan.clone()} data={session.data.clone()} lang={lang} />
                            if let Some(project) = project {
                                <ReportPanel session={session.clone()} plan_name={project.plan.name.clone()} as_of={evaluation.report.as_of}
                                    first_year={*chart_years(&project.plan).start()} years={project.plan.years} lang={lang} />
                            }
                        }
                    } else {
                        <p class="blocked">{ words(lang, "The plan has errors: fix them (listed on the left) to see the evaluation.", "計画にエラーがあります。左の一覧のエラーを直すと評価が表示されます。") }</p>
                    }
                </section>
            </main>
        </div>
    }
}

/// A callback that dispatches a change made of its value.
fn send<T: 'static>(state: &UseReducerHandle<State>, make: fn(T) -> Change) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |value: T| state.dispatch(make(value)))
}

/// The export buttons: the evaluation as CSV, JSON or Excel, and the plan as `.kpi`. A failed
/// Excel export (its module could not load) is told through `export_error`.
fn export_buttons(
    loaded: &Shared<Loaded>,
    project: &Project,
    evaluation: &Shared<Evaluation>,
    plan_text: &str,
    export_error: &UseStateHandle<Option<String>>,
    lang: Lang,
) -> Html {
    let file = |format: Export| {
        let (loaded, evaluation, export_error) = (loaded.clone(), evaluation.clone(), export_error.clone());
        Callback::from(move |_| {
            let Ok(project) = &loaded.project else { return };
            let evaluation = &*evaluation;
            let download = match format {
                Export::Csv => export::csv(project, evaluation, lang),
                Export::Json => export::json(&loaded, project, evaluation, lang),
                Export::Excel => {
                    let csv = export::csv_text(project, evaluation, lang);
                    let name = project.plan.name.clone();
                    let export_error = export_error.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match browser::xlsx_bytes(words(lang, "Evaluation", "評価"), &csv).await {
                            Ok(bytes) => drop(browser::download(&export::excel(name, bytes))),
                            Err(message) => export_error.set(Some(message)),
                        }
                    });
                    return;
                }
            };
            let _ = browser::download(&download);
        })
    };
    let plan_file = {
        let (name, text) = (project.plan.name.clone(), plan_text.to_string());
        Callback::from(move |_| drop(browser::download(&export::plan(&name, &text))))
    };
    html! {
        <span class="exports">
            <span class="label">{ words(lang, "Export", "書き出し") }</span>
            <button id="export-csv" onclick={file(Export::Csv)}>{ "CSV" }</button>
            <button id="export-json" onclick={file(Export::Json)}>{ "JSON" }</button>
            <button id="export-xlsx" onclick={file(Export::Excel)}>{ "Excel" }</button>
            <button id="export-plan" onclick={plan_file}>{ words(lang, "Plan (.kpi)", "計画 (.kpi)") }</button>
        </span>
    }
}
