// Generated from docs/schema/*.json by crates/xtask/tests/typescript.rs: do not edit.
// The documents the package answers with and the requests it is given, as the Rust types
// that write and read them say.

/** The formula for 達成率 (achievement), from the header's `achievement` setting. */
export type AchievementFormula = "ratio" | "progress";

/** Which actual a rule compares with its target: `total` in `outcome "効果額" total >= 298,513千円`. */
export type Aggregate = "value" | "total" | "total_recurring" | "average";

/** Percentiles of a drawn (or derived) indicator in a year. */
export interface Band {
  /** The indicator's name. */
  name: string;
  /** The indicator's unit: `"円"` for money, `"%"`, the count word (`"件"`), or null for a plain number. */
  unit?: string | null;
  /** The year the values are of. */
  year: Year;
  /** Whether this year's values are drawn (`true`), or the actuals, the same in every run (`false`). */
  projected: boolean;
  /** The runs (of those sampled) with a value in this year. */
  runs: number;
  /** The 5th percentile (nearest rank: one of the values drawn), as an exact decimal in base units; null when no run has a value. */
  p5?: string | null;
  /** The 25th percentile (nearest rank), as an exact decimal in base units; null when no run has a value. */
  p25?: string | null;
  /** The median (nearest rank), as an exact decimal in base units; null when no run has a value. */
  p50?: string | null;
  /** The 75th percentile (nearest rank), as an exact decimal in base units; null when no run has a value. */
  p75?: string | null;
  /** The 95th percentile (nearest rank), as an exact decimal in base units; null when no run has a value. */
  p95?: string | null;
}

/** A rule's chance of reaching its target. */
export interface Chance {
  /** The rule's name. */
  name: string;
  /** The year the rule is judged in; null for an `any`/`all`. */
  target_year?: Year | null;
  /** The share of runs in which the rule is `achieved` in its target year, as an exact decimal (`"0.3105"` is 621 runs of 2,000). */
  probability: string;
  /** The Monte Carlo standard error of `probability`, √(p(1 − p) / runs), as a decimal rounded to 6 places. */
  standard_error: string;
  /** Runs by the status reached. */
  statuses: Counts;
  /** Runs by the first year the target was met. */
  first_met: FirstMet[];
  /** Runs in which no year up to the target year meets the final target. */
  never_met: number;
  /** Whether the rule reads anything drawn. */
  varies: boolean;
}

/** A plan that checks, with its warnings. */
export interface Check {
  /** Always `true`. */
  ok: boolean;
  /** Rules as the evaluation's summary counts them (an `any`/`all` once). */
  rules: number;
  /** Values of the data. */
  values: number;
  /** The plan's and the data's warnings; `[]` when there are none. */
  diagnostics: Diagnostic[];
}

/** A stable diagnostic code: `E…` for errors, `W…` for warnings. */
export type Code = "E0001" | "E0002" | "E0004" | "E0005" | "E0006" | "W0007" | "E0008" | "E0012" | "E0013" | "E0015" | "E0101" | "E0102" | "E0103" | "E0104" | "E0105" | "E0106" | "E0107" | "E0110" | "E0111" | "E0112" | "E0201" | "E0202" | "E0203" | "E0204" | "E0206" | "E0210" | "E0211" | "E0212" | "E0213" | "E0214" | "E0215" | "E0216" | "E0217" | "E0218" | "E0219" | "E0220" | "E0230" | "E0231" | "E0232" | "W0233" | "W0234" | "W0235" | "W0236" | "E0240" | "E0241" | "E0242" | "E0250" | "E0251" | "E0252" | "E0253" | "E0254" | "E0255" | "E0256" | "W0260" | "E0270" | "E0271" | "E0272" | "E0280" | "E0281" | "E0282" | "E0301" | "E0302";

/** A comparison between an actual and a target; also a grade step's and an expectation's. */
export type Comparator = ">=" | "<=" | ">" | "<" | "==";

/** How an `any`/`all` block judges its members. */
export type CompositeMode = "any" | "all";

/** Counts by status, in the order of the statuses (an object: `{ "achieved": 3 }`). */
export interface Counts {
  achieved?: number;
  behind?: number;
  done?: number;
  error?: number;
  no_data?: number;
  not_achieved?: number;
  on_track?: number;
  overdue?: number;
  pending?: number;
  qualitative?: number;
  tbd?: number;
  tracked?: number;
}

/** What a file's tests reached. */
export interface Coverage {
  /** Rules of the plan. */
  rules: number;
  /** Rules an expectation names. */
  checked: number;
  /** Every rule: whether an expectation names it, and the statuses it took in the cases run. */
  by_rule: RuleCoverage[];
}

/** A problem found in a plan or a data file. Lines and columns count from 1 (columns in
characters); `start` and `end` are byte offsets in the file. */
export interface Diagnostic {
  /** `error` or `warning`. */
  severity: Severity;
  /** The stable code (`E0231`, `W0233`), the same in every language (reference §10). */
  code: Code;
  /** What is wrong, in the `--lang` language. */
  message: string;
  /** What was probably meant. */
  hint?: string | null;
  /** The name of the file it is in (the plan or a data file), as it was given. */
  file: string;
  /** The line of the problem's first character, from 1. */
  line: number;
  /** The column of the problem's first character, from 1, in characters (a full-width one counts as one). */
  column: number;
  /** The line of the place just after the problem's last character, from 1. */
  end_line: number;
  /** The column of the place just after the problem's last character, from 1, in characters. */
  end_column: number;
  /** The byte offset of the problem's first byte in the file as written (UTF-8). */
  start: number;
  /** The byte offset just after the problem's last byte in the file as written (UTF-8). */
  end: number;
  /** Further places that explain it ("first defined here"). */
  related: Related[];
}

/** What `evaluate`, `scenario` and `explain` are given besides the rule. Any other field is refused. */
export interface EvaluateRequest {
  /** The evaluation year: `R5`, `令和5年度`, `FY2023` (default: the latest year with data). */
  asOf?: string | null;
  /** Evaluate on the actuals plus this scenario's projections. */
  scenario?: string | null;
}

/** An evaluation: the plan, every rule's figures, the groups and the summary. */
export interface Evaluation {
  /** The plan's header. */
  plan: PlanHeader;
  /** The year evaluated as of (reference §7.1): `--as-of`, else the latest year with any data, else the plan's first year. */
  as_of: Year;
  /** The scenario whose projections were evaluated with the actuals. */
  scenario?: string | null;
  /** Every rule's figures, in file order, the members of `any`/`all` blocks included. */
  rules: Rule[];
  /** The plan's top-level groups, each holding its inner groups. */
  groups: Group[];
  /** The whole plan's counts by status and its overall grade. */
  summary: Summary;
  /** The checker's warnings, a scenario's notes, and the rules that could not be
evaluated (absent from a report written without them). */
  diagnostics?: Diagnostic[] | null;
}

/** One rule's explanation: its figures and the steps that computed them. */
export interface Explanation {
  /** The rule's figures, as in an evaluation's `rules`. */
  rule: Rule;
  /** The steps that computed them, in order. */
  steps: Step[];
}

/** What a host answers when the plan or data has errors. */
export interface Failure {
  /** Always `false`. */
  ok: boolean;
  /** Every error found, with the warnings found beside them, file by file in the order they stand. */
  diagnostics: Diagnostic[];
}

/** The figure an expectation checks. */
export type Field = "status" | "grade" | "achievement" | "progress" | "pace" | "actual" | "expected" | "target" | "baseline";

/** Runs that first met a target in a year. */
export interface FirstMet {
  /** The year in which the actual first meets the final target. */
  year: Year;
  /** How many runs first meet it in that year. */
  runs: number;
}

/** A group with its counts, grade, inner groups and rules. */
export interface Group {
  /** The group's id (`"1-1"` in `group "1-1" "…"`); null for a group written with a title only. */
  id?: string | null;
  /** The group's title. */
  title: string;
  /** The ids (titles for groups without an id) from the top, joined by `/` (`"1/1-1"`). */
  path: string;
  /** How many of its rules, its inner groups' included, have each status (an `any`/`all` once); statuses no rule has are left out. */
  counts: Counts;
  /** The group's grade, rolled up from its rules (reference §7.9); null when none of them has a grade. */
  grade?: string | null;
  /** The points of its rules, summed (reference §7.9), as an exact decimal; null when none scores points; absent when the plan has no points scale. */
  points_total?: string | null;
  /** The mean points of its rules that score points (the 平均点), as an exact ratio; null when none does; absent when the plan has no points scale. */
  points_average?: string | null;
  /** Its rules that meet their target, or their pace before the target year (achieved, done, on track) (reference §7.9). */
  met: number;
  /** Its rules judged against a target or a pace: `met` and those not achieved, behind or overdue. */
  judged: number;
  /** `met` / `judged`, the items' 達成率 a report prints, as an exact ratio; null when no rule is judged. */
  met_share?: string | null;
  /** Its inner groups, in file order. */
  groups: Group[];
  /** The names of its rules. */
  rules: string[];
}

/** A value a step was computed from, and where it was written. */
export interface Input {
  /** What the value is: an indicator's name and year (`電子申請の年間利用件数 R1`). */
  label: string;
  /** The value, as an exact decimal in base units (円, a ratio for %). */
  value: string;
  /** The name of the file it was written in; null for a derived value (computed, not written). */
  file?: string | null;
  /** The line it was written on, from 1; null for a derived value. */
  line?: number | null;
  /** The column it was written at, from 1, in characters; null for a derived value. */
  column?: number | null;
  /** Whether the value is a scenario's projection (its place is then the scenario's line). */
  projected: boolean;
}

/** A rule's kind: a rule keyword, or `any`/`all`. */
export type Kind = RuleKind | CompositeMode;

/** The language of messages. */
export type Language = "ja" | "en";

/** What `Plan.load` is given. Any other field is refused. */
export interface LoadRequest {
  /** The plan's text. */
  plan: string;
  /** The plan's file name in diagnostics (default `plan.kpi`). */
  planName?: string | null;
  /** Its data files. */
  data?: SourceFile[];
  /** Messages in `ja` (the default) or `en`. */
  lang?: Language | null;
}

/** A plan's first and last year. */
export interface Period {
  /** The plan's first year. */
  from: Year;
  /** The plan's last year. */
  to: Year;
}

/** The plan's header. */
export interface PlanHeader {
  /** The plan's name, as its `plan` header writes it. */
  name: string;
  /** The plan's `period` (without one, the years its rules and data name). */
  period: Period;
  /** The plan's `baseline` year; null when the header has none. */
  baseline?: Year | null;
  /** The 達成率 formula the figures use: `ratio` (actual against target), or `progress` for a plan that says `achievement progress`. */
  achievement_formula: AchievementFormula;
  /** How the summary, and every group that says nothing itself, is graded: `lowest` (the default) or `average`. */
  rollup: Rollup;
}

/** A further place of a diagnostic. */
export interface Related {
  /** The name of the file the place is in. */
  file: string;
  /** The place's line, from 1. */
  line: number;
  /** The place's column, from 1, in characters. */
  column: number;
  /** What is at that place (`first defined here`), in the `--lang` language. */
  message: string;
}

/** A department's words on one year's figure: 評価コメント, 今後の方向性, 所管課. */
export interface Remarks {
  /** 評価コメント: the department's comment on the figure; null when not written. */
  comment?: string | null;
  /** 今後の方向性: what the department will do next; null when not written. */
  outlook?: string | null;
  /** 所管課: the department in charge, as the remark names it; null when not written. */
  owner?: string | null;
}

/** How a group or the whole plan is graded from its rules (`rollup lowest`, `rollup average`). */
export type Rollup = "lowest" | "average";

/** One rule's figures as of the evaluation year. */
export interface Rule {
  /** The indicator's name as first written (an unnamed `any`/`all` is named after its members: `all(A, B)`). */
  name: string;
  /** The rule's keyword, or `any`/`all` for those blocks. */
  kind: Kind;
  /** The group's path (ids or titles from the root, joined by `/`). */
  group?: string | null;
  /** The `any`/`all` rule this one is a member of. */
  parent?: string | null;
  /** The target's comparator; null for milestones, qualitative and tracked rules and `any`/`all`. */
  comparator?: Comparator | null;
  /** What is compared: `value` (the actual of one year), `total` (the sum over the period up to `year`) or `average` (the mean). */
  aggregate: Aggregate;
  /** The rule's unit as the plan writes it (`円`, `%`, `件`); null for a plain number. */
  unit?: string | null;
  /** The target T as an exact decimal in base units (円, a ratio for %), for a schedule its last entry; null where none or unknown. */
  target?: string | null;
  /** The year the target is due: `by`, else a schedule's last year, else the plan's last year; null where there is none. */
  target_year?: Year | null;
  /** The base year: the rule's `from`, else the plan's `baseline`; null when the rule has none. */
  baseline_year?: Year | null;
  /** The actual B in `baseline_year`, as an exact decimal in base units; null without a base year or an actual in it. */
  baseline?: string | null;
  /** The year the figures are of. */
  year?: Year | null;
  /** The actual A in `year` (for `total` the sum, for `average` the mean), as an exact decimal in base units; null when there is none. */
  actual?: string | null;
  /** 期待値 E, the pace line's value in `year` (reference §7.3), as an exact decimal in base units; null where none or unknown. */
  expected?: string | null;
  /** 達成率, the actual against `achievement_target` (reference §7.4), as an exact ratio (`"0.8733…"` is 87.33%); null where none or unknown. */
  achievement?: string | null;
  /** The target the achievement is against, as an exact decimal in base units: `target`, or, before the target year, the year's own target where the rule schedules one for it (reference §7.4); null where no achievement is computed. */
  achievement_target?: string | null;
  /** The year of `achievement_target`: `target_year`, or the year evaluated where the achievement is against its own target; null where no achievement is computed. */
  achievement_target_year?: Year | null;
  /** 期待値に対する達成率 (reference §7.6): the actual against `expected`, which the grade is of; an exact ratio, null where unknown. */
  pace_achievement?: string | null;
  /** 進捗率, (A − B) / (T − B) (reference §7.5), as an exact ratio; null without a base value or when the target equals it. */
  progress?: string | null;
  /** The rule's status as of `year` (reference §7.8). */
  status: Status;
  /** The grade's name on the plan's scale (a qualitative rule's hand grade); null when the rule has none. */
  grade?: string | null;
  /** The points the rule scores on the plan's points scale (reference §5.2), as an exact decimal; null when it scores none; absent when the plan has no points scale. */
  points?: string | null;
  /** Some figure is computed from a scenario's projection. */
  projected: boolean;
  /** Why a figure is missing or what failed (`no actual for … in R5`), in the `--lang` language; null otherwise. */
  message?: string | null;
  /** The rule's `source`: the plan's original sentence; null when not written. */
  source?: string | null;
  /** The rule's `basis`: its ground (根拠); null when not written. */
  basis?: string | null;
  /** The rule's own reference number (`id` in its metadata); null when not written. */
  id?: string | null;
  /** The rule's `owner`: the section in charge (担当課); null when not written. */
  owner?: string | null;
  /** The rule's `note`; null when not written. */
  note?: string | null;
  /** What the department wrote on the figure of `year` (absent when nothing). */
  remarks?: Remarks | null;
  /** The rule's line in the plan. */
  line: number;
}

/** What the tests reached of one rule. */
export interface RuleCoverage {
  /** The rule's name. */
  name: string;
  /** Whether an expectation names it. */
  checked: boolean;
  /** The statuses it took in the cases run, from best to worst as a report lists them. */
  statuses: Status[];
}

/** The keyword a rule starts with. */
export type RuleKind = "output" | "outcome" | "indicator" | "milestone";

/** A seed as a number (exact up to 2^53, as JavaScript's numbers are) or as the
digits of any 64-bit one (a string, or a BigInt the wrapper turns into one). */
export type Seed = number | string;

/** Whether a diagnostic stops the plan from being evaluated. */
export type Severity = "error" | "warning";

/** What `simulate` is given. Any other field is refused. */
export interface SimulateRequest {
  /** The simulation (default: the plan's only one). */
  simulation?: string | null;
  /** Runs, 1 to 10,000,000 (default: the simulation's `runs`). */
  runs?: number | null;
  /** The seed (default: the simulation's `seed`). */
  seed?: Seed | null;
}

/** A Monte Carlo simulation's results. */
export interface Simulation {
  /** The simulation's name. */
  simulation: string;
  /** The plan's name. */
  plan: string;
  /** The runs done: `--runs`, else the simulation's `runs`, else 10,000. */
  runs: number;
  /** The generator's seed, as a string (it may exceed what JSON numbers carry exactly). */
  seed: string;
  /** The year rules are judged as of: the plan's last year (or a later target year). */
  as_of: Year;
  /** Whether the bands are of a uniform sample of the runs rather than of all. */
  bands_sampled: boolean;
  /** Draws outside the exact decimal range (the indicator then has no value in that year and after, in that run); normally 0. */
  failed_draws: number;
  /** Every rule with a numeric target, and every `any`/`all`, in file order. */
  rules: Chance[];
  /** The percentiles of each drawn indicator, and of each derived from one, by indicator in file order, then by year. */
  bands: Band[];
}

/** A data file: CSV (long or wide), TSV, JSON or `.kpi` data blocks, told by its name. */
export interface SourceFile {
  /** Its file name, as diagnostics cite it; its extension says how it is read (`actuals.csv`). */
  name: string;
  /** Its text. */
  text: string;
}

/** A rule's status as of a year. */
export type Status = "achieved" | "not_achieved" | "on_track" | "behind" | "no_data" | "tbd" | "qualitative" | "done" | "pending" | "overdue" | "tracked" | "error";

/** How one figure was computed. */
export interface Step {
  /** The figure (`target`, `actual`, `expected`, `achievement`, `status`, …), or
`derivation`: how a derived value an earlier step read was computed. */
  field: string;
  /** How the figure was computed, in the `--lang` language. */
  text: string;
  /** The values the step read. */
  inputs: Input[];
}

/** The whole plan's counts and grade. */
export interface Summary {
  /** The rules counted: top-level rules and rules in groups, an `any`/`all` once (its members not again). */
  rules: number;
  /** How many rules of the whole plan have each status; statuses no rule has are left out. */
  counts: Counts;
  /** The plan's overall grade, by the header's `rollup`; null when no rule has a grade. */
  grade?: string | null;
  /** The points of its rules, summed (reference §7.9), as an exact decimal; null when none scores points; absent when the plan has no points scale. */
  points_total?: string | null;
  /** The mean points of its rules that score points (the 平均点), as an exact ratio; null when none does; absent when the plan has no points scale. */
  points_average?: string | null;
  /** The rules that meet their target, or their pace before the target year (reference §7.9). */
  met: number;
  /** The rules judged against a target or a pace. */
  judged: number;
  /** `met` / `judged` as an exact ratio; null when no rule is judged. */
  met_share?: string | null;
}

/** One case run: a `test`, or one `case` of a test. */
export interface TestCase {
  /** The name of the `test`. */
  test: string;
  /** The `case`'s name; absent for a test without cases. */
  case?: string | null;
  /** The line of the `test` or `case`. */
  line: number;
  /** The year evaluated as of. */
  as_of: Year;
  /** The scenario (or simulation, at its means) evaluated with the data; null without one. */
  scenario?: string | null;
  /** Whether every expectation held. */
  passed: boolean;
  /** Its expectations, the test's and then the case's own, each with what it got. */
  expectations: TestExpectation[];
}

/** One `expect` line, compared. */
export interface TestExpectation {
  /** The line of the `expect`, from 1. */
  line: number;
  /** The column of the `expect`, from 1, in characters. */
  column: number;
  /** The rule's name, for an expectation of a rule. */
  rule?: string | null;
  /** The group's path, for an expectation of a group. */
  group?: string | null;
  /** The figure expected: `status`, `grade`, `achievement`, `progress`, `pace`, `actual`, `expected`, `target` or `baseline`. */
  field: Field;
  /** The comparator written; null without one (a figure is then compared to the place of its last digit written). */
  comparator?: Comparator | null;
  /** The value as written (`87.33%`, `achieved`, `B`). */
  expected: string;
  /** What the evaluation gave, as in an evaluation (a status's or grade's name, a
decimal in base units); absent when it has none. */
  got?: string | null;
  /** Whether the expectation held. */
  passed: boolean;
  /** For a failure: expected against got, in words. */
  message?: string | null;
}

/** One plan's tests run (or, when the plan or its data has errors, the errors and no case). */
export interface TestFile {
  /** The plan file's name, as it was given. */
  file: string;
  /** The plan's name; absent when the file does not check. */
  plan?: string | null;
  /** The file's errors (then no case ran) or its warnings. */
  diagnostics: Diagnostic[];
  /** Every case run, in file order; empty when the file does not check. */
  cases: TestCase[];
  /** Absent when the file does not check. */
  coverage?: Coverage | null;
}

/** A run of plans' own tests (`shihyo test`): each file's cases, with what each
expectation got, and what the tests reached. */
export interface TestRun {
  /** Every file checked and every case of each passed. */
  ok: boolean;
  /** Cases passed and failed, over every file. */
  passed: number;
  /** Cases failed, over every file. */
  failed: number;
  /** Each plan file's run, in the order the files were given. */
  files: TestFile[];
}

/** A year: its label as the plan writes it (`R5`, `FY2018`, `CY2025`), its western number, and whether it is a calendar year. */
export interface Year {
  label: string;
  year: number;
  calendar: boolean;
}
