//! The files the server knows: the documents the editor has open (their text
//! as typed), each plan's data files (open ones as typed, the others read from
//! disk as the CLI reads them), and each open plan's analysis, made again on
//! every change of the plan or of one of its data files.
//!
//! Where a plan's data files are: the client's `data` setting (paths relative
//! to the plan's folder, or absolute) if it gives one; else, by convention, the
//! files of the plan's folder named `actuals` or as the plan (`hadano.kpi`:
//! `hadano.csv`), or starting with one of those and `.`, `-` or `_`
//! (`actuals-2024.csv`), in any case, with the extension `.csv`, `.tsv` or
//! `.json`. A closed data file is read from disk once, and again when the editor
//! says it was saved or changed. Documents are known by their file's path, its
//! `..` resolved, so an editor's address and the server's name one file once.

use lsp_types::Url;
use shihyo_files::{decode, read_bytes, Decoding, Encoding};
use shihyo_ide::{Analysis, DataText, FileId, Localized};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The extensions of data files found by convention.
const DATA_EXTENSIONS: [&str; 3] = ["csv", "tsv", "json"];

/// A plan's analysis, with the document each of its files is, and the data files
/// it names that could not be read.
pub struct Analyzed {
    pub analysis: Analysis,
    pub files: Vec<(FileId, Url)>,
    pub unreadable: Vec<Localized>,
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
    /// What closed data files hold on disk, as last read (decoded, or why they cannot
    /// be read): read once, not on every keystroke, until the editor says a file was
    /// saved or changed on disk.
    disk: HashMap<Url, Result<(String, Decoding), Localized>>,
}

impl Workspace {
    pub fn set_text(&mut self, url: Url, text: String) {
        self.open.insert(url, text);
    }

    pub fn close(&mut self, url: &Url) {
        self.open.remove(url);
        self.plans.remove(url);
        // Closed, perhaps after being saved: read from disk again when next needed.
        self.disk.remove(url);
    }

    /// Files were saved or changed on disk: each is read again when next needed.
    pub fn forget_disk(&mut self) {
        self.disk.clear();
    }

    /// Whether a document is a plan: a `.kpi` file that no open plan reads as its data.
    pub fn is_plan(&self, url: &Url) -> bool {
        url.path().to_ascii_lowercase().ends_with(".kpi") && self.plans_reading(url).is_empty()
    }

    /// The open plans that read a data file (by its document), in a stable order.
    pub fn plans_reading(&self, data: &Url) -> Vec<Url> {
        let mut plans: Vec<Url> = self
            .plans
            .iter()
            .filter(|(plan, analyzed)| *plan != data && analyzed.file(data).is_some())
            .map(|(url, _)| url.clone())
            .collect();
        plans.sort();
        plans
    }

    /// Every open plan.
    pub fn open_plans(&self) -> Vec<Url> {
        let mut plans: Vec<Url> = self.open.keys().filter(|url| self.is_plan(url)).cloned().collect();
        plans.sort();
        plans
    }

    /// Analyses an open plan again with its data files as they are now.
    pub fn analyze(&mut self, plan: &Url) {
        if !self.open.contains_key(plan) {
            return;
        }
        let urls = self.data_files(plan);
        for url in urls.iter().filter(|url| !self.open.contains_key(*url)) {
            if !self.disk.contains_key(url) {
                let read = match url.to_file_path() {
                    Ok(path) => read_bytes(&path).map(|bytes| decode(bytes, Encoding::Utf8OrShiftJis)).map_err(|error| error.0),
                    Err(()) => continue,
                };
                self.disk.insert(url.clone(), read);
            }
        }
        // Each data file as typed, else as on disk, with how the disk's bytes were decoded.
        let mut unreadable = Vec::new();
        let mut read: Vec<(&Url, String, &str, Option<Decoding>)> = Vec::new();
        for url in &urls {
            match (self.open.get(url), self.disk.get(url)) {
                (Some(text), _) => read.push((url, display_name(url), text, None)),
                (None, Some(Ok((text, decoding)))) => read.push((url, display_name(url), text, Some(*decoding))),
                (None, Some(Err(reason))) => unreadable.push(reason.clone()),
                (None, None) => {}
            }
        }
        let data: Vec<DataText> = read.iter().map(|(_, name, text, _)| DataText { name, text }).collect();
        let mut analysis = Analysis::new(&display_name(plan), &self.open[plan], &data);
        let ids = analysis.data_files().to_vec();
        let notes: Vec<_> = ids.iter().zip(&read).filter_map(|(id, (.., decoding))| decoding.and_then(|d| d.diagnostic(*id))).collect();
        analysis.add_diagnostics(notes);
        let mut files = vec![(analysis.plan_file(), plan.clone())];
        files.extend(ids.into_iter().zip(read.into_iter().map(|(url, ..)| url.clone())));
        self.plans.insert(plan.clone(), Analyzed { analysis, files, unreadable });
    }

    /// The data files of a plan: from the setting, or by convention from its folder.
    fn data_files(&self, plan: &Url) -> Vec<Url> {
        let Ok(path) = plan.to_file_path() else { return Vec::new() };
        let Some(folder) = path.parent() else { return Vec::new() };
        let paths: Vec<PathBuf> = match &self.data_setting {
            Some(listed) => listed.iter().map(|file| folder.join(file)).collect(),
            None => by_convention(folder, &path),
        };
        paths.iter().filter_map(|path| Url::from_file_path(normalized(path)).ok()).collect()
    }
}

/// The address a document is known by: for a file, its path with `.` and `..`
/// resolved, written as the `url` crate writes it (the drive letter as on disk).
pub fn canonical(url: Url) -> Url {
    match url.to_file_path() {
        Ok(path) => Url::from_file_path(normalized(&path)).unwrap_or(url),
        Err(()) => url,
    }
}

/// A path with `.` and `..` resolved by its text (links are not followed).
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
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

/// `actuals`, `Actuals.2024`, `actuals-2024`, `actuals_2024` are named after `actuals`.
fn named_after(stem: &str, base: &str) -> bool {
    let (stem, base) = (stem.to_lowercase(), base.to_lowercase());
    !base.is_empty() && stem.strip_prefix(&base).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-', '_']))
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
    use super::{canonical, display_name, named_after};
    use lsp_types::Url;

    #[test]
    fn names_data_files_after_the_plan_or_actuals() {
        assert!(named_after("actuals", "actuals"));
        assert!(named_after("Actuals-2024", "actuals"));
        assert!(named_after("hadano.r5", "hadano"));
        assert!(!named_after("actualsx", "actuals"));
        assert!(!named_after("x", ""));
    }

    #[test]
    fn knows_a_document_by_its_file() {
        let url = Url::parse("file:///tmp/%E7%A7%A6%E9%87%8E.kpi").unwrap();
        assert_eq!(display_name(&url), "秦野.kpi");
        let roundabout = Url::from_file_path("/w/plans/../data/./a.csv").unwrap();
        assert_eq!(canonical(roundabout).as_str(), "file:///w/data/a.csv");
    }
}
