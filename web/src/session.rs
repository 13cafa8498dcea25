//! What a user is working on: the plan's text, the actuals, the chosen
//! scenario and slider amounts, the evaluation year, the language and the
//! selected rule. It is saved to the browser's storage on every change and
//! restored on reload, and a share link carries it in the URL's fragment,
//! deflated and in URL-safe base64 (the fragment never reaches a server).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use shihyo_core::syntax::Lang;
use std::collections::BTreeMap;

/// The example the app opens with.
pub const HADANO_PLAN: &str = include_str!("../../examples/hadano/hadano.kpi");
pub const HADANO_DATA: &str = include_str!("../../examples/hadano/actuals.csv");

/// The key the session is saved under in `localStorage`.
pub const STORAGE_KEY: &str = "shihyo.session.v1";
/// The fragment prefix of a share link: `#s=…`.
pub const SHARE_PREFIX: &str = "#s=";
/// The largest session a link or the storage may inflate to (the core's source limit).
const MAX_SESSION_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub plan: String,
    /// The actuals as a wide CSV text (see `grid`).
    pub data: String,
    /// The departments' remarks on the actuals, as a long CSV of remarks alone (see `remarks`).
    pub remarks: String,
    /// The scenario or simulation evaluated, if any.
    pub scenario: Option<String>,
    /// Slider amounts by indicator name, exact decimals in base units.
    pub amounts: BTreeMap<String, String>,
    /// The evaluation year (western), if not the latest with data.
    pub as_of: Option<i32>,
    /// `ja` or `en`.
    pub lang: String,
    /// The rule whose explanation and chart are open.
    pub selected: Option<String>,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            plan: HADANO_PLAN.to_string(),
            data: HADANO_DATA.to_string(),
            remarks: String::new(),
            scenario: None,
            amounts: BTreeMap::new(),
            as_of: None,
            lang: "ja".to_string(),
            selected: Some("電子申請の年間利用件数".to_string()),
        }
    }
}

impl Session {
    /// The data files a request of the engine sends: the grid's actuals, and the remarks if any.
    pub fn data_files(&self) -> Vec<serde_json::Value> {
        let mut files = vec![serde_json::json!({ "name": crate::analysis::DATA_FILE, "text": self.data })];
        if !self.remarks.is_empty() {
            files.push(serde_json::json!({ "name": crate::remarks::REMARKS_FILE, "text": self.remarks }));
        }
        files
    }

    pub fn lang(&self) -> Lang {
        if self.lang == "en" {
            Lang::En
        } else {
            Lang::Ja
        }
    }

    /// As saved in the storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Session> {
        if text.len() > MAX_SESSION_BYTES {
            return None;
        }
        serde_json::from_str(text).ok()
    }

    /// The fragment of a share link (`#s=…`).
    pub fn to_fragment(&self) -> String {
        let deflated = miniz_oxide::deflate::compress_to_vec(self.to_json().as_bytes(), 9);
        format!("{SHARE_PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
    }

    /// The session of a share link's fragment, if it holds one.
    pub fn from_fragment(fragment: &str) -> Option<Session> {
        let encoded = fragment.strip_prefix(SHARE_PREFIX)?;
        let deflated = URL_SAFE_NO_PAD.decode(encoded.trim()).ok()?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_SESSION_BYTES).ok()?;
        Session::from_json(std::str::from_utf8(&json).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_link_carries_the_session_and_is_compressed() {
        let mut session = Session { scenario: Some("伸び悩み".into()), as_of: Some(2023), lang: "en".into(), ..Session::default() };
        session.amounts.insert("電子申請の年間利用件数".into(), "0.025".into());
        let fragment = session.to_fragment();
        assert!(fragment.len() < session.to_json().len() / 2, "{} vs {}", fragment.len(), session.to_json().len());
        assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"#=-_".contains(&b)));
        assert_eq!(Session::from_fragment(&fragment), Some(session));
    }

    #[test]
    fn damaged_links_and_storage_are_refused() {
        assert_eq!(Session::from_fragment("#s=not*base64"), None);
        assert_eq!(Session::from_fragment("#s=AAAA"), None);
        assert_eq!(Session::from_fragment("#other"), None);
        assert_eq!(Session::from_json("{\"plan\": 5}"), None);
        // A session saved by an older version, with fields missing, keeps the defaults for them.
        assert_eq!(Session::from_json("{\"plan\": \"x\"}").map(|s| (s.plan, s.lang)), Some(("x".into(), "ja".into())));
    }
}
