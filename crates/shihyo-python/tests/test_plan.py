"""The Python package as an analyst uses it (run by pytest from the repository's root; see
``cargo xtask test``): the Hadano plan loaded once, its DataFrame against the command's JSON,
exact Decimal figures, explanations, what-ifs, errors with their places, DataFrames as data,
simulations with progress and stopped, and the example script."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import shihyo

ROOT = Path(__file__).resolve().parents[3]
PLAN = ROOT / "examples/hadano/hadano.kpi"
DATA = ROOT / "examples/hadano/actuals.csv"
APPLICATIONS = "電子申請の年間利用件数"
CLI = os.environ.get("SHIHYO_CLI", str(ROOT / "target/debug/shihyo"))


@pytest.fixture
def plan():
    return shihyo.Plan.load(PLAN, data=[DATA], lang="en")


def test_the_dataframe_is_the_command_s_evaluation(plan):
    table = plan.evaluate(as_of="R5")
    printed = subprocess.run([CLI, "eval", str(PLAN), "--data", str(DATA), "--as-of", "R5", "--format", "json", "--lang", "en"],
                             capture_output=True, text=True, check=False).stdout
    document = json.loads(printed)
    assert list(table.index) == [rule["name"] for rule in document["rules"]]
    for rule in document["rules"]:
        row = table.loc[rule["name"]]
        assert row["status"] == rule["status"]
        for field in ("actual", "target", "achievement", "achievement_target", "progress"):
            expected = None if rule[field] is None else Decimal(rule[field])
            assert (row[field] if row[field] is not None and not pd.isna(row[field]) else None) == expected, (rule["name"], field)
    row = table.loc[APPLICATIONS]
    assert (row["status"], row["actual"], row["target"], row["year"], row["year_number"]) == ("on_track", Decimal("18100"), Decimal("18720"), "R5", 2023)
    assert isinstance(row["achievement"], Decimal)


def test_groups_give_their_items_met(plan):
    summary = plan.evaluation(as_of="R5")["summary"]
    assert summary["met_share"] == Decimal(summary["met"]) / Decimal(summary["judged"])
    assert 0 < summary["met"] <= summary["judged"] <= summary["rules"]


def test_points_are_decimals_in_the_rules_the_groups_and_the_summary():
    text = """
plan "点数" {
  period R3..R7  rollup average
  points { 7 >= 100%, 6 >= 90%, 5 >= 80%, 1 }
  grades { A when points >= 6, B }
}
group "1" "窓口" {
  outcome "件数" >= 100
  outcome "満足度" >= 80%
}
data "件数" { R7: 100 }
data "満足度" { R7: 68 }
"""
    scored = shihyo.Plan.load(text, lang="en")
    table = scored.evaluate(as_of="R7")
    assert (table.loc["件数", "points"], table.loc["満足度", "points"]) == (Decimal(7), Decimal(5))
    document = scored.evaluation(as_of="R7")
    group = document["groups"][0]
    assert (group["points_total"], group["points_average"], group["grade"]) == (Decimal(12), Decimal(6), "A")
    assert document["summary"]["points_average"] == Decimal(6)


def test_a_plan_without_points_has_none(plan):
    assert plan.evaluate(as_of="R5")["points"].isna().all()
    assert "points_total" not in plan.evaluation(as_of="R5")["summary"]


def test_years_as_plans_write_them_or_western(plan):
    by_label = plan.evaluation(as_of="令和4年度")
    by_number = plan.evaluation(as_of=2022)
    assert by_label == by_number
    assert by_label["as_of"]["label"] == "R4"


def test_explain_gives_the_steps_with_their_places(plan):
    explained = plan.explain(APPLICATIONS, as_of="R5")
    target = next(step for step in explained["steps"] if step["field"] == "target")
    assert target["inputs"][0]["value"] == Decimal("12480")
    assert target["inputs"][0]["file"].endswith("actuals.csv")


def test_a_what_if_changes_the_next_evaluation(plan):
    plan.set_actual(APPLICATIONS, "R5", "19,000")
    assert plan.evaluate(as_of="R5").loc[APPLICATIONS, "actual"] == Decimal("19000")
    plan.set_actual(APPLICATIONS, 2023, 18500)
    assert plan.evaluate(as_of="R5").loc[APPLICATIONS, "actual"] == Decimal("18500")
    steps = plan.explain(APPLICATIONS, as_of="R5")["steps"]
    set_values = [i for step in steps for i in step["inputs"] if i["value"] == Decimal("18500")]
    assert set_values and all(i["file"] is None for i in set_values)
    # A Decimal from an evaluation goes back in written out in full.
    plan.set_actual(APPLICATIONS, "R5", Decimal("13100").normalize() * 2)
    assert plan.evaluate(as_of="R5").loc[APPLICATIONS, "actual"] == Decimal("26200")
    assert plan.clear_actual(APPLICATIONS, "R5") is True
    with pytest.raises(shihyo.PlanError) as refused:
        plan.set_actual(APPLICATIONS, "R5", "19,OOO")
    assert refused.value.diagnostics[0]["code"] == "E0105"


def test_statuses_are_the_evaluation_s_through_what_ifs(plan):
    assert plan.rules == tuple(plan.evaluate().index)
    for value in (18000, 19000.0, Decimal("1.9E+4"), "17,000"):
        plan.set_actual(APPLICATIONS, 2023, value)
        for as_of in (None, "R4", 2023):
            statuses = plan.statuses(as_of)
            assert list(statuses) == list(plan.rules)
            assert statuses == plan.evaluate(as_of)["status"].to_dict(), (value, as_of)
    plan.set_actual(APPLICATIONS, "R5", 16000)
    assert plan.statuses("R5")[APPLICATIONS] == "behind"
    plan.set_actual(APPLICATIONS, "R5", 19000)
    assert plan.statuses("R5")[APPLICATIONS] == "on_track"
    with pytest.raises(shihyo.PlanError, match="asOf R99x"):
        plan.statuses("R99x")


def test_errors_carry_their_code_and_place():
    with pytest.raises(shihyo.PlanError) as refused:
        shihyo.Plan.load('plan "t" { period R3..R7 }\noutcom "x" >= 1\n', lang="en")
    diagnostic = refused.value.diagnostics[0]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("E0001", 2, 1)
    assert str(refused.value).startswith("plan.kpi:2:1: error[E0001]:")
    assert str(refused.value).endswith("\n  = did you mean `outcome`?")
    with pytest.raises(shihyo.PlanError, match="no rule is named"):
        shihyo.Plan.load(PLAN, data=[DATA]).explain("存在しない")
    with pytest.raises(OSError):
        shihyo.Plan.load(PLAN, data=["no/such/file.csv"])
    with pytest.raises(FileNotFoundError):
        shihyo.Plan.load("examples/hadano/hadnao.kpi")


def test_dataframes_are_data_long_or_wide():
    text = 'plan "t" { period R3..R7 baseline R1 }\noutcome "件数" >= baseline * 150% by R5\noutcome "満足度" >= 80% by R5\n'
    long = pd.DataFrame({"indicator": ["件数", "件数", "満足度"], "year": ["R1", "R5", "R5"], "value": ["100", "160", "81%"]})
    wide = pd.DataFrame({"indicator": ["件数", "満足度"], "R1": ["100", ""], "R5": ["160", "81%"]})
    # The indicators as the index, as analysts often keep them (unnamed or named), or as
    # the index levels of the long form: the index is data too.
    indexed = wide.set_index("indicator")
    unnamed = indexed.rename_axis(None)
    levels = long.set_index(["indicator", "year"])
    for data in (long, wide, indexed, unnamed, levels):
        table = shihyo.Plan.load(text, data=[data], lang="en").evaluate(as_of="R5")
        assert list(table["status"]) == ["achieved", "achieved"]
        assert table.loc["満足度", "actual"] == Decimal("0.81")


def test_a_simulation_tells_its_progress_and_can_be_stopped(plan):
    seen = []
    report = plan.simulate(runs=1200, seed=3, progress=lambda done, runs: seen.append((done, runs)))
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]
    assert report["runs"] == 1200 and report["seed"] == "3"
    chance = report["chances"].loc[APPLICATIONS, "probability"]
    assert isinstance(chance, Decimal) and Decimal(0) <= chance <= Decimal(1)
    big = plan.simulate(runs=300, seed=2**64 - 1)
    assert big["seed"] == str(2**64 - 1)

    def stop(done, runs):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        plan.simulate(runs=10_000_000, progress=stop)


def test_the_example_script_runs(tmp_path):
    picture = tmp_path / "achievement.png"
    printed = subprocess.run([sys.executable, str(ROOT / "examples/python/achievement.py"), str(picture)],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "R5:" in printed and "highest achievement in R5:" in printed
    assert picture.stat().st_size > 10_000


def test_other_threads_run_while_a_simulation_does(plan):
    import threading

    done = threading.Event()
    ticks = []

    def tick():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        before = len(ticks)
        plan.simulate(runs=100_000, seed=1)
        during = len(ticks) - before
    finally:
        done.set()
        ticker.join()
    assert during > 0
