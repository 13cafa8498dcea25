//! The files the server knows: the documents the editor has open (their text
//! as typed), each plan's data files (open ones as typed, the others read from
//! disk), and each open plan's analysis, made again on every change of the plan
//! or of one of its data files.
//!
//! Where a plan's data files are: the client's `data` setting (paths relative
//! to the plan's folder, or absolute) if it gives one; else, by convention, the
//! files of the plan's folder named `actuals` or as the plan (`hadano.kpi`:
//! `hadano.csv`), or starting with one of those and `.`, `-` or `_`
//! (`actuals-2024.csv`), with the extension `.csv`, `.tsv` or `.json`.

use lsp_types::Url;
use shihyo_ide::{Analysis, DataText, FileId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The extensions of data files found by convention.
const DATA_EXTENSIONS: [&str; 3] = ["csv", "tsv", "json"];

/// A plan's analysis, with the document each of its files is.
pub struct Analyzed {
    pub analysis: Analysis,
    pub files: Vec<(FileId, Url)>,
}

impl Analyzed {
    pub fn url(&self, file: FileId) -> Option<&Url> {
        self.files.iter().find(|(id, _)| *id == file).map(|(_, url)| url)
    }

    pub fn file(&self, url: &Url) -> Option<FileId> {
        self.files.iter().find(|(_, known)| known == url).map(|(id, _)| *id)
    }
}

#[derive(Default)]
pub struct Workspace {
    /// The open documents' texts.
    open: HashMap<Url, String>,
    /// The `data` setting: the data files of every plan, relative to its folder.
    pub data_setting: Option<Vec<String>>,
    /// Each open plan's analysis.
    pub plans: HashMap<Url, Analyzed>,
}

impl Workspace {
    pub fn set_text(&mut self, url: Url, text: String) {
        self.open.insert(url, text);
    }

    pub fn close(&mut self, url: &Url) {
        self.open.remove(url);
        self.plans.remove(url);
    }

    /// Whether a document is a plan (`.kpi`) rather than a data file.
    pub fn is_plan(url: &Url) -> bool {
        url.path().to_ascii_lowercase().ends_with(".kpi")
    }

    /// The open plans that read a data file (by its document).
    pub fn plans_reading(&self, data: &Url) -> Vec<Url> {
        self.plans.iter().filter(|(_, analyzed)| analyzed.file(data).is_some()).map(|(url, _)| url.clone()).collect()
    }

    /// Every open plan.
    pub fn open_plans(&self) -> Vec<Url> {
        self.open.keys().filter(|url| Workspace::is_plan(url)).cloned().collect()
    }

    /// Analyses an open plan again with its data files as they are now.
    pub fn analyze(&mut self, plan: &Url) {
        let Some(text) = self.open.get(plan) else { return };
        let data_urls = self.data_files(plan);
        let texts: Vec<(Url, String, String)> = data_urls
            .into_iter()
            .filter_map(|url| {
                let name = display_name(&url);
                let text = match self.open.get(&url) {
                    Some(text) => text.clone(),
                    None => std::fs::read(url.to_file_path().ok()?).ok().map(|bytes| String::from_utf8_lossy(&bytes).into_owned())?,
                };
                Some((url, name, text))
            })
            .collect();
        let data: Vec<DataText> = texts.iter().map(|(_, name, text)| DataText { name, text }).collect();
        let analysis = Analysis::new(&display_name(plan), text, &data);
        let mut files = vec![(analysis.plan_file(), plan.clone())];
        files.extend(analysis.data_files().iter().copied().zip(texts.into_iter().map(|(url, _, _)| url)));
        self.plans.insert(plan.clone(), Analyzed { analysis, files });
    }

    /// The data files of a plan: from the setting, or by convention from its folder.
    fn data_files(&self, plan: &Url) -> Vec<Url> {
        let Ok(path) = plan.to_file_path() else { return Vec::new() };
        let Some(folder) = path.parent() else { return Vec::new() };
        let paths: Vec<PathBuf> = match &self.data_setting {
            Some(listed) => listed.iter().map(|file| folder.join(file)).collect(),
            None => by_convention(folder, &path),
        };
        paths.iter().filter_map(|path| Url::from_file_path(path).ok()).collect()
    }
}

/// The data files of the plan's folder named as the convention says, by name.
fn by_convention(folder: &Path, plan: &Path) -> Vec<PathBuf> {
    let stem = plan.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .filter(|path| {
            let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            let name_stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            extension.is_some_and(|e| DATA_EXTENSIONS.contains(&e.as_str()))
                && [stem, "actuals"].iter().any(|base| named_after(name_stem, base))
        })
        .collect();
    found.sort();
    found
}

/// `actuals`, `actuals.2024`, `actuals-2024`, `actuals_2024` are named after `actuals`.
fn named_after(stem: &str, base: &str) -> bool {
    !base.is_empty() && stem.strip_prefix(base).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-', '_']))
}

/// A document's name in diagnostics: its file name (the data format is read from its extension).
fn display_name(url: &Url) -> String {
    url.path_segments()
        .and_then(|mut segments| segments.next_back())
        .filter(|name| !name.is_empty())
        .map_or_else(|| url.to_string(), |name| percent_encoding::percent_decode_str(name).decode_utf8_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::{display_name, named_after};

    #[test]
    fn names_data_files_after_the_plan_or_actuals() {
        assert!(named_after("actuals", "actuals"));
        assert!(named_after("actuals-2024", "actuals"));
        assert!(named_after("hadano.r5", "hadano"));
        assert!(!named_after("actualsx", "actuals"));
        assert!(!named_after("x", ""));
    }

    #[test]
    fn shows_a_documents_file_name_decoded() {
        let url = lsp_types::Url::parse("file:///tmp/%E7%A7%A6%E9%87%8E.kpi").unwrap();
        assert_eq!(display_name(&url), "秦野.kpi");
    }
}
