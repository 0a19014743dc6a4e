#!/usr/bin/env bash
# Instructions executed per allocator call on each emulated core: builds the firmware hc_bench_count
# (bench/target) for every preset given and runs it through its CTest test (QEMU -icount shift=10),
# printing the firmware's table: per row the min, mean and max net instructions over its calls (each
# call counted on its own) — hc::bump and hc::allocator&, then hc::pool, hc::memo and hc::slab through
# their concrete types (hot cases, and a random workload for memo and slab). Fails if a firmware
# reports inexact or non-deterministic counts or a wrong result.
# Usage: scripts/count-instructions.sh [preset...]   (default: all six cortex-m presets)
# Build folders are the presets' (build/<preset>); HC_BUILD_ROOT=<dir> uses <dir>/<preset> instead.
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33 cortex-m55)

status=0
for preset in "${presets[@]}"; do
  echo "=== ${preset} ==="
  dir="${HC_BUILD_ROOT:-build}/${preset}"
  log=$( { cmake --preset "${preset}" -B "${dir}" && cmake --build "${dir}" -j 2 --target hc_bench_count; } 2>&1) \
    || { printf '%s\n' "${log}"; echo "FAILED to build: ${preset}"; status=1; continue; }
  # ctest -V prefixes each output line with the test number; keep the firmware's lines only.
  if ! out=$(ctest --test-dir "${dir}" -R '^bench\.instruction_counts$' -V 2>&1); then status=1; fi
  printf '%s\n' "${out}" | sed -n 's/^[0-9]*: //p' | sed -n '/^hc_bench_count:/,/^instruction counts:/p'
  printf '%s\n' "${out}" | grep -q 'tests passed, 0 tests failed' || { echo "FAILED: ${preset}"; status=1; }
done
exit ${status}
