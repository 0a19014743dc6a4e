#!/usr/bin/env python3
"""Prints each benchmark's time per 1000 operations, its ratio to hc::bump (concrete) and, for the rows
that release, its ratio to glibc malloc/free on the same workload, from ONE run; then the user counters
and the goals. With --benchmark_repetitions the medians are used, and "cv" is the spread of the
repetitions (standard deviation / mean). Python 3 standard library only.

Every row does 1000 operations per iteration: bump_concrete, bump_protocol and pmr_monotonic 1000
acquires (then one reset); glibc_malloc_free and seed_* the seed workload, 1000 blocks acquired then
released; churn_* 1000 steps of one release and one acquire with 256 blocks live. "x malloc" compares
seed_* rows with glibc_malloc_free and churn_* rows with churn_malloc.

Usage: hc_bench --benchmark_format=json [--benchmark_repetitions=9] | python3 bench/ratios.py
Exits nonzero if a benchmark reported an error or the bump_concrete row is missing.
"""
import json
import sys

BASE = "bump_concrete"
NS_PER_UNIT = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# Fields Google Benchmark writes for every run; any other number is a user counter.
STANDARD = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
    "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit",
    "aggregate_name", "aggregate_unit", "label", "error_occurred", "error_message",
    "items_per_second", "bytes_per_second",
}
# Goals read off the seed workload (the seed series' own slab took 1,050-1,360 us per 1000).
SLAB_GOAL_US = 21.0
GOALS_FASTER = [("seed_slab", "glibc_malloc_free"), ("seed_memo", "glibc_malloc_free")]
ALSO_FASTER = [("churn_slab", "churn_malloc"), ("churn_memo", "churn_malloc")]


def malloc_baseline(name):
    """The malloc/free row of the same workload, or None for rows that do not release."""
    if name == "glibc_malloc_free" or name.startswith("seed_"):
        return "glibc_malloc_free"
    if name.startswith("churn_"):
        return "churn_malloc"
    return None


def number(v):
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.4g}"


benchmarks = json.load(sys.stdin)["benchmarks"]
errors = {}
for b in benchmarks:
    if b.get("error_occurred"):
        errors[b.get("run_name", b["name"])] = b.get("error_message", "error")
medians = [b for b in benchmarks if b.get("aggregate_name") == "median"]
rows = medians or [b for b in benchmarks
                   if b.get("run_type", "iteration") == "iteration" and not b.get("error_occurred")]
cvs = {b.get("run_name", b["name"]): b["real_time"] for b in benchmarks if b.get("aggregate_name") == "cv"}
times = {}
counters = {}
for b in rows:
    name = b.get("run_name", b["name"])
    times[name] = b["real_time"] * NS_PER_UNIT[b.get("time_unit", "ns")]
    extra = {k: v for k, v in b.items() if k not in STANDARD and isinstance(v, (int, float))}
    if extra:
        counters[name] = extra

if BASE not in times:
    print(f"ratios.py: no {BASE} row", file=sys.stderr)
    sys.exit(1)
base = times[BASE]
kind = "medians of repetitions" if medians else "single run"
cv_head = f" {'cv':>6}" if cvs else ""
print(f"{'benchmark':<20} {'ns / 1000 ops':>14}{cv_head} {'x bump_concrete':>16} {'x malloc':>9}   ({kind})")
for name, t in times.items():
    ref = malloc_baseline(name)
    vs_malloc = f"{t / times[ref]:>9.2f}" if ref in times else f"{'-':>9}"
    cv = f" {cvs[name] * 100:>5.1f}%" if name in cvs else (f" {'':>6}" if cvs else "")
    print(f"{name:<20} {t:>14.0f}{cv} {t / base:>16.2f} {vs_malloc}")
for name, message in errors.items():
    print(f"{name:<20} ERROR: {message}")

if counters:
    print("\ncounters")
    for name, extra in counters.items():
        print(f"  {name}: " + ", ".join(f"{k}={number(v)}" for k, v in sorted(extra.items())))
        if "held_bytes_classes" in extra and "held_bytes_exact_model" in extra:
            c, e = extra["held_bytes_classes"], extra["held_bytes_exact_model"]
            print(f"  {'':<{len(name)}}  memo held bytes, exact sizes / classes of 8: {e / c:.2f}")


def faster(lines, pairs):
    for row, ref in pairs:
        if row in times and ref in times:
            met = "met" if times[row] < times[ref] else "NOT met"
            lines.append(f"  {row} faster than {ref}: {times[row] / 1e3:.2f} vs {times[ref] / 1e3:.2f} us"
                         f" (x{times[row] / times[ref]:.2f}) -- {met}")


goals = []
if "seed_slab" in times:
    t = times["seed_slab"] / 1e3
    met = "met" if t <= SLAB_GOAL_US else "NOT met"
    goals.append(f"  seed_slab <= {SLAB_GOAL_US:g} us per 1000: {t:.2f} us -- {met}")
faster(goals, GOALS_FASTER)
if goals:
    print("\ngoals (seed workload)")
    print("\n".join(goals))
also = []
faster(also, ALSO_FASTER)
if also:
    print("same comparison on the churn workload")
    print("\n".join(also))

sys.exit(1 if errors else 0)
