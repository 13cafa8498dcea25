// The types of the `shihyo` package, in Node and in browsers. The documents (Evaluation,
// Explanation, Simulation, Check, Failure, …) and the requests (LoadRequest, EvaluateRequest,
// SimulateRequest, SourceFile) are generated from the engine's Rust types (documents.d.ts);
// this file declares the API that takes and gives them.

import type * as documents from "./documents.js";
export type * from "./documents.js";

/** What `explain` is given besides the rule: what `evaluate` is. */
export type EvaluateOptions = documents.EvaluateRequest;
export type ExplainOptions = EvaluateOptions;

/** What `simulate` is given: the request, a seed also as a BigInt, and what runs in JavaScript. */
export interface SimulateOptions extends Omit<documents.SimulateRequest, "seed"> {
  /** The seed: a number up to 2^53, or any 64-bit seed as a string of digits or a BigInt. */
  seed?: documents.Seed | bigint | null;
  /** Called with the runs done and the runs in all, every 500 runs. */
  onProgress?: (done: number, runs: number) => void;
  /** Cancels the simulation: its Promise rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
}

/** Why a call gave no answer: the plan's or data's errors, or a wrong request (`error`). */
export type Failure = Omit<documents.Failure, "ok"> & { ok: false; error?: string };

/** A successful answer: the document, with `ok: true`. */
export type Ok<T> = Omit<T, "ok"> & { ok: true };

/** A plan loaded and checked once, then evaluated as often as asked. Call `free()` when done. */
export declare class Plan {
  private constructor();
  /** Loads and checks a plan and its data. */
  static load(request: documents.LoadRequest): Promise<{ ok: true; plan: Plan; check: Ok<documents.Check> } | Failure>;
  /** Evaluates every rule (as `shihyo eval --format json`). */
  evaluate(options?: EvaluateOptions): Ok<documents.Evaluation> | Failure;
  /** Evaluates with a scenario's projections. */
  scenario(name: string, options?: Omit<EvaluateOptions, "scenario">): Ok<documents.Evaluation> | Failure;
  /** The names of the plan's rules, in the order of `statuses` (empty once freed). */
  readonly rules: readonly string[];
  /** Every rule's status, in the order of `rules`, as `evaluate` judges them: the fast path of a what-if loop. */
  statuses(options?: { asOf?: string }): { ok: true; statuses: documents.Status[] } | Failure;
  /** One rule's figures and the steps that computed them (as `shihyo explain --format json`). */
  explain(rule: string, options?: ExplainOptions): Ok<documents.Explanation> | Failure;
  /**
   * Sets an actual (`13,100`, `81%`, `done`) for every later evaluation: a what-if. A year as the
   * plan writes it (`R5`, `令和5年度`, `FY2023`), or a western fiscal year (2023). A bare value is in
   * the indicator's unit as written (`80` for 80%, `1,200` for 1,200千円 in a `unit 千円` rule), not
   * the base units of the answers.
   */
  setActual(rule: string, year: string | number, value: string | number | bigint): { ok: true } | Failure;
  /** Removes an actual; `removed` is false if there was none. */
  clearActual(rule: string, year: string | number): { ok: true; removed: boolean } | Failure;
  /** Runs a Monte Carlo simulation off the main thread (a worker, kept warm for the next run). */
  simulate(options?: SimulateOptions): Promise<Ok<documents.Simulation> | Failure>;
  /** Starts a simulation worker ahead of the first run, its module loaded and warmed up; resolves when it is ready, rejects if it failed. */
  static prepareWorker(): Promise<void>;
  /** Frees the compiled plan; later calls answer that it was freed. */
  free(): void;
}

/** The functions of the WebAssembly module: a request's JSON text in, JSON text out. */
export declare function check(request: string): string;
export declare function format(request: string): string;
export declare function evaluate(request: string): string;
export declare function explain(request: string): string;
export declare function simulate(request: string): string;
export declare function simulateWithProgress(request: string, progress: (done: number, runs: number) => void): string;
export declare function runTests(request: string): string;
export declare function report(request: string): Uint8Array;
export declare function diff(request: string): string;
export declare function compareScenarios(request: string): string;
export declare function version(): string;
/** Browsers: loads the WebAssembly module (Plan.load does it by itself). */
export declare function init(): Promise<unknown>;
