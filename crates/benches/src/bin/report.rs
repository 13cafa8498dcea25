//! Writes `BENCHMARKS.md` (atomically) from the last `cargo bench -p benches`
//! run, after measuring the memory of a million-run simulation in this process.

use benches::report::{markdown, medians, Extra, NationalRun};
use shihyo_core::Engine;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let output = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "BENCHMARKS.md".into()));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let medians = medians(&target.join("criterion"));
    if medians.is_empty() {
        eprintln!("no criterion results under {}: run `cargo bench -p benches --bench compare` first", target.display());
        std::process::exit(1);
    }
    let memory = [10_000, 1_000_000].map(simulate_hadano);
    let national = [100, 500, nationwide::ALL].iter().filter_map(|plans| national(&target, *plans)).collect();
    let extra =
        Extra { machine: machine(), memory: memory.iter().all(Option::is_some).then(|| memory.map(|m| m.unwrap_or_default())), national };
    let text = markdown(&medians, &extra);
    let temporary = output.with_extension("md.tmp");
    std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, &output)).unwrap_or_else(|error| {
        eprintln!("cannot write {}: {error}", output.display());
        std::process::exit(1);
    });
    eprintln!("wrote {}", output.display());
}

/// Runs the Hadano simulation; the peak resident memory of this process after it, and its time.
fn simulate_hadano(runs: u64) -> Option<(u64, f64)> {
    let (plan, actuals) = benches::plans::hadano();
    let mut engine = Engine::new();
    let plan_file = engine.add_source("hadano.kpi", plan);
    let data_file = engine.add_source("actuals.csv", actuals);
    let project = engine.load(plan_file, &[data_file]).ok()?;
    let scenario = project.plan.scenario("不確実性")?;
    let start = Instant::now();
    let mut simulation = project.simulation(scenario, Some(runs), None);
    simulation.run_all();
    let report = simulation.report();
    let elapsed = start.elapsed().as_nanos() as f64;
    assert_eq!(report.runs, runs);
    Some((peak_memory()?, elapsed))
}

/// Writes a national set of `plans` plans under the target folder and runs the release
/// `shihyo rollup` on it three times: the fastest time and the largest peak memory.
fn national(target: &std::path::Path, plans: usize) -> Option<NationalRun> {
    let cli = target.join("release/shihyo");
    if !cli.exists() {
        eprintln!("{} is not built: `cargo build --release -p shihyo-cli` first; the national roll-up is not measured", cli.display());
        return None;
    }
    let folder = target.join(format!("national-{plans}"));
    let _ = std::fs::remove_dir_all(&folder);
    let written = nationwide::write_set(&folder, plans, 1).ok()?;
    let mut best: Option<NationalRun> = None;
    for _ in 0..3 {
        let start = Instant::now();
        let mut child = std::process::Command::new(&cli)
            .args(["rollup", "national.kpi", "--format", "json"])
            .current_dir(&folder)
            .stdout(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak = 0;
        let status = loop {
            if let Some(kib) = std::fs::read_to_string(&status_file).ok().and_then(|status| vm_hwm(&status)) {
                peak = peak.max(kib * 1024);
            }
            if let Some(status) = child.try_wait().ok()? {
                break status;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        let time = start.elapsed().as_nanos() as f64;
        if !status.success() {
            eprintln!("shihyo rollup failed on {}", folder.display());
            return None;
        }
        let run = NationalRun { plans, bytes: written.bytes, time, peak };
        best = Some(match best {
            Some(before) => NationalRun { time: before.time.min(run.time), peak: before.peak.max(run.peak), ..run },
            None => run,
        });
    }
    best
}

/// `VmHWM` of a `/proc/PID/status`, in KiB.
fn vm_hwm(status: &str) -> Option<u64> {
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

/// The process's peak resident set (Linux: `VmHWM`).
fn peak_memory() -> Option<u64> {
    Some(vm_hwm(&std::fs::read_to_string("/proc/self/status").ok()?)? * 1024)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| info.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).map(|m| m.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| info.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|k| k.parse::<u64>().ok()))
        .map_or_else(String::new, |kib| format!(", {} GiB", kib >> 20));
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!("{cpu}, {cores} cores{memory}; {rustc}; benchmarks run on one core")
}
