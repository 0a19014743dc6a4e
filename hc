#!/usr/bin/env bash
# hc's front door.  ./hc demo   — run the demo firmware in QEMU (Cortex-M3, mps2-an385)
#                   ./hc test   — run every test: host + six emulated Cortex-M cores (GCC), host +
#                                 Cortex-M0 + Cortex-M4 (Clang)
#                   ./hc bench  — host benchmarks with ratios;  ./hc size — code size report
# Each installs what is missing first (Debian packages, see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")"

# Runs a build step quietly; shows its output only if it fails.
quietly() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    echo "hc: failed: $*" >&2
    exit 1
  fi
}

case "${1:-}" in
  demo)
    scripts/setup.sh
    quietly cmake --preset cortex-m3
    quietly cmake --build --preset cortex-m3 --target hc_demo
    exec qemu-system-arm -M mps2-an385 -nographic -monitor none -serial null \
      -semihosting-config enable=on,target=native -kernel build/cortex-m3/examples/demo/hc_demo.elf
    ;;
  test)
    scripts/setup.sh
    shift
    exec scripts/test-all.sh "$@"
    ;;
  bench)
    scripts/setup.sh
    quietly cmake --preset host
    quietly cmake --build --preset host --target hc_bench
    build/host/bench/hc_bench --benchmark_format=json --benchmark_repetitions=9 | python3 bench/ratios.py
    ;;
  size)
    scripts/setup.sh
    exec scripts/size-report.sh
    ;;
  *)
    echo "usage: ./hc demo | test [preset...] | bench | size" >&2
    exit 2
    ;;
esac
