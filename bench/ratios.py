#!/usr/bin/env python3
"""Prints each benchmark's time per 1000 acquires and its ratio to hc::bump (concrete), from ONE run.
With --benchmark_repetitions the medians are used.

Usage: hc_bench --benchmark_format=json [--benchmark_repetitions=9] | python3 bench/ratios.py
"""
import json
import sys

benchmarks = json.load(sys.stdin)["benchmarks"]
medians = [b for b in benchmarks if b.get("aggregate_name") == "median"]
rows = medians or [b for b in benchmarks if b.get("run_type", "iteration") == "iteration"]
runs = {b.get("run_name", b["name"]): b["real_time"] for b in rows}
base = runs["bump_concrete"]
kind = "median of repetitions" if medians else "single run"
print(f"{'benchmark':<20} {'ns / 1000 acquires':>20} {'x bump_concrete':>16}   ({kind})")
for name, t in runs.items():
    print(f"{name:<20} {t:>20.0f} {t / base:>16.2f}")
