// The `Plan` class, the same in Node and in browsers: a plan loaded and checked once by
// the WebAssembly module's `CompiledPlan`, then evaluated, explained, given what-if values
// and simulated, with plain objects in and out. A failure is an answer, `{ ok: false,
// diagnostics }` (each diagnostic with its code, file, line and column), never a thrown
// error; a request with an unknown or mistyped field is refused the same way, with a
// message in `error`. Simulations run off the main thread (the host's worker) and can
// be cancelled with an AbortSignal; a worker that finished a run is kept, warm, for the
// next (one at most), and `Plan.prepareWorker()` starts one ahead. `host` gives the module
// and the workers: `{ module(): Promise<wasm>, worker(): { post, onMessage, onError,
// terminate, ref?, unref? } }` (onMessage and onError called once, each with the one
// listener of that worker).

/** `{ ok: false, error, diagnostics: [] }` for a request that is wrong. */
function refused(error) {
  return { ok: false, error, diagnostics: [] };
}

/** The answer a CompiledPlan threw: its message is the Failure's JSON text. */
function failed(error) {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const failure = JSON.parse(message);
    if (failure && failure.ok === false) return failure;
  } catch {
    // Not an answer of the engine: a fault, thrown on.
  }
  throw error;
}

/**
 * JSON text of a request, with BigInt seeds as their digits, and NaN or an infinity as its
 * text (JSON would make it null, read as "not given"): the engine refuses it, naming the field.
 */
function json(request) {
  return JSON.stringify(request, (_, value) => {
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    return value;
  });
}

/** The options object a method was given, or why it cannot be one. */
function options(value, method) {
  if (value === undefined) return [{}, null];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [null, `${method}: give an object of options, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`];
  }
  return [value, null];
}

/** A year as the engine reads it: `R5`, `令和5年度`, `FY2023`; a number is a western fiscal year (2023 is FY2023). */
function yearText(value, what) {
  if (typeof value === "number" && Number.isSafeInteger(value)) return [`FY${value}`, null];
  if (typeof value === "string") return [value, null];
  return [null, `${what}: give a year such as "R5" or a western year such as 2023, not ${value === null ? "null" : typeof value}`];
}

/** A value given as a string or a number (a BigInt too), as text; numbers are written out in full, never in exponent form. */
function cell(value, what) {
  if (typeof value === "string") return [value, null];
  if (typeof value === "number" && Number.isFinite(value)) {
    // String() is exact and short, and in exponent form only from 1e21 and below 1e-6.
    const text = String(value);
    return [text.includes("e") ? value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : text, null];
  }
  if (typeof value === "bigint") return [value.toString(), null];
  return [null, `${what}: give a string or a number, not ${value === null ? "null" : typeof value}`];
}

/** Why a simulation was cancelled: the signal's reason as it was given (an AbortError by default). */
function abortError(signal) {
  return signal?.reason !== undefined ? signal.reason : new DOMException("The simulation was cancelled", "AbortError");
}

export function makePlan(host) {
  /** An idle worker, its module loaded, kept for the next simulation. */
  let spare;

  /** A worker of the host with one listener at a time: a run's, or the pool's while it waits. */
  function spawn() {
    const raw = host.worker();
    const worker = { raw, listener: null };
    // Settled when it has warmed up or run (ready), or failed idle.
    worker.ready = new Promise((resolve, reject) => {
      worker.isReady = resolve;
      worker.failed = reject;
    });
    worker.ready.catch(() => {});
    raw.onMessage((answer) => (answer?.ready ? worker.isReady() : worker.listener?.message(answer)));
    raw.onError((error) => worker.listener?.error(error));
    return worker;
  }

  /** Keeps a worker idle as the spare (one at most): one that fails meanwhile (its module did not load, it crashed) is let go. */
  function keep(worker) {
    if (spare) {
      worker.raw.terminate();
      return;
    }
    const letGo = (error) => {
      if (spare === worker) spare = undefined;
      worker.raw.terminate();
      worker.failed(error);
    };
    worker.listener = {
      message: (answer) => answer?.fault !== undefined && letGo(new Error(`the simulation's worker failed: ${answer.fault}`)),
      error: letGo,
    };
    // An idle worker does not keep Node running.
    worker.raw.unref?.();
    spare = worker;
  }

  /** The spare worker, or a new one, for a run. */
  function take() {
    const worker = spare ?? spawn();
    spare = undefined;
    worker.raw.ref?.();
    return worker;
  }

  class Plan {
    #compiled;
    /** The load request's JSON text, as it was when loaded (a simulation's worker loads it again). */
    #request;
    /** The what-if values set, by rule and year as written, in the order last set: replayed by a simulation's worker. */
    #whatIfs = new Map();
    /** The rules' names, in the order of `statuses`. */
    #rules;
    /** The machine name of each status code. */
    #statusNames;

    constructor(compiled, request, statusNames) {
      this.#compiled = compiled;
      this.#request = request;
      this.#rules = Object.freeze(compiled.ruleNames());
      this.#statusNames = statusNames;
    }

    /** The names of the plan's rules, in the order of `statuses` (empty once freed). */
    get rules() {
      return this.#compiled ? this.#rules : [];
    }

    /** Loads and checks a plan with its data: `{ ok: true, plan, check }` or a Failure. */
    static async load(request) {
      const [given, problem] = options(request, "Plan.load");
      if (problem) return refused(problem);
      if (typeof given.plan !== "string") return refused("Plan.load: `plan` is the plan's text, a string");
      const wasm = await host.module();
      const text = json(given);
      try {
        const compiled = wasm.CompiledPlan.load(text);
        return { ok: true, plan: new Plan(compiled, text, wasm.CompiledPlan.statusNames()), check: JSON.parse(compiled.check()) };
      } catch (error) {
        return failed(error);
      }
    }

    #call(work) {
      if (!this.#compiled) return refused("this plan was freed");
      try {
        return work(this.#compiled);
      } catch (error) {
        return failed(error);
      }
    }

    /** The evaluation, `{ ok: true, plan, as_of, rules, groups, summary, diagnostics }`, or a Failure. */
    evaluate(request) {
      const [given, problem] = options(request, "evaluate");
      if (problem) return refused(problem);
      return this.#call((compiled) => ({ ok: true, ...JSON.parse(compiled.evaluate(json(given))) }));
    }

    /** The evaluation with a scenario's projections. */
    scenario(name, request) {
      if (typeof name !== "string") return refused("scenario: give the scenario's name");
      const [given, problem] = options(request, "scenario");
      if (problem) return refused(problem);
      return this.evaluate({ ...given, scenario: name });
    }

    /**
     * Every rule's status as of `asOf` (default: the latest year with data), on the actuals
     * and what-ifs: `{ ok: true, statuses }`, one per rule in the order of `plan.rules`, as
     * `evaluate` judges them, without the rest of the document. The fast path of a what-if
     * loop: the actuals stay laid out between calls and `setActual` changes them in place.
     */
    statuses(request) {
      const [given, problem] = options(request, "statuses");
      if (problem) return refused(problem);
      for (const field in given) {
        if (field !== "asOf") return refused(`statuses: unknown field \`${field}\`, expected \`asOf\``);
      }
      if (given.asOf !== undefined && typeof given.asOf !== "string") return refused("statuses: asOf is a year such as \"R5\"");
      return this.#call((compiled) => {
        const codes = compiled.statuses(given.asOf);
        const statuses = new Array(codes.length);
        for (let rule = 0; rule < codes.length; rule++) statuses[rule] = this.#statusNames[codes[rule]];
        return { ok: true, statuses };
      });
    }

    /** One rule's figures and the steps that computed them, `{ ok: true, rule, steps }`. */
    explain(rule, request) {
      if (typeof rule !== "string") return refused("explain: give the rule's name");
      const [given, problem] = options(request, "explain");
      if (problem) return refused(problem);
      return this.#call((compiled) => ({ ok: true, ...JSON.parse(compiled.explain(json({ ...given, rule }))) }));
    }

    /** Sets an actual for every later evaluation (a what-if): `{ ok: true }` or a Failure. */
    setActual(rule, year, value) {
      const [yearGiven, yearProblem] = yearText(year, "setActual: year");
      const [valueText, valueProblem] = cell(value, "setActual: value");
      if (typeof rule !== "string") return refused("setActual: give the rule's name");
      if (yearProblem || valueProblem) return refused(yearProblem ?? valueProblem);
      return this.#call((compiled) => {
        compiled.setActual(rule, yearGiven, valueText);
        this.#remember(rule, yearGiven, valueText);
        return { ok: true };
      });
    }

    /** Removes an actual (a what-if of a missing value): `{ ok: true, removed }`. */
    clearActual(rule, year) {
      const [yearGiven, problem] = yearText(year, "clearActual: year");
      if (typeof rule !== "string") return refused("clearActual: give the rule's name");
      if (problem) return refused(problem);
      return this.#call((compiled) => {
        const removed = compiled.clearActual(rule, yearGiven);
        this.#remember(rule, yearGiven, null);
        return { ok: true, removed };
      });
    }

    /** Keeps a what-if for simulations: the last value of each rule and year, moved to the end (a year written two ways is replayed in the order set). */
    #remember(rule, year, value) {
      const key = `${rule}\u0000${year}`;
      this.#whatIfs.delete(key);
      this.#whatIfs.set(key, { rule, year, value });
    }

    /**
     * Runs a simulation off the main thread: a Promise of `{ ok: true, …report }` or a
     * Failure; `onProgress(done, runs)` every 500 runs; `signal` cancels it (the Promise
     * rejects with the signal's reason, an AbortError by default).
     */
    simulate(request) {
      const [given, problem] = options(request, "simulate");
      if (problem) return Promise.resolve(refused(problem));
      if (!this.#compiled) return Promise.resolve(refused("this plan was freed"));
      const { onProgress, signal, ...fields } = given;
      if (onProgress !== undefined && typeof onProgress !== "function") return Promise.resolve(refused("simulate: onProgress is a function"));
      if (signal?.aborted) return Promise.reject(abortError(signal));
      const message = { load: this.#request, whatIfs: [...this.#whatIfs.values()], request: json(fields) };
      return new Promise((resolve, reject) => {
        const worker = take();
        let settled = false;
        /** Ends the run once: the abort listener removed, the worker kept for the next run if it answered, else stopped. */
        const settle = (finish, value, answered) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", stop);
          if (answered) {
            worker.isReady();
            keep(worker);
          } else {
            worker.raw.terminate();
          }
          finish(value);
        };
        const stop = () => settle(reject, abortError(signal), false);
        signal?.addEventListener("abort", stop, { once: true });
        worker.listener = {
          message(answer) {
            try {
              if (answer.progress) {
                onProgress?.(answer.progress.done, answer.progress.runs);
                return;
              }
              if (answer.fault !== undefined) throw new Error(`the simulation's worker failed: ${answer.fault}`);
              const report = JSON.parse(answer.text);
              settle(resolve, report.ok === false ? report : { ok: true, ...report }, true);
            } catch (error) {
              // An onProgress that throws, or a worker that failed, ends the run with that error.
              settle(reject, error, false);
            }
          },
          error: (error) => settle(reject, error, false),
        };
        worker.raw.post(message);
      });
    }

    /**
     * Starts a simulation worker ahead of the first `simulate`, its module loaded and warmed up
     * (WebAssembly is compiled by its optimizing tier once it has run), so that the first run
     * does not wait for it: a Promise that resolves when it is ready, or rejects if it failed
     * (its module did not load). Idle, it does not keep Node running.
     */
    static prepareWorker() {
      if (!spare) {
        const worker = spawn();
        keep(worker);
        worker.raw.post({ warmUp: true });
      }
      return spare.ready;
    }

    /** Frees the compiled plan's memory; later calls answer that it was freed. */
    free() {
      this.#compiled?.free();
      this.#compiled = undefined;
      this.#request = undefined;
      this.#whatIfs = new Map();
    }
  }
  return Plan;
}

/** A short simulation a worker runs when asked to warm up, so that its module's code is optimized before a real run. */
const WARM_UP = JSON.stringify({
  plan: `plan "warm-up" { period R3..R7  baseline R1 }
outcome "x" >= baseline * 120% unit 件
outcome "y" >= 80%
data "x" { R1: 100  R2: 110  R3: 120 }
data "y" { R1: 70%  R3: 75% }
simulation "s" runs 3000 seed 1 {
  "x" grows normal(5%, 2%) per year
  "y" = triangular(70%, 78%, 90%) per year
}`,
});

/**
 * What a simulation's worker does with the message `simulate` posts: loads the plan,
 * sets the what-if values again, runs, and answers `{ text }`, the report's JSON text (or
 * a Failure's), or `{ fault }` when the module itself failed; it tells `progress(done,
 * runs)` on the way. Asked `{ warmUp: true }`, it runs a short simulation and answers `{ ready: true }`.
 */
export function simulateIn(wasm, { load, whatIfs, request, warmUp }, progress) {
  if (warmUp) {
    wasm.simulate(WARM_UP);
    return { ready: true };
  }
  let compiled;
  try {
    compiled = wasm.CompiledPlan.load(load);
    for (const { rule, year, value } of whatIfs) {
      if (value === null) compiled.clearActual(rule, year);
      else compiled.setActual(rule, year, value);
    }
    return { text: compiled.simulate(request, progress) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      if (JSON.parse(message).ok === false) return { text: message };
    } catch {
      // Not an answer of the engine.
    }
    return { fault: message };
  } finally {
    try {
      compiled?.free();
    } catch {
      // A module that failed may not free.
    }
  }
}
