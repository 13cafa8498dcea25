//! Expressions: operators by precedence, and function calls, whose names and argument shapes are part of the language (an unknown function is an error with a suggestion).

use super::*;
use crate::diagnostic::{closest, Fix};
use crate::language::{self};
use crate::number::UnitLiteral;
use crate::source::Span;
use crate::tr;
use pest::iterators::Pair;
use rust_decimal::Decimal;

impl Builder<'_> {
    pub(super) fn expr(&mut self, pair: Pair<Syntax>) -> Built<Expr> {
        self.expr_with_depth(pair).map(|(expr, _)| expr)
    }

    /// Builds an expression with operator precedence, tracking the tree's
    /// depth so that no later recursion over it can run deep.
    pub(super) fn expr_with_depth(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let mut operands: Vec<(Expr, usize)> = Vec::new();
        let mut operators: Vec<BinaryOp> = Vec::new();
        let mut failed = false;
        for child in pair.into_inner() {
            match child.as_rule() {
                Syntax::operand => match self.operand(child) {
                    Ok(operand) => operands.push(operand),
                    Err(()) => failed = true,
                },
                Syntax::add => operators.push(BinaryOp::Add),
                Syntax::subtract => operators.push(BinaryOp::Subtract),
                Syntax::multiply => operators.push(BinaryOp::Multiply),
                _ => operators.push(BinaryOp::Divide),
            }
        }
        if failed {
            return Err(());
        }
        // Fold `*` and `/` first, then `+` and `-`, left to right.
        let mut terms: Vec<(Expr, usize)> = Vec::new();
        let mut term_operators = Vec::new();
        let mut operands = operands.into_iter();
        terms.push(operands.next().ok_or(())?);
        for (op, rhs) in operators.into_iter().zip(operands) {
            if op.precedence() == 2 {
                let lhs = terms.pop().ok_or(())?;
                terms.push(self.binary(op, lhs, rhs)?);
            } else {
                term_operators.push(op);
                terms.push(rhs);
            }
        }
        let mut terms = terms.into_iter();
        let mut result = terms.next().ok_or(())?;
        for (op, rhs) in term_operators.into_iter().zip(terms) {
            result = self.binary(op, result, rhs)?;
        }
        Ok(result)
    }

    pub(super) fn binary(&mut self, op: BinaryOp, lhs: (Expr, usize), rhs: (Expr, usize)) -> Built<(Expr, usize)> {
        let depth = lhs.1.max(rhs.1) + 1;
        let span = lhs.0.span.start..rhs.0.span.end;
        self.check_depth(depth, &span)?;
        Ok((Expr { kind: ExprKind::Binary { op, lhs: Box::new(lhs.0), rhs: Box::new(rhs.0) }, span }, depth))
    }

    pub(super) fn check_depth(&mut self, depth: usize, span: &Span) -> Built<()> {
        if depth > MAX_EXPRESSION_DEPTH {
            self.error(
                Code::E0004,
                span.clone(),
                tr!(
                    "this expression is deeper than {MAX_EXPRESSION_DEPTH} operations",
                    "式の演算が {MAX_EXPRESSION_DEPTH} 段を超えています"
                ),
            )
            .hint = Some(tr!("split it into derived indicators", "派生指標に分けてください"));
            return Err(());
        }
        Ok(())
    }

    pub(super) fn operand(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let span = self.span(&pair);
        let mut negations = 0usize;
        let mut primary = None;
        for child in pair.into_inner() {
            if child.as_rule() == Syntax::negation {
                negations += 1;
            } else {
                primary = Some(child);
            }
        }
        let (expr, depth) = self.primary(primary.ok_or(())?)?;
        if negations % 2 == 1 {
            Ok((Expr { kind: ExprKind::Negate(Box::new(expr)), span }, depth + 1))
        } else {
            Ok((expr, depth))
        }
    }

    pub(super) fn primary(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Syntax::parenthesized => {
                let (inner, depth) = self.expr_with_depth(first_inner(pair)?)?;
                Ok((Expr { kind: ExprKind::Paren(Box::new(inner)), span }, depth + 1))
            }
            Syntax::baseline_ref => Ok((Expr { kind: ExprKind::Baseline(None), span }, 1)),
            Syntax::quantity => {
                let quantity = self.quantity(pair)?;
                Ok((Expr { kind: ExprKind::Number(quantity), span }, 1))
            }
            _ => self.call(pair),
        }
    }

    pub(super) fn call(&mut self, pair: Pair<Syntax>) -> Built<(Expr, usize)> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let identifier = inner.next().ok_or(())?;
        let function = identifier.as_str().to_string();
        let function_span = self.span(&identifier);
        let args = self.every(inner, |this, argument| {
            let argument_span = this.span(&argument);
            let value = first_inner(argument)?;
            let built = match value.as_rule() {
                Syntax::year_range => this.year_range(value).map(Argument::Range),
                Syntax::year => this.year(value).map(Argument::Year),
                Syntax::string => Ok(Argument::Name(this.string(value))),
                _ => this.expr_with_depth(value).map(|(e, d)| Argument::Expr(e, d)),
            };
            built.map(|arg| (arg, argument_span))
        })?;
        let depth = args.iter().map(|(a, _)| if let Argument::Expr(_, d) = a { *d } else { 0 }).max().unwrap_or(0) + 1;
        self.check_depth(depth, &span)?;
        let kind = match function.as_str() {
            "baseline" => match args.as_slice() {
                [] => ExprKind::Baseline(None),
                [(Argument::Year(year), _)] => ExprKind::Baseline(Some(year.clone())),
                _ => return self.bad_arguments(&function, span, "baseline(R1)"),
            },
            "value" => match args.as_slice() {
                [] => ExprKind::Value { name: None, year: None },
                [(Argument::Year(year), _)] => ExprKind::Value { name: None, year: Some(year.clone()) },
                [(Argument::Name(name), _)] => ExprKind::Value { name: Some(name.clone()), year: None },
                [(Argument::Name(name), _), (Argument::Year(year), _)] => {
                    ExprKind::Value { name: Some(name.clone()), year: Some(year.clone()) }
                }
                _ => return self.bad_arguments(&function, span, "value(\"名前\", R5)"),
            },
            "sum" | "avg" => {
                let series = if function == "sum" { SeriesFunction::Sum } else { SeriesFunction::Avg };
                match args.as_slice() {
                    [(Argument::Name(name), _)] => ExprKind::Series { function: series, name: name.clone(), range: None },
                    [(Argument::Name(name), _), (Argument::Range(range), _)] => {
                        ExprKind::Series { function: series, name: name.clone(), range: Some(range.clone()) }
                    }
                    [(Argument::Name(name), _), (Argument::Year(year), _)] => ExprKind::Series {
                        function: series,
                        name: name.clone(),
                        range: Some(YearRange { first: year.clone(), last: year.clone() }),
                    },
                    _ => return self.bad_arguments(&function, span, &format!("{function}(\"名前\", R3..R7)")),
                }
            }
            "achievement" | "pace" | "progress" | "points" | "met" => {
                let figure = match function.as_str() {
                    "achievement" => RuleFigure::Achievement,
                    "pace" => RuleFigure::Pace,
                    "progress" => RuleFigure::Progress,
                    "points" => RuleFigure::Points,
                    _ => RuleFigure::Met,
                };
                match args.as_slice() {
                    [(Argument::Name(name), _)] => ExprKind::Figure { figure, name: name.clone(), year: None },
                    [(Argument::Name(name), _), (Argument::Year(year), _)] => {
                        ExprKind::Figure { figure, name: name.clone(), year: Some(year.clone()) }
                    }
                    _ => return self.bad_arguments(&function, span, &format!("{function}(\"名前\")")),
                }
            }
            "min" | "max" => {
                if args.len() < 2 || !args.iter().all(|(a, _)| matches!(a, Argument::Expr(..))) {
                    return self.bad_arguments(&function, span, &format!("{function}(a, b)"));
                }
                let extremum = if function == "min" { Extremum::Min } else { Extremum::Max };
                let args = args.into_iter().filter_map(|(a, _)| if let Argument::Expr(e, _) = a { Some(e) } else { None }).collect();
                ExprKind::Extremum { function: extremum, args }
            }
            "round" => match args.as_slice() {
                [(Argument::Expr(value, _), _), (Argument::Expr(digits, _), digits_span)] => {
                    let Some(digits) = whole_digits(digits) else {
                        self.error(
                            Code::E0111,
                            digits_span.clone(),
                            tr!("the digits of `round` are a whole number from -28 to 28", "`round` の桁数は -28〜28 の整数です"),
                        );
                        return Err(());
                    };
                    ExprKind::Round { value: Box::new(value.clone()), digits }
                }
                _ => return self.bad_arguments(&function, span, "round(x, 0)"),
            },
            _ => {
                let suggestion = language::function_for_alias(&function).or_else(|| closest(&function, language::function_names()));
                let single_year = match args.as_slice() {
                    [(Argument::Year(_), year_span)] => Some(self.source.original()[year_span.clone()].to_string()),
                    _ => None,
                };
                let hint = match (suggestion, single_year.as_deref()) {
                    (_, Some(year)) => tr!(
                        "the actual in {year} is `baseline({year})` (this indicator) or `value(\"name\", {year})`; a mean over years is `avg(\"name\", R1..R3)`",
                        "{year}の実績は `baseline({year})`（この指標）または `value(\"名前\", {year})` です。複数年度の平均は `avg(\"名前\", R1..R3)` です"
                    ),
                    (Some(s), None) => tr!("did you mean `{s}`?", "`{s}` のことですか？"),
                    (None, None) => tr!(
                        "the functions are baseline, value, sum, avg, min, max and round",
                        "使える関数は baseline, value, sum, avg, min, max, round です"
                    ),
                };
                let diagnostic =
                    self.error(Code::E0110, function_span.clone(), tr!("unknown function `{function}`", "関数「{function}」はありません"));
                diagnostic.hint = Some(hint);
                if let (Some(name), None) = (suggestion, single_year) {
                    diagnostic.fix = Some(Fix { span: function_span, replacement: name.to_string() });
                }
                return Err(());
            }
        };
        Ok((Expr { kind, span }, depth))
    }

    pub(super) fn bad_arguments(&mut self, function: &str, span: Span, example: &str) -> Built<(Expr, usize)> {
        self.error(Code::E0111, span, tr!("wrong arguments for `{function}`", "`{function}` の引数が正しくありません")).hint =
            Some(tr!("for example: `{example}`", "例: `{example}`"));
        Err(())
    }
}

/// A whole number literal, possibly negated, within ±28.
pub(super) fn whole_digits(expr: &Expr) -> Option<i32> {
    let (negative, inner) = match &expr.kind {
        ExprKind::Negate(inner) => (true, inner.as_ref()),
        _ => (false, expr),
    };
    let ExprKind::Number(Quantity { value, unit: UnitLiteral::Plain, .. }) = &inner.kind else { return None };
    if !value.fract().is_zero() || value.abs() > Decimal::from(28) {
        return None;
    }
    let digits = i32::try_from(value.mantissa() / 10_i128.pow(value.scale())).ok()?;
    Some(if negative { -digits } else { digits })
}
