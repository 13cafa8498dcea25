//! The what-if loop measured through each embedding, on the Hadano plan: set
//! the actual of one indicator (two values in turn), then judge every rule.
//! In Rust on the compiled evaluator (the floor the others are held to), in
//! Rust through `shihyo-api`'s loaded plan (what the packages wrap), and in
//! Node and Python through their packages, each timed by a script of its own
//! (`embedded/what_if.mjs`, `embedded/what_if.py`) that criterion drives
//! through [`Runtime`]: it sends a number of iterations, the script runs them
//! and answers the nanoseconds they took.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

/// The indicator the what-if sets.
pub const RULE: &str = "電子申請の年間利用件数";
/// The year set and evaluated, as a western fiscal year and as the plan writes it.
pub const YEAR: (i32, &str) = (2023, "R5");
/// The two values set in turn: behind, then on track, so its status changes each time.
pub const VALUES: [u32; 2] = [16_000, 19_000];

/// A script timing the what-if loop in another runtime, started once and asked
/// for as many timings as criterion needs.
pub struct Runtime {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Runtime {
    /// Starts `program` with `arguments` (the script and what it loads), or says
    /// why it could not (the package not built: `cargo xtask npm`, `cargo xtask python`).
    pub fn start(program: &Path, arguments: &[PathBuf]) -> Result<Runtime, String> {
        let mut child = Command::new(program)
            .args(arguments)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| format!("{}: {error}", program.display()))?;
        let input = child.stdin.take().ok_or("no stdin")?;
        let output = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut runtime = Runtime { child, input, output };
        // The script answers a first timing once loaded and warmed up.
        runtime.time(1).map_err(|error| format!("{}: {error}", program.display()))?;
        Ok(runtime)
    }

    /// The time `iterations` what-ifs took in the script.
    pub fn time(&mut self, iterations: u64) -> Result<Duration, String> {
        writeln!(self.input, "{iterations}").map_err(|e| e.to_string())?;
        self.input.flush().map_err(|e| e.to_string())?;
        let mut line = String::new();
        self.output.read_line(&mut line).map_err(|e| e.to_string())?;
        let nanoseconds: u64 = line.trim().parse().map_err(|_| format!("the script answered `{}`", line.trim()))?;
        Ok(Duration::from_nanos(nanoseconds))
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the scripts are told after what they load: the indicator, the year, the values.
fn what_if_arguments() -> Vec<PathBuf> {
    [RULE.to_string(), YEAR.1.to_string()].into_iter().chain(VALUES.map(|value| value.to_string())).map(PathBuf::from).collect()
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Node with the npm package `cargo xtask npm` assembles (`SHIHYO_NPM`, default
/// `target/npm/shihyo`).
pub fn node() -> Result<Runtime, String> {
    let package = std::env::var_os("SHIHYO_NPM").map_or_else(|| root().join("target/npm/shihyo"), PathBuf::from);
    if !package.join("node.mjs").exists() {
        return Err(format!("{}: no npm package; build it with `cargo xtask npm`", package.display()));
    }
    let script = [root().join("crates/benches/embedded/what_if.mjs"), package, root().join("examples/hadano")];
    Runtime::start(Path::new("node"), &[&script[..], &what_if_arguments()].concat())
}

/// The Python of `cargo xtask python`'s environment, where the wheel is installed
/// (`SHIHYO_PYTHON`, default `target/venv/bin/python`).
pub fn python() -> Result<Runtime, String> {
    let python = std::env::var_os("SHIHYO_PYTHON").map_or_else(|| root().join("target/venv/bin/python"), PathBuf::from);
    if !python.exists() {
        return Err(format!("{}: no Python environment; make it with `cargo xtask python`", python.display()));
    }
    let script = [root().join("crates/benches/embedded/what_if.py"), root().join("examples/hadano")];
    Runtime::start(&python, &[&script[..], &what_if_arguments()].concat())
}
