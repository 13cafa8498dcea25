#!/usr/bin/env python3
"""Exact arithmetic against Python's `decimal`: a differential test.

Generates random arithmetic expressions (+, -, *, /, parentheses, negative and
decimal operands), has shihyo evaluate each as a derived indicator (one plan,
`shihyo eval --format json`), and evaluates the same expressions with
Python's `decimal` at 200 digits, which is exact for these operands. Then:

- where an intermediate result leaves shihyo's exact range (|x| > 79228162514264337593543950335),
  shihyo must report E0301 (overflow) for that rule, and a division by zero E0302;
- otherwise shihyo's value must equal the exact one, or lie within the error
  that rounding allows: every result is kept to at most 28 decimal places and
  a 96-bit mantissa (rust_decimal), and the bound of that rounding is carried
  through the expression (a tiny divisor that lost digits to the 28 places
  magnifies its error, as it does in any fixed-point arithmetic).

Usage: differential.py SHIHYO [--count N] [--seed S]   (run by `cargo xtask test`)
"""

import argparse
import decimal
import json
import os
import random
import subprocess
import sys
import tempfile

MAX = decimal.Decimal("79228162514264337593543950335")
EXACT = decimal.Context(prec=200)


class Indeterminate(Exception):
    """A divisor so small that rounding to 28 decimal places may have made it 0: shihyo may
    report a division by zero, or divide by what is left; either is right for it."""


class Failure(Exception):
    """The code shihyo must report for an expression."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def operand(rng):
    digits = rng.choice([1, 2, 3, 6, 9, 12, 15])
    scale = rng.choice([0, 0, 1, 2, 3, 6, 10])
    value = decimal.Decimal(rng.randrange(0, 10**digits)).scaleb(-scale)
    if rng.random() < 0.05:
        value = decimal.Decimal(0)
    if rng.random() < 0.3:
        value = -value
    return value


def expression(rng, depth):
    """A random expression as (text, tree)."""
    if depth == 0 or rng.random() < 0.3:
        value = operand(rng)
        text = format(value, "f")
        return (f"({text})" if value < 0 or text.startswith("-") else text), ("num", value)
    op = rng.choice("+-*/")
    left_text, left = expression(rng, depth - 1)
    right_text, right = expression(rng, depth - 1)
    return f"({left_text} {op} {right_text})", (op, left, right)


def rounding(value):
    """The most that keeping a value to 28 decimal places and a 96-bit mantissa can change it."""
    return decimal.Decimal("1e-28") + abs(value) * decimal.Decimal("2e-28")


def evaluate(tree):
    """The exact value, the bound of shihyo's rounding error, and the largest magnitude met,
    evaluated left to right as shihyo does; raises Failure where shihyo must fail."""
    if tree[0] == "num":
        return tree[1], decimal.Decimal(0), abs(tree[1])
    op, left, right = tree
    a, error_a, largest_a = evaluate(left)
    b, error_b, largest_b = evaluate(right)
    if op == "/" and b == 0:
        raise Failure("E0302")
    if op == "/" and error_b >= abs(b):
        raise Indeterminate()
    value = {"+": EXACT.add, "-": EXACT.subtract, "*": EXACT.multiply, "/": EXACT.divide}[op](a, b)
    if abs(value) > MAX:
        raise Failure("E0301")
    if op in "+-":
        error = error_a + error_b
    elif op == "*":
        error = abs(a) * error_b + abs(b) * error_a + error_a * error_b
    else:
        # b's error may bring it closer to zero: bound |a ± ea| / (|b| − eb) − |a| / |b|.
        error = EXACT.divide(abs(a) * error_b + abs(b) * error_a, abs(b) * (abs(b) - error_b))
    return value, error + rounding(value), max(largest_a, largest_b, abs(value))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("shihyo")
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [expression(rng, rng.randrange(1, 5)) for _ in range(args.count)]
    plan = 'plan "decimal" { period R5..R5 }\n' + "".join(f'indicator "e{i}" = {text}\n' for i, (text, _) in enumerate(cases))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "decimal.kpi")
        with open(path, "w", encoding="utf-8") as file:
            file.write(plan)
        run = subprocess.run([args.shihyo, "eval", path, "--as-of", "R5", "--format", "json", "--lang", "en"], capture_output=True, text=True)
    report = json.loads(run.stdout)
    errors = {d["line"]: d["code"] for d in report.get("diagnostics", [])}
    rules = {rule["name"]: rule for rule in report["rules"]}
    checked = {"exact": 0, "rounded": 0, "E0301": 0, "E0302": 0, "near the range's edge": 0, "divisor within rounding of 0": 0}
    problems = []
    for i, (text, tree) in enumerate(cases):
        rule = rules[f"e{i}"]
        try:
            exact, tolerance, largest = evaluate(tree)
        except Indeterminate:
            checked["divisor within rounding of 0"] += 1
            continue
        except Failure as failure:
            code = errors.get(rule["line"])
            if rule["status"] != "error" or code != failure.code:
                problems.append(f"e{i} = {text}: expected {failure.code}, shihyo gave {rule['status']} {code} {rule['actual']}")
            checked[failure.code] += 1
            continue
        if largest > MAX / 10**6:
            checked["near the range's edge"] += 1  # rounding may tip either way so close to the edge
            continue
        if rule["actual"] is None:
            problems.append(f"e{i} = {text}: exact {exact}, shihyo gave {rule['status']} {errors.get(rule['line'])}")
            continue
        value = decimal.Decimal(rule["actual"])
        difference = abs(EXACT.subtract(value, exact))
        if difference == 0:
            checked["exact"] += 1
        elif difference <= tolerance:
            checked["rounded"] += 1
        else:
            problems.append(f"e{i} = {text}: exact {exact}, shihyo {value} (off by {difference}, allowed {tolerance})")
    summary = ", ".join(f"{name} {count}" for name, count in checked.items())
    print(f"{args.count} expressions against Python's decimal: {summary}")
    if problems:
        print(f"{len(problems)} differ:", *problems[:20], sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
