#!/usr/bin/env bash
# Code size of the hc library per core at -Os (the MinSizeRel target presets): every function's size
# and the totals of code (.text) and read-only data, taken from the library archive itself.
# Usage: scripts/size-report.sh [preset...]   (default: cortex-m0 cortex-m3 cortex-m4)
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(cortex-m0 cortex-m3 cortex-m4)

for preset in "${presets[@]}"; do
  cmake --preset "${preset}" >/dev/null
  cmake --build --preset "${preset}" --target hc >/dev/null
  lib="build/${preset}/src/libhc.a"
  echo "=== ${preset}: ${lib} (-Os) ==="
  arm-none-eabi-nm -S --size-sort -C -t d "${lib}" | awk 'NF >= 4 && $3 ~ /^[TtWw]$/ {
      name = $4; for (i = 5; i <= NF; ++i) name = name " " $i
      printf "  %5d  %s\n", $2 + 0, name}'
  arm-none-eabi-size -A "${lib}" | awk '
    $1 ~ /^\.text/   {text += $2}
    $1 ~ /^\.rodata/ {ro += $2}
    $1 ~ /^\.data/ || $1 ~ /^\.bss/ {ram += $2}
    END {printf "  code (.text) %d B, read-only data %d B, RAM %d B\n", text, ro, ram}'
done
