"""The what-if loop of the embedding benchmark in Python, through the package's Plan
(crates/benches/src/embedded.rs drives it): set the actual of one indicator (two values in
turn), then every rule's status. For each count read on stdin it runs that many and answers
the nanoseconds they took. Arguments: the folder of the Hadano example, the indicator, the
year, the two values."""

import sys
import time
from pathlib import Path

import shihyo

example, rule, year = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
values = [int(value) for value in sys.argv[4:6]]
plan = shihyo.Plan.load(example / "hadano.kpi", data=[example / "actuals.csv"])
turn = 0


def what_if() -> dict[str, str]:
    global turn
    turn ^= 1
    plan.set_actual(rule, year, values[turn])
    return plan.statuses(year)


# Each value gives the statuses evaluate gives, and the indicator's differs between them.
seen = []
for _ in values:
    statuses = what_if()
    assert statuses == plan.evaluate(year)["status"].to_dict()
    seen.append(statuses[rule])
assert seen[0] != seen[1], seen

for line in sys.stdin:
    count = int(line)
    start = time.perf_counter_ns()
    for _ in range(count):
        what_if()
    print(time.perf_counter_ns() - start, flush=True)
