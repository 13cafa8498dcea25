//! `cargo xtask …`: the tasks that need more than cargo.
//!
//! - `cargo xtask setup` installs what the WebAssembly build needs, only from
//!   the registries and each only when missing: the `wasm32-unknown-unknown`
//!   target, `wasm-bindgen-cli` at exactly the version the crates pin, and
//!   `wasm-pack` (which then finds that `wasm-bindgen` and downloads nothing).
//! - `cargo xtask wasm` builds the npm package with `wasm-pack`:
//!   `crates/shihyo-wasm/pkg` (`--target web`) and `pkg-node` (`--target nodejs`).
//! - `cargo xtask test` runs everything: setup, `cargo test --workspace`, the
//!   exact arithmetic against Python's `decimal` (`tests/decimal`), the package
//!   build, and the package's Node tests (which compare its answers with the
//!   native CLI's, byte for byte).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The wasm-bindgen version the crates pin (`wasm-bindgen = "=…"`).
const WASM_BINDGEN: &str = "0.2.130";
const WASM_PACK: &str = "0.15.1";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => setup(),
        "wasm" => setup().and_then(|()| wasm()),
        "test" => setup().and_then(|()| test()),
        _ => Err("usage: cargo xtask setup | wasm | test".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs a command in the repository's root; fails with what was run.
fn run(program: &str, args: &[&str], env: &[(&str, &Path)]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command.status().map_err(|error| format!("cannot run {program}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The first line a tool prints for `--version`, if it runs.
fn version(program: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or("").to_string())
}

fn setup() -> Result<(), String> {
    let targets = Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("rustup: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout).lines().any(|t| t == "wasm32-unknown-unknown") {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    }
    if !version("wasm-bindgen").is_some_and(|v| v.ends_with(WASM_BINDGEN)) {
        // Not `--locked`: its lock file pins a crate version the registry mirror lacks.
        run("cargo", &["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN], &[])?;
    }
    if !version("wasm-pack").is_some_and(|v| v.contains(WASM_PACK)) {
        run("cargo", &["install", "wasm-pack", "--version", WASM_PACK], &[])?;
    }
    Ok(())
}

fn wasm() -> Result<(), String> {
    for (target, folder) in [("web", "pkg"), ("nodejs", "pkg-node")] {
        run("wasm-pack", &["build", "crates/shihyo-wasm", "--release", "--target", target, "--out-dir", folder], &[])?;
    }
    Ok(())
}

fn test() -> Result<(), String> {
    run("cargo", &["test", "--workspace", "--locked"], &[])?;
    run("cargo", &["build", "--locked", "-p", "shihyo-cli"], &[])?;
    wasm()?;
    let root = root();
    let package = root.join("crates/shihyo-wasm/pkg-node");
    let cli = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from).join("debug/shihyo");
    let cli_text = cli.to_string_lossy();
    run("python3", &["tests/decimal/differential.py", &cli_text, "--count", "3000"], &[])?;
    run("node", &["--test", "crates/shihyo-wasm/tests/node/"], &[("SHIHYO_PKG", &package), ("SHIHYO_CLI", &cli)])
}
