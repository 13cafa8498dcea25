//! Expressions as postfix programs over the [`Table`], and the machine that
//! runs them. Every load is a table slot (indicator, year); every operator
//! that can fail names its site, the span of the expression it came from, so
//! that a failure becomes a diagnostic at file:line:column; each program
//! keeps its own span, so that an explanation quotes it as written.

use super::formulas::{self, Arith};
use super::record::Recorder;
use super::table::{Failure, Fault, Table};
use crate::model::{Plan, RuleId, RuleSpec};
use rust_decimal::Decimal;
use shihyo_syntax::ast::{BinaryOp, Expr, ExprKind, Extremum, Name, RuleFigure, SeriesFunction};
use shihyo_syntax::Span;
use std::collections::BTreeSet;

/// The year a load reads.
#[derive(Clone, Copy, Debug)]
enum At {
    /// The year the program is run for.
    Current,
    Fixed(i32),
}

impl At {
    fn year(self, current: i32) -> i32 {
        match self {
            At::Current => current,
            At::Fixed(year) => year,
        }
    }
}

/// Where an operator came from: an index in the compiled plan's sites.
type Site = u32;

/// One instruction of a postfix program.
#[derive(Clone, Debug)]
enum Op {
    Const(Decimal),
    Load {
        rule: usize,
        at: At,
    },
    /// `baseline` in a rule without a base year: missing (that rule's value in the year run for).
    NoBase {
        rule: usize,
    },
    /// `sum`/`avg` over the values present from `first` (default: the plan's start) to `last`.
    Series {
        rule: usize,
        first: Option<i32>,
        last: At,
        average: bool,
        site: Site,
    },
    Negate,
    Binary(BinaryOp, Site),
    /// `Binary` with a constant right operand (`… * 1.5`), fused by [`peephole`].
    BinaryConst(BinaryOp, Decimal, Site),
    /// `Binary` with a loaded right operand (`… / value("総数")`), fused by [`peephole`].
    BinaryLoad(BinaryOp, usize, At, Site),
    Extremum(Extremum, usize),
    Round(i32, Site),
    /// `achievement("name")`, …: a figure of a rule, judged as of the year.
    Figure {
        rule: usize,
        figure: RuleFigure,
        at: At,
    },
}

/// What judges a rule for a program that reads its figures (the compiled plan).
pub trait Judged {
    /// A rule's figure as of a year; [`Fault::Missing`] when it has none then.
    fn figure(&self, table: &Table, rule: usize, figure: RuleFigure, year: i32) -> Result<Decimal, Fault>;
}

/// An expression compiled: its instructions and where it was written.
#[derive(Clone, Debug)]
pub struct Program {
    ops: Vec<Op>,
    /// The expression's span in the plan.
    pub span: Span,
    /// The expression is a number as written (`80%`): an explanation need not repeat its value.
    pub literal: bool,
}

/// Reusable working memory of an evaluation: the programs' stack and the pace line's points.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    pub(crate) stack: Vec<Decimal>,
    pub(crate) points: Vec<(i32, Decimal)>,
}

/// What a program runs against: the table, a stack, the recorder, and the rule
/// and year it is evaluated for (named by a failure).
pub struct Env<'a, R> {
    pub table: &'a Table,
    pub stack: &'a mut Vec<Decimal>,
    pub recorder: &'a mut R,
    /// The plan's first year: where `sum` and `avg` start by default.
    pub start: i32,
    pub rule: u32,
    pub as_of: i32,
    /// What judges the rules whose figures the program reads.
    pub judged: &'a dyn Judged,
}

impl<R: Recorder> Env<'_, R> {
    /// Reads a value, telling the recorder.
    #[inline]
    pub fn load(&mut self, rule: usize, year: i32) -> Result<Decimal, Fault> {
        if R::ACTIVE {
            self.recorder.read(self.table, rule, year);
        }
        let value = self.table.read(rule, year)?;
        if R::ACTIVE {
            self.recorder.input(self.table, rule, year, value);
        }
        Ok(value)
    }

    /// A failure of exact arithmetic at a site.
    pub fn failure(&self, kind: Arith, site: Site) -> Fault {
        Fault::Failed(Failure { kind, site, rule: self.rule, year: self.as_of })
    }

    fn arith<T>(&self, result: Result<T, Arith>, site: Site) -> Result<T, Fault> {
        result.map_err(|kind| self.failure(kind, site))
    }

    fn binary(&self, op: BinaryOp, left: Decimal, right: Decimal, site: Site) -> Result<Decimal, Fault> {
        let result = match op {
            BinaryOp::Add => formulas::add(left, right),
            BinaryOp::Subtract => formulas::subtract(left, right),
            BinaryOp::Multiply => formulas::multiply(left, right),
            BinaryOp::Divide => formulas::divide(left, right),
        };
        self.arith(result, site)
    }
}

impl Program {
    /// Runs the program for a year.
    pub fn run<R: Recorder>(&self, env: &mut Env<'_, R>, year: i32) -> Result<Decimal, Fault> {
        // The commonest targets and derivations (`80%`, `baseline * 150%`, `value(a) / value(b)`)
        // are one or two instructions: those run without the stack.
        match self.ops.as_slice() {
            [Op::Const(value)] => return Ok(*value),
            [Op::Load { rule, at }] => return env.load(*rule, at.year(year)),
            [Op::Load { rule, at }, Op::BinaryConst(op, right, site)] => {
                let left = env.load(*rule, at.year(year))?;
                return env.binary(*op, left, *right, *site);
            }
            [Op::Load { rule, at }, Op::BinaryLoad(op, right, right_at, site)] => {
                let left = env.load(*rule, at.year(year))?;
                let right = env.load(*right, right_at.year(year))?;
                return env.binary(*op, left, right, *site);
            }
            _ => {}
        }
        env.stack.clear();
        for op in &self.ops {
            let value = match op {
                Op::Const(value) => *value,
                Op::Load { rule, at } => env.load(*rule, at.year(year))?,
                Op::NoBase { rule } => return Err(Fault::Missing { rule: *rule as u32, year }),
                Op::Series { rule, first, last, average, site } => {
                    series(env, *rule, first.unwrap_or(env.start), last.year(year), *average, *site)?
                }
                Op::Negate => -pop(env.stack),
                Op::Binary(op, site) => {
                    let right = pop(env.stack);
                    let left = pop(env.stack);
                    env.binary(*op, left, right, *site)?
                }
                Op::BinaryConst(op, right, site) => {
                    let left = pop(env.stack);
                    env.binary(*op, left, *right, *site)?
                }
                Op::BinaryLoad(op, rule, at, site) => {
                    let right = env.load(*rule, at.year(year))?;
                    let left = pop(env.stack);
                    env.binary(*op, left, right, *site)?
                }
                Op::Extremum(function, count) => {
                    let start = env.stack.len() - count;
                    let values = env.stack.drain(start..);
                    let best = match function {
                        Extremum::Min => values.min(),
                        Extremum::Max => values.max(),
                    };
                    best.expect("min and max have two or more arguments")
                }
                Op::Round(digits, site) => {
                    let value = pop(env.stack);
                    formulas::round(value, *digits).ok_or_else(|| env.failure(Arith::Overflow, *site))?
                }
                Op::Figure { rule, figure, at } => {
                    let at = at.year(year);
                    let value = env.judged.figure(env.table, *rule, *figure, at)?;
                    if R::ACTIVE {
                        env.recorder.figure(env.table, *rule, *figure, at, value);
                    }
                    value
                }
            };
            env.stack.push(value);
        }
        Ok(pop(env.stack))
    }

    /// The indicators the program loads.
    pub fn loads(&self) -> impl Iterator<Item = RuleId> + '_ {
        self.ops.iter().filter_map(|op| match op {
            Op::Load { rule, .. } | Op::Series { rule, .. } | Op::BinaryLoad(_, rule, _, _) | Op::Figure { rule, .. } => {
                Some(RuleId(*rule))
            }
            _ => None,
        })
    }
}

/// `sum`/`avg`: the values present in the range, each an input of the figure (a
/// series marks no projection of its own: only single loads do).
fn series<R: Recorder>(env: &mut Env<'_, R>, rule: usize, first: i32, last: i32, average: bool, site: Site) -> Result<Decimal, Fault> {
    let (mut sum, mut count) = (Decimal::ZERO, 0i64);
    for each in first..=last {
        match env.table.read(rule, each) {
            Ok(value) => {
                if R::ACTIVE {
                    env.recorder.input(env.table, rule, each, value);
                }
                sum = env.arith(formulas::add(sum, value), site)?;
                count += 1;
            }
            Err(Fault::Missing { .. }) => {}
            Err(fault) => return Err(fault),
        }
    }
    match (count, average) {
        (0, _) => Err(Fault::Missing { rule: rule as u32, year: last }),
        (_, false) => Ok(sum),
        (_, true) => env.arith(formulas::divide(sum, Decimal::from(count)), site),
    }
}

fn pop(stack: &mut Vec<Decimal>) -> Decimal {
    stack.pop().expect("a compiled program is balanced")
}

/// Fuses a binary operator with the constant or load just before it (its right
/// operand), so that the commonest shapes (`value * 1.5`, `a / b`) dispatch once
/// less and never push their right operand.
fn peephole(program: Vec<Op>) -> Vec<Op> {
    let mut fused: Vec<Op> = Vec::with_capacity(program.len());
    for op in program {
        let merged = match (&op, fused.last()) {
            (Op::Binary(binary, site), Some(Op::Const(value))) => Some(Op::BinaryConst(*binary, *value, *site)),
            (Op::Binary(binary, site), Some(Op::Load { rule, at })) => Some(Op::BinaryLoad(*binary, *rule, *at, *site)),
            _ => None,
        };
        match merged {
            Some(merged) => {
                fused.pop();
                fused.push(merged);
            }
            None => fused.push(op),
        }
    }
    fused
}

/// Turns the plan's expressions into programs.
pub struct Compiler<'p> {
    pub plan: &'p Plan,
    /// Years the programs read, collected so that the table spans them.
    pub years: BTreeSet<i32>,
    /// The span of each site.
    pub sites: Vec<Span>,
}

impl Compiler<'_> {
    pub fn program(&mut self, expr: &Expr, this: RuleId) -> Program {
        let mut ops = Vec::new();
        // Postfix order without recursion: operands are emitted before their
        // operator by walking a stack of (expression, operands emitted?) pairs.
        let mut work: Vec<(&Expr, bool)> = vec![(expr, false)];
        while let Some((expr, expanded)) = work.pop() {
            if expanded {
                let op = self.operator(expr);
                ops.push(op);
                continue;
            }
            match &expr.kind {
                ExprKind::Negate(inner) | ExprKind::Round { value: inner, .. } => {
                    work.push((expr, true));
                    work.push((inner, false));
                }
                ExprKind::Paren(inner) => work.push((inner, false)),
                ExprKind::Binary { lhs, rhs, .. } => {
                    work.push((expr, true));
                    work.push((rhs, false));
                    work.push((lhs, false));
                }
                ExprKind::Extremum { args, .. } => {
                    work.push((expr, true));
                    work.extend(args.iter().rev().map(|arg| (arg, false)));
                }
                _ => {
                    let op = self.leaf(expr, this);
                    ops.push(op);
                }
            }
        }
        Program { ops: peephole(ops), span: expr.span.clone(), literal: matches!(expr.kind, ExprKind::Number(_)) }
    }

    fn site(&mut self, expr: &Expr) -> Site {
        self.sites.push(expr.span.clone());
        u32::try_from(self.sites.len() - 1).unwrap_or(Failure::FIGURE - 1)
    }

    fn operator(&mut self, expr: &Expr) -> Op {
        match &expr.kind {
            ExprKind::Negate(_) => Op::Negate,
            ExprKind::Round { digits, .. } => Op::Round(*digits, self.site(expr)),
            ExprKind::Binary { op, .. } => Op::Binary(*op, self.site(expr)),
            ExprKind::Extremum { function, args } => Op::Extremum(*function, args.len()),
            _ => unreachable!("only operators are expanded"),
        }
    }

    fn resolve(&self, name: &Option<Name>, this: RuleId) -> usize {
        match name {
            None => this.0,
            Some(name) => self.plan.find_key(&name.key).expect("the checker resolved every name").0,
        }
    }

    fn leaf(&mut self, expr: &Expr, this: RuleId) -> Op {
        match &expr.kind {
            ExprKind::Number(quantity) => Op::Const(quantity.value),
            ExprKind::Baseline(Some(year)) => {
                self.years.insert(year.year.number);
                Op::Load { rule: this.0, at: At::Fixed(year.year.number) }
            }
            ExprKind::Baseline(None) => {
                let base = match &self.plan.rule(this).spec {
                    RuleSpec::Measured(m) => m.base_year,
                    _ => self.plan.baseline,
                };
                match base {
                    Some(year) => Op::Load { rule: this.0, at: At::Fixed(year) },
                    None => Op::NoBase { rule: this.0 },
                }
            }
            ExprKind::Value { name, year } => {
                let rule = self.resolve(name, this);
                let at = year.as_ref().map_or(At::Current, |y| At::Fixed(y.year.number));
                self.years.extend(year.as_ref().map(|y| y.year.number));
                Op::Load { rule, at }
            }
            ExprKind::Figure { figure, name, year } => {
                let rule = self.resolve(&Some(name.clone()), this);
                let at = year.as_ref().map_or(At::Current, |y| At::Fixed(y.year.number));
                self.years.extend(year.as_ref().map(|y| y.year.number));
                Op::Figure { rule, figure: *figure, at }
            }
            ExprKind::Series { function, name, range } => {
                let rule = self.resolve(&Some(name.clone()), this);
                let (first, last) = match range {
                    Some(range) => (Some(range.first.year.number), At::Fixed(range.last.year.number)),
                    None => (None, At::Current),
                };
                if let Some(range) = range {
                    self.years.extend([range.first.year.number, range.last.year.number]);
                }
                Op::Series { rule, first, last, average: *function == SeriesFunction::Avg, site: self.site(expr) }
            }
            _ => unreachable!("operators are expanded"),
        }
    }
}
