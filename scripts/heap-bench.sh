#!/usr/bin/env bash
# hc::heap's benchmarks on the target (issue 6): builds the firmware hc_bench_heap (bench/target/
# heap_main.cpp: the heap compiled at -O2, like the field's published counts) and hc_bench_heap_os (the
# library's own -Os build of the heap) for every preset given, runs each under QEMU -icount shift=10
# and prints their tables: net instructions per call (min/mean/max) of acquire and release on W1, W2
# (N = 128, 256) and W3 and of resize on W1+resize; W1 on arenas of growing size; FIT (W2 over seeds
# 1..20) for basic_heap<1>, <2> and <3> with each one's control block. Then a summary against the
# goals of issue 6 and the peers' figures (../shared/notes/field.md). Fails if a firmware fails.
# Usage: scripts/heap-bench.sh [preset...]     (default: cortex-m4 cortex-m0)
# Build folders are the presets' (build/<preset>); HC_BUILD_ROOT=<dir> uses <dir>/<preset> instead.
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(cortex-m4 cortex-m0)

status=0
declare -A out
for preset in "${presets[@]}"; do
  dir="${HC_BUILD_ROOT:-build}/${preset}"
  log=$( { cmake --preset "${preset}" -B "${dir}" && cmake --build "${dir}" -j 2 --target hc_bench_heap hc_bench_heap_os; } 2>&1) \
    || { printf '%s\n' "${log}"; echo "FAILED to build: ${preset}"; status=1; continue; }
  # The board folder is named after its QEMU machine (board/<machine>/board.cmake).
  machine=$(sed -n 's/^HC_BOARD:[A-Z]*=//p' "${dir}/CMakeCache.txt")
  for fw in hc_bench_heap hc_bench_heap_os; do
    echo "=== ${preset}: ${fw} ==="
    if ! text=$(timeout 300 qemu-system-arm -M "${machine}" -nographic -monitor none -serial null \
                 -semihosting-config enable=on,target=native -icount shift=10 \
                 -kernel "${dir}/bench/target/${fw}.elf" 2>&1); then
      status=1
      echo "FAILED: ${preset} ${fw}"
    fi
    printf '%s\n' "${text}"
    out["${preset}|${fw}"]="${text}"
  done
done

# The summary: each goal's figure, from the -O2 firmware (and the -Os one in brackets).
maxof() {  # $1 text, $2 row label -> its max (or "-")
  printf '%s\n' "$1" | awk -v row="$2" 'index($0, row) == 1 {
      rest = substr($0, length(row) + 1); n = split(rest, f, " "); if (f[1] ~ /^[0-9-]+$/ && n >= 3) { print f[3]; exit } }' \
    | grep . || echo "-"
}
fitof() {  # $1 text, $2 B, $3 N -> FIT oom total
  printf '%s\n' "$1" | awk -v b="basic_heap<$2>" -v n="N=$3" 'index($0, "fit " b) == 1 {
      for (i = 1; i <= NF; ++i) if ($i == n) { print $(i + 1); exit } }' | grep . || echo "-"
}
echo
echo "=== summary against issue 6 (max net instructions; -O2 heap, [-Os library heap]) ==="
for preset in "${presets[@]}"; do
  o2=${out["${preset}|hc_bench_heap"]:-}
  os=${out["${preset}|hc_bench_heap_os"]:-}
  [ -n "${o2}" ] || continue
  case "${preset}" in
    cortex-m0*) ga=190; gr=160; peers="o1heap 224/175; prototype 188/159" ;;
    *) ga=100; gr=100; peers="o1heap 90/87 (W3 89/85); TLSF 183/161; prototype 91/97" ;;
  esac
  echo "${preset} (goal acquire <= ${ga}, release <= ${gr}; peers acquire/release: ${peers})"
  for w in "W1" "W2/128" "W2/256" "W3" "W1+resize"; do
    label="heap ${w} acquire"; [ "${w}" = "W3" ] && label="heap W3 acquire (all)"
    printf '  %-10s acquire max %4s [%4s]   release max %4s [%4s]\n' "${w}" \
      "$(maxof "${o2}" "${label}")" "$(maxof "${os}" "${label}")" \
      "$(maxof "${o2}" "heap ${w} release")" "$(maxof "${os}" "heap ${w} release")"
  done
  printf '  resize in place max %s [%s] (goal <= 130 on the M4, excluding the copy); moved - copy max %s [%s]\n' \
    "$(maxof "${o2}" "heap W1+resize resize in place")" "$(maxof "${os}" "heap W1+resize resize in place")" \
    "$(maxof "${o2}" "heap W1+resize resize moved - copy")" "$(maxof "${os}" "heap W1+resize resize moved - copy")"
  if printf '%s\n' "${o2}" | grep -q '^fit basic_heap'; then
    for b in 1 2 3; do
      printf '  FIT basic_heap<%d>: N=128 %s, N=256 %s out-of-memory events%s\n' "${b}" \
        "$(fitof "${o2}" "${b}" 128)" "$(fitof "${o2}" "${b}" 256)" \
        "$([ "${b}" = 2 ] && echo "   (hc::heap; goal <= 50 at N=128; o1heap 360/571, TLSF 80/369)")"
    done
  fi
done
exit ${status}
