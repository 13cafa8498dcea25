//! Every field the published JSON Schemas name (`docs/schema/`, generated from
//! the types by `crates/xtask/tests/schemas.rs`) is documented in the
//! reference (en and ja): in its "JSON output" sections, the simulation's and
//! the roll-up's chapters, named in the prose or shown as a key of their JSON
//! examples.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema")
}

/// Every property name anywhere in a schema.
fn properties(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                names.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| properties(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| properties(v, names)),
        _ => {}
    }
}

/// Every field of every published schema (those of other crates too, such as `diff.json`).
#[test]
fn the_reference_documents_every_field() {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(folder()).expect("docs/schema") {
        let path = entry.expect("a schema file").path();
        let text = std::fs::read_to_string(&path).expect("a schema's text");
        properties(&serde_json::from_str(&text).expect("a schema is JSON"), &mut names);
    }
    for path in ["docs/reference.en.md", "docs/reference.ja.md"] {
        let reference = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)).expect("a reference");
        let start = reference.find("## 9.").expect("the reference has its JSON section");
        let section = &reference[start..reference[start..].find("## 10.").map_or(reference.len(), |end| start + end)];
        // And the chapters from §11 on: scenarios and simulations, tests, the roll-up.
        let later = reference.find("## 11.").map_or("", |at| &reference[at..]);
        // Named in the prose (`name`) or shown as a key of the section's JSON examples ("name":).
        let documented =
            |name: &str| [section, later].iter().any(|text| text.contains(&format!("`{name}`")) || text.contains(&format!("\"{name}\":")));
        let missing: Vec<&String> = names.iter().filter(|name| !documented(name)).collect();
        assert!(missing.is_empty(), "{path} does not document the fields {missing:?}");
    }
}
