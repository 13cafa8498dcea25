//! evalexpr 11.3.1 (MIT): doubles and integers.

use super::{Case, Compiled, Outcome, Peer, Record};
use rust_decimal::Decimal;

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
