//! `docs/schema/load-request.json`, `evaluate-request.json` and
//! `simulate-request.json` are the schemas of what a loaded plan is asked,
//! generated from the request types (`SHIHYO_WRITE_SCHEMA=1 cargo test -p
//! shihyo-api --test schema` writes them again); shihyo-core's schema test
//! holds their fields to the reference, and the npm package's types are
//! generated from them.

use std::path::Path;

#[test]
fn the_published_schemas_are_the_generated_ones() {
    for (name, schema) in shihyo_api::plan::schemas() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema").join(name);
        let generated = serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n";
        if std::env::var_os("SHIHYO_WRITE_SCHEMA").is_some() {
            let temporary = path.with_extension("json.tmp");
            std::fs::write(&temporary, &generated).expect("the schema is written");
            std::fs::rename(&temporary, &path).expect("the schema is in place");
        }
        let published = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(published == generated, "{name} differs from the types: SHIHYO_WRITE_SCHEMA=1 cargo test -p shihyo-api --test schema");
    }
}
