//! rhai with the `decimal` and `no_float` features: decimals and integers.

use super::{Case, Compiled, Outcome, Peer, Record, Var};
use rust_decimal::Decimal;

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
