//! The 改訂の比較 panel: the plan being edited compared with an earlier
//! version of it — a `.kpi` file opened here, or the text kept with 「この版を
//! 基準にする」 before editing — on the grid's actuals, as `shihyo diff` compares
//! them (`shihyo_compare`): the rules added, removed, renamed and changed, the
//! plan's settings, and every status and grade the revision changes.

use crate::analysis::{DATA_FILE, PLAN_FILE};
use crate::browser;
use crate::shared::words;
use shihyo_compare::{render, revision, versions};
use shihyo_core::syntax::Lang;
use shihyo_core::Engine;
use yew::prelude::*;

/// The earlier version's name in the comparison.
const EARLIER_FILE: &str = "earlier.kpi";

#[derive(Properties, PartialEq)]
pub struct RevisionProps {
    /// The plan being edited and the grid's actuals.
    pub plan: String,
    pub data: String,
    pub lang: Lang,
}

/// The comparison's heading and sections, or the errors of either version, as text.
fn compared(earlier: &str, plan: &str, data: &str, lang: Lang) -> Result<(String, Vec<render::Section>), Vec<String>> {
    let mut engine = Engine::new();
    let old = engine.add_source(EARLIER_FILE, earlier);
    let new = engine.add_source(PLAN_FILE, plan);
    let data = engine.add_source(DATA_FILE, data);
    match versions::load(&engine, old, new, &[data]) {
        Ok(versions) => {
            let revision = revision::compare(&versions, None, lang);
            Ok(render::sections(&revision, (&versions.old.plan, &versions.new.plan), (EARLIER_FILE, PLAN_FILE), lang))
        }
        Err(errors) => Err(errors
            .iter()
            .map(|d| format!("{} {} {}", engine.source(d.file).place(d.span.start), d.code, d.message.get(lang)))
            .collect()),
    }
}

#[component]
pub fn RevisionPanel(props: &RevisionProps) -> Html {
    let lang = props.lang;
    let earlier = use_state(|| None::<String>);
    let open_error = use_state(|| None::<String>);
    let result = use_memo(((*earlier).clone(), props.plan.clone(), props.data.clone(), lang), |(earlier, plan, data, lang)| {
        earlier.as_ref().map(|earlier| compared(earlier, plan, data, *lang))
    });
    let on_open = {
        let (earlier, open_error) = (earlier.clone(), open_error.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::chosen_file(&event) else { return };
            let (earlier, open_error) = (earlier.clone(), open_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::read_file(&file, lang).await {
                    Ok(crate::grid::Content::Text(text)) => {
                        open_error.set(None);
                        earlier.set(Some(text));
                    }
                    Ok(crate::grid::Content::Rows(_)) => {
                        open_error.set(Some(format!("{}: {}", file.name(), words(lang, "not a plan", "計画ではありません"))))
                    }
                    Err(message) => open_error.set(Some(message)),
                }
            });
        })
    };
    let keep = {
        let (earlier, plan) = (earlier.clone(), props.plan.clone());
        Callback::from(move |_| earlier.set(Some(plan.clone())))
    };
    let body = match result.as_ref() {
        None => html! { <p class="hint">{ words(lang,
        "Open an earlier version of the plan (.kpi), or keep this one before editing, to see what the revision changes on these actuals.",
        "前の版の計画（.kpi）を開くか、編集の前にこの版を基準にすると、この実績で改訂が何を変えるかを示します。") }</p> },
        Some(Err(errors)) => html! { <ul class="errors">{ for errors.iter().map(|e| html! { <li>{ e }</li> }) }</ul> },
        Some(Ok((heading, sections))) => html! {
            <>
                <p class="heading">{ heading }</p>
                { for sections.iter().map(|section| html! {
                    <section>
                        <h3>{ &section.title }</h3>
                        if section.rows.is_empty() {
                            <p class="none">{ words(lang, "none", "なし") }</p>
                        } else {
                            <table>
                                <thead><tr>{ for section.headings.iter().map(|h| html! { <th>{ h }</th> }) }</tr></thead>
                                <tbody>{ for section.rows.iter().map(|row| html! { <tr>{ for row.iter().map(|c| html! { <td>{ c }</td> }) }</tr> }) }</tbody>
                            </table>
                        }
                    </section>
                }) }
            </>
        },
    };
    html! {
        <div id="revision" class="panel revision">
            <div class="panel-head">
                <h2>{ words(lang, "Revision compared", "改訂の比較") }</h2>
                <label class="file-button">
                    { words(lang, "Open earlier .kpi…", "前の版を開く…") }
                    <input id="open-earlier" type="file" accept=".kpi,.txt" onchange={on_open} />
                </label>
                <button id="keep-version" onclick={keep}>{ words(lang, "Keep this version", "この版を基準にする") }</button>
            </div>
            if let Some(message) = &*open_error { <p class="error">{ message }</p> }
            { body }
        </div>
    }
}
