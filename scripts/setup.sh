#!/usr/bin/env bash
# Installs, from Debian's packages, whatever hc's build, tests, demo and benchmarks need and the
# machine lacks. Safe to run again: does nothing when everything is there.
set -euo pipefail

packages=(cmake make g++ python3
          gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
          binutils-arm-none-eabi qemu-system-arm
          googletest libgtest-dev libbenchmark-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "hc setup: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
