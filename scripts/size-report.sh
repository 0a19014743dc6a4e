#!/usr/bin/env bash
# Code size of the hc library per core at -Os (the MinSizeRel target presets):
#  1. every function's size and the totals of code (.text) and read-only data, taken from the library
#     archive itself;
#  2. per allocator, what a firmware using only that allocator links, from the size probes of
#     bench/target/size_probe.cpp (tiny firmware, built, never run; see that file).
# Usage: scripts/size-report.sh [preset...]
#   (default: cortex-m0 cortex-m3 cortex-m4 cortex-m0-clang cortex-m4-clang)
# Build folders are the presets' (build/<preset>); HC_BUILD_ROOT=<dir> uses <dir>/<preset> instead.
# When a preset and its Clang twin (<preset>-clang) are both reported, a last table puts GCC and Clang
# side by side: the library's code and detail::fail, and per probe the path and the image's flash.
#
# What part 2 counts, per probe (arm-none-eabi-nm -S on the probe's ELF, objdump for the calls):
#   call sites    hc_probe_acquire + hc_probe_release: one acquire(32) and one release(p) through the
#                 concrete type, each inlined into a function of its own (its push/pop and return
#                 included, so each is a few bytes more than the same call inside a larger function);
#                 the heap_full probe adds hc_probe_resize and hc_probe_acquire_aligned (every hc_probe_*).
#   out of line   every hc function that the call sites and main (the constructor) reach by direct
#                 calls, plus the virtual functions of an allocator's internal source (a memo's bump,
#                 a slab's pool, the sourced pool's bump), which its slow paths call through the
#                 protocol. A constructor emitted twice (C1/C2 at one address) counts once.
#   path          call sites + out of line: the allocation path a firmware pays for.
#   vtable-only   hc functions linked only because the constructor stores the vtable pointer: the
#                 allocator's own do_acquire/do_release overrides (for calls through hc::allocator&,
#                 which these firmware never make) and what only they call.
#   ro data       hc's read-only data linked (vtables, the natural-alignment table).
#   RAM           hc's static RAM (the error channel); the probe's 1 KiB arena is not counted.
#   runtime       libgcc/libc functions that hc code, the call sites or main (where constructors are
#                 inlined) call: e.g. __udivsi3 on the M0, which has no divide instruction, or memset;
#                 marked "shared" when the empty probe (board code) links it too, and not in "path".
#   image         the probe's flash (text + data) and static RAM (data + bss, arena excluded) minus
#                 those of hc_size_probe_empty: everything using the allocator adds, main's code and
#                 any runtime function not shared included.
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(cortex-m0 cortex-m3 cortex-m4 cortex-m0-clang cortex-m4-clang)
probes=(bump pool_region pool_sourced memo slab pool_and_bump fallback segregator stats guard locked heap heap_full)
arena_bytes=1024  # HC_ARENA in size_probe.cpp

# Prints the function-level breakdown of one probe and, last, one line "SUMMARY <fields>".
# $1 probe ELF, $2 empty probe ELF, $3 the allocator's class (e.g. hc::pool).
analyse_probe() {
  local elf=$1 empty=$2 subject=$3 tmp
  tmp=$(mktemp -d)
  # Direct calls and tail calls: "caller<TAB>callee" (branches inside a function carry "+0x").
  arm-none-eabi-objdump -d --no-show-raw-insn -C "${elf}" | awk '
    /^[0-9a-f]+ <.*>:$/ { cur = substr($0, index($0, "<") + 1); cur = substr(cur, 1, length(cur) - 2); next }
    cur != "" {
      n = split($0, f, "\t")
      if (n >= 3 && f[2] ~ /^b/ && match(f[3], / <.*>$/)) {
        t = substr(f[3], RSTART + 2, RLENGTH - 3)
        if (t !~ /\+0x[0-9a-f]+$/) print cur "\t" t
      }
    }' | sort -u >"${tmp}/edges"
  arm-none-eabi-nm -S -C -t d "${elf}" >"${tmp}/nm"
  arm-none-eabi-nm -S -C -t d "${empty}" >"${tmp}/nm_empty"
  awk -v subject="${subject}" -F '\n' '
    function nm_line(line, out,   n, f, i) {  # fields of an nm -S line: addr, size ("" if none), type, name
      n = split(line, f, " ")
      if (n < 3) return 0
      out["addr"] = f[1]
      if (f[2] ~ /^[A-Za-z]$/) { out["size"] = ""; out["type"] = f[2]; i = 3 }
      else { out["size"] = f[2] + 0; out["type"] = f[3]; i = 4 }
      out["name"] = f[i]
      for (i = i + 1; i <= n; ++i) out["name"] = out["name"] " " f[i]
      return 1
    }
    FILENAME ~ /edges$/ { split($0, e, "\t"); adj[e[1]] = adj[e[1]] "\034" e[2]; next }
    FILENAME ~ /nm_empty$/ { if (nm_line($0, s)) in_empty[s["name"]] = 1; next }
    FILENAME ~ /nm$/ {
      if (!nm_line($0, s)) next
      name = s["name"]
      if (s["size"] == "") { if (!(name in addr_of)) addr_of[name] = s["addr"]; next }
      if (name in size) next  # C1/C2 twins: once
      size[name] = s["size"]; type[name] = s["type"]; addr_of[name] = s["addr"]
      size_at[s["addr"]] = s["size"]
      names[++count] = name
      next
    }
    function is_hc(n) { return n ~ /^hc::/ }
    function own_override(n) { return index(n, subject "::do_acquire(") == 1 || index(n, subject "::do_release(") == 1 }
    function sz(n) { return (n in size) ? size[n] : ((n in addr_of && addr_of[n] in size_at) ? size_at[addr_of[n]] : 0) }
    function show(label, n) { printf "      %5d  %s%s\n", sz(n), n, label }
    END {
      # Roots: the call sites, main (the constructor), the internal sources overrides.
      q = 0
      queue[++q] = "main"
      for (i = 1; i <= count; ++i) if (names[i] ~ /^hc_probe_/) queue[++q] = names[i]
      for (i = 1; i <= count; ++i) {
        n = names[i]
        if (n ~ /::do_(acquire|release)\(/ && !own_override(n) && type[n] ~ /[TtWw]/) queue[++q] = n
      }
      for (i = 1; i <= q; ++i) reached[queue[i]] = 1
      for (head = 1; head <= q; ++head) {
        from = queue[head]
        if (!(from in adj)) continue
        k = split(adj[from], to, "\034")
        for (j = 2; j <= k; ++j) if (!(to[j] in reached)) { reached[to[j]] = 1; queue[++q] = to[j] }
      }
      # Runtime functions called from hc code, the call sites or main (inline constructors).
      for (i = 1; i <= q; ++i) {
        from = queue[i]
        if (!is_hc(from) && from !~ /^hc_probe_/ && from != "main") continue
        k = split(adj[from], to, "\034")
        for (j = 2; j <= k; ++j) if (!is_hc(to[j]) && to[j] !~ /^hc_/ && to[j] != "main") helper[to[j]] = 1
      }
      sites = 0
      print "    call sites"
      for (i = 1; i <= count; ++i) if (names[i] ~ /^hc_probe_/) { show("", names[i]); sites += size[names[i]] }
      path = 0; vt = 0; ro = 0; ram = 0
      print "    out of line"
      for (i = 1; i <= count; ++i) {
        n = names[i]
        if (is_hc(n) && type[n] ~ /[TtWw]/ && (n in reached)) { show("", n); path += size[n] }
      }
      print "    vtable-only"
      for (i = 1; i <= count; ++i) {
        n = names[i]
        if (is_hc(n) && type[n] ~ /[TtWw]/ && !(n in reached)) { show("", n); vt += size[n] }
      }
      print "    ro data, RAM"
      for (i = 1; i <= count; ++i) {
        n = names[i]
        if ((is_hc(n) || n ~ /^vtable for hc::/) && type[n] ~ /[RrVvNn]/) { show("", n); ro += size[n] }
        if (is_hc(n) && type[n] ~ /[BbDdGgSs]/) { show("  (RAM)", n); ram += size[n] }
      }
      rt = 0; rt_new = 0; rt_list = ""
      for (n in helper) {
        rt += sz(n); if (!(n in in_empty)) rt_new += sz(n)
        rt_list = rt_list sprintf("%s%s %d B%s", rt_list == "" ? "" : ", ", n, sz(n), (n in in_empty) ? " (shared)" : "")
      }
      if (rt_list != "") print "    runtime: " rt_list
      printf "SUMMARY %d %d %d %d %d %d\n", sites, path, vt, ro, ram, rt_new
    }' "${tmp}/edges" "${tmp}/nm_empty" "${tmp}/nm"
  rm -rf "${tmp}"
}

# text, data, bss of an ELF (decimal).
elf_sizes() { arm-none-eabi-size -B -d "$1" | awk 'NR == 2 {print $1, $2, $3}'; }

# Figures kept for the GCC/Clang table: "<preset>|<what>" -> value.
declare -A figure

for preset in "${presets[@]}"; do
  dir="${HC_BUILD_ROOT:-build}/${preset}"
  # Quiet unless a step fails (the probes' post-build step prints their sizes).
  log=$( { cmake --preset "${preset}" -B "${dir}" && cmake --build "${dir}" -j 2 --target hc hc_size_probes; } 2>&1) \
    || { printf '%s\n' "${log}" >&2; echo "size-report: failed to build ${preset}" >&2; exit 1; }
  lib="${dir}/src/libhc.a"
  echo "=== ${preset}: ${lib} (-Os) ==="
  arm-none-eabi-nm -S --size-sort -C -t d "${lib}" | awk 'NF >= 4 && $3 ~ /^[TtWw]$/ {
      name = $4; for (i = 5; i <= NF; ++i) name = name " " $i
      printf "  %5d  %s\n", $2 + 0, name}'
  totals=$(arm-none-eabi-size -A "${lib}" | awk '
    $1 ~ /^\.text/   {text += $2}
    $1 ~ /^\.rodata/ {ro += $2}
    $1 ~ /^\.data/ || $1 ~ /^\.bss/ {ram += $2}
    END {print text + 0, ro + 0, ram + 0}')
  read -r lib_text lib_ro lib_ram <<<"${totals}"
  echo "  code (.text) ${lib_text} B, read-only data ${lib_ro} B, RAM ${lib_ram} B"
  figure["${preset}|lib"]="${lib_text}"
  figure["${preset}|fail"]=$(arm-none-eabi-nm -S -C -t d "${lib}" | awk '$3 ~ /^[Tt]$/ && $4 == "hc::detail::fail(hc::error," {print $2 + 0}')

  probe_dir="${dir}/bench/target"
  empty="${probe_dir}/hc_size_probe_empty.elf"
  read -r e_text e_data e_bss < <(elf_sizes "${empty}")
  echo "--- ${preset}: what a firmware using only one allocator links (bench/target/size_probe.cpp, -Os;"
  echo "    what each figure counts: see the head of scripts/size-report.sh) ---"
  summary=()
  for probe in "${probes[@]}"; do
    case "${probe}" in
      bump) subject=hc::bump; label="bump (region)" ;;
      pool_region) subject=hc::pool; label="pool (region)" ;;
      pool_sourced) subject=hc::pool; label="pool (sourced)" ;;
      memo) subject=hc::memo; label="memo (region)" ;;
      slab) subject=hc::slab; label="slab (region)" ;;
      pool_and_bump) subject=pool_and_bump; label="pool + bump" ;;
      fallback) subject="hc::fallback<hc::pool, hc::bump>"; label="fallback" ;;
      segregator) subject="hc::segregator<64u, hc::pool, hc::bump>"; label="segregator" ;;
      stats) subject="hc::stats<hc::pool>"; label="stats<pool>" ;;
      guard) subject="hc::guard<hc::pool>"; label="guard<pool>" ;;
      locked) subject="hc::locked<hc::pool, hc::cortex_m_lock>"; label="locked<pool>" ;;
      heap) subject="hc::basic_heap<2u>"; label="heap acq/rel" ;;
      heap_full) subject="hc::basic_heap<2u>"; label="heap +resize,al" ;;
    esac
    elf="${probe_dir}/hc_size_probe_${probe}.elf"
    echo "  ${label}: hc_size_probe_${probe}"
    out=$(analyse_probe "${elf}" "${empty}" "${subject}")
    printf '%s\n' "${out}" | grep -v '^SUMMARY ' || true
    read -r _ sites path vt ro ram rt < <(printf '%s\n' "${out}" | grep '^SUMMARY ')
    read -r p_text p_data p_bss < <(elf_sizes "${elf}")
    flash=$(( (p_text + p_data) - (e_text + e_data) ))
    sram=$(( (p_data + p_bss - arena_bytes) - (e_data + e_bss) ))
    figure["${preset}|${probe}|path"]=$((sites + path))
    figure["${preset}|${probe}|flash"]=${flash}
    summary+=("$(printf '  %-15s %10d %12d %6d %12d %8d %5d %8d %12d %10d' "${label}" "${sites}" "${path}" \
      $((sites + path)) "${vt}" "${ro}" "${ram}" "${rt}" "${flash}" "${sram}")")
  done
  echo "  summary (bytes)  call sites  out of line   path  vtable-only  ro data   RAM  runtime  image flash  image RAM"
  printf '%s\n' "${summary[@]}"
  # hc::heap's goals (issue 6): path of a firmware using acquire/release <= 640 B (o1heap 608 B on the
  # M4, TLSF 888 B), with resize and aligned acquire <= 1,000 B; control block for 64 KiB <= 256 B.
  layout="${dir}/bench/target/libhc_heap_layout.a"
  heap_ctl=$(arm-none-eabi-nm -S -t d "${layout}" | awk '$4 ~ /^hc_heap_layout_64k_/ {
      b = substr($4, length($4)); printf "%s<%s> %d B  ", (b == 2 ? "heap = basic_heap" : "basic_heap"), b, $2 + 0}')
  figure["${preset}|heap_control"]=$(arm-none-eabi-nm -S -t d "${layout}" | awk '$4 == "hc_heap_layout_64k_2" {print $2 + 0}')
  echo "  hc::heap (goals: acquire/release path <= 640 B, with resize + aligned acquire <= 1000 B):"
  echo "    path ${figure["${preset}|heap|path"]} B, with resize + aligned acquire ${figure["${preset}|heap_full|path"]} B"
  echo "    control block for 64 KiB, control_bytes(65536) + sizeof (goal <= 256 B): ${heap_ctl}"
  echo "  (path = call sites + out of line; runtime: not shared with the board code; image: against"
  echo "   hc_size_probe_empty, $(( e_text + e_data )) B of flash, so it also counts main's own growth)"
  # A layer over its parts: the difference of image flash between the layer's probe and its parts'
  # probe (a pool; a pool and a bump, both used, for fallback and segregator). It counts everything
  # the layer adds: its call sites, out-of-line code, its do_acquire/do_release and vtable.
  echo "  layers over their parts (image flash, bytes; probes pool_region or pool_and_bump):"
  for layer in fallback segregator stats guard locked; do
    case "${layer}" in
      fallback|segregator) parts=pool_and_bump ;;
      *) parts=pool_region ;;
    esac
    over=$(( figure["${preset}|${layer}|flash"] - figure["${preset}|${parts}|flash"] ))
    figure["${preset}|${layer}|over"]=${over}
    printf '    %-11s +%d over %s\n' "${layer}" "${over}" "${parts}"
  done
done

# GCC and Clang side by side, for every reported preset whose Clang twin was reported too.
pairs=()
for preset in "${presets[@]}"; do
  [[ "${preset}" == *-clang ]] && continue
  for twin in "${presets[@]}"; do
    [ "${twin}" = "${preset}-clang" ] && pairs+=("${preset}")
  done
done
if [ ${#pairs[@]} -gt 0 ]; then
  echo "=== GCC vs Clang (bytes, -Os; path = call sites + out of line, image = flash over the empty probe) ==="
  header=$(printf '  %-22s' "")
  for preset in "${pairs[@]}"; do header+=$(printf ' %16s %16s' "${preset}" "${preset}-clang"); done
  echo "${header}"
  row() {  # $1 label, $2 key suffix
    local line preset
    line=$(printf '  %-22s' "$1")
    for preset in "${pairs[@]}"; do
      line+=$(printf ' %16s %16s' "${figure["${preset}|$2"]:-?}" "${figure["${preset}-clang|$2"]:-?}")
    done
    echo "${line}"
  }
  row "library code (.text)" lib
  row "hc::detail::fail" fail
  row "heap control (64 KiB)" heap_control
  for probe in "${probes[@]}"; do
    row "${probe} path" "${probe}|path"
    row "${probe} image" "${probe}|flash"
  done
fi
