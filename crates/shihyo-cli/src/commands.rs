//! The subcommands: each reads its files, asks the engine, and prints for a
//! person (table) or a tool (JSON, CSV). Files are written atomically.

use crate::diagnostics;
use crate::input::{add_file, read_bytes, Encoding, Unreadable};
use crate::table;
use crate::Format;
use shihyo_core::model::scenario::ScenarioDef;
use shihyo_core::output::json;
use shihyo_core::syntax::ast::MetaKey;
use shihyo_core::syntax::{format::format, parse, parse_year_cell, tr, Diagnostic, FileId, Lang, Year};
use shihyo_core::{Engine, Options, Project, Report};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Context {
    pub lang: Lang,
    pub format: Format,
}

/// How a command ended (the process exit status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done = 0,
    Failed = 1,
    Usage = 2,
}

impl Context {
    pub(crate) fn usage(&self, message: shihyo_core::syntax::Localized) -> Outcome {
        let prefix = match self.lang {
            Lang::En => "error",
            Lang::Ja => "エラー",
        };
        eprintln!("{prefix}: {}", message.get(self.lang));
        Outcome::Usage
    }

    pub(crate) fn report_diagnostics(&self, engine: &Engine, diagnostics: &[Diagnostic]) {
        if self.format == Format::Json {
            print_json(&json::failure(engine, diagnostics, self.lang));
        } else {
            diagnostics::print(engine, diagnostics, self.lang);
        }
    }
}

/// Writes a machine document as pretty JSON, streamed from its types into the buffer.
pub(crate) fn print_json(value: &impl serde::Serialize) {
    let mut out = crate::stdout::buffered();
    let _ = serde_json::to_writer_pretty(&mut out, value);
    let _ = writeln!(out);
    let _ = out.flush();
}

/// Reads the plan and data files and checks them; their errors are reported here.
pub(crate) fn load(context: &Context, file: &Path, data: &[PathBuf]) -> Result<(Engine, FileId, Project), Outcome> {
    match read_and_check(context, file, data)? {
        Checked::Valid(engine, plan, project) => {
            if !project.warnings.is_empty() && context.format != Format::Json {
                diagnostics::print(&engine, &project.warnings, context.lang);
            }
            Ok((engine, plan, *project))
        }
        Checked::Invalid(engine, _, problems) => {
            context.report_diagnostics(&engine, &problems);
            Err(Outcome::Failed)
        }
    }
}

/// The files read and checked: a project with its warnings, or the errors (none printed).
pub(crate) enum Checked {
    Valid(Engine, FileId, Box<Project>),
    Invalid(Engine, FileId, Vec<Diagnostic>),
}

/// Reads the plan and data files and checks them, printing nothing but a usage error.
pub(crate) fn read_and_check(context: &Context, file: &Path, data: &[PathBuf]) -> Result<Checked, Outcome> {
    let Read { engine, plans, data: data_ids, early } = read_files(context, &[file], data)?;
    let plan = plans[0];
    if early.iter().any(Diagnostic::is_error) {
        return Ok(Checked::Invalid(engine, plan, early));
    }
    // The warnings of reading (a file read as Shift_JIS) go with the checker's, in every format.
    match engine.load(plan, &data_ids) {
        Ok(mut project) => {
            project.warnings.splice(0..0, early);
            Ok(Checked::Valid(engine, plan, Box::new(project)))
        }
        Err(problems) => {
            let mut early = early;
            early.extend(problems);
            Ok(Checked::Invalid(engine, plan, early))
        }
    }
}

/// Plans and data files read into an engine, with what reading them found (text that is
/// not UTF-8, a data file read as Shift_JIS).
pub(crate) struct Read {
    pub engine: Engine,
    pub plans: Vec<FileId>,
    pub data: Vec<FileId>,
    pub early: Vec<Diagnostic>,
}

/// Reads plans (UTF-8) and data files (UTF-8 or Shift_JIS); a file that cannot be read, a
/// data file given as a plan, or one given twice is a usage error.
pub(crate) fn read_files(context: &Context, plans: &[&Path], data: &[PathBuf]) -> Result<Read, Outcome> {
    let is_data = |path: &Path| path.extension().is_some_and(|x| ["csv", "tsv", "json"].iter().any(|d| x.eq_ignore_ascii_case(d)));
    if let Some(file) = plans.iter().find(|file| is_data(file)) {
        let shown = file.display();
        return Err(context.usage(tr!(
            "{shown} is a data file: give the plan (.kpi) first, and the data with `--data {shown}`",
            "{shown} はデータのファイルです。先に計画（.kpi）を、データは `--data {shown}` で指定してください"
        )));
    }
    let canonical = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(twice) = data.iter().enumerate().find(|(index, path)| data[..*index].iter().any(|p| canonical(p) == canonical(path))) {
        let shown = twice.1.display();
        return Err(context.usage(tr!("{shown} is given twice with --data", "{shown} が --data で二度指定されています")));
    }
    let mut engine = Engine::new();
    let mut early = Vec::new();
    let mut add = |engine: &mut Engine, path: &Path, encoding| match add_file(engine, path, encoding) {
        Ok((id, problem)) => {
            early.extend(problem);
            Ok(id)
        }
        Err(Unreadable(message)) => Err(context.usage(message)),
    };
    let plan_ids = plans.iter().map(|path| add(&mut engine, path, Encoding::Utf8)).collect::<Result<Vec<_>, _>>()?;
    let data_ids = data.iter().map(|path| add(&mut engine, path, Encoding::Utf8OrShiftJis)).collect::<Result<Vec<_>, _>>()?;
    Ok(Read { engine, plans: plan_ids, data: data_ids, early })
}

/// Reads a year given on the command line (`--as-of R5`): a wrong year is a usage error.
pub(crate) fn year_argument(context: &Context, flag: &str, text: Option<&str>) -> Result<Option<i32>, Outcome> {
    match text.map(|text| (text, parse_year_cell(text))) {
        None => Ok(None),
        Some((_, Ok(year))) => Ok(Some(year.number)),
        Some((text, Err(error))) => {
            let (en, ja) = (error.message.en, error.message.ja);
            Err(context.usage(tr!("{flag} {text}: {en}", "{flag} {text}: {ja}")))
        }
    }
}

/// Reads `--as-of` (a wrong year is a usage error), then loads the plan and data.
pub(crate) fn load_with_year(
    context: &Context,
    file: &Path,
    data: &[PathBuf],
    as_of: Option<&str>,
) -> Result<(Engine, FileId, Project, Option<i32>), Outcome> {
    let as_of = year_argument(context, "--as-of", as_of)?;
    let (engine, plan_file, project) = load(context, file, data)?;
    let (first, last) = project.plan.period;
    if let Some(year) = as_of.filter(|year| *year < first || *year > last) {
        let calendar = project.plan.calendar;
        let label = |number| Year { number, calendar };
        let style = project.plan.years;
        let (shown, first_en, last_en) = (label(year).shown(style), label(first).shown(style), label(last).shown(style));
        let (shown_ja, first_ja, last_ja) = (label(year).shown_ja(style), label(first).shown_ja(style), label(last).shown_ja(style));
        let note = tr!(
            "note: --as-of {shown} is outside the plan's period {first_en}..{last_en}",
            "注意: --as-of の {shown_ja} は計画の期間（{first_ja}〜{last_ja}）の外です"
        );
        eprintln!("{}", note.get(context.lang));
    }
    if project.data.iter().all(|years| years.is_empty()) {
        let hint = tr!(
            "note: no actuals were given, so every measured rule has no data; add `--data FILE` (CSV or JSON) or a `data` block",
            "注意: 実績が一つもないため、数値のルールはすべて「データなし」です。`--data ファイル`（CSV・JSON）か `data` ブロックで実績を渡してください"
        );
        eprintln!("{}", hint.get(context.lang));
    }
    Ok((engine, plan_file, project, as_of))
}

pub fn check(context: &Context, file: &Path, data: &[PathBuf]) -> Outcome {
    let (engine, _, project) = match load(context, file, data) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let summary = json::check(&engine, &project, context.lang);
    if context.format == Format::Json {
        print_json(&summary);
    } else {
        let (rules, values) = (summary.rules, summary.values);
        let (rules_en, values_en) = (table::counted(rules, "rule"), table::counted(values, "data value"));
        let shown = file.display();
        let message = match project.warnings.len() {
            0 => tr!("{shown}: ok ({rules_en}, {values_en})", "{shown}: 問題ありません（ルール {rules} 件、データ {values} 件）"),
            warnings => {
                let warnings_en = table::counted(warnings, "warning");
                tr!(
                    "{shown}: no errors, {warnings_en} to read ({rules_en}, {values_en})",
                    "{shown}: エラーはありません。警告 {warnings} 件を確かめてください（ルール {rules} 件、データ {values} 件）"
                )
            }
        };
        println!("{}", message.get(context.lang));
    }
    Outcome::Done
}

/// What `eval` and `explain` evaluate: the files, the year, and the scenario.
pub struct Request<'a> {
    pub file: &'a Path,
    pub data: &'a [PathBuf],
    pub as_of: Option<&'a str>,
    pub scenario: Option<&'a str>,
}

/// Evaluates on the actuals, or with `--scenario` on the actuals plus its projections,
/// with the notes on what could not be projected (printed here unless the output is JSON).
fn evaluate(
    context: &Context,
    engine: &Engine,
    project: &Project,
    scenario: Option<&str>,
    options: Options,
) -> Result<(Report, Vec<Diagnostic>), Outcome> {
    let Some(name) = scenario else { return Ok((project.evaluate(options), Vec::new())) };
    let def = find_scenario(context, project, name)?;
    let (report, notes) = project.evaluate_scenario(def, options);
    scenario_notes(context, engine, &notes)?;
    Ok((report, notes))
}

/// The plan's scenario of that name; a usage error naming the plan's scenarios if none.
pub(crate) fn find_scenario<'p>(context: &Context, project: &'p Project, name: &str) -> Result<&'p ScenarioDef, Outcome> {
    project.plan.scenario(name).ok_or_else(|| {
        let names: Vec<&str> = project.plan.scenarios.iter().map(|s| s.name.as_str()).collect();
        let list = names.join(", ");
        context.usage(if names.is_empty() {
            tr!(
                "the plan has no scenario named `{name}` (it has none)",
                "計画に「{name}」というシナリオはありません（シナリオがありません）"
            )
        } else {
            tr!("the plan has no scenario named `{name}`; it has: {list}", "計画に「{name}」というシナリオはありません。あるのは: {list}")
        })
    })
}

/// Prints what a scenario could not project (unless the output is JSON); an error among them fails the command.
pub(crate) fn scenario_notes(context: &Context, engine: &Engine, notes: &[Diagnostic]) -> Result<(), Outcome> {
    if !notes.is_empty() && context.format != Format::Json {
        diagnostics::print(engine, notes, context.lang);
    }
    if notes.iter().any(Diagnostic::is_error) {
        if context.format == Format::Json {
            context.report_diagnostics(engine, notes);
        }
        return Err(Outcome::Failed);
    }
    Ok(())
}

pub fn eval(context: &Context, request: &Request) -> Outcome {
    let (engine, plan_file, project, as_of) = match load_with_year(context, request.file, request.data, request.as_of) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let (report, notes) = match evaluate(context, &engine, &project, request.scenario, Options { as_of, explain: false }) {
        Ok(evaluated) => evaluated,
        Err(outcome) => return outcome,
    };
    match context.format {
        Format::Json => print_json(&json::evaluation(&engine, plan_file, &project, &report, &notes, context.lang)),
        Format::Csv => table::print_csv(&report, &project, context.lang),
        // `main` refuses `html` and `xlsx` for every command but `report`, `markdown` but for `diff`.
        Format::Table | Format::Html | Format::Xlsx | Format::Markdown => {
            table::print_table(&report, &project.plan, context.lang);
            // Rules that could not be evaluated (division by zero, overflow) say where, like any error.
            let rule_errors: Vec<Diagnostic> = report.rules.iter().filter_map(|r| r.diagnostic.clone()).collect();
            diagnostics::print(&engine, &rule_errors, context.lang);
        }
    }
    evaluated(&report.rules)
}

/// An evaluation whose rules all could be evaluated is done; a rule in `error`
/// (division by zero, overflow) is an error in the plan or its data: status 1.
pub(crate) fn evaluated<'a>(rules: impl IntoIterator<Item = &'a shihyo_core::RuleResult>) -> Outcome {
    if rules.into_iter().any(|rule| rule.outcome.status == shihyo_core::Status::Error) {
        Outcome::Failed
    } else {
        Outcome::Done
    }
}

pub fn explain(context: &Context, request: &Request, name: &str) -> Outcome {
    let (engine, plan_file, project, as_of) = match load_with_year(context, request.file, request.data, request.as_of) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let plan = &project.plan;
    let id = match plan.find(name) {
        Some(id) => id,
        None => {
            let key = shihyo_core::syntax::name_key(name);
            let matches: Vec<_> = plan.rules.iter().enumerate().filter(|(_, r)| r.key.contains(&key)).collect();
            match matches.as_slice() {
                [(index, _)] => shihyo_core::RuleId(*index),
                [] => {
                    let suggestion = shihyo_core::syntax::closest(&key, plan.rules.iter().map(|r| r.key.as_str()))
                        .and_then(|key| plan.rules.iter().find(|r| r.key == key));
                    return context.usage(match suggestion {
                        Some(rule) => {
                            let close = &rule.name;
                            tr!(
                                "no rule is named `{name}`; did you mean `{close}`?",
                                "「{name}」という名前のルールはありません。「{close}」のことですか？"
                            )
                        }
                        None => tr!(
                            "no rule is named `{name}`; `shihyo eval` lists the rules",
                            "「{name}」という名前のルールはありません。ルールの一覧は `shihyo eval` で見られます"
                        ),
                    });
                }
                many => {
                    let list = many.iter().map(|(_, r)| r.name.as_str()).collect::<Vec<_>>().join(" / ");
                    return context
                        .usage(tr!("`{name}` matches several rules: {list}", "「{name}」に当てはまるルールが複数あります: {list}"));
                }
            }
        }
    };
    let report = match evaluate(context, &engine, &project, request.scenario, Options { as_of, explain: true }) {
        Ok((report, _)) => report,
        Err(outcome) => return outcome,
    };
    let result = report.rule(id);
    if context.format == Format::Json {
        print_json(&json::explanation(&engine, plan_file, &project, &report, id, context.lang));
        return evaluated([result]);
    }
    let rule = plan.rule(id);
    let as_of_label = report.as_of.shown_in(plan.years, context.lang);
    let mut out = crate::stdout::buffered();
    let _ = writeln!(out, "{}  ({})", rule.name, engine.source(plan_file).place(rule.span.start));
    let heading = tr!("as of {as_of_label}", "{as_of_label}時点");
    let _ = writeln!(out, "  {}", heading.get(context.lang));
    for (key, value) in &rule.meta {
        let label = match (context.lang, key) {
            (Lang::Ja, MetaKey::Source) => "出典",
            (Lang::Ja, MetaKey::Basis) => "根拠",
            (Lang::Ja, MetaKey::Id) => "番号",
            (Lang::Ja, MetaKey::Owner) => "担当",
            (Lang::Ja, MetaKey::Note) => "備考",
            (Lang::En, key) => key.keyword(),
        };
        let _ = writeln!(out, "  {label}: {value}");
    }
    let _ = writeln!(out);
    for step in &result.steps {
        let label = table::pad(shihyo_core::output::display::field_label(step.field, context.lang), 16);
        let _ = writeln!(out, "  {label} {}", step.text.get(context.lang));
        for input in &step.inputs {
            let at = input.origin.as_ref().map_or_else(
                || match context.lang {
                    Lang::En => "(computed)".to_string(),
                    Lang::Ja => "（計算値）".to_string(),
                },
                |origin| engine.source(origin.file).place(origin.span.start),
            );
            let value = shihyo_core::output::display::quantity_shown(input.value, &plan.rule(input.rule).unit, plan.rates);
            let projected = match (input.projected, context.lang) {
                (false, _) => "",
                (true, Lang::En) => " (projected)",
                (true, Lang::Ja) => "（予測値）",
            };
            let _ = writeln!(out, "  {}   · {} = {value}{projected}  {at}", table::pad("", 16), input.label);
        }
    }
    let status = result.outcome.status.label(context.lang);
    let grade = result.grade.clone().unwrap_or_else(|| "—".to_string());
    let summary = tr!("→ status: {status}, grade: {grade}", "→ 状況: {status}、評価: {grade}");
    let _ = writeln!(out, "\n  {}", summary.get(context.lang));
    if let Some(remarks) = result.outcome.year.and_then(|year| project.remarks.get(&(id, year))) {
        let _ = writeln!(out);
        let said = [
            ("comment", "評価コメント", &remarks.comment),
            ("outlook", "今後の方向性", &remarks.outlook),
            ("owner", "所管課", &remarks.owner),
        ];
        for (en, ja, text) in said {
            if let Some(text) = text {
                let label = if context.lang == Lang::Ja { ja } else { en };
                let _ = writeln!(out, "  {label}: {text}");
            }
        }
    }
    if let Some(diagnostic) = &result.diagnostic {
        drop(out);
        diagnostics::print(&engine, std::slice::from_ref(diagnostic), context.lang);
    }
    evaluated([result])
}

pub fn fmt(context: &Context, file: &Path, check: bool, write: bool) -> Outcome {
    let mut engine = Engine::new();
    let (id, problem) = match add_file(&mut engine, file, Encoding::Utf8) {
        Ok(added) => added,
        Err(Unreadable(message)) => return context.usage(message),
    };
    if let Some(problem) = problem {
        context.report_diagnostics(&engine, &[problem]);
        return Outcome::Failed;
    }
    let source = engine.source(id);
    let parsed = parse(source, id);
    let Some(formatted) = format(source, &parsed) else {
        context.report_diagnostics(&engine, &parsed.diagnostics);
        return Outcome::Failed;
    };
    let unchanged = formatted == source.original();
    if check {
        if unchanged {
            return Outcome::Done;
        }
        let shown = file.display();
        eprintln!(
            "{}",
            tr!(
                "{shown} is not formatted (run `shihyo fmt --write {shown}`)",
                "{shown} は整形されていません（`shihyo fmt --write {shown}` で整形できます）"
            )
            .get(context.lang)
        );
        return Outcome::Failed;
    }
    if write {
        if !unchanged {
            if let Err(error) = write_atomically(file, &formatted) {
                let (shown, reason) = (file.display(), error.to_string());
                eprintln!("{}", tr!("cannot write {shown}: {reason}", "{shown} に書き込めません: {reason}").get(context.lang));
                return Outcome::Failed;
            }
        }
        return Outcome::Done;
    }
    print!("{formatted}");
    Outcome::Done
}

/// Writes through a temporary file in the same folder, then renames it over the target.
pub(crate) fn write_atomically(path: &Path, text: impl AsRef<[u8]>) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    // A new file is readable as any file the user makes (0666 less the umask), not
    // private to them as temporary files are; a replaced file keeps its permissions.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder)?;
    temporary.write_all(text.as_ref())?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temporary.path(), metadata.permissions());
    }
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The fiscal year of today's date (UTC), for a draft whose sentences name no year.
/// `SOURCE_DATE_EPOCH` (seconds), the convention of reproducible builds, stands in
/// for today when it is set, so that a draft can be made the same on any day.
fn this_fiscal_year() -> i32 {
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let seconds = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(now);
    let today = chrono::DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0).unwrap_or_default().date_naive();
    Year::fiscal_containing(today).number
}

pub fn import(context: &Context, file: &Path, output: Option<&Path>, force: bool) -> Outcome {
    let shown = file.display().to_string();
    let Some(format) = shihyo_import::Format::from_name(&shown) else {
        return context.usage(tr!(
            "{shown}: import reads .tsv, .csv, .xlsx and .txt files",
            "{shown}: 取り込めるのは .tsv、.csv、.xlsx、.txt のファイルです"
        ));
    };
    if let Some(output) = output.filter(|o| o.exists() && !force) {
        let target = output.display();
        return context
            .usage(tr!("{target} exists; add --force to replace it", "{target} は既にあります。置き換えるには --force を付けてください"));
    }
    let bytes = match read_bytes(file) {
        Ok(bytes) => bytes,
        Err(Unreadable(message)) => return context.usage(message),
    };
    let name = file.file_stem().map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned());
    let imported = match shihyo_import::import(&bytes, format, &name, this_fiscal_year()) {
        Ok(draft) => {
            if draft.from_shift_jis {
                let note = tr!(
                    "note: {shown} is not UTF-8; it was read as Shift_JIS",
                    "注意: {shown} は UTF-8 ではないため、Shift_JIS として読みました"
                );
                eprintln!("{}", note.get(context.lang));
            }
            draft.imported
        }
        Err(shihyo_import::Unreadable(reason)) => {
            let (en, ja) = (reason.en, reason.ja);
            eprintln!("{}", tr!("error: {shown}: {en}", "エラー: {shown}: {ja}").get(context.lang));
            return Outcome::Failed;
        }
    };
    if imported.rules == 0 {
        let message = if String::from_utf8_lossy(&bytes).trim().is_empty() {
            tr!("error: {shown} is empty", "エラー: {shown} は空です")
        } else {
            tr!(
                "error: {shown} holds no indicator sentence to draft a rule from (a file of actuals is read with `eval --data`)",
                "エラー: {shown} には、ルールにできる指標の文がありません（実績のファイルは `eval --data` で読みます）"
            )
        };
        eprintln!("{}", message.get(context.lang));
        return Outcome::Failed;
    }
    // The draft must check as it is; if it does not, that is a bug worth showing.
    let mut engine = Engine::new();
    let draft_name = output.map_or_else(|| format!("{name}.kpi"), |o| o.display().to_string());
    let id = engine.add_source(draft_name, imported.text.clone());
    if let Err(problems) = engine.load(id, &[]) {
        context.report_diagnostics(&engine, &problems);
        return Outcome::Failed;
    }
    match output {
        Some(output) => {
            if let Err(error) = write_atomically(output, &imported.text) {
                let (target, reason) = (output.display(), error.to_string());
                eprintln!("{}", tr!("cannot write {target}: {reason}", "{target} に書き込めません: {reason}").get(context.lang));
                return Outcome::Failed;
            }
        }
        None => print!("{}", imported.text),
    }
    let (rules, review) = (imported.rules, imported.review);
    let rules_en = table::counted(rules, "rule");
    let summary = if review == 0 {
        tr!("{rules_en} drafted", "ルール {rules} 件を下書きしました")
    } else {
        tr!(
            "{rules_en} drafted; check the // 要確認 notes of {review} of them",
            "ルール {rules} 件を下書きしました。うち {review} 件は // 要確認 の箇所を確かめてください"
        )
    };
    eprintln!("{}", summary.get(context.lang));
    Outcome::Done
}
