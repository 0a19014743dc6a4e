#!/usr/bin/env bash
# Instructions executed per allocator call on each emulated core: builds the firmware hc_bench_count
# (bench/target) for every preset given and runs it through its CTest test (QEMU -icount shift=10),
# printing the firmware's table: per row the min, mean and max net instructions over its calls (each
# call counted on its own) — hc::bump and hc::allocator&, then hc::pool, hc::memo and hc::slab through
# their concrete types (hot cases, and a random workload for memo and slab). Fails if a firmware
# reports inexact or non-deterministic counts or a wrong result.
# Usage: scripts/count-instructions.sh [preset...]
#   (default: the six GCC cortex-m presets, then cortex-m0-clang and cortex-m4-clang)
# Build folders are the presets' (build/<preset>); HC_BUILD_ROOT=<dir> uses <dir>/<preset> instead.
# When a preset and its Clang twin (<preset>-clang) are both run, a last table puts every row's
# mean (min-max) for GCC and Clang side by side.
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33 cortex-m55
                                     cortex-m0-clang cortex-m4-clang)

declare -A counts  # "<preset>|<row label>" -> "mean (min-max)"
rows=()            # row labels, in the firmware's order
status=0
for preset in "${presets[@]}"; do
  echo "=== ${preset} ==="
  dir="${HC_BUILD_ROOT:-build}/${preset}"
  log=$( { cmake --preset "${preset}" -B "${dir}" && cmake --build "${dir}" -j 2 --target hc_bench_count; } 2>&1) \
    || { printf '%s\n' "${log}"; echo "FAILED to build: ${preset}"; status=1; continue; }
  # ctest -V prefixes each output line with the test number; keep the firmware's lines only.
  if ! out=$(ctest --test-dir "${dir}" -R '^bench\.instruction_counts$' -V 2>&1); then status=1; fi
  table=$(printf '%s\n' "${out}" | sed -n 's/^[0-9]*: //p' | sed -n '/^hc_bench_count:/,/^instruction counts:/p')
  printf '%s\n' "${table}"
  printf '%s\n' "${out}" | grep -q 'tests passed, 0 tests failed' || { echo "FAILED: ${preset}"; status=1; }
  # Rows "<label>  <min> <mean> <max>", below the "call  min mean max" header.
  while IFS=$'\t' read -r label min mean max; do
    [ -n "${counts["${preset}|${label}"]+x}" ] && continue
    counts["${preset}|${label}"]="${mean} (${min}-${max})"
    known=0
    for r in "${rows[@]}"; do [ "${r}" = "${label}" ] && { known=1; break; }; done
    [ ${known} -eq 1 ] || rows+=("${label}")
  done < <(printf '%s\n' "${table}" | awk '
    /^call +min +mean +max$/ { on = 1; next }
    on && NF >= 4 && $(NF-2) ~ /^[0-9]+$/ && $(NF-1) ~ /^[0-9.]+$/ && $NF ~ /^[0-9]+$/ {
      label = $0; sub(/ +[0-9]+ +[0-9.]+ +[0-9]+$/, "", label)
      printf "%s\t%s\t%s\t%s\n", label, $(NF-2), $(NF-1), $NF
    }')
done

# GCC and Clang side by side, for every preset run whose Clang twin was run too.
pairs=()
for preset in "${presets[@]}"; do
  [[ "${preset}" == *-clang ]] && continue
  for twin in "${presets[@]}"; do
    [ "${twin}" = "${preset}-clang" ] && pairs+=("${preset}")
  done
done
if [ ${#pairs[@]} -gt 0 ] && [ ${#rows[@]} -gt 0 ]; then
  echo "=== GCC vs Clang: net instructions per call, mean (min-max) ==="
  header=$(printf '%-42s' "call")
  for preset in "${pairs[@]}"; do header+=$(printf ' %-17s %-17s' "${preset}" "${preset}-clang"); done
  echo "${header%"${header##*[! ]}"}"
  for label in "${rows[@]}"; do
    line=$(printf '%-42s' "${label}")
    for preset in "${pairs[@]}"; do
      line+=$(printf ' %-17s %-17s' "${counts["${preset}|${label}"]:--}" "${counts["${preset}-clang|${label}"]:--}")
    done
    echo "${line%"${line##*[! ]}"}"
  done
fi
exit ${status}
