//! The 報告書 panel: the annual progress report of the plan and data being
//! edited, made by the engine's report module (loaded the first time a report
//! is made, so the page itself stays small) exactly as `shihyo report` writes
//! it: previewed in the page, printed, and saved as HTML or Excel.

use crate::analysis::PLAN_FILE;
use crate::browser;
use crate::export::Download;
use crate::session::Session;
use crate::shared::words;
use shihyo_core::syntax::year::YearStyle;
use shihyo_core::syntax::{Lang, Year};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The files a report is saved as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Xlsx,
}

/// The request the npm package's `report` takes, for the session's texts: the year
/// evaluated, the year to compare with, the session's scenario, language and format.
pub fn request(session: &Session, as_of: Year, previous: Option<Year>, format: ReportFormat) -> String {
    serde_json::json!({
        "plan": session.plan,
        "planName": PLAN_FILE,
        "data": session.data_files(),
        "asOf": as_of.label(),
        "previous": previous.map(|year| year.label()),
        "scenario": session.scenario,
        "lang": session.lang,
        "format": if format == ReportFormat::Xlsx { "xlsx" } else { "html" },
    })
    .to_string()
}

/// A report's file to save, named after the plan and the year.
pub fn download(plan_name: &str, as_of: Year, format: ReportFormat, bytes: Vec<u8>) -> Download {
    let (extension, mime) = match format {
        ReportFormat::Html => ("html", "text/html;charset=utf-8"),
        ReportFormat::Xlsx => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    };
    Download { name: format!("{plan_name}-報告書-{}.{extension}", as_of.label()), mime, bytes }
}

/// What a failed report says: the message of its `Failure` JSON, or the text as it is.
fn failure_message(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let first = value["diagnostics"][0]["message"].as_str().or_else(|| value["error"].as_str());
    first.map_or_else(|| text.to_string(), str::to_string)
}

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub session: Session,
    pub plan_name: String,
    /// The year the evaluation shown is of.
    pub as_of: Year,
    /// The first year that may be compared with (the plan's baseline or first year).
    pub first_year: i32,
    /// How the plan writes its years.
    pub years: YearStyle,
    pub lang: Lang,
}

/// The report made, and for what: its request and the sliders' amounts.
#[derive(Clone, PartialEq)]
struct Made {
    made_for: String,
    html: Rc<String>,
}

#[component]
pub fn ReportPanel(props: &ReportProps) -> Html {
    let lang = props.lang;
    let default_previous = Some(props.as_of.number - 1).filter(|year| *year >= props.first_year);
    let previous = use_state(|| default_previous);
    let made = use_state(|| None::<Made>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // A year to compare with that is no longer before the year evaluated is none.
    let compared = previous.filter(|year| *year < props.as_of.number);
    let previous_year = compared.map(|number| Year { number, calendar: props.as_of.calendar });
    let html_request = request(&props.session, props.as_of, previous_year, ReportFormat::Html);
    // The report is of the plan's scenarios as written: a slider's move makes it stale too.
    let made_for = format!("{html_request}{:?}", props.session.amounts);
    let stale = made.as_ref().is_some_and(|m| m.made_for != made_for);

    let make = {
        let (made, error, busy, html_request, made_for) =
            (made.clone(), error.clone(), busy.clone(), html_request.clone(), made_for.clone());
        Callback::from(move |_| {
            let (made, error, busy, request, made_for) =
                (made.clone(), error.clone(), busy.clone(), html_request.clone(), made_for.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match browser::report(&request).await {
                    Ok(bytes) => {
                        made.set(Some(Made { made_for, html: Rc::new(String::from_utf8_lossy(&bytes).into_owned()) }));
                        error.set(None);
                    }
                    Err(text) => error.set(Some(failure_message(&text))),
                }
                busy.set(false);
            });
        })
    };
    let save = |format: ReportFormat| {
        let (made, error) = (made.clone(), error.clone());
        let (session, plan_name, as_of) = (props.session.clone(), props.plan_name.clone(), props.as_of);
        Callback::from(move |_| {
            let Some(made) = made.as_ref() else { return };
            if format == ReportFormat::Html {
                let _ = browser::download(&download(&plan_name, as_of, format, made.html.as_bytes().to_vec()));
                return;
            }
            let (request, plan_name, error) = (request(&session, as_of, previous_year, format), plan_name.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::report(&request).await {
                    Ok(bytes) => drop(browser::download(&download(&plan_name, as_of, format, bytes))),
                    Err(text) => error.set(Some(failure_message(&text))),
                }
            });
        })
    };
    let print = Callback::from(|_| {
        let frame = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("report-preview"));
        let window = frame.and_then(|f| f.dyn_into::<web_sys::HtmlIFrameElement>().ok()).and_then(|f| f.content_window());
        if let Some(window) = window {
            let _ = window.print();
        }
    });
    let on_previous = {
        let previous = previous.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else { return };
            previous.set(select.value().parse().ok());
        })
    };
    let year_shown = |number: i32| Year { number, calendar: props.as_of.calendar }.shown_in(props.years, lang);
    let choices = (props.first_year..props.as_of.number).rev().map(|year| {
        html! { <option value={year.to_string()} selected={compared == Some(year)}>{ year_shown(year) }</option> }
    });
    let as_of_shown = year_shown(props.as_of.number);
    html! {
        <div class="panel report-panel" id="report-panel">
            <div class="panel-head">
                <h2>{ words(lang, "Annual report", "報告書") }</h2>
                <span class="muted">{ match lang {
                    Lang::Ja => format!("進捗状況・評価結果（{as_of_shown}時点）"),
                    Lang::En => format!("progress and evaluation as of {as_of_shown}"),
                } }</span>
            </div>
            <div class="report-controls">
                <label>{ words(lang, "Compare with ", "比べる年度 ") }
                    <select id="report-previous" onchange={on_previous}>
                        <option value="" selected={compared.is_none()}>{ words(lang, "none", "比べない") }</option>
                        { for choices }
                    </select>
                </label>
                <button id="report-make" onclick={make} disabled={*busy}>{ if made.is_some() { words(lang, "Make again", "作り直す") } else { words(lang, "Make the report", "報告書を作る") } }</button>
                if made.is_some() {
                    <button id="report-html" onclick={save(ReportFormat::Html)} disabled={stale}>{ words(lang, "Save HTML", "HTML を保存") }</button>
                    <button id="report-xlsx" onclick={save(ReportFormat::Xlsx)} disabled={stale}>{ words(lang, "Save Excel", "Excel を保存") }</button>
                    <button id="report-print" onclick={print} disabled={stale}>{ words(lang, "Print", "印刷") }</button>
                }
                if *busy { <span class="muted">{ words(lang, "making…", "作成中…") }</span> }
            </div>
            if !props.session.amounts.is_empty() {
                <p class="muted">{ words(lang, "The report is of the plan's scenario as written: the sliders' moves are not in it.", "報告書は計画に書いたとおりのシナリオで作ります。スライダーで動かした値は含みません。") }</p>
            }
            if stale {
                <p class="muted" id="report-stale">{ words(lang, "The plan, the data or the year changed since this report was made: make it again.", "報告書を作った後に計画・データ・年度が変わりました。作り直してください。") }</p>
            }
            if let Some(message) = &*error {
                <p class="error" id="report-error">{ message }</p>
            }
            if let Some(made) = &*made {
                <iframe id="report-preview" class="report-preview" title={words(lang, "The report", "報告書")} srcdoc={(*made.html).clone()} />
            } else {
                <p class="muted">{ words(lang,
                    "The report an office publishes each year, from this evaluation: a summary, each area's table with every year, a chart per indicator, the missing actuals and the method. Print it on A4, or save it as HTML or Excel.",
                    "この評価から、毎年度公表する進捗状況・評価結果の報告書を作ります。概要、改革項目ごとの各年度の表、指標ごとのグラフ、未入力の実績、評価の方法。A4 で印刷するか、HTML・Excel で保存できます。") }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_is_the_npm_package_s_for_the_session() {
        let session = Session { scenario: Some("伸び悩み".into()), ..Session::default() };
        let as_of = Year { number: 2023, calendar: false };
        let text = request(&session, as_of, Some(Year { number: 2022, calendar: false }), ReportFormat::Xlsx);
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!((value["asOf"].as_str(), value["previous"].as_str()), (Some("R5"), Some("R4")));
        assert_eq!(
            (value["format"].as_str(), value["scenario"].as_str(), value["lang"].as_str()),
            (Some("xlsx"), Some("伸び悩み"), Some("ja"))
        );
        assert_eq!(value["data"][0]["text"].as_str(), Some(session.data.as_str()));
        assert_eq!(value["data"].as_array().map(Vec::len), Some(1), "no remarks, no remarks file");
        let none = request(&session, as_of, None, ReportFormat::Html);
        assert!(serde_json::from_str::<serde_json::Value>(&none).expect("JSON")["previous"].is_null());
        assert_eq!(download("計画", as_of, ReportFormat::Html, Vec::new()).name, "計画-報告書-R5.html");
    }

    #[test]
    fn a_failure_says_its_first_message() {
        assert_eq!(
            failure_message(r#"{"ok":false,"error":"previous: give a year before the one reported","diagnostics":[]}"#),
            "previous: give a year before the one reported"
        );
        assert_eq!(
            failure_message(r#"{"ok":false,"diagnostics":[{"message":"「plan」はここには書けません"}]}"#),
            "「plan」はここには書けません"
        );
        assert_eq!(failure_message("the module could not load"), "the module could not load");
    }
}
