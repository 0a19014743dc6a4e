// bench/target/counter.hpp — the instruction counter shared by the bench firmware (main.cpp,
// heap_main.cpp): SysTick counts processor clocks, which QEMU's -icount ties to instructions; a block of
// HC_BENCH_NOPS nops (harness.S) calibrates ticks per instruction, an empty call gives the harness's own
// instructions, and net() is a call's count less that harness. Each measured call is one `blx` from
// harness.S to a noinline wrapper.
#pragma once

#include <cstdint>

#ifndef HC_BENCH_NOPS
#error "HC_BENCH_NOPS: the length of harness.S's calibration block (set by bench/target/CMakeLists.txt)"
#endif

namespace hc_bench {
/// A measurable unit: a wrapper called by the harness with an object and two words.
using unit = std::uintptr_t (*)(void*, std::uintptr_t, std::uintptr_t);
}  // namespace hc_bench

extern "C" {
std::uint32_t hc_bench_ticks(void* obj, std::uintptr_t a, std::uintptr_t b, hc_bench::unit fn);
std::uintptr_t hc_bench_empty(void*, std::uintptr_t, std::uintptr_t);
std::uintptr_t hc_bench_nops(void*, std::uintptr_t, std::uintptr_t);
std::uintptr_t hc_bench_loop(void*, std::uintptr_t, std::uintptr_t);
extern std::uintptr_t hc_bench_result;
}

#define HC_BENCH_STR2(x) #x
#define HC_BENCH_STR(x) HC_BENCH_STR2(x)

namespace hc_bench {

/// Instructions of harness.S's hand-counted loop (hc_bench_loop): the method's proof.
inline constexpr std::uint32_t k_loop_instructions = 1 + 2 * 100;

inline volatile std::uint32_t& reg(std::uintptr_t address) {
  return *reinterpret_cast<volatile std::uint32_t*>(address);
}
inline volatile std::uint32_t& syst_csr = reg(0xE000E010u);
inline volatile std::uint32_t& syst_rvr = reg(0xE000E014u);
inline volatile std::uint32_t& syst_cvr = reg(0xE000E018u);

inline std::uintptr_t as_word(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
inline void* as_ptr(std::uintptr_t w) { return reinterpret_cast<void*>(w); }
/// A wrapper that returns nothing, as a unit (the harness ignores the result).
inline unit as_unit(void (*f)(void*, std::uintptr_t, std::uintptr_t)) {
  return reinterpret_cast<unit>(reinterpret_cast<void (*)()>(f));
}

/// What calibrate() measured.
struct calibration {
  std::uint32_t ticks_per_block = 0;  // SysTick ticks for HC_BENCH_NOPS instructions
  std::uint32_t harness = 0;          // instructions between the markers around an empty call
};
inline calibration g_cal;

/// SysTick ticks of one call of fn. O(1).
inline std::uint32_t ticks(void* obj, std::uintptr_t a, std::uintptr_t b, unit fn) {
  syst_cvr = 0;  // restart from the reload value: no wrap inside one measurement
  return hc_bench_ticks(obj, a, b, fn);
}

/// Ticks to instructions, rounded to nearest (one instruction is >16 ticks on every board). O(1).
inline std::uint32_t instructions(std::uint32_t t) {
  return (t * HC_BENCH_NOPS + g_cal.ticks_per_block / 2) / g_cal.ticks_per_block;
}

/// Instructions of fn's body without its return: the measured count less the harness. O(1).
inline std::int32_t net(void* obj, std::uintptr_t a, std::uintptr_t b, unit fn) {
  return static_cast<std::int32_t>(instructions(ticks(obj, a, b, fn))) - static_cast<std::int32_t>(g_cal.harness);
}

/// Starts SysTick and measures ticks per instruction and the harness; false if that fails. O(1).
inline bool calibrate() {
  syst_rvr = 0x00FFFFFFu;
  syst_cvr = 0;
  syst_csr = 5u;  // ENABLE | CLKSOURCE=processor clock, no interrupt
  const std::uint32_t empty = ticks(nullptr, 0, 0, &hc_bench_empty);
  const std::uint32_t block = ticks(nullptr, 0, 0, &hc_bench_nops);
  if (block <= empty || empty == 0) return false;
  g_cal.ticks_per_block = block - empty;
  g_cal.harness = instructions(empty);
  return true;
}

/// The core named by a CPUID value (SCB->CPUID, 0xE000ED00). O(1).
inline const char* core_name(std::uint32_t cpuid) {
  switch ((cpuid >> 4) & 0xFFFu) {
    case 0xC20: return "Cortex-M0";
    case 0xC23: return "Cortex-M3";
    case 0xC24: return "Cortex-M4";
    case 0xC27: return "Cortex-M7";
    case 0xD21: return "Cortex-M33";
    case 0xD22: return "Cortex-M55";
    default: return "unknown core";
  }
}

}  // namespace hc_bench
