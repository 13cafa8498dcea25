//! One run that measures shihyo and its peers on the same expressions and data
//! (`cargo bench -p benches --bench compare`); `cargo run -p benches --release
//! --bin report -- BENCHMARKS.md` then writes the figures as ratios.
//!
//! Groups (criterion ids `group/function`):
//! - `compile/<case>/<engine>`: parse and compile one expression (for shihyo:
//!   parse, check and compile a one-rule plan);
//! - `evaluate/<case>/<engine>`: bind a record's values and run the compiled form;
//!   `evaluate/<case>/floor` is the same comparison written by hand with rust_decimal;
//! - `parse_evaluate/<case>/<engine>`: both in one go (for shihyo: the exact,
//!   explaining evaluator on a plan with the record as its data);
//! - `batch/<engine>`: `current >= baseline * 1.5` on 1,000 municipalities ×
//!   50 indicators × 10 years (500,000 records);
//! - `monte_carlo/hadano_10000`: the Hadano example's simulation, 10,000 runs;
//! - `plan_size/<indicators>`: a generated plan of 1,000, 10,000 and 40,000 indicators
//!   (about 1.17 rules each) with its actuals: parse, check and evaluate (the CLI's path),
//!   the curve of the cost in the plan's size;
//! - `plan_10000/compiled_evaluate`: the 10,000-indicator plan evaluated with its compiled form;
//! - `what_if/*`: the Hadano what-if loop (set one actual, judge every rule) on
//!   the compiled evaluator (`rust_compiled`, the floor), through `shihyo-api`'s
//!   loaded plan natively (`rust_api`), and through the npm package in Node
//!   (`javascript`) and the Python package (`python`), when they are built;
//! - `editor/*`: the editor features (`shihyo-ide`, what `shihyo lsp` answers) on
//!   that plan: a keystroke to its updated diagnostics (parse, read, check and
//!   index the changed text), and hover and completion on the analysis made.

use benches::peers::{batch_records, count_true, Case, Cel, Evalexpr, Peer, Record, Rhai, Zen};
use benches::shihyo::Shihyo;
use benches::{plans, BatchTable, INDICATORS, MUNICIPALITIES, PLAN_SIZES, YEARS};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shihyo_api::plan::LoadedPlan;
use shihyo_core::eval::Scratch;
use shihyo_core::{Decimal, Engine, Options};
use shihyo_ide::{complete, hover, Analysis, DataText, Lang};
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
    let record = Record::sample();
    for case in Case::ALL {
        c.benchmark_group(format!("evaluate/{}", case.name()))
            .bench_function("floor", |b| b.iter(|| benches::floor::evaluate(black_box(case), black_box(&record))));
    }
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

fn plan_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan_size");
    group.sample_size(10);
    for indicators in PLAN_SIZES {
        let (plan, actuals) = plans::generated(indicators);
        group.bench_function(indicators.to_string(), |b| {
            b.iter(|| {
                let mut engine = Engine::new();
                let plan_file = engine.add_source("plan.kpi", plan.as_str());
                let data_file = engine.add_source("actuals.csv", actuals.as_str());
                let project = engine.load(plan_file, &[data_file]).expect("the generated plan loads");
                black_box(project.evaluate(Options::default()))
            })
        });
    }
    group.finish();
    let (plan, actuals) = plans::generated(10_000);
    let mut engine = Engine::new();
    let plan_file = engine.add_source("plan.kpi", plan.as_str());
    let data_file = engine.add_source("actuals.csv", actuals.as_str());
    let project = engine.load(plan_file, &[data_file]).expect("the generated plan loads");
    let compiled = &project.compiled;
    let table = compiled.table(&project.data);
    let (mut scratch, mut outcomes) = (Scratch::default(), Vec::new());
    let mut group = c.benchmark_group("plan_10000");
    group.bench_function("compiled_evaluate", |b| b.iter(|| compiled.evaluate(&table, 2023, &mut scratch, black_box(&mut outcomes))));
    group.finish();
}

fn what_if(c: &mut Criterion) {
    use benches::embedded::{self, RULE, VALUES, YEAR};
    let (plan, actuals) = plans::hadano();
    let mut group = c.benchmark_group("what_if");
    let mut engine = Engine::new();
    let plan_file = engine.add_source("hadano.kpi", plan.as_str());
    let data_file = engine.add_source("actuals.csv", actuals.as_str());
    let project = engine.load(plan_file, &[data_file]).expect("the Hadano example loads");
    let (compiled, rule) = (&project.compiled, project.plan.find(RULE).expect("the Hadano example has the rule"));
    let mut table = compiled.table(&project.data);
    let (mut scratch, mut outcomes, mut turn) = (Scratch::default(), Vec::new(), 0);
    let values = VALUES.map(Decimal::from);
    group.bench_function("rust_compiled", |b| {
        b.iter(|| {
            turn ^= 1;
            table.set(rule, YEAR.0, values[turn]);
            compiled.derive_where(&mut table, &mut scratch, |_| true);
            compiled.evaluate(&table, YEAR.0, &mut scratch, &mut outcomes);
            black_box(&outcomes);
        })
    });
    let request = serde_json::json!({ "plan": plan, "data": [{ "name": "actuals.csv", "text": actuals }] });
    let mut loaded = LoadedPlan::load(&request.to_string()).expect("the Hadano example loads");
    let written = VALUES.map(|value| value.to_string());
    group.bench_function("rust_api", |b| {
        b.iter(|| {
            turn ^= 1;
            loaded.set_actual(RULE, YEAR.1, &written[turn]).expect("a number");
            black_box(loaded.statuses(Some(YEAR.1)).expect("a year"))
        })
    });
    for (name, runtime) in [("javascript", embedded::node()), ("python", embedded::python())] {
        match runtime {
            Ok(mut runtime) => {
                group.bench_function(name, |b| b.iter_custom(|iterations| runtime.time(iterations).expect("the script times the loop")));
            }
            Err(why) => eprintln!("what_if/{name} not measured: {why}"),
        }
    }
    group.finish();
}

fn editor(c: &mut Criterion) {
    let (plan, actuals) = plans::generated(10_000);
    let data = [DataText { name: "actuals.csv", text: actuals.as_str() }];
    let mut group = c.benchmark_group("editor");
    group.sample_size(10);
    // A keystroke: one character more each time, so nothing is reused from the text before.
    let typed = [format!("{plan}// a"), format!("{plan}// b")];
    let mut key = 0;
    group.bench_function("keystroke_10000", |b| {
        b.iter(|| {
            key = 1 - key;
            let analysis = Analysis::new("plan.kpi", black_box(&typed[key]), &data);
            black_box(analysis.diagnostics().len())
        })
    });
    let analysis = Analysis::new("plan.kpi", &plan, &data);
    assert!(analysis.project().is_some(), "the generated plan checks");
    let file = analysis.plan_file();
    // Hover on a rule read by a derivation, in the middle of the plan; the evaluation it
    // shows is made at the first hover after an edit (measured apart) and kept.
    let name = plan.find("outcome \"件数4998\"").expect("the generated plan has rule 4998") + "outcome \"".len() + 2;
    group.bench_function("first_hover_10000", |b| {
        b.iter(|| {
            let fresh = Analysis::new("plan.kpi", &plan, &data);
            black_box(hover(&fresh, file, name, Lang::Ja))
        })
    });
    assert!(hover(&analysis, file, name, Lang::Ja).is_some_and(|h| h.markdown.contains("計算の内訳")));
    group.bench_function("hover_10000", |b| b.iter(|| black_box(hover(&analysis, file, black_box(name), Lang::Ja))));
    let inside = plan.find("value(\"申請5002\")").expect("rule 5002 is read by a derivation") + "value(\"".len();
    assert!(complete(&analysis, file, inside, Lang::Ja).len() > 9_000);
    group.bench_function("completion_10000", |b| b.iter(|| black_box(complete(&analysis, file, black_box(inside), Lang::Ja))));
    group.finish();
}

/// Short warm-up and measurement: the whole comparison runs in about ten minutes.
fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = cases, batch, monte_carlo, plan_size, what_if, editor
}
criterion_main!(benches);
