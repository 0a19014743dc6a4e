#!/usr/bin/env python3
"""Prints each benchmark's time per 1000 operations, its ratio to hc::bump (concrete) and, for the rows
that release, its ratio to glibc malloc/free on the same workload, from ONE run; then the user counters
and the goals. With --benchmark_repetitions the medians are used, and "cv" is the spread of the
repetitions (standard deviation / mean). Python 3 standard library only.

Every row does 1000 operations per iteration: bump_concrete, bump_protocol and pmr_monotonic 1000
acquires (then one reset); glibc_malloc_free and seed_* the seed workload, 1000 blocks acquired then
released; churn_* 1000 steps of one release and one acquire with 256 blocks live. "x malloc" compares
seed_* rows with glibc_malloc_free and churn_* rows with churn_malloc. Rows with an "ops" counter
(heap_bench.cpp: heap_w1_<region>, heap_w2r, malloc_w2r) do that many operations per iteration; their
times are scaled to 1000 operations. heap_w2r is compared with malloc_w2r (malloc/realloc/free), and the
heap_w1_* rows are checked to be within 10% of each other (hc::heap's cost must not grow with its region).

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


HEAP_SCALE = ["heap_w1_4K", "heap_w1_64K", "heap_w1_1M", "heap_w1_64M", "heap_w1_1G"]
SCALE_TOLERANCE = 1.10


def malloc_baseline(name):
    """The malloc/free row of the same workload, or None for rows that do not release."""
    if name == "heap_w2r":
        return "malloc_w2r"
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
times = {}
counters = {}


def row_name(b):
    """The row's name without the "/min_time:..." Google Benchmark appends to rows that set MinTime."""
    return b.get("run_name", b["name"]).split("/min_time:")[0]


cvs = {row_name(b): b["real_time"] for b in benchmarks if b.get("aggregate_name") == "cv"}
for b in rows:
    name = row_name(b)
    times[name] = b["real_time"] * NS_PER_UNIT[b.get("time_unit", "ns")]
    extra = {k: v for k, v in b.items() if k not in STANDARD and isinstance(v, (int, float))}
    if extra:
        counters[name] = extra
    if extra.get("ops"):
        times[name] *= 1000.0 / extra["ops"]  # to ns per 1000 operations

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


heap_rows = [n for n in HEAP_SCALE if n in times]
if heap_rows:
    print("\nhc::heap, W1 on regions of growing size (sizes scaled on 4K; see bench/heap_bench.cpp)")
    fastest = min(times[n] for n in heap_rows)
    for n in heap_rows:
        print(f"  {n[len('heap_w1_'):]:>4}  {times[n] / 1e3:7.2f} ns/op  x{times[n] / fastest:.2f} the fastest")

    def spread(names):
        ts = [times[n] for n in names if n in times]
        return max(ts) / min(ts) if len(ts) > 1 else 1.0

    for label, names in (("all five regions", heap_rows),
                         ("64K..1G (the same request sizes)", [n for n in heap_rows if n != "heap_w1_4K"])):
        s = spread(names)
        met = "met" if s <= SCALE_TOLERANCE else "NOT met"
        print(f"  {label}: slowest / fastest = {s:.3f}, within 10%: {met}")
if "heap_w2r" in times and "malloc_w2r" in times:
    h, m = times["heap_w2r"], times["malloc_w2r"]
    print(f"hc::heap vs glibc on W2 with resize (N=128): {h / 1e3:.2f} vs {m / 1e3:.2f} ns/op,"
          f" heap / malloc = x{h / m:.2f}")

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
