//! shihyo for Python: the native module `shihyo._shihyo` (PyO3), glue over the
//! compiled plan of `shihyo-api` (JSON requests in, the CLI's JSON documents
//! out) and the file reading of `shihyo-files` (so a path reads as `shihyo
//! --data` reads it: Shift_JIS CSV included). The Python package `shihyo`
//! (`python/shihyo/__init__.py`) turns the documents into dicts and pandas
//! DataFrames with `decimal.Decimal` figures, and failures into `PlanError`.

#![forbid(unsafe_code)]

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use shihyo_api::plan::{status_names, LoadedPlan};
use shihyo_files::{decode, read_bytes, Decoding, Encoding};

create_exception!(
    _shihyo,
    Refused,
    PyException,
    "A failure document (`{ ok: false, … }`) as JSON text: the package raises it as PlanError."
);

/// A plan loaded and checked once.
#[pyclass(module = "shihyo._shihyo")]
struct CompiledPlan {
    plan: LoadedPlan,
    /// The rules' names, made once for every `statuses` dict.
    rules: Vec<Py<PyString>>,
    /// The statuses' machine names, by code.
    statuses: Vec<Py<PyString>>,
}

fn refused(failure: String) -> PyErr {
    Refused::new_err(failure)
}

#[pymethods]
impl CompiledPlan {
    /// Loads `{ plan, planName?, data?, lang? }` (JSON text); raises `Refused` with the failure.
    #[staticmethod]
    fn load(py: Python<'_>, request: &str) -> PyResult<CompiledPlan> {
        let plan = LoadedPlan::load(request).map_err(refused)?;
        let strings = |names: Vec<&str>| names.into_iter().map(|name| PyString::new(py, name).unbind()).collect();
        Ok(CompiledPlan { rules: strings(plan.rule_names()), statuses: strings(status_names()), plan })
    }

    /// The rules' names, in the order of the plan.
    fn rules(&self, py: Python<'_>) -> Vec<Py<PyString>> {
        self.rules.iter().map(|name| name.clone_ref(py)).collect()
    }

    /// Every rule's status as of `as_of` (default: the latest year with data): a dict of
    /// each rule's name to its status's machine name, in the plan's order.
    #[pyo3(signature = (as_of=None))]
    fn statuses<'py>(&mut self, py: Python<'py>, as_of: Option<&str>) -> PyResult<Bound<'py, PyDict>> {
        let codes = self.plan.statuses(as_of).map_err(refused)?;
        let statuses = PyDict::new(py);
        for (name, code) in self.rules.iter().zip(codes) {
            statuses.set_item(name.bind(py), self.statuses[usize::from(code)].bind(py))?;
        }
        Ok(statuses)
    }

    /// The check document: rule and value counts, the warnings.
    fn check(&self) -> String {
        self.plan.check()
    }

    /// `{ asOf?, scenario? }`: the evaluation document.
    fn evaluate(&self, request: &str) -> PyResult<String> {
        self.plan.evaluate(request).map_err(refused)
    }

    /// `{ rule, asOf?, scenario? }`: the explanation document.
    fn explain(&self, request: &str) -> PyResult<String> {
        self.plan.explain(request).map_err(refused)
    }

    /// Sets the actual of `rule` in `year` to `value` (a data cell: `13,100`, `81%`).
    fn set_actual(&mut self, rule: &str, year: &str, value: &str) -> PyResult<()> {
        self.plan.set_actual(rule, year, value).map_err(refused)
    }

    /// Removes the actual of `rule` in `year`; `False` if there was none.
    fn clear_actual(&mut self, rule: &str, year: &str) -> PyResult<bool> {
        self.plan.clear_actual(rule, year).map_err(refused)
    }

    /// `{ simulation?, runs?, seed? }`: the simulation document, calling
    /// `progress(done, runs)` every 500 runs (a `KeyboardInterrupt` or any exception it
    /// raises stops the simulation and is raised here). Other Python threads run
    /// meanwhile: the simulation holds the GIL only to call `progress`.
    #[pyo3(signature = (request, progress=None))]
    fn simulate(&self, py: Python<'_>, request: &str, progress: Option<Py<PyAny>>) -> PyResult<String> {
        let plan = &self.plan;
        let (stopped, answer) = py.detach(|| {
            let mut stopped: Option<PyErr> = None;
            let answer = plan.simulate_until(request, |done, runs| {
                let told = Python::attach(|py| {
                    py.check_signals()?;
                    progress.as_ref().map_or(Ok(()), |progress| progress.call1(py, (done, runs)).map(drop))
                });
                told.map_err(|error| stopped = Some(error)).is_ok()
            });
            (stopped, answer)
        });
        match (stopped, answer) {
            (Some(error), _) => Err(error),
            (None, answer) => answer.map_err(refused),
        }
    }
}

/// Reads a file as `shihyo --data` (or, with `plan=True`, as a plan) reads it: its text,
/// and `True` when a data file was read as Shift_JIS (warning W0007). A file that cannot
/// be read, or is no text, raises `OSError` or `ValueError` with the reason in words.
#[pyfunction]
#[pyo3(signature = (path, plan=false))]
fn read_file(path: &str, plan: bool) -> PyResult<(String, bool)> {
    let bytes = read_bytes(std::path::Path::new(path)).map_err(|unreadable| pyo3::exceptions::PyOSError::new_err(unreadable.0.en))?;
    let encoding = if plan { Encoding::Utf8 } else { Encoding::Utf8OrShiftJis };
    match decode(bytes, encoding) {
        (text, Decoding::Utf8) => Ok((text, false)),
        (text, Decoding::ShiftJis) => Ok((text, true)),
        (_, Decoding::NotUtf8 { valid_up_to }) => {
            Err(pyo3::exceptions::PyValueError::new_err(format!("{path}: not UTF-8 text (E0006), from byte {valid_up_to}")))
        }
    }
}

/// The engine's version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The native module.
#[pymodule]
fn _shihyo(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<CompiledPlan>()?;
    module.add_function(wrap_pyfunction!(read_file, module)?)?;
    module.add_function(wrap_pyfunction!(version, module)?)?;
    module.add("Refused", module.py().get_type::<Refused>())?;
    Ok(())
}
