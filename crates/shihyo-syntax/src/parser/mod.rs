//! From text to the typed AST: the pest grammar (`grammar/shihyo.pest`) and
//! the builder that turns its pairs into [`ast`](crate::ast) nodes.
//!
//! Parsing is done per top-level statement (see [`crate::lexical`]),
//! so a file with several mistakes reports several. Literals are read here
//! (years, exact numbers), and so are function calls, whose names and argument
//! shapes are part of the language: an unknown function is a syntax error with
//! a suggestion, not a runtime surprise.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, Localized};
use crate::lexical::{self, MAX_NESTING};
use crate::number::UnitLiteral;
use crate::source::{FileId, Source, Span};
use crate::tr;
use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

mod cells;
mod errors;
mod expressions;
mod items;
mod literals;

pub use cells::{parse_cell, parse_year_cell};

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/shihyo.pest"]
    pub struct Grammar;
}
use crate::code::Code;
use grammar::{Grammar, Rule as Syntax};

/// What separates tokens.
const BLANKS: [char; 4] = [' ', '\t', '\r', '\n'];

/// The largest source accepted (16 MiB).
pub const MAX_SOURCE_BYTES: usize = 16 << 20;

/// The deepest expression tree accepted (operators in a chain, nested calls).
pub const MAX_EXPRESSION_DEPTH: usize = 256;

/// The result of parsing one file: the tree (of what parsed), the comments, and what went wrong.
#[derive(Debug)]
pub struct Parsed {
    /// The tree of every statement that parsed; a statement with a syntax error is left out.
    pub file: File,
    /// Comment spans in the original text, in order.
    pub comments: Vec<Span>,
    /// The syntax errors, each with its span in the original text.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Whether any diagnostic is an error; a file with errors is not checked (its errors would cascade).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses one `.kpi` file (a plan, or a file of `data` blocks); `file` is the id its diagnostics
/// carry. It never fails: each top-level statement is parsed on its own, so one syntax error does
/// not hide the next, and an input too large (E0005) or nested too deep (E0004) gives an empty tree.
pub fn parse(source: &Source, file: FileId) -> Parsed {
    let mut builder = Builder { source, file, offset: 0, comments: Vec::new(), diagnostics: Vec::new() };
    let text = source.normalized();
    if let Some(too_large) = too_large(source, file) {
        builder.diagnostics.push(too_large);
        return Parsed { file: File { items: Vec::new() }, comments: Vec::new(), diagnostics: builder.diagnostics };
    }
    let scan = lexical::scan(text);
    let comments = scan.comments.iter().map(|c| source.span_to_original(c.clone())).collect();
    if let Some(at) = scan.too_deep {
        let span = source.span_to_original(at..at + 1);
        builder.diagnostics.push(
            Diagnostic::error(
                Code::E0004,
                file,
                span,
                tr!("nesting deeper than {MAX_NESTING} levels", "入れ子が {MAX_NESTING} 段を超えています"),
            )
            .with_hint(tr!("split the group or expression", "グループや式を分けてください")),
        );
        return Parsed { file: File { items: Vec::new() }, comments, diagnostics: builder.diagnostics };
    }
    builder.comments = scan.comments.clone();
    let mut bounds: Vec<usize> = std::iter::once(0).chain(scan.statement_starts.iter().copied()).collect();
    bounds.dedup();
    bounds.push(text.len());
    let mut items = Vec::new();
    for window in bounds.windows(2) {
        let (start, end) = (window[0], window[1]);
        builder.offset = start;
        match Grammar::parse(Syntax::file, &text[start..end]) {
            Ok(mut pairs) => {
                let file_pair = pairs.next().expect("the file rule always yields one pair");
                for pair in file_pair.into_inner() {
                    if pair.as_rule() != Syntax::EOI {
                        if let Some(item) = builder.item(pair) {
                            items.push(item);
                        }
                    }
                }
            }
            Err(error) => builder.syntax_error(&error, start, end),
        }
    }
    if let Some(first) = scan.unpaired.first() {
        // The grammar's errors from the first unpaired bracket on are its consequences.
        let from = source.span_to_original(first.at()..first.at()).start;
        builder.diagnostics.retain(|d| d.code != Code::E0001 || d.span.start < from);
        for unpaired in scan.unpaired.iter().take(MAX_UNPAIRED_SHOWN) {
            builder.unpaired_error(*unpaired);
        }
        builder.diagnostics.sort_by_key(|d| d.span.start);
    }
    Parsed { file: File { items }, comments, diagnostics: builder.diagnostics }
}

/// The most unpaired brackets reported: past the first few, each is likely the last one's echo.
const MAX_UNPAIRED_SHOWN: usize = 3;

/// E0005 for a plan or data file larger than [`MAX_SOURCE_BYTES`].
pub fn too_large(source: &Source, file: FileId) -> Option<Diagnostic> {
    let limit = MAX_SOURCE_BYTES >> 20;
    (source.normalized().len() > MAX_SOURCE_BYTES).then(|| {
        Diagnostic::error(Code::E0005, file, 0..0, tr!("the file is larger than {limit} MiB", "ファイルが {limit} MiB を超えています"))
    })
}

struct Builder<'s> {
    source: &'s Source,
    file: FileId,
    /// Where the chunk being built starts in the normalised text.
    offset: usize,
    /// Comment ranges in the normalised text, in order.
    comments: Vec<Span>,
    diagnostics: Vec<Diagnostic>,
}

type Built<T> = Result<T, ()>;

impl Builder<'_> {
    /// The original span of a pair. pest lets a rule that ends in an optional
    /// part take the white space and comments after it, so the end is moved
    /// back to the rule's last token.
    fn span(&self, pair: &Pair<Syntax>) -> Span {
        let span = pair.as_span();
        let start = self.offset + span.start();
        let end = end_of_last_token(self.source.normalized(), self.offset + span.end(), &self.comments).max(start);
        self.source.span_to_original(start..end)
    }

    fn error(&mut self, code: Code, span: Span, message: Localized) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(code, self.file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Builds every child, so that each reports its own errors, and fails if any failed.
    fn every<'i, T>(
        &mut self,
        children: impl Iterator<Item = Pair<'i, Syntax>>,
        mut build: impl FnMut(&mut Self, Pair<'i, Syntax>) -> Built<T>,
    ) -> Built<Vec<T>> {
        let built: Vec<Built<T>> = children.map(|child| build(self, child)).collect();
        built.into_iter().collect()
    }
}

enum Argument {
    Year(YearLit),
    Range(YearRange),
    Name(Name),
    Expr(Expr, usize),
}

/// The last child of a pair (the operand after a keyword).
fn last_inner(pair: Pair<Syntax>) -> Built<Pair<Syntax>> {
    pair.into_inner().last().ok_or(())
}

/// The first child of a pair that is a `rule`.
fn inner_rule(pair: Pair<Syntax>, wanted: Syntax) -> Built<Pair<Syntax>> {
    pair.into_inner().find(|child| child.as_rule() == wanted).ok_or(())
}

fn first_inner(pair: Pair<Syntax>) -> Built<Pair<Syntax>> {
    pair.into_inner().next().ok_or(())
}

fn comparator_of(text: &str) -> Comparator {
    match text {
        ">=" | "≥" | "≧" => Comparator::AtLeast,
        "<=" | "≤" | "≦" => Comparator::AtMost,
        ">" => Comparator::Above,
        "<" => Comparator::Below,
        _ => Comparator::Equal,
    }
}

/// The end of the last token before `at`, skipping white space and comments.
fn end_of_last_token(text: &str, mut at: usize, comments: &[Span]) -> usize {
    loop {
        let trimmed = text[..at].trim_end_matches(BLANKS).len();
        let index = comments.partition_point(|c| c.end < trimmed);
        match comments.get(index) {
            Some(comment) if comment.end == trimmed && comment.start < trimmed => at = comment.start,
            _ => return trimmed,
        }
    }
}

/// A value read from one cell of a data file (`12,400`, `△84`, `82.5%`, `done`, `grade B`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    /// A number and the unit written after it; the value in base units (円, a plain ratio for `%`:
    /// `82.5%` is 0.825). A bare number stays [`UnitLiteral::Plain`]: the checker gives it the
    /// indicator's unit.
    Number(Decimal, UnitLiteral),
    /// `done`: the milestone happened in that year.
    Done,
    /// `grade B`: a qualitative rule's hand grade, its name as written (quotes removed).
    Grade(String),
}
