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
use shihyo_api::plan::LoadedPlan;
use shihyo_files::{decode, read_bytes, Decoding, Encoding};

create_exception!(
    _shihyo,
    Refused,
    PyException,
    "A failure document (`{ ok: false, … }`) as JSON text: the package raises it as PlanError."
);

/// A plan loaded and checked once.
#[pyclass(module = "shihyo._shihyo")]
struct CompiledPlan(LoadedPlan);

fn refused(failure: String) -> PyErr {
    Refused::new_err(failure)
}

#[pymethods]
impl CompiledPlan {
    /// Loads `{ plan, planName?, data?, lang? }` (JSON text); raises `Refused` with the failure.
    #[staticmethod]
    fn load(request: &str) -> PyResult<CompiledPlan> {
        LoadedPlan::load(request).map(CompiledPlan).map_err(refused)
    }

    /// The check document: rule and value counts, the warnings.
    fn check(&self) -> String {
        self.0.check()
    }

    /// `{ asOf?, scenario? }`: the evaluation document.
    fn evaluate(&self, request: &str) -> PyResult<String> {
        self.0.evaluate(request).map_err(refused)
    }

    /// `{ rule, asOf?, scenario? }`: the explanation document.
    fn explain(&self, request: &str) -> PyResult<String> {
        self.0.explain(request).map_err(refused)
    }

    /// Sets the actual of `rule` in `year` to `value` (a data cell: `13,100`, `81%`).
    fn set_actual(&mut self, rule: &str, year: &str, value: &str) -> PyResult<()> {
        self.0.set_actual(rule, year, value).map_err(refused)
    }

    /// Removes the actual of `rule` in `year`; `False` if there was none.
    fn clear_actual(&mut self, rule: &str, year: &str) -> PyResult<bool> {
        self.0.clear_actual(rule, year).map_err(refused)
    }

    /// `{ simulation?, runs?, seed? }`: the simulation document, calling
    /// `progress(done, runs)` every 500 runs (a `KeyboardInterrupt` or any exception it
    /// raises stops the simulation and is raised here).
    #[pyo3(signature = (request, progress=None))]
    fn simulate(&self, py: Python<'_>, request: &str, progress: Option<Py<PyAny>>) -> PyResult<String> {
        let mut stopped: Option<PyErr> = None;
        let answer = self.0.simulate_until(request, |done, runs| {
            if let Err(error) = py.check_signals() {
                stopped = Some(error);
                return false;
            }
            if let Some(progress) = &progress {
                if let Err(error) = progress.call1(py, (done, runs)) {
                    stopped = Some(error);
                    return false;
                }
            }
            true
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
