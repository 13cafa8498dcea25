//! `docs/schema/diff.json` and `scenarios.json` are the schemas of the comparisons' documents, generated
//! from its types (`SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-compare --test
//! schema` writes it again); shihyo-core's schema test holds its fields to the
//! reference.

use std::path::Path;

#[test]
fn the_published_schemas_are_the_generated_ones() {
    for (name, schema) in shihyo_compare::document::schemas() {
        published_is(name, &schema);
    }
}

fn published_is(name: &str, schema: &schemars::Schema) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema").join(name);
    let generated = serde_json::to_string_pretty(schema).expect("a schema serializes") + "\n";
    if std::env::var_os("SHIHYO_WRITE_SCHEMA").is_some() {
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, &generated).expect("the schema is written");
        std::fs::rename(&temporary, &path).expect("the schema is in place");
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(published == generated, "{name} differs from the types: SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-compare --test schema");
}
