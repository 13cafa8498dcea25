//! `shihyo`: check, evaluate, explain and format indicator plans.
//!
//! Exit status: 0 when the command did its job (even if targets are missed),
//! 1 when the plan or data has errors, 2 for a wrong command line.

mod commands;
mod diagnostics;
mod diff;
mod input;
mod report;
mod rollup;
mod side_by_side;
mod simulation;
mod stdout;
mod table;
mod testing;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use shihyo_core::syntax::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "shihyo", version, about = "Rules language and exact evaluator for the targets in government plans (指標)")]
struct Cli {
    /// Language of messages and tables (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a plan (and its data) for errors.
    Check {
        file: PathBuf,
        /// Data files (CSV long or wide, TSV, JSON, or .kpi data blocks).
        #[arg(long = "data", short = 'd')]
        data: Vec<PathBuf>,
    },
    /// Evaluate a plan against its actuals.
    Eval {
        file: PathBuf,
        #[arg(long = "data", short = 'd')]
        data: Vec<PathBuf>,
        /// The evaluation year (R5, 令和5年度, FY2023); default: the latest year with data.
        #[arg(long)]
        as_of: Option<String>,
        /// Evaluate on the actuals plus this scenario's projections (marked `*`); given two or
        /// more times, the actuals alone and each scenario side by side, with a summary.
        #[arg(long)]
        scenario: Vec<String>,
    },
    /// Explain, step by step, how each figure of one rule was computed.
    Explain {
        file: PathBuf,
        /// The rule's name, or a part of it that names one rule.
        rule: String,
        #[arg(long = "data", short = 'd')]
        data: Vec<PathBuf>,
        #[arg(long)]
        as_of: Option<String>,
        /// Explain the figure under this scenario's projections.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Run a plan's Monte Carlo simulation: the chance of reaching each target, and bands of each drawn indicator.
    Simulate {
        file: PathBuf,
        #[arg(long = "data", short = 'd')]
        data: Vec<PathBuf>,
        /// The `simulation` to run (default: the plan's only one); given twice or more, their
        /// chances side by side, with a summary.
        #[arg(long)]
        simulation: Vec<String>,
        /// Runs (default: the simulation's `runs`, else 10,000).
        #[arg(long)]
        runs: Option<u64>,
        /// Seed of the generator (default: the simulation's `seed`, else 0).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Write the annual progress report (進捗状況・評価結果): `--format html` (one file that prints on A4) or `xlsx`.
    Report {
        file: PathBuf,
        #[arg(long = "data", short = 'd')]
        data: Vec<PathBuf>,
        /// The year reported on (R5, 令和5年度, FY2023); default: the latest year with data.
        #[arg(long)]
        as_of: Option<String>,
        /// Compare with the evaluation as of this earlier year: statuses and grades then and now.
        #[arg(long)]
        previous: Option<String>,
        /// Report on the actuals plus this scenario's projections (marked `*`, dashed in the charts).
        #[arg(long)]
        scenario: Option<String>,
        /// The file to write (replaced atomically); `--format` defaults to its extension (.html, .xlsx).
        #[arg(long, short = 'o')]
        output: PathBuf,
    },
    /// Evaluate many plans and roll them up (`aggregate "…" { plans "roster.csv"  by "都道府県" … }`): counts by status, grades, and chosen indicators summed or averaged, by each key of the roster and in all; on every core.
    Rollup {
        /// The aggregate's file (.kpi).
        file: PathBuf,
        /// Evaluate every plan as of this year (over the aggregate's `as of`).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Run the tests written in plans (`test "…" { … }`): each case passed or failed, and what the tests reached.
    Test {
        /// Plans (.kpi) whose tests to run.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Compare a revision of a plan with the version before it: rules added, removed, renamed and changed, and on the same actuals every status and grade that changes (`--format table|json|markdown`).
    Diff {
        /// The version before (.kpi).
        old: PathBuf,
        /// The revised version (.kpi).
        new: PathBuf,
        /// The actuals both are evaluated on (under either version's names).
        #[arg(long = "data", short = 'd')]
        data: Vec<PathBuf>,
        /// The year both are evaluated as of (default: the latest year with data).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Draft a plan from a table of indicator sentences (.tsv, .csv, .xlsx) or a text file (.txt, one per line).
    Import {
        file: PathBuf,
        /// Write the draft to this file (atomically) instead of printing it.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Serve the Language Server Protocol on stdin and stdout, for editors: diagnostics, hover with the evaluated figures, completion, go to definition, references, rename, formatting, outline, code lenses, quick fixes.
    Lsp,
    /// Print the completion script of `shihyo` for a shell (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page of `shihyo` (roff, for `man -l -`).
    Man,
    /// Print a plan in canonical layout (comments kept).
    Fmt {
        file: PathBuf,
        /// Exit with status 1 if the file is not formatted.
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// Replace the file (atomically) with its formatted text.
        #[arg(long)]
        write: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    /// The annual report as one HTML file (`report` only).
    Html,
    /// The annual report as an Excel workbook (`report` only).
    Xlsx,
    /// Markdown for a council document (`diff` only).
    Markdown,
}

/// The message language from the environment: Japanese for a `ja` locale.
fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .map_or(Lang::En, |value| if value.starts_with("ja") { Lang::Ja } else { Lang::En })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => locale_lang(),
    };
    let context = commands::Context { lang, format: cli.format };
    if matches!(cli.format, Format::Html | Format::Xlsx) && !matches!(cli.command, Command::Report { .. }) {
        let outcome = context.usage(shihyo_core::syntax::tr!(
            "--format html and --format xlsx are for `shihyo report`",
            "--format html と --format xlsx は `shihyo report` で使います"
        ));
        return ExitCode::from(outcome as u8);
    }
    if cli.format == Format::Markdown && !matches!(cli.command, Command::Diff { .. }) {
        let outcome = context
            .usage(shihyo_core::syntax::tr!("--format markdown is for `shihyo diff`", "--format markdown は `shihyo diff` で使います"));
        return ExitCode::from(outcome as u8);
    }
    let outcome = match cli.command {
        Command::Check { file, data } => commands::check(&context, &file, &data),
        Command::Eval { file, data, as_of, scenario } if scenario.len() > 1 => side_by_side::compare(
            &context,
            &side_by_side::SideBySide { file: &file, data: &data, as_of: as_of.as_deref(), scenarios: &scenario },
        ),
        Command::Eval { file, data, as_of, scenario } => commands::eval(
            &context,
            &commands::Request { file: &file, data: &data, as_of: as_of.as_deref(), scenario: scenario.first().map(String::as_str) },
        ),
        Command::Explain { file, rule, data, as_of, scenario } => commands::explain(
            &context,
            &commands::Request { file: &file, data: &data, as_of: as_of.as_deref(), scenario: scenario.as_deref() },
            &rule,
        ),
        Command::Simulate { file, data, simulation, runs, seed } => simulation::simulate(
            &context,
            &simulation::SimulationRequest { file: &file, data: &data, simulations: &simulation, runs, seed },
        ),
        Command::Report { file, data, as_of, previous, scenario, output } => report::report(
            &context,
            &report::ReportRequest {
                file: &file,
                data: &data,
                as_of: as_of.as_deref(),
                previous: previous.as_deref(),
                scenario: scenario.as_deref(),
                output: &output,
            },
        ),
        Command::Diff { old, new, data, as_of } => {
            diff::diff(&context, &diff::DiffRequest { old: &old, new: &new, data: &data, as_of: as_of.as_deref() })
        }
        Command::Rollup { file, as_of } => rollup::rollup(&context, &rollup::RollupRequest { file: &file, as_of: as_of.as_deref() }),
        Command::Test { files } => testing::test(&context, &files),
        Command::Fmt { file, check, write } => commands::fmt(&context, &file, check, write),
        Command::Import { file, output, force } => commands::import(&context, &file, output.as_deref(), force),
        Command::Lsp => match shihyo_lsp::serve_stdio(cli.lang.map(|lang| match lang {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        })) {
            Ok(shihyo_lsp::Ending::Exit) => commands::Outcome::Done,
            // `exit` without `shutdown`, or the input closed: the protocol's exit status 1.
            Ok(shihyo_lsp::Ending::Abrupt) => commands::Outcome::Failed,
            Err(error) => {
                let message = shihyo_core::syntax::tr!("the editor's connection failed: {error}", "エディタとの接続が切れました: {error}");
                eprintln!("{}", message.get(lang));
                commands::Outcome::Failed
            }
        },
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "shihyo", &mut std::io::stdout());
            commands::Outcome::Done
        }
        Command::Man => match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
            Ok(()) => commands::Outcome::Done,
            Err(error) => {
                context.usage(shihyo_core::syntax::tr!("cannot write the manual page: {error}", "マニュアルを書き出せません: {error}"))
            }
        },
    };
    ExitCode::from(outcome as u8)
}
