"""The Hadano plan's achievement year by year, as an analyst would look at it.

Evaluates the plan as of every year of its period, prints each reform area's rules met, and
plots each indicator's 達成率 (achievement against its target) by year into achievement.png.
Run from the repository's root, with the package installed (see crates/shihyo-python):

    python examples/python/achievement.py [output.png]
"""

import sys
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")  # no screen: write the picture
import matplotlib.pyplot as plt
import pandas as pd

import shihyo

plan = shihyo.Plan.load("examples/hadano/hadano.kpi", data=["examples/hadano/actuals.csv"], lang="en")

years = ["R3", "R4", "R5"]
tables = [plan.evaluate(as_of=year) for year in years]
every_year = pd.concat(tables)

achieved = every_year[every_year["status"].isin(["achieved", "on_track", "done"])]
counts = achieved.groupby("as_of").size().reindex(years, fill_value=0)
for year, count in counts.items():
    print(f"{year}: {count} of {len(tables[0])} rules achieved or on track")

# 達成率 of the measured rules, as a percentage of their targets.
measured = every_year.dropna(subset=["achievement"])
pivot = measured.reset_index().pivot_table(index="as_of", columns="name", values="achievement", aggfunc="first")
pivot = pivot.reindex(years).map(lambda value: value * 100 if isinstance(value, Decimal) else value).astype(float)
best = pivot.iloc[-1].sort_values(ascending=False)
print(f"highest achievement in R5: {best.index[0]} ({best.iloc[0]:.1f}%)")

figure, axes = plt.subplots(figsize=(10, 6))
pivot.plot(ax=axes, marker="o", legend=False)
axes.axhline(100, color="black", linewidth=0.8)
axes.set_xlabel("as of")
axes.set_ylabel("achievement (% of target)")
axes.set_title("Hadano reform plan: achievement by year")
output = sys.argv[1] if len(sys.argv) > 1 else "achievement.png"
figure.savefig(output, dpi=100)
print(f"wrote {output}")
