// hc/cortex_m_lock.hpp — the Cortex-M lock for hc::locked: a critical section that masks interrupts
// with PRIMASK, nestable and usable from thread code and interrupt handlers alike, on every Cortex-M
// from the M0 (ARMv6-M) up.
//
// lock() saves PRIMASK and masks interrupts (MRS + CPSID i); unlock(saved) writes back what that
// lock() saw (MSR). The saved state is a token the caller keeps in a local variable — never in the
// lock object — so sections nest: an inner unlock() leaves interrupts masked if the outer section
// masked them, and a section entered in a handler that already runs masked stays masked. The object
// holds nothing (hc::locked stores it at no cost). Both are compiler barriers ("memory" clobbers), so
// no load or store of the allocator moves out of the section; on a single core no other barrier is
// needed. What it does not cover: NMI and HardFault (PRIMASK does not mask them: never allocate
// there), other bus masters (DMA) and other cores.
//
// Usage:
//   hc::locked<hc::pool, hc::cortex_m_lock> messages{hc::region_of(arena), sizeof(message)};
//   // main loop and SysTick_Handler may both call messages.acquire()/release()
//
// Only on Arm M-profile targets (__ARM_ARCH_PROFILE == 'M'); elsewhere this header declares nothing.
// Costs: lock() 2 instructions (MRS, CPSID), unlock() 1 (MSR), plus a register to hold the token.
#pragma once

#include <cstdint>

#include "hc/config.hpp"

#if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
#define HC_HAS_CORTEX_M_LOCK 1

namespace hc {

/// Interrupt-masking lock for hc::locked on Cortex-M: lock() returns the PRIMASK it found, unlock()
/// restores it. Nestable, callable from any exception handler but NMI/HardFault. O(1).
class cortex_m_lock {
 public:
  /// The saved PRIMASK: 0 when interrupts were enabled, 1 when already masked.
  using token = std::uint32_t;

  /// Masks interrupts and returns what PRIMASK was. 2 instructions. O(1).
  HC_ALWAYS_INLINE static token lock() noexcept {
    token saved;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(saved) : : "memory");
    return saved;
  }

  /// Restores PRIMASK to `saved`, the token of the matching lock(): interrupts come back only if they
  /// were enabled when that lock() ran. 1 instruction. O(1).
  HC_ALWAYS_INLINE static void unlock(token saved) noexcept {
    __asm__ volatile("msr primask, %0" : : "r"(saved) : "memory");
  }

  /// True while interrupts are masked (PRIMASK set). For checks and tests. O(1).
  static bool masked() noexcept {
    token now;
    __asm__ volatile("mrs %0, primask" : "=r"(now) : : "memory");
    return (now & 1u) != 0;
  }
};

}  // namespace hc

#endif
