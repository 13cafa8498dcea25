//! The JSON Schema of every machine document is published in `docs/schema/`,
//! generated from the types that write the documents, and every field it names
//! is documented in the reference's "JSON output" sections (en and ja): named in
//! the prose or shown as a key of their JSON examples. Other crates publish
//! theirs there too (`shihyo-compare`'s `diff.json`, by its own test); every
//! file of the folder is held to the reference here.
//!
//! After a change to a document, write the schemas again with
//! `SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-core --test schema`, and review the diff.

use serde_json::Value;
use shihyo_core::output::document::schemas;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema")
}

#[test]
fn the_published_schemas_are_the_generated_ones() {
    let write = std::env::var_os("SHIHYO_WRITE_SCHEMA").is_some();
    let mut stale = Vec::new();
    for (name, schema) in schemas() {
        let text = serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n";
        let path = folder().join(name);
        if write {
            std::fs::create_dir_all(folder()).expect("docs/schema can be made");
            let temporary = path.with_extension("json.tmp");
            std::fs::write(&temporary, &text).expect("the schema is written");
            std::fs::rename(&temporary, &path).expect("the schema is in place");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(stale.is_empty(), "docs/schema/{stale:?} differ from the types: SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-core --test schema");
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
        let simulation = reference.find("## 11.").map_or("", |at| &reference[at..]);
        // Named in the prose (`name`) or shown as a key of the section's JSON examples ("name":).
        let documented = |name: &str| {
            [section, simulation].iter().any(|text| text.contains(&format!("`{name}`")) || text.contains(&format!("\"{name}\":")))
        };
        let missing: Vec<&String> = names.iter().filter(|name| !documented(name)).collect();
        assert!(missing.is_empty(), "{path} does not document the fields {missing:?}");
    }
}
