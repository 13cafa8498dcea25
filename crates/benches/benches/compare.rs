//! One run that measures shihyo and its peers on the same expressions and data
//! (`cargo bench -p benches --bench compare`); `cargo run -p benches --release
//! --bin report -- BENCHMARKS.md` then writes the figures as ratios.
//!
//! Groups (criterion ids `group/function`):
//! - `compile/<case>/<engine>`: parse and compile one expression (for shihyo:
//!   parse, check and compile a one-rule plan);
//! - `evaluate/<case>/<engine>`: bind a record's values and run the compiled form;
//! - `parse_evaluate/<case>/<engine>`: both in one go (for shihyo: the exact,
//!   explaining evaluator on a plan with the record as its data);
//! - `batch/<engine>`: `current >= baseline * 1.5` on 1,000 municipalities ×
//!   50 indicators × 10 years (500,000 records);
//! - `monte_carlo/hadano_10000`: the Hadano example's simulation, 10,000 runs;
//! - `plan_10000/*`: a generated plan of 10,000 rules with its actuals: parse,
//!   check and evaluate (the CLI's path), and evaluate with the compiled form.

use benches::peers::{batch_records, count_true, Case, Cel, Evalexpr, Peer, Record, Rhai, Zen};
use benches::shihyo::Shihyo;
use benches::{plans, BatchTable, INDICATORS, MUNICIPALITIES, YEARS};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shihyo_core::eval::Scratch;
use shihyo_core::{Engine, Options};
use std::hint::black_box;
use std::time::Duration;

fn per_case<P: Peer>(c: &mut Criterion) {
    let record = Record::sample();
    for case in Case::ALL {
        let mut peer = P::new();
        c.benchmark_group(format!("compile/{}", case.name())).bench_function(P::NAME, |b| b.iter(|| peer.compile(black_box(case))));
        let compiled = peer.compile(case);
        c.benchmark_group(format!("evaluate/{}", case.name()))
            .bench_function(P::NAME, |b| b.iter(|| peer.evaluate_raw(&compiled, black_box(&record))));
        c.benchmark_group(format!("parse_evaluate/{}", case.name()))
            .bench_function(P::NAME, |b| b.iter(|| peer.parse_and_evaluate_raw(black_box(case), black_box(&record))));
    }
}

fn cases(c: &mut Criterion) {
    per_case::<Shihyo>(c);
    per_case::<Zen>(c);
    per_case::<Rhai>(c);
    per_case::<Cel>(c);
    per_case::<Evalexpr>(c);
}

fn batch_group(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group("batch");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .throughput(Throughput::Elements((MUNICIPALITIES * INDICATORS * YEARS) as u64));
    group
}

fn batch_one<P: Peer>(c: &mut Criterion, records: &[Record]) {
    let mut peer = P::new();
    let compiled = peer.compile(Case::Growth);
    batch_group(c).bench_function(P::NAME, |b| b.iter(|| count_true(&mut peer, &compiled, black_box(records))));
}

fn batch(c: &mut Criterion) {
    let records = batch_records(MUNICIPALITIES, INDICATORS, YEARS);
    let mut shihyo = BatchTable::new();
    batch_group(c).bench_function("shihyo", |b| b.iter(|| shihyo.count_true(black_box(&records))));
    batch_one::<Zen>(c, &records);
    batch_one::<Rhai>(c, &records);
    batch_one::<Cel>(c, &records);
    batch_one::<Evalexpr>(c, &records);
}

fn monte_carlo(c: &mut Criterion) {
    let (plan, actuals) = plans::hadano();
    let mut engine = Engine::new();
    let plan_file = engine.add_source("hadano.kpi", plan);
    let data_file = engine.add_source("actuals.csv", actuals);
    let project = engine.load(plan_file, &[data_file]).expect("the Hadano example loads");
    let simulation = project.plan.scenario("不確実性").expect("the Hadano example has a simulation");
    let mut group = c.benchmark_group("monte_carlo");
    group.sample_size(20);
    group.bench_function("hadano_10000", |b| {
        b.iter(|| {
            let mut run = project.simulation(simulation, Some(10_000), None);
            run.run_all();
            black_box(run.report())
        })
    });
    group.finish();
}

fn plan_10000(c: &mut Criterion) {
    let (plan, actuals) = plans::generated(10_000);
    let mut group = c.benchmark_group("plan_10000");
    group.sample_size(10);
    group.bench_function("parse_check_evaluate", |b| {
        b.iter(|| {
            let mut engine = Engine::new();
            let plan_file = engine.add_source("plan.kpi", plan.as_str());
            let data_file = engine.add_source("actuals.csv", actuals.as_str());
            let project = engine.load(plan_file, &[data_file]).expect("the generated plan loads");
            black_box(project.evaluate(Options::default()))
        })
    });
    let mut engine = Engine::new();
    let plan_file = engine.add_source("plan.kpi", plan.as_str());
    let data_file = engine.add_source("actuals.csv", actuals.as_str());
    let project = engine.load(plan_file, &[data_file]).expect("the generated plan loads");
    let compiled = &project.compiled;
    let table = compiled.table(&project.data);
    let (mut scratch, mut outcomes) = (Scratch::default(), Vec::new());
    group.bench_function("compiled_evaluate", |b| b.iter(|| compiled.evaluate(&table, 2023, &mut scratch, black_box(&mut outcomes))));
    group.finish();
}

/// Short warm-up and measurement: the whole comparison runs in about ten minutes.
fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = cases, batch, monte_carlo, plan_10000
}
criterion_main!(benches);
