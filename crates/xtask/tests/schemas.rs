//! `docs/schema/` publishes the JSON Schema of every document the command line
//! writes (`--format json` of `eval`, `explain`, `check`, `simulate`, `test`,
//! `diff`, `scenarios`, `simulations`, `rollup`) and of every request the
//! embedding packages take, each generated from the Rust type that writes or
//! reads it: this test holds the folder to them, file for file. shihyo-core's
//! schema test holds every field they name to the reference, and the npm
//! package's types are generated from them (`typescript.rs`).
//!
//! After a type changes: `SHIHYO_WRITE_SCHEMA=1 cargo test -p xtask --test
//! schemas`, then `SHIHYO_WRITE_TYPES=1 cargo test -p xtask --test typescript`,
//! and review the diffs.

use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema")
}

/// Every published schema, by file name, from the crate that owns its type.
fn every_schema() -> Vec<(&'static str, schemars::Schema)> {
    [shihyo_core::documents::schemas(), shihyo_compare::document::schemas(), shihyo_aggregate::schemas(), shihyo_api::plan::schemas()]
        .concat()
}

#[test]
fn the_published_schemas_are_the_generated_ones() {
    let write = std::env::var_os("SHIHYO_WRITE_SCHEMA").is_some();
    let schemas = every_schema();
    let mut stale = Vec::new();
    for (name, schema) in &schemas {
        let text = serde_json::to_string_pretty(schema).expect("a schema serializes") + "\n";
        let path = folder().join(name);
        if write {
            let temporary = path.with_extension("json.tmp");
            std::fs::write(&temporary, &text).expect("the schema is written");
            std::fs::rename(&temporary, &path).expect("the schema is in place");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(*name);
        }
    }
    assert!(stale.is_empty(), "docs/schema/{stale:?} differ from the types: SHIHYO_WRITE_SCHEMA=1 cargo test -p xtask --test schemas");
    let published: Vec<String> = std::fs::read_dir(folder())
        .expect("docs/schema")
        .map(|entry| entry.expect("a file").file_name().to_string_lossy().into_owned())
        .collect();
    let unknown: Vec<&String> = published.iter().filter(|file| !schemas.iter().any(|(name, _)| name == file)).collect();
    assert!(unknown.is_empty(), "docs/schema/{unknown:?}: no type generates these; remove them");
}
