//! `cargo xtask …`: the tasks that need more than cargo.
//!
//! - `cargo xtask setup` installs what the WebAssembly builds and the browser
//!   tests need, only from the registries (crates.io, npm, Debian) and each
//!   only when missing: the `wasm32-unknown-unknown` target, `wasm-bindgen-cli`
//!   at exactly the version the crates pin, `wasm-pack` (which then finds that
//!   `wasm-bindgen` and downloads nothing), the npm tools of `web/package.json`,
//!   and Chromium with its driver (with poppler and a Japanese font, to print
//!   the annual report and read its PDF). Each task below installs only what it needs.
//! - `cargo xtask wasm` builds the npm package with `wasm-pack`, the annual
//!   report included (feature `report`): `crates/shihyo-wasm/pkg` (`--target
//!   web`) and `pkg-node` (`--target nodejs`).
//! - `cargo xtask web` builds the browser app into `web/dist/`: the editor
//!   bundle (CodeMirror, with esbuild), the app's WebAssembly and the modules
//!   it loads on demand, office formats and the engine with the annual report
//!   (`--profile web`, `wasm-opt -Oz`), the npm package's browser part that
//!   its Monte Carlo runs on (`web/dist/shihyo`: the `Plan` class, its worker,
//!   the engine built `--release`, `wasm-opt -O3`), their bindings
//!   (`wasm-bindgen --target web`), and the page. binaryen's `wasm-opt` comes
//!   from npm (Debian's is too old). `cargo xtask serve [PORT]` builds the app
//!   and serves it on 127.0.0.1 (default port 8080).
//! - `cargo xtask npm` assembles the npm package `shihyo` from both builds and
//!   `crates/shihyo-wasm/npm` (the `Plan` class, its workers, the types) in
//!   `target/npm/shihyo`, and packs it (`target/npm/shihyo-0.1.0.tgz`).
//! - `cargo xtask python` builds and tests the Python package
//!   (`crates/shihyo-python`), as `cargo xtask test` does:
//!   a virtual environment in `target/venv` with the pinned tools of
//!   `requirements-test.txt` from PyPI, the wheel by `maturin build`, and
//!   its pytest suite.
//! - `cargo xtask vsix` packages the VS Code extension (`editors/vscode`) as
//!   `editors/vscode/shihyo.vsix` with `@vscode/vsce` from npm.
//! - `cargo xtask test` runs everything: `cargo test --workspace`, the engine's
//!   tests alone (with only its own dependency features), `cargo publish
//!   --dry-run` of every crate meant for crates.io, the exact
//!   arithmetic against Python's `decimal` (`tests/decimal`), the package
//!   build and its npm package (`cargo xtask npm`, with the TypeScript example
//!   compiled by `tsc --strict` against it), the Python wheel and its pytest
//!   suite, the package's Node tests (which compare its answers with the native
//!   CLI's, byte for byte), the VS Code extension's package, then the app's tests in headless Chromium
//!   (`wasm-bindgen-test`, `web/tests/browser.rs`) and its end-to-end tests
//!   (`web/tests/e2e`, playwright-core driving Debian's Chromium, the annual
//!   report's print test among them).
//! - `cargo xtask fuzz [SECONDS]` runs a short fuzzing campaign: each target of
//!   `fuzz/` for SECONDS (default 60), starting from and adding to its
//!   committed corpus. It installs `cargo-fuzz` if missing and runs libFuzzer
//!   on the stable toolchain (`RUSTC_BOOTSTRAP`, no sanitizer: the code has no
//!   `unsafe`); a crash stops it with the input saved under `fuzz/artifacts/`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod serve;

/// The wasm-bindgen version the crates pin (`wasm-bindgen = "=…"`).
const WASM_BINDGEN: &str = "0.2.130";
const WASM_PACK: &str = "0.15.1";
const CARGO_FUZZ: &str = "0.13.2";
/// The font Debian's `fonts-ipaexfont-gothic` installs, for printing Japanese.
const JAPANESE_FONT: &str = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";
/// The fuzz targets, in `fuzz/fuzz_targets/`.
const FUZZ_TARGETS: [&str; 4] = ["parse", "evaluate", "data", "import"];

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => setup(Needs::All),
        "wasm" => setup(Needs::Package).and_then(|()| wasm()),
        "npm" => setup(Needs::Package).and_then(|()| wasm()).and_then(|()| npm().map(|_| ())),
        "test" => setup(Needs::All).and_then(|()| test()),
        "web" => setup(Needs::App).and_then(|()| web()),
        "python" => python(&target_dir().join("debug/shihyo")),
        "vsix" => vsix(),
        "serve" => setup(Needs::App).and_then(|()| web()).and_then(|()| {
            let port = std::env::args().nth(2).unwrap_or_else(|| "8080".into());
            let port = port.parse().map_err(|_| format!("`{port}` is not a port number"))?;
            serve::serve(&root().join("web/dist"), port)
        }),
        "fuzz" => fuzz(std::env::args().nth(2).as_deref().unwrap_or("60")),
        _ => Err("usage: cargo xtask setup | wasm | npm | web | serve [PORT] | python | vsix | test | fuzz [SECONDS]".to_string()),
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

/// Where cargo builds (`CARGO_TARGET_DIR`, else `target/`).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// Runs a command in the repository's root; fails with what was run.
fn run(program: &str, args: &[&str], env: &[(&str, &OsStr)]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (key, value) in env {
        command.env(key, value);
    }
    let started = std::time::Instant::now();
    let status = command.status().map_err(|error| format!("cannot run {program}: {error}"))?;
    // Each step's time, so that a slow CI says where its minutes went.
    eprintln!("  ({:.0} s)", started.elapsed().as_secs_f64());
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

/// What each task needs, installed when missing (each step skipped when present).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// The app: the wasm target, wasm-bindgen-cli, and the npm tools (CodeMirror, esbuild, binaryen).
    App,
    /// The npm package: the wasm target, wasm-bindgen-cli and wasm-pack.
    Package,
    /// Everything, and Chromium with its driver for the browser tests.
    All,
}

fn setup(needs: Needs) -> Result<(), String> {
    let targets = Command::new("rustup").args(["target", "list", "--installed"]).output().map_err(|e| format!("rustup: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout).lines().any(|t| t == "wasm32-unknown-unknown") {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    }
    if !version("wasm-bindgen").is_some_and(|v| v.ends_with(WASM_BINDGEN)) {
        // Not `--locked`: its lock file pins a crate version the registry mirror lacks.
        run("cargo", &["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN], &[])?;
    }
    if needs != Needs::App && !version("wasm-pack").is_some_and(|v| v.contains(WASM_PACK)) {
        run("cargo", &["install", "wasm-pack", "--version", WASM_PACK], &[])?;
    }
    if needs != Needs::Package && !root().join("web/node_modules/.package-lock.json").is_file() {
        run("npm", &["ci", "--prefix", "web", "--no-audit", "--no-fund"], &[])?;
    }
    // The report's print test reads Chromium's PDF with poppler, and its pages need a Japanese font.
    let printing = Path::new("/usr/bin/pdfinfo").is_file() && Path::new(JAPANESE_FONT).is_file();
    if needs == Needs::All && (version("chromium").is_none() || version("chromedriver").is_none() || !printing) {
        // Debian's packages (run as root, as CI does; elsewhere install them yourself).
        run("apt-get", &["update", "-qq"], &[])?;
        let packages = ["install", "-y", "-qq", "chromium", "chromium-driver", "poppler-utils", "fonts-ipaexfont-gothic"];
        run("apt-get", &packages, &[("DEBIAN_FRONTEND", OsStr::new("noninteractive"))])?;
    }
    Ok(())
}

/// Builds the app into `web/dist/`.
fn web() -> Result<(), String> {
    let root = root();
    let dist = root.join("web/dist");
    // Made again from nothing, so that no file of an earlier layout stays.
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).map_err(|e| format!("web/dist: {e}"))?;
    run("npm", &["run", "--prefix", "web", "--silent", "bundle"], &[])?;
    let wasm32 = ["--locked", "--target", "wasm32-unknown-unknown"];
    run("cargo", &[&["build", "--profile", "web", "-p", "shihyo-web", "-p", "shihyo-web-office"][..], &wasm32].concat(), &[])?;
    // The engine with the annual report, which the app loads when a report is asked,
    // built for size (to its own folder, as `report`), then the engine the Monte Carlo
    // worker runs, without it, for speed.
    run("cargo", &[&["build", "--profile", "web", "-p", "shihyo-wasm", "--features", "report"][..], &wasm32].concat(), &[])?;
    let target = target_dir();
    let report = target.join("wasm32-unknown-unknown/report");
    std::fs::create_dir_all(&report).map_err(|e| format!("{}: {e}", report.display()))?;
    let built = target.join("wasm32-unknown-unknown/web/shihyo_wasm.wasm");
    std::fs::copy(&built, report.join("shihyo_report.wasm")).map_err(|e| format!("{}: {e}", built.display()))?;
    run("cargo", &[&["build", "--release", "-p", "shihyo-wasm"][..], &wasm32].concat(), &[])?;
    // The app and the office module it loads when a file is opened or an Excel file
    // exported, and the report's engine, built for size; the worker's engine, for speed.
    // The engine the Monte Carlo runs on is the npm package's, laid out as in the package
    // (`shihyo/web.mjs`, its worker, and its module in `shihyo/web/`).
    let modules = [
        ("shihyo_web", "web", "-Oz", "web/dist"),
        ("shihyo_web_office", "web", "-Oz", "web/dist"),
        ("shihyo_report", "report", "-Oz", "web/dist"),
        ("shihyo_wasm", "release", "-O3", "web/dist/shihyo/web"),
    ];
    for (module, folder, level, out) in modules {
        let wasm = target.join(format!("wasm32-unknown-unknown/{folder}/{module}.wasm"));
        run("wasm-bindgen", &["--target", "web", "--no-typescript", "--out-dir", out, &wasm.to_string_lossy()], &[])?;
        let bound = format!("{out}/{module}_bg.wasm");
        let features = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-reference-types"];
        run("web/node_modules/.bin/wasm-opt", &[&[level, bound.as_str(), "-o", bound.as_str()][..], &features].concat(), &[])?;
    }
    for file in ["index.html", "main.js", "style.css"] {
        std::fs::copy(root.join("web").join(file), dist.join(file)).map_err(|e| format!("web/{file}: {e}"))?;
    }
    for file in ["web.mjs", "web-worker.mjs", "plan.mjs"] {
        let from = root.join("crates/shihyo-wasm/npm").join(file);
        std::fs::copy(&from, dist.join("shihyo").join(file)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    Ok(())
}

/// Packages the VS Code extension (`editors/vscode`) as `editors/vscode/shihyo.vsix` with
/// `@vscode/vsce`, its client bundled with esbuild; its npm tools installed when missing.
fn vsix() -> Result<(), String> {
    let folder = root().join("editors/vscode");
    if !folder.join("node_modules/.package-lock.json").is_file() {
        run("npm", &["ci", "--prefix", "editors/vscode", "--no-audit", "--no-fund"], &[])?;
    }
    let vsix = folder.join("shihyo.vsix");
    let _ = std::fs::remove_file(&vsix);
    run("npm", &["run", "--prefix", "editors/vscode", "--silent", "package"], &[])?;
    if vsix.is_file() {
        Ok(())
    } else {
        Err(format!("{} was not written", vsix.display()))
    }
}

/// The Python package: a virtual environment with the pinned tools (target/venv, from
/// PyPI), the wheel built by maturin (target/wheels), installed, and its pytest suite run.
fn python(cli: &Path) -> Result<(), String> {
    let venv = target_dir().join("venv");
    let bin = |name: &str| venv.join("bin").join(name).to_string_lossy().to_string();
    if !venv.join("bin/python").is_file() {
        run("python3", &["-m", "venv", &venv.to_string_lossy()], &[])?;
    }
    let requirements = root().join("crates/shihyo-python/requirements-test.txt");
    run(&bin("pip"), &["install", "--quiet", "--requirement", &requirements.to_string_lossy()], &[])?;
    let wheels = target_dir().join("wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    run(
        &bin("maturin"),
        &["build", "--release", "--locked", "-m", "crates/shihyo-python/Cargo.toml", "--out", &wheels.to_string_lossy()],
        &[],
    )?;
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|e| format!("{}: {e}", wheels.display()))?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|x| x == "whl"))
        .ok_or("maturin wrote no wheel")?;
    run(&bin("pip"), &["install", "--quiet", "--force-reinstall", "--no-deps", &wheel.to_string_lossy()], &[])?;
    run(&bin("python"), &["-m", "pytest", "-q", "crates/shihyo-python/tests"], &[("SHIHYO_CLI", cli.as_os_str())])
}

/// The npm package `shihyo`: `crates/shihyo-wasm/npm` (the `Plan` class, its workers,
/// the types) with both builds of the module (`node/` from `pkg-node`, `web/` from `pkg`),
/// assembled in `target/npm/shihyo` and packed by `npm pack` into the tarball returned.
fn npm() -> Result<PathBuf, String> {
    let (source, out) = (root().join("crates/shihyo-wasm"), target_dir().join("npm"));
    let package = out.join("shihyo");
    let _ = std::fs::remove_dir_all(&package);
    let copy =
        |from: &Path, to: &Path| std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{} → {}: {e}", from.display(), to.display()));
    for (build, folder, kind) in [("pkg-node", "node", "commonjs"), ("pkg", "web", "module")] {
        let into = package.join(folder);
        std::fs::create_dir_all(&into).map_err(|e| format!("{}: {e}", into.display()))?;
        for file in ["shihyo_wasm.js", "shihyo_wasm_bg.wasm"] {
            copy(&source.join(build).join(file), &into.join(file))?;
        }
        // The package is ES modules; the Node build is CommonJS, and says so for its folder.
        let manifest = format!("{{ \"type\": \"{kind}\" }}\n");
        std::fs::write(into.join("package.json"), manifest).map_err(|e| format!("{folder}/package.json: {e}"))?;
    }
    for entry in std::fs::read_dir(source.join("npm")).map_err(|e| format!("crates/shihyo-wasm/npm: {e}"))?.flatten() {
        copy(&entry.path(), &package.join(entry.file_name()))?;
    }
    copy(&source.join("README.md"), &package.join("README.md"))?;
    let destination = out.to_string_lossy().to_string();
    run("npm", &["pack", "--silent", "--pack-destination", &destination, &package.to_string_lossy()], &[])?;
    let version = env!("CARGO_PKG_VERSION");
    Ok(out.join(format!("shihyo-{version}.tgz")))
}

fn wasm() -> Result<(), String> {
    for (target, folder) in [("web", "pkg"), ("nodejs", "pkg-node")] {
        let args =
            ["build", "crates/shihyo-wasm", "--release", "--target", target, "--out-dir", folder, "--", "--features", "report,compare"];
        run("wasm-pack", &args, &[])?;
    }
    Ok(())
}

fn test() -> Result<(), String> {
    run("cargo", &["test", "--workspace", "--locked"], &[])?;
    // The engine alone, with only the serde_json features it asks for itself (the
    // workspace's build unifies those the command and the app turn on).
    run("cargo", &["test", "--locked", "-p", "shihyo-core"], &[])?;
    // The engine as an embedder builds it, without the `pipeline` feature: its stages
    // private, every type it can reach named at the root, its docs linking only those.
    run("cargo", &["clippy", "--locked", "-p", "shihyo-core", "--lib", "--", "-D", "warnings"], &[])?;
    run("cargo", &["doc", "--locked", "-p", "shihyo-core", "--lib", "--no-deps"], &[("RUSTDOCFLAGS", OsStr::new("-D warnings"))])?;
    // Every crate meant for crates.io packages and builds from its package alone, in a
    // target folder of its own: clearing what earlier dry runs left there leaves the
    // workspace's builds as they are.
    let packaged = target_dir().join("packaged");
    forget_packaged_builds(&packaged)?;
    run("cargo", &["publish", "--workspace", "--dry-run", "--allow-dirty", "--locked"], &[("CARGO_TARGET_DIR", packaged.as_os_str())])?;
    // The command the steps below run: the one the command's own tests ran, which `cargo
    // test` built (a `cargo build` resolves features without the tests' and built much of the
    // workspace again).
    let cli = target_dir().join("debug/shihyo");
    if !cli.is_file() {
        return Err(format!("{}: `cargo test --workspace` did not build the command", cli.display()));
    }
    wasm()?;
    let tarball = npm()?;
    // The TypeScript example, compiled with tsc --strict against the packed package.
    run("npm", &["ci", "--prefix", "examples/typescript", "--no-audit", "--no-fund"], &[])?;
    run("npm", &["install", "--prefix", "examples/typescript", "--no-save", "--no-audit", "--no-fund", &tarball.to_string_lossy()], &[])?;
    run("npx", &["--prefix", "examples/typescript", "tsc", "-p", "examples/typescript"], &[])?;
    let root = root();
    let package = root.join("crates/shihyo-wasm/pkg-node");
    let cli_text = cli.to_string_lossy();
    run("python3", &["tests/decimal/differential.py", &cli_text, "--count", "3000"], &[])?;
    let packed = target_dir().join("npm/shihyo");
    let env = [("SHIHYO_PKG", package.as_os_str()), ("SHIHYO_CLI", cli.as_os_str()), ("SHIHYO_NPM", packed.as_os_str())];
    run("node", &["--test", "crates/shihyo-wasm/tests/node/"], &env)?;
    python(&cli)?;
    vsix()?;
    web()?;
    let driver = Command::new("sh").args(["-c", "command -v chromedriver"]).output().map_err(|e| format!("sh: {e}"))?;
    let driver = String::from_utf8_lossy(&driver.stdout).trim().to_string();
    let browser_tests = ["test", "--locked", "-p", "shihyo-web", "--target", "wasm32-unknown-unknown", "--test", "browser"];
    run("cargo", &browser_tests, &[("CHROMEDRIVER", OsStr::new(&driver))])?;
    run("node", &["--test", "web/tests/e2e/"], &[("SHIHYO_CLI", cli.as_os_str()), ("SHIHYO_NPM", packed.as_os_str())])
}

/// Removes what an earlier dry run left of shihyo's own packages.
///
/// `cargo publish --workspace --dry-run` builds each package against the others as
/// they come from a registry it lays out under the target folder. cargo unpacks each
/// into `$CARGO_HOME/registry/src/<that registry's hash>/<name>-<version>` and never
/// unpacks it again while that folder is there, and it takes a registry package whose
/// name and version it has built before as unchanged, whatever its sources now say.
/// Their version stays 0.1.0 from commit to commit and the hash follows the checkout's
/// path, so on a machine that keeps `$CARGO_HOME` and the target folder (as CI's does)
/// the dry run would build each package against an older commit's copy of the others.
/// Both go: the unpacked copies (in registries other than crates.io's, `index.…`) and,
/// by `cargo clean -p` in the dry run's own target folder `packaged`, every build there
/// of each package meant for crates.io.
fn forget_packaged_builds(packaged: &Path) -> Result<(), String> {
    let output = Command::new("cargo")
        .args(["metadata", "--no-deps", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .map_err(|error| format!("cannot run cargo metadata: {error}"))?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|error| format!("cannot read cargo metadata: {error}"))?;
    let packages = metadata["packages"].as_array().ok_or("cargo metadata lists no packages")?;
    // `publish` is null for a package that may go anywhere, a list of registries else.
    let published: Vec<&str> =
        packages.iter().filter(|package| package["publish"].is_null()).filter_map(|package| package["name"].as_str()).collect();
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::home_dir().map(|home| home.join(".cargo")));
    let registries = home.and_then(|home| std::fs::read_dir(home.join("registry/src")).ok());
    for registry in registries.into_iter().flatten().flatten().filter(|entry| !entry.file_name().to_string_lossy().starts_with("index.")) {
        let Ok(unpacked) = std::fs::read_dir(registry.path()) else { continue };
        for package in unpacked.flatten() {
            let folder = package.file_name().to_string_lossy().to_string();
            if published.iter().any(|name| folder.strip_prefix(name).is_some_and(|rest| rest.starts_with('-'))) {
                std::fs::remove_dir_all(package.path()).map_err(|error| format!("cannot remove {}: {error}", package.path().display()))?;
            }
        }
    }
    let packaged = packaged.to_string_lossy();
    let mut args = vec!["clean", "--target-dir", &packaged];
    for name in &published {
        args.extend(["-p", name]);
    }
    run("cargo", &args, &[])
}

fn fuzz(seconds: &str) -> Result<(), String> {
    let seconds: u32 = seconds.parse().map_err(|_| format!("`{seconds}` is not a number of seconds"))?;
    if !version("cargo-fuzz").is_some_and(|v| v.contains(CARGO_FUZZ)) {
        run("cargo", &["install", "cargo-fuzz", "--version", CARGO_FUZZ], &[])?;
    }
    let time = format!("-max_total_time={seconds}");
    for target in FUZZ_TARGETS {
        let corpus = format!("fuzz/corpus/{target}");
        std::fs::create_dir_all(root().join(&corpus)).map_err(|e| format!("{corpus}: {e}"))?;
        let args =
            ["fuzz", "run", "--sanitizer", "none", target, &corpus, "--", &time, "-max_len=65536", "-rss_limit_mb=2048", "-timeout=10"];
        run("cargo", &args, &[("RUSTC_BOOTSTRAP", OsStr::new("1"))])?;
    }
    Ok(())
}
