//! Peer expression engines for shihyo's benchmarks.
//!
//! shihyo compiles KPI-target rules and evaluates them over exact decimals. To say how fast (and how
//! exact) that is, the benchmarks run the same four expressions through four existing Rust engines:
//!
//! | engine | numbers | compiled form |
//! | --- | --- | --- |
//! | [`Zen`] (`zen-expression`, GoRules) | `rust_decimal::Decimal` | bytecode run by a reused `Isolate` |
//! | [`Rhai`] (`rhai`, features `decimal` + `no_float`) | `Decimal` (literals too) and `i64` | `AST` run with a reused `Scope` |
//! | [`Cel`] (`cel`, cel-rust) | `f64` (double) and `i64` | `Program` run with a reused `Context` |
//! | [`Evalexpr`] (`evalexpr` =11.3.1, MIT) | `f64` and `i64` | operator tree run with a reused `HashMapContext` |
//!
//! Every engine implements [`Peer`]: compile a [`Case`] once, evaluate it on many [`Record`]s, or parse and
//! evaluate in one go. Results come back as an [`Outcome`] so that engines can be compared with each other
//! (and with shihyo). [`correctness_table`] shows how each engine treats `0.1 + 0.2 == 0.3`, `1 / 3 * 3`
//! and overflow. Each struct keeps its engine state (isolate, scope, context) between evaluations, which
//! is each engine's fastest documented way to evaluate a compiled expression repeatedly.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// One of the four benchmark expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// `current >= baseline * 1.5`
    Growth,
    /// `online / total >= 0.6`
    Share,
    /// "A" if p >= 1.0, "B" if p >= 0.8, "C" if p >= 0.6, else "D"
    Grade,
    /// `max(a, b) - min(c, d)`
    Spread,
}

impl Case {
    pub const ALL: [Case; 4] = [Case::Growth, Case::Share, Case::Grade, Case::Spread];

    /// Short name, used in benchmark ids (`evaluate/<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Case::Growth => "growth",
            Case::Share => "share",
            Case::Grade => "grade",
            Case::Spread => "spread",
        }
    }

    /// The variables the expression reads; engines bind only these before evaluating.
    pub fn vars(self) -> &'static [Var] {
        match self {
            Case::Growth => &[Var::Current, Var::Baseline],
            Case::Share => &[Var::Online, Var::Total],
            Case::Grade => &[Var::P],
            Case::Spread => &[Var::A, Var::B, Var::C, Var::D],
        }
    }

    /// The expected outcome, computed in Rust with exact decimals.
    pub fn expected(self, r: &Record) -> Outcome {
        match self {
            Case::Growth => Outcome::Bool(r.current >= r.baseline * Decimal::new(15, 1)),
            Case::Share => Outcome::Bool(r.online / r.total >= Decimal::new(6, 1)),
            Case::Grade => {
                let grade = if r.p >= Decimal::ONE {
                    "A"
                } else if r.p >= Decimal::new(8, 1) {
                    "B"
                } else if r.p >= Decimal::new(6, 1) {
                    "C"
                } else {
                    "D"
                };
                Outcome::Text(grade.to_owned())
            }
            Case::Spread => Outcome::number(r.a.max(r.b) - r.c.min(r.d)),
        }
    }
}

/// A variable of a [`Record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Var {
    Current,
    Baseline,
    Online,
    Total,
    P,
    A,
    B,
    C,
    D,
}

impl Var {
    pub const ALL: [Var; 9] = [Var::Current, Var::Baseline, Var::Online, Var::Total, Var::P, Var::A, Var::B, Var::C, Var::D];

    /// The identifier used in every engine's source text.
    pub fn name(self) -> &'static str {
        match self {
            Var::Current => "current",
            Var::Baseline => "baseline",
            Var::Online => "online",
            Var::Total => "total",
            Var::P => "p",
            Var::A => "a",
            Var::B => "b",
            Var::C => "c",
            Var::D => "d",
        }
    }
}

/// The values of one data record, as exact decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub current: Decimal,
    pub baseline: Decimal,
    pub online: Decimal,
    pub total: Decimal,
    pub p: Decimal,
    pub a: Decimal,
    pub b: Decimal,
    pub c: Decimal,
    pub d: Decimal,
}

impl Record {
    /// The example record: current=15500, baseline=10000, online=6100, total=10000, p=0.85,
    /// a=3.5, b=4.25, c=1.75, d=2.5.
    pub fn sample() -> Record {
        Record {
            current: Decimal::new(15500, 0),
            baseline: Decimal::new(10000, 0),
            online: Decimal::new(6100, 0),
            total: Decimal::new(10000, 0),
            p: Decimal::new(85, 2),
            a: Decimal::new(35, 1),
            b: Decimal::new(425, 2),
            c: Decimal::new(175, 2),
            d: Decimal::new(25, 1),
        }
    }

    pub fn get(&self, var: Var) -> Decimal {
        match var {
            Var::Current => self.current,
            Var::Baseline => self.baseline,
            Var::Online => self.online,
            Var::Total => self.total,
            Var::P => self.p,
            Var::A => self.a,
            Var::B => self.b,
            Var::C => self.c,
            Var::D => self.d,
        }
    }

    /// The value as `f64`, for the engines that have no decimals.
    pub fn get_f64(&self, var: Var) -> f64 {
        self.get(var).to_f64().unwrap_or(f64::NAN)
    }
}

/// An engine's result, comparable across engines. Numbers are normalized decimal text ("2.5", not
/// "2.50" or "2.5000"); a float result is printed with Rust's shortest round-trip formatting first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Bool(bool),
    Text(String),
    Number(String),
    /// The engine failed (or returned a type we do not map); the message says what happened.
    Error(String),
}

impl Outcome {
    pub fn number(d: Decimal) -> Outcome {
        Outcome::Number(d.normalize().to_string())
    }

    pub fn float(x: f64) -> Outcome {
        let text = format!("{x}");
        match Decimal::from_str(&text) {
            Ok(d) => Outcome::number(d),
            Err(_) => Outcome::Number(text),
        }
    }

    fn error(e: impl fmt::Display) -> Outcome {
        Outcome::Error(e.to_string())
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Bool(b) => write!(f, "{b}"),
            Outcome::Text(s) => write!(f, "{s:?}"),
            Outcome::Number(n) => f.write_str(n),
            Outcome::Error(e) => write!(f, "error: {e}"),
        }
    }
}

/// A peer engine, set up once and reused.
pub trait Peer {
    /// Display name, used in benchmark ids.
    const NAME: &'static str;
    /// What the engine computes with.
    const NUMBERS: &'static str;
    /// The engine's compiled form of an expression.
    type Compiled;
    /// The engine's own result type (what `evaluate_raw` returns, before conversion to an [`Outcome`]).
    type Raw;

    /// A fresh engine with its reusable state.
    fn new() -> Self
    where
        Self: Sized;
    /// The expression in this engine's syntax.
    fn source(case: Case) -> &'static str;
    /// Parses and compiles the expression.
    fn compile(&mut self, case: Case) -> Self::Compiled;
    /// Binds the variables `case` reads from `record` and runs the compiled expression; the engine's own result.
    /// This is what the benchmarks time, so that converting to an [`Outcome`] (which may format a number)
    /// is not counted against the engine.
    fn evaluate_raw(&mut self, compiled: &Self::Compiled, record: &Record) -> Self::Raw;
    /// Parses, compiles and runs in one go (the engine's one-shot API where it has one); the engine's own result.
    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> Self::Raw;
    /// Converts the engine's result into a comparable [`Outcome`].
    fn outcome(raw: Self::Raw) -> Outcome;
    /// [`Peer::evaluate_raw`], as an [`Outcome`].
    fn evaluate(&mut self, compiled: &Self::Compiled, record: &Record) -> Outcome {
        Self::outcome(self.evaluate_raw(compiled, record))
    }
    /// [`Peer::parse_and_evaluate_raw`], as an [`Outcome`].
    fn parse_and_evaluate(&mut self, case: Case, record: &Record) -> Outcome {
        Self::outcome(self.parse_and_evaluate_raw(case, record))
    }
    /// Evaluates a constant expression (no variables) and prints the result as the engine does.
    fn eval_text(&mut self, source: &str) -> Result<String, String>;
}

/// `(case, compiled)` bundled, since evaluation binds the variables of its case.
pub struct Compiled<C> {
    pub case: Case,
    pub code: C,
}

// ---------------------------------------------------------------------------------------------------------------
// zen-expression

/// GoRules' zen-expression: decimal numbers, compiled to bytecode and run on a reused [`zen_expression::Isolate`]
/// (its VM and the environment object are kept; only the bound values change).
pub struct Zen {
    isolate: zen_expression::Isolate,
    env: zen_expression::variable::RcCell<zen_expression::variable::VariableMap>,
    keys: [zen_expression::variable::Symbol; 9],
}

impl Zen {
    fn bind(&mut self, case: Case, record: &Record) {
        use zen_expression::Variable;
        let mut env = self.env.borrow_mut();
        for &var in case.vars() {
            let key = &self.keys[var as usize];
            match env.get_mut(key) {
                Some(slot) => *slot = Variable::Number(record.get(var)),
                None => {
                    env.insert(key.clone(), Variable::Number(record.get(var)));
                }
            }
        }
    }

    fn convert(result: Result<zen_expression::Variable, zen_expression::IsolateError>) -> Outcome {
        use zen_expression::Variable;
        match result {
            Ok(Variable::Bool(b)) => Outcome::Bool(b),
            Ok(Variable::Number(n)) => Outcome::number(n),
            Ok(Variable::String(s)) => Outcome::Text(s.to_string()),
            Ok(other) => Outcome::Error(format!("unexpected value {other}")),
            Err(e) => Outcome::error(e),
        }
    }
}

impl Peer for Zen {
    const NAME: &'static str = "zen";
    const NUMBERS: &'static str = "rust_decimal::Decimal";
    type Compiled = Compiled<zen_expression::Expression<zen_expression::expression::Standard>>;
    type Raw = Result<zen_expression::Variable, zen_expression::IsolateError>;

    fn new() -> Self {
        use zen_expression::variable::VariableMap;
        use zen_expression::Variable;
        let keys = Var::ALL.map(|v| Variable::key(v.name()));
        let mut map = VariableMap::with_capacity(keys.len());
        for key in &keys {
            map.insert(key.clone(), Variable::Number(Decimal::ZERO));
        }
        let env = Variable::from_object(map);
        let Some(object) = env.as_object() else { unreachable!("from_object gives an object") };
        Zen { isolate: zen_expression::Isolate::with_environment(env), env: object, keys }
    }

    fn source(case: Case) -> &'static str {
        match case {
            Case::Growth => "current >= baseline * 1.5",
            Case::Share => "online / total >= 0.6",
            Case::Grade => r#"p >= 1.0 ? "A" : (p >= 0.8 ? "B" : (p >= 0.6 ? "C" : "D"))"#,
            Case::Spread => "max([a, b]) - min([c, d])",
        }
    }

    fn compile(&mut self, case: Case) -> Self::Compiled {
        let code = self.isolate.compile_standard(Self::source(case)).expect("zen compiles");
        Compiled { case, code }
    }

    fn evaluate_raw(&mut self, compiled: &Self::Compiled, record: &Record) -> Self::Raw {
        self.bind(compiled.case, record);
        self.isolate.run_compiled(compiled.code.bytecode())
    }

    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> Self::Raw {
        self.bind(case, record);
        self.isolate.run_standard(Self::source(case))
    }

    fn outcome(raw: Self::Raw) -> Outcome {
        Self::convert(raw)
    }

    fn eval_text(&mut self, source: &str) -> Result<String, String> {
        self.isolate.run_standard(source).map(|v| v.to_string()).map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------------------------
// rhai

/// Rhai with `decimal` and `no_float`: every number with a point (literals included) is a `Decimal`, integers
/// without one are `i64`. Compiled with `Engine::compile_expression`, run with a reused `Scope` whose
/// variables are overwritten in place.
pub struct Rhai {
    engine: rhai::Engine,
    scope: rhai::Scope<'static>,
}

impl Rhai {
    fn bind(&mut self, case: Case, record: &Record) {
        for &var in case.vars() {
            match self.scope.get_value_mut::<Decimal>(var.name()) {
                Some(slot) => *slot = record.get(var),
                None => {
                    self.scope.set_value(var.name(), record.get(var));
                }
            }
        }
    }

    fn convert(result: Result<rhai::Dynamic, Box<rhai::EvalAltResult>>) -> Outcome {
        match result {
            Ok(value) => {
                if let Ok(b) = value.as_bool() {
                    Outcome::Bool(b)
                } else if let Ok(d) = value.as_decimal() {
                    Outcome::number(d)
                } else if let Ok(i) = value.as_int() {
                    Outcome::number(Decimal::from(i))
                } else if value.is_string() {
                    Outcome::Text(value.into_string().unwrap_or_default())
                } else {
                    Outcome::Error(format!("unexpected value {value}"))
                }
            }
            Err(e) => Outcome::error(e),
        }
    }
}

impl Peer for Rhai {
    const NAME: &'static str = "rhai";
    const NUMBERS: &'static str = "rust_decimal::Decimal (i64 for integer literals)";
    type Compiled = Compiled<rhai::AST>;
    type Raw = Result<rhai::Dynamic, Box<rhai::EvalAltResult>>;

    fn new() -> Self {
        let engine = rhai::Engine::new();
        let mut scope = rhai::Scope::new();
        for var in Var::ALL {
            scope.push(var.name(), Decimal::ZERO);
        }
        Rhai { engine, scope }
    }

    fn source(case: Case) -> &'static str {
        match case {
            Case::Growth => "current >= baseline * 1.5",
            Case::Share => "online / total >= 0.6",
            Case::Grade => r#"if p >= 1.0 { "A" } else if p >= 0.8 { "B" } else if p >= 0.6 { "C" } else { "D" }"#,
            Case::Spread => "max(a, b) - min(c, d)",
        }
    }

    fn compile(&mut self, case: Case) -> Self::Compiled {
        let code = self.engine.compile_expression(Self::source(case)).expect("rhai compiles");
        Compiled { case, code }
    }

    fn evaluate_raw(&mut self, compiled: &Self::Compiled, record: &Record) -> Self::Raw {
        self.bind(compiled.case, record);
        self.engine.eval_ast_with_scope::<rhai::Dynamic>(&mut self.scope, &compiled.code)
    }

    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> Self::Raw {
        self.bind(case, record);
        self.engine.eval_expression_with_scope::<rhai::Dynamic>(&mut self.scope, Self::source(case))
    }

    fn outcome(raw: Self::Raw) -> Outcome {
        Self::convert(raw)
    }

    fn eval_text(&mut self, source: &str) -> Result<String, String> {
        self.engine.eval_expression::<rhai::Dynamic>(source).map(|v| v.to_string()).map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------------------------
// cel

/// cel-rust: CEL doubles (`f64`) and ints (`i64`). Compiled to a `Program` by an `Env` with the standard
/// library and the math extension (`math.greatest` / `math.least`). Variables are served by a
/// [`cel::context::VariableResolver`] over a fixed array that is overwritten before each run, and the resolver
/// hands out borrowed values: no map insert and no allocation per variable. That measured about 18% faster per
/// evaluation (35% on the batch) than one reused `Context` re-bound with `Context::add_variable_from_value`.
/// A `Context` borrowing the resolver is made per run (an `Arc` clone and two empty `BTreeMap`s).
pub struct Cel {
    env: Arc<cel::Env>,
    vars: CelVars,
}

/// The record's values as CEL doubles, indexed by [`Var`].
struct CelVars([cel::common::types::CelDouble; 9]);

impl cel::context::VariableResolver for CelVars {
    fn resolve<'b>(&'b self, variable: &str) -> Option<cel::common::value::CowVal<'b, 'b>> {
        let var = Var::ALL.into_iter().find(|v| v.name() == variable)?;
        Some(cel::common::value::CowVal::Borrowed(&self.0[var as usize]))
    }
}

impl Cel {
    fn bind(&mut self, case: Case, record: &Record) {
        for &var in case.vars() {
            self.vars.0[var as usize] = record.get_f64(var).into();
        }
    }

    fn run(&self, program: &cel::Program) -> cel::ResolveResult {
        let mut context = cel::Context::with_env(Arc::clone(&self.env));
        context.set_variable_resolver(&self.vars);
        program.execute(&context)
    }

    fn convert(result: cel::ResolveResult) -> Outcome {
        match result {
            Ok(cel::Value::Bool(b)) => Outcome::Bool(b),
            Ok(cel::Value::Float(x)) => Outcome::float(x),
            Ok(cel::Value::Int(i)) => Outcome::number(Decimal::from(i)),
            Ok(cel::Value::String(s)) => Outcome::Text(s.to_string()),
            Ok(other) => Outcome::Error(format!("unexpected value {other:?}")),
            Err(e) => Outcome::error(e),
        }
    }

    fn display(value: &cel::Value) -> String {
        match value {
            cel::Value::Bool(b) => b.to_string(),
            cel::Value::Int(i) => i.to_string(),
            cel::Value::UInt(u) => format!("{u}u"),
            cel::Value::Float(x) => format!("{x:?}"),
            cel::Value::String(s) => format!("{s:?}"),
            other => format!("{other:?}"),
        }
    }
}

impl Peer for Cel {
    const NAME: &'static str = "cel";
    const NUMBERS: &'static str = "f64 (double), i64 for integer literals";
    type Compiled = Compiled<cel::Program>;
    type Raw = cel::ResolveResult;

    fn new() -> Self {
        let mut env = cel::Env::stdlib();
        env.add_extension(cel::extensions::math).expect("cel math extension");
        Cel { env: Arc::new(env), vars: CelVars([0.0.into(); 9]) }
    }

    fn source(case: Case) -> &'static str {
        match case {
            Case::Growth => "current >= baseline * 1.5",
            Case::Share => "online / total >= 0.6",
            Case::Grade => r#"p >= 1.0 ? "A" : p >= 0.8 ? "B" : p >= 0.6 ? "C" : "D""#,
            Case::Spread => "math.greatest(a, b) - math.least(c, d)",
        }
    }

    fn compile(&mut self, case: Case) -> Self::Compiled {
        let code = self.env.compile(Self::source(case)).expect("cel compiles");
        Compiled { case, code }
    }

    fn evaluate_raw(&mut self, compiled: &Self::Compiled, record: &Record) -> Self::Raw {
        self.bind(compiled.case, record);
        self.run(&compiled.code)
    }

    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> Self::Raw {
        self.bind(case, record);
        match self.env.compile(Self::source(case)) {
            Ok(program) => self.run(&program),
            // Only for a source that does not parse, which the four cases never are.
            Err(e) => Err(cel::ExecutionError::function_error("parse", e)),
        }
    }

    fn outcome(raw: Self::Raw) -> Outcome {
        Self::convert(raw)
    }

    fn eval_text(&mut self, source: &str) -> Result<String, String> {
        let program = self.env.compile(source).map_err(|e| format!("parse: {e}"))?;
        self.run(&program).map(|v| Self::display(&v)).map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------------------------
// evalexpr

/// evalexpr 11.3.1 (the last MIT release): `f64` and `i64`. Compiled with `build_operator_tree`, run against
/// a reused `HashMapContext` whose values are overwritten before each run.
pub struct Evalexpr {
    context: evalexpr::HashMapContext,
}

impl Evalexpr {
    fn bind(&mut self, case: Case, record: &Record) {
        use evalexpr::ContextWithMutableVariables;
        for &var in case.vars() {
            // `set_value` takes an owned String key: one small allocation per variable, as the API requires.
            self.context
                .set_value(var.name().to_owned(), evalexpr::Value::Float(record.get_f64(var)))
                .expect("variables are always floats");
        }
    }

    fn convert(result: evalexpr::EvalexprResult<evalexpr::Value>) -> Outcome {
        match result {
            Ok(evalexpr::Value::Boolean(b)) => Outcome::Bool(b),
            Ok(evalexpr::Value::Float(x)) => Outcome::float(x),
            Ok(evalexpr::Value::Int(i)) => Outcome::number(Decimal::from(i)),
            Ok(evalexpr::Value::String(s)) => Outcome::Text(s),
            Ok(other) => Outcome::Error(format!("unexpected value {other}")),
            Err(e) => Outcome::error(e),
        }
    }
}

impl Peer for Evalexpr {
    const NAME: &'static str = "evalexpr";
    const NUMBERS: &'static str = "f64, i64 for integer literals";
    type Compiled = Compiled<evalexpr::Node>;
    type Raw = evalexpr::EvalexprResult<evalexpr::Value>;

    fn new() -> Self {
        let mut peer = Evalexpr { context: evalexpr::HashMapContext::new() };
        for case in Case::ALL {
            peer.bind(case, &Record::sample());
        }
        peer
    }

    fn source(case: Case) -> &'static str {
        match case {
            Case::Growth => "current >= baseline * 1.5",
            Case::Share => "online / total >= 0.6",
            // `if` is a function here: all three arguments are evaluated.
            Case::Grade => r#"if(p >= 1.0, "A", if(p >= 0.8, "B", if(p >= 0.6, "C", "D")))"#,
            Case::Spread => "max(a, b) - min(c, d)",
        }
    }

    fn compile(&mut self, case: Case) -> Self::Compiled {
        let code = evalexpr::build_operator_tree(Self::source(case)).expect("evalexpr compiles");
        Compiled { case, code }
    }

    fn evaluate_raw(&mut self, compiled: &Self::Compiled, record: &Record) -> Self::Raw {
        self.bind(compiled.case, record);
        compiled.code.eval_with_context(&self.context)
    }

    fn parse_and_evaluate_raw(&mut self, case: Case, record: &Record) -> Self::Raw {
        self.bind(case, record);
        evalexpr::eval_with_context(Self::source(case), &self.context)
    }

    fn outcome(raw: Self::Raw) -> Outcome {
        Self::convert(raw)
    }

    fn eval_text(&mut self, source: &str) -> Result<String, String> {
        let shown = |v: evalexpr::Value| match v {
            // Debug keeps the `.0` that tells a float from an int.
            evalexpr::Value::Float(x) => format!("{x:?}"),
            other => other.to_string(),
        };
        evalexpr::eval(source).map(shown).map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------------------------
// correctness table

/// The probes of the correctness table, in column order. The same text is valid in all four engines.
pub const PROBES: [&str; 5] =
    ["0.1 + 0.2 == 0.3", "1 / 3 * 3", "1.0 / 3.0 * 3.0", "9223372036854775807 + 1", "79228162514264337593543950335 * 10"];

/// One engine's row: what each probe in [`PROBES`] gives, printed as the engine prints it
/// (`error: ...` for an error, `panic: ...` if the engine panicked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectnessRow {
    pub engine: &'static str,
    pub numbers: &'static str,
    pub results: [String; PROBES.len()],
}

impl CorrectnessRow {
    /// The row as strings: engine, number type, then one cell per probe.
    pub fn cells(&self) -> Vec<String> {
        let mut cells = vec![self.engine.to_owned(), self.numbers.to_owned()];
        cells.extend(self.results.iter().cloned());
        cells
    }
}

/// The header matching [`CorrectnessRow::cells`].
pub fn correctness_header() -> Vec<String> {
    let mut header = vec!["engine".to_owned(), "numbers".to_owned()];
    header.extend(PROBES.iter().map(|p| format!("`{p}`")));
    header
}

fn probe_row<P: Peer>() -> CorrectnessRow {
    let mut peer = P::new();
    let results = PROBES.map(|source| match catch_unwind(AssertUnwindSafe(|| peer.eval_text(source))) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => format!("error: {e}"),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("panic: {message}")
        }
    });
    CorrectnessRow { engine: P::NAME, numbers: P::NUMBERS, results }
}

/// One row per engine (shihyo, zen, rhai, cel, evalexpr).
pub fn correctness_table() -> Vec<CorrectnessRow> {
    vec![probe_row::<crate::shihyo::Shihyo>(), probe_row::<Zen>(), probe_row::<Rhai>(), probe_row::<Cel>(), probe_row::<Evalexpr>()]
}

/// The table as Markdown (cells with `|` or newlines are escaped), for NOTES.md or a report.
pub fn correctness_markdown(rows: &[CorrectnessRow]) -> String {
    fn line(cells: &[String]) -> String {
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|").replace('\n', " ")).collect();
        format!("| {} |\n", cells.join(" | "))
    }
    let header = correctness_header();
    let mut out = line(&header);
    out.push_str(&line(&vec!["---".to_owned(); header.len()]));
    for row in rows {
        out.push_str(&line(&row.cells()));
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// batch data

/// Deterministic records for the batch benchmark: `municipalities × indicators × years`, with `current`
/// and `baseline` drawn from a SplitMix64 stream (no OS randomness), both with two decimal places, and the
/// other fields set as in [`Record::sample`].
pub fn batch_records(municipalities: usize, indicators: usize, years: usize) -> Vec<Record> {
    let mut state: u64 = 0x5348_4948_594f_2024; // fixed seed
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let template = Record::sample();
    let n = municipalities * indicators * years;
    let mut records = Vec::with_capacity(n);
    for _ in 0..n {
        // baseline in [100.00, 100_000.00); current = baseline × factor in [0.50, 2.50), rounded to cents.
        let baseline_cents = 10_000 + (next() % 9_990_000) as i64;
        let factor_bp = 5_000 + (next() % 20_001) as i64; // basis points of 1.0
        let current_cents = (baseline_cents * factor_bp + 5_000) / 10_000;
        records.push(Record { current: Decimal::new(current_cents, 2), baseline: Decimal::new(baseline_cents, 2), ..template });
    }
    records
}

/// Runs `compiled` (which should be [`Case::Growth`]) over every record and counts the `true` outcomes.
pub fn count_true<P: Peer>(peer: &mut P, compiled: &P::Compiled, records: &[Record]) -> usize {
    records.iter().filter(|r| peer.evaluate(compiled, r) == Outcome::Bool(true)).count()
}
