#!/usr/bin/env bash
# Configures, builds and tests every preset: the host, then the six emulated Cortex-M cores in QEMU
# (GCC), then the Clang builds (host, Cortex-M0, Cortex-M4).
# Runs them all even when one fails; exits nonzero if any failed. Usage: scripts/test-all.sh [preset...]
set -uo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(host cortex-m0 cortex-m3 cortex-m4 cortex-m7 cortex-m33 cortex-m55
                                     host-clang cortex-m0-clang cortex-m4-clang)

passed=0
failed=0
failures=()
for preset in "${presets[@]}"; do
  echo "=== ${preset} ==="
  if cmake --workflow --preset "${preset}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("${preset}")
  fi
done

echo
echo "=== summary: presets ${presets[*]} ==="
[ ${failed} -eq 0 ] || echo "failed presets: ${failures[*]}"
echo "presets: ${passed} passed, ${failed} failed"
[ ${failed} -eq 0 ]
