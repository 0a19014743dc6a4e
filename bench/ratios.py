#!/usr/bin/env python3
"""Prints each benchmark's time per 1000 acquires and its ratio to hc::bump (concrete), from ONE run.

Usage: hc_bench --benchmark_format=json | python3 bench/ratios.py
"""
import json
import sys

runs = {b["name"]: b["real_time"] for b in json.load(sys.stdin)["benchmarks"]}
base = runs["bump_concrete"]
print(f"{'benchmark':<20} {'ns / 1000 acquires':>20} {'x bump_concrete':>16}")
for name, t in runs.items():
    print(f"{name:<20} {t:>20.0f} {t / base:>16.2f}")
