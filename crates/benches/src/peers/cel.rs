//! cel-rust: doubles and integers.

use super::{Case, Compiled, Outcome, Peer, Record, Var};
use rust_decimal::Decimal;
use std::sync::Arc;

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
