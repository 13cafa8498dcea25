//! The npm package's document and request types (`crates/shihyo-wasm/npm/documents.d.ts`)
//! are generated from the JSON Schemas in `docs/schema/`, which are generated from the
//! Rust types that write the documents and read the requests: so the TypeScript an
//! embedder compiles against is what the engine writes and reads. Each schema's `$defs` and root become
//! exported interfaces and type aliases, with their descriptions as doc comments.
//!
//! After a document changes (and `SHIHYO_WRITE_SCHEMA=1 cargo test -p xtask --test schemas` wrote its schema):
//! `SHIHYO_WRITE_TYPES=1 cargo test -p xtask --test typescript`, and review the diff.

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The schemas the package's answers and requests follow, and the name of each one's root type.
const DOCUMENTS: [(&str, &str); 9] = [
    ("evaluation.json", "Evaluation"),
    ("explanation.json", "Explanation"),
    ("check.json", "Check"),
    ("failure.json", "Failure"),
    ("simulation.json", "Simulation"),
    ("tests.json", "TestRun"),
    ("load-request.json", "LoadRequest"),
    ("evaluate-request.json", "EvaluateRequest"),
    ("simulate-request.json", "SimulateRequest"),
];

/// A TypeScript type for a schema.
fn type_of(schema: &Value) -> String {
    let Some(object) = schema.as_object() else { return "unknown".into() };
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().unwrap_or("unknown").to_string();
    }
    if let Some(constant) = object.get("const") {
        return constant.to_string();
    }
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        return values.iter().map(Value::to_string).collect::<Vec<_>>().join(" | ");
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = object.get(key).and_then(Value::as_array) {
            return options.iter().map(type_of).collect::<Vec<_>>().join(" | ");
        }
    }
    match object.get("type") {
        Some(Value::Array(types)) => types.iter().map(|t| simple(t.as_str().unwrap_or_default(), object)).collect::<Vec<_>>().join(" | "),
        Some(Value::String(name)) => simple(name, object),
        _ => "unknown".into(),
    }
}

/// A type by its schema name (`string`, `object`, …).
fn simple(name: &str, object: &Map<String, Value>) -> String {
    match name {
        "string" => "string".into(),
        "integer" | "number" => "number".into(),
        "boolean" => "boolean".into(),
        "null" => "null".into(),
        "array" => {
            let items = object.get("items").map(type_of).unwrap_or_else(|| "unknown".into());
            if items.contains(' ') {
                format!("({items})[]")
            } else {
                format!("{items}[]")
            }
        }
        "object" => inline_object(object, 0),
        _ => "unknown".into(),
    }
}

/// A doc comment at `indent` spaces, if there is a description.
fn doc(object: &Map<String, Value>, indent: usize) -> String {
    match object.get("description").and_then(Value::as_str) {
        Some(text) => format!("{:indent$}/** {} */\n", "", text.replace("*/", "* /")),
        None => String::new(),
    }
}

/// An object type written out: its properties (optional unless required), or a record.
fn inline_object(object: &Map<String, Value>, indent: usize) -> String {
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return match object.get("additionalProperties") {
            Some(Value::Object(_)) => format!("Record<string, {}>", type_of(&object["additionalProperties"])),
            _ => "Record<string, unknown>".into(),
        };
    };
    let required: Vec<&str> = object.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let mut out = String::from("{\n");
    for (name, property) in properties {
        let optional = if required.contains(&name.as_str()) { "" } else { "?" };
        if let Some(property) = property.as_object() {
            out.push_str(&doc(property, indent + 2));
        }
        let _ = writeln!(out, "{:width$}{name}{optional}: {};", "", type_of(property), width = indent + 2);
    }
    let _ = write!(out, "{:indent$}}}", "");
    out
}

/// One named type: an interface for an object with properties, else a type alias.
fn declaration(name: &str, schema: &Value) -> String {
    let object = schema.as_object().cloned().unwrap_or_default();
    let comment = doc(&object, 0);
    let is_interface = object.get("type").and_then(Value::as_str) == Some("object") && object.contains_key("properties");
    if is_interface {
        format!("{comment}export interface {name} {}\n", inline_object(&object, 0))
    } else {
        format!("{comment}export type {name} = {};\n", type_of(schema))
    }
}

fn generated() -> String {
    let mut types = BTreeMap::new();
    for (file, root_name) in DOCUMENTS {
        let path = root().join("docs/schema").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: Value = serde_json::from_str(&text).expect("a schema");
        for (name, definition) in schema.get("$defs").and_then(Value::as_object).into_iter().flatten() {
            let written = declaration(name, definition);
            if let Some(before) = types.insert(name.clone(), written.clone()) {
                assert_eq!(before, written, "`{name}` differs between the schemas");
            }
        }
        let mut root_schema = schema.clone();
        if let Some(object) = root_schema.as_object_mut() {
            for key in ["$schema", "$defs", "title"] {
                object.remove(key);
            }
        }
        types.insert(root_name.to_string(), declaration(root_name, &root_schema));
    }
    let mut out = String::from(
        "// Generated from docs/schema/*.json by crates/xtask/tests/typescript.rs: do not edit.\n\
         // The documents the package answers with and the requests it is given, as the Rust types\n\
         // that write and read them say.\n",
    );
    for declaration in types.values() {
        out.push('\n');
        out.push_str(declaration);
    }
    out
}

#[test]
fn the_package_s_document_types_are_generated_from_the_schemas() {
    let path = root().join("crates/shihyo-wasm/npm/documents.d.ts");
    let text = generated();
    if std::env::var_os("SHIHYO_WRITE_TYPES").is_some() {
        let temporary = path.with_extension("ts.tmp");
        std::fs::write(&temporary, &text).expect("written");
        std::fs::rename(&temporary, &path).expect("in place");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "{} is not generated from docs/schema: SHIHYO_WRITE_TYPES=1 cargo test -p xtask --test typescript",
        path.display()
    );
}
