//! `docs/schema/diff.json` is the schema of the comparison's document, generated
//! from its types (`SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-compare --test
//! schema` writes it again); shihyo-core's schema test holds its fields to the
//! reference.

use std::path::Path;

#[test]
fn the_published_diff_schema_is_the_generated_one() {
    let (name, schema) = shihyo_compare::document::schema();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema").join(name);
    let generated = serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n";
    if std::env::var_os("SHIHYO_WRITE_SCHEMA").is_some() {
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, &generated).expect("the schema is written");
        std::fs::rename(&temporary, &path).expect("the schema is in place");
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(published == generated, "{name} differs from the types: SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-compare --test schema");
}
