"""shihyo (指標) for Python: the indicator plans of governments and organisations, checked,
evaluated, explained and simulated exactly, by the same engine as the ``shihyo`` command.

A :class:`Plan` is loaded and checked once (from its text or its path, with data files or pandas
DataFrames), then evaluated as of any year into a DataFrame whose figures are
:class:`decimal.Decimal` (never floats), explained step by step, given what-if values and
simulated. A plan or data with errors raises :class:`PlanError`, which carries the diagnostics
the command prints: code, file, line, column, message and hint.

    >>> import shihyo
    >>> plan = shihyo.Plan.load("examples/hadano/hadano.kpi", data=["examples/hadano/actuals.csv"], lang="en")
    >>> table = plan.evaluate(as_of="R5")
    >>> table.loc["電子申請の年間利用件数", ["status", "actual", "target"]].tolist()
    ['on_track', Decimal('18100'), Decimal('18720')]
"""

from __future__ import annotations

import json
import os
import warnings
from decimal import Decimal
from typing import Any, Callable, Iterable, Literal, Mapping, Optional, Union

import pandas as pd

from . import _shihyo

__all__ = ["Plan", "PlanError", "version"]

#: The fields of the documents that hold exact decimals (as strings in the JSON).
DECIMAL_FIELDS = frozenset(
    {
        "target",
        "baseline",
        "actual",
        "expected",
        "achievement",
        "achievement_target",
        "met_share",
        "pace_achievement",
        "points",
        "points_average",
        "points_total",
        "progress",
        "value",
        "probability",
        "standard_error",
        "p5",
        "p25",
        "p50",
        "p75",
        "p95",
    }
)

#: The columns of :meth:`Plan.evaluate`, in order.
COLUMNS = [
    "kind",
    "group",
    "status",
    "grade",
    "points",
    "year",
    "actual",
    "target",
    "target_year",
    "baseline",
    "baseline_year",
    "expected",
    "achievement",
    "achievement_target",
    "achievement_target_year",
    "pace_achievement",
    "progress",
    "unit",
    "projected",
    "message",
]

Year = Union[str, int]
DataSource = Union[str, "os.PathLike[str]", pd.DataFrame]


def version() -> str:
    """The engine's version."""
    return _shihyo.version()


class PlanError(Exception):
    """A plan or data with errors, or a request that is wrong.

    ``diagnostics`` lists the errors (and the warnings beside them) as the command's JSON gives
    them: ``code``, ``severity``, ``message``, ``hint``, ``file``, ``line``, ``column`` and more.
    ``error`` says what is wrong with a request (an unknown rule or scenario, a wrong year).
    """

    def __init__(self, failure: Mapping[str, Any]):
        self.diagnostics: list[dict[str, Any]] = list(failure.get("diagnostics", []))
        self.error: Optional[str] = failure.get("error")
        lines = [self.error] if self.error else []
        for d in self.diagnostics:
            lines.append(f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]: {d['message']}")
            if d.get("hint"):
                # The hint, in the plan's language, under its diagnostic as the command shows it.
                lines.append(f"  = {d['hint']}")
        super().__init__("\n".join(lines))


def _decimals(value: Any) -> Any:
    """A document with its exact decimals as Decimal."""
    if isinstance(value, dict):
        return {k: (Decimal(v) if k in DECIMAL_FIELDS and isinstance(v, str) else _decimals(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value


def _year(year: Optional[Year]) -> Optional[str]:
    """A year as the engine reads it: ``"R5"``, ``"令和5年度"``, ``"FY2023"``; 2023 is FY2023."""
    if year is None or isinstance(year, str):
        return year
    if isinstance(year, int) and not isinstance(year, bool):
        return f"FY{year}"
    raise TypeError(f"a year is a string such as 'R5' or a western year such as 2023, not {type(year).__name__}")


def _cell(value: Union[str, int, float, Decimal]) -> str:
    """A what-if value as a data cell: a number written out in full (never ``1.31E+4`` or ``1e-07``,
    which no data file writes)."""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        value = Decimal(repr(value))
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _call(work: Callable[[], str]) -> dict[str, Any]:
    """Runs a native call: its document, or PlanError with the failure."""
    try:
        return _decimals(json.loads(work()))
    except _shihyo.Refused as refused:
        raise PlanError(json.loads(str(refused))) from None


def _read(source: DataSource, index: int) -> dict[str, str]:
    """A data file for the engine: a path read as ``shihyo --data`` reads it, or a DataFrame as CSV."""
    if isinstance(source, pd.DataFrame):
        # Long form (indicator, year, value) or wide (indicator, R1, R2, …), as the columns say;
        # an index that is not the default row numbers holds data (an unnamed one, the indicators).
        if not isinstance(source.index, pd.RangeIndex):
            source = source.rename_axis(source.index.names if source.index.nlevels > 1 else source.index.name or "indicator").reset_index()
        return {"name": f"dataframe-{index + 1}.csv", "text": source.to_csv(index=False)}
    path = os.fspath(source)
    text, shift_jis = _shihyo.read_file(path)
    if shift_jis:
        warnings.warn(f"{path}: read as Shift_JIS (W0007); saving it as UTF-8 avoids any doubt", stacklevel=3)
    return {"name": path, "text": text}


def _rows(document: Mapping[str, Any]) -> pd.DataFrame:
    """The rules of an evaluation as a DataFrame indexed by name."""
    rows = []
    for rule in document["rules"]:
        row = {column: rule.get(column) for column in COLUMNS}
        for column in ("year", "target_year", "baseline_year", "achievement_target_year"):
            row[column] = rule[column]["label"] if rule.get(column) else None
        row["year_number"] = rule["year"]["year"] if rule.get("year") else None
        row["kind"] = rule["kind"]
        row["group"] = "/".join(rule["group"]) if isinstance(rule.get("group"), list) else rule.get("group")
        rows.append({"name": rule["name"], **row})
    table = pd.DataFrame(rows, columns=["name", *COLUMNS, "year_number"])
    table["as_of"] = document["as_of"]["label"]
    return table.set_index("name")


class Plan:
    """A plan loaded and checked once, then evaluated as often as asked.

    Use :meth:`Plan.load`; the figures it gives are exact (:class:`decimal.Decimal`) and in base
    units (円, a ratio for %: ``Decimal('0.8')`` is 80%).
    """

    def __init__(self, compiled: Any, check: Mapping[str, Any]):
        self._compiled = compiled
        #: The plan's check: the number of rules and values, and its warnings (``diagnostics``).
        self.check: dict[str, Any] = dict(check)

    @classmethod
    def load(
        cls,
        plan: Union[str, "os.PathLike[str]"],
        data: Iterable[DataSource] = (),
        *,
        lang: Literal["ja", "en"] = "ja",
        plan_name: Optional[str] = None,
    ) -> "Plan":
        """Loads and checks a plan: its text, or the path of a ``.kpi`` file, with its data files
        (paths of CSV, TSV, JSON or ``.kpi`` files, or DataFrames in the long or the wide form).
        Messages are in Japanese (``lang="ja"``) or English. Raises :class:`PlanError`."""
        one_line = isinstance(plan, str) and "\n" not in plan
        if one_line and plan.strip().endswith(".kpi") and not os.path.isfile(plan):
            raise FileNotFoundError(f"{plan}: no such plan file")
        if isinstance(plan, os.PathLike) or (one_line and os.path.isfile(plan)):
            path = os.fspath(plan)
            text, _ = _shihyo.read_file(path, plan=True)
            name = plan_name or path
        elif isinstance(plan, str):
            text, name = plan, plan_name or "plan.kpi"
        else:
            raise TypeError(f"plan is the plan's text or its path, not {type(plan).__name__}")
        if isinstance(data, (str, os.PathLike, pd.DataFrame)):
            data = [data]
        files = [_read(source, index) for index, source in enumerate(data)]
        request = json.dumps({"plan": text, "planName": name, "data": files, "lang": lang})
        try:
            compiled = _shihyo.CompiledPlan.load(request)
        except _shihyo.Refused as refused:
            raise PlanError(json.loads(str(refused))) from None
        return cls(compiled, json.loads(compiled.check()))

    def evaluation(self, as_of: Optional[Year] = None, scenario: Optional[str] = None) -> dict[str, Any]:
        """The evaluation as a dict (the document of ``shihyo eval --format json``), its figures Decimal."""
        request = {"asOf": _year(as_of), "scenario": scenario}
        return _call(lambda: self._compiled.evaluate(json.dumps({k: v for k, v in request.items() if v is not None})))

    def evaluate(self, as_of: Optional[Year] = None, scenario: Optional[str] = None) -> pd.DataFrame:
        """Every rule as of a year (default: the latest year with data), one row per rule indexed by
        its name: status, grade, the year of the figures, actual, target, baseline, expected value,
        achievement (達成率) with the target and year it is against, pace achievement, progress (進捗率), as
        Decimal."""
        return _rows(self.evaluation(as_of, scenario))

    def scenario(self, name: str, as_of: Optional[Year] = None) -> pd.DataFrame:
        """:meth:`evaluate` on the actuals plus a scenario's projections."""
        return self.evaluate(as_of, scenario=name)

    def explain(self, rule: str, as_of: Optional[Year] = None, scenario: Optional[str] = None) -> dict[str, Any]:
        """One rule's figures and the steps that computed them, each with the actuals it read and
        where they were written (the document of ``shihyo explain --format json``)."""
        request = {"rule": rule, "asOf": _year(as_of), "scenario": scenario}
        return _call(lambda: self._compiled.explain(json.dumps({k: v for k, v in request.items() if v is not None})))

    @property
    def rules(self) -> tuple[str, ...]:
        """The names of the plan's rules, in its order (that of :meth:`statuses` and :meth:`evaluate`)."""
        return tuple(self._compiled.rules())

    def statuses(self, as_of: Optional[Year] = None) -> dict[str, str]:
        """Every rule's status as of a year (default: the latest year with data), on the actuals and
        the what-ifs: ``{name: status}`` in the plan's order, the statuses :meth:`evaluate` gives,
        without the rest. The fast path of a what-if loop: the actuals stay laid out between calls
        and :meth:`set_actual` changes them in place. Raises PlanError for a year it cannot read."""
        try:
            return self._compiled.statuses(_year(as_of))
        except _shihyo.Refused as refused:
            raise PlanError(json.loads(str(refused))) from None

    def set_actual(self, rule: str, year: Year, value: Union[str, int, float, Decimal]) -> None:
        """Sets an actual for every later evaluation (a what-if): ``value`` as a data file writes it
        (``"13,100"``, ``"81%"``, ``"done"``) or a number in the indicator's unit as written (``80``
        for 80%, ``1200`` for 1,200千円 in a ``unit 千円`` rule), not the base units that evaluations
        give (``Decimal('0.8')``). Raises PlanError for a value a data file could not hold."""
        try:
            self._compiled.set_actual(rule, _year(year) or "", _cell(value))
        except _shihyo.Refused as refused:
            raise PlanError(json.loads(str(refused))) from None

    def clear_actual(self, rule: str, year: Year) -> bool:
        """Removes an actual (a what-if of a missing value); False if there was none."""
        try:
            return bool(self._compiled.clear_actual(rule, _year(year) or ""))
        except _shihyo.Refused as refused:
            raise PlanError(json.loads(str(refused))) from None

    def simulate(
        self,
        simulation: Optional[str] = None,
        *,
        runs: Optional[int] = None,
        seed: Optional[int] = None,
        progress: Optional[Callable[[int, int], None]] = None,
    ) -> dict[str, Any]:
        """Runs a Monte Carlo simulation (default: the plan's only one): the document of ``shihyo
        simulate --format json`` with ``chances``, its rules as a DataFrame. ``progress(done, runs)``
        is called every 500 runs; Ctrl-C, or an exception it raises, stops the simulation."""
        request: dict[str, Any] = {"simulation": simulation, "runs": runs, "seed": None if seed is None else str(seed)}
        text = json.dumps({k: v for k, v in request.items() if v is not None})
        report = _call(lambda: self._compiled.simulate(text, progress))
        report["chances"] = pd.DataFrame(report["rules"]).set_index("name") if report["rules"] else pd.DataFrame()
        return report
