//! zen-expression (GoRules): exact decimals, bytecode run by a reused isolate.

use super::{Case, Compiled, Outcome, Peer, Record, Var};
use rust_decimal::Decimal;

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
