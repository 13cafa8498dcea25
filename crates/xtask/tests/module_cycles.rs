//! No two modules of a crate import each other, directly or around a circle.
//!
//! Every `src` folder of the workspace is read as text: a module is a file
//! (`mod.rs`, `lib.rs` and `main.rs` name their folder's module), and it
//! imports every module that a `crate::…`, `super::…` or `self::…` path in it
//! lands in. A module using its own ancestor or descendant does not count, as
//! a parent declares its children and re-exports them. The strongly connected
//! sets of two or more modules that remain are the cycles; there must be none.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `src` folders of the workspace's crates.
fn source_folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for parent in ["crates", "web"] {
        for entry in std::fs::read_dir(root().join(parent)).expect("the folder exists").flatten() {
            if entry.path().join("src").is_dir() {
                folders.push(entry.path().join("src"));
            }
        }
    }
    folders.push(root().join("web/src"));
    folders.sort();
    folders
}

/// Every module of a crate (by path from the crate root) and its file.
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut found = BTreeMap::new();
    let mut folders = vec![src.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("below src").with_extension("");
            let mut module: Module = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if matches!(module.last().map(String::as_str), Some("lib" | "main" | "mod")) {
                module.pop();
            }
            if module.first().is_some_and(|first| first == "bin") {
                continue;
            }
            found.insert(module, path);
        }
    }
    found
}

/// The text without comments (so that paths in docs do not count).
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |end| &after[end..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else {
            let next = rest.chars().next().expect("not empty");
            out.push(next);
            rest = &rest[next.len_utf8()..];
        }
    }
    out
}

/// The paths a module's code names: `use` trees expanded, and inline `crate::a::b` paths.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(offset) = code[at..].find(['c', 's']) {
        let start = at + offset;
        at = start + 1;
        let boundary = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_' || bytes[start - 1] == b':');
        let head = ["crate::", "super::", "self::"].into_iter().find(|h| code[start..].starts_with(h));
        let (true, Some(_)) = (boundary, head) else { continue };
        let end = tree_end(&code[start..]);
        expand(&code[start..start + end], &mut Vec::new(), &mut found);
        at = start + end.max(1);
    }
    found
}

/// Where a path or use tree starting at the text's beginning ends.
fn tree_end(text: &str) -> usize {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return index,
            '}' => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => return index,
            _ => {}
        }
    }
    text.len()
}

/// The paths of a use tree like `a::{b, c::{d, e}}`, each with `prefix` before it.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        out.push(prefix.iter().cloned().chain(tree.split("::").filter(|p| !p.is_empty()).map(str::to_string)).collect());
        return;
    };
    let base: Vec<String> = tree[..open].split("::").filter(|p| !p.is_empty()).map(str::to_string).collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut depth, mut start) = (0usize, 0);
    let mut parts = Vec::new();
    for (index, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let length = prefix.len();
    prefix.extend(base);
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        expand(part, prefix, out);
    }
    prefix.truncate(length);
}

/// The module a path names from `module`: the longest known module it lands in.
fn resolve(module: &Module, path: &[String], known: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let mut full: Module = match path.first()?.as_str() {
        "crate" => Vec::new(),
        "self" => module.clone(),
        "super" => module.clone(),
        _ => return None,
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        full.pop();
        while rest.first().is_some_and(|p| p == "super") {
            full.pop();
            rest = &rest[1..];
        }
    }
    full.extend(rest.iter().cloned());
    (0..=full.len()).rev().map(|n| full[..n].to_vec()).find(|candidate| known.contains_key(candidate))
}

fn related(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The strongly connected sets of two or more modules (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Search<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'g Module, usize>,
        low: BTreeMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        on_stack: BTreeSet<&'g Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'g> Search<'g> {
        fn visit(&mut self, node: &'g Module) {
            let number = self.index.len();
            self.index.insert(node, number);
            self.low.insert(node, number);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in &self.graph[node] {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut set = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    set.push(member.clone());
                    if member == node {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    self.found.push(set);
                }
            }
        }
    }
    let mut search =
        Search { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), on_stack: BTreeSet::new(), found: Vec::new() };
    for node in graph.keys() {
        if !search.index.contains_key(node) {
            search.visit(node);
        }
    }
    search.found
}

fn graph_of(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let known = modules(src);
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = known.keys().map(|m| (m.clone(), BTreeSet::new())).collect();
    for (module, file) in &known {
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for path in paths(&code(&text)) {
            if let Some(target) = resolve(module, &path, &known) {
                if !related(module, &target) {
                    graph.get_mut(module).expect("every module is a node").insert(target);
                }
            }
        }
    }
    graph
}

#[test]
fn no_crate_has_an_import_cycle() {
    let mut report = String::new();
    let folders = source_folders();
    assert!(folders.len() >= 8, "found only {} crates", folders.len());
    for src in folders {
        for cycle in cycles(&graph_of(&src)) {
            let names: Vec<String> = cycle.iter().map(|m| if m.is_empty() { "(root)".into() } else { m.join("::") }).collect();
            report.push_str(&format!("\n{}: {}", src.display(), names.join(", ")));
        }
    }
    assert!(report.is_empty(), "modules that import each other:{report}");
}

#[test]
fn a_cycle_is_found() {
    let dir = std::env::temp_dir().join(format!("module-cycles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("b")).expect("a temporary folder");
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod b;\n").expect("written");
    std::fs::write(dir.join("a.rs"), "use crate::b::{x, inner::{y}};\n// use crate::c;\n").expect("written");
    std::fs::write(dir.join("b/mod.rs"), "mod inner;\npub fn x() { super::a::f() }\n").expect("written");
    std::fs::write(dir.join("b/inner.rs"), "use super::x; // its parent: not a cycle\n").expect("written");
    let found = cycles(&graph_of(&dir));
    std::fs::remove_dir_all(&dir).expect("removed");
    assert_eq!(found, vec![vec![vec!["a".to_string()], vec!["b".to_string()]]]);
}
