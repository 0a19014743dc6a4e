#!/usr/bin/env bash
# Installs, from Debian's packages, whatever hc's build, tests, demo and benchmarks need and the
# machine lacks. Safe to run again: does nothing when everything is there.
set -euo pipefail

# Clang beside GCC (the *-clang presets, the header check): clang-19 with lld-19 (Clang links the
# target firmware with lld, over the GNU packages' newlib, libstdc++ and libgcc) and
# libclang-rt-19-dev (the host tests' ASan/UBSan runtime).
packages=(cmake make g++ python3
          gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
          binutils-arm-none-eabi qemu-system-arm
          googletest libgtest-dev libbenchmark-dev
          clang-19 lld-19 libclang-rt-19-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "hc setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "hc setup: missing ${missing[*]}; run as root (or install sudo) to install them" >&2
    exit 1
  fi
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
