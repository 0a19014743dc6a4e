// hc/error.hpp — the one error channel of hc: codes, messages, the last error and a run-time hook.
//
// hc never throws and never aborts on a user error. A call that fails returns null (or false), leaves
// the allocator exactly as it was, records the code (read it with last_error()) and calls the hook set
// with set_error_hook() at the point of failure, so firmware can log, count or trap there. Each failure
// is reported once, by the allocator where it happened: when a pool, memo or slab cannot get memory
// from its source, the source reports no_memory (the hook names the source) and the layer returns null
// without a second report.
//
// Concurrency: the last error and the hook are read and written with relaxed atomic loads and stores
// (single LDR/STR on Cortex-M, no lock), so threads and interrupts may fail and read concurrently;
// when several contexts fail at once the last writer wins. The hook runs in the context that failed
// (possibly an interrupt) and must be safe there.
#pragma once

#include <cstdint>

namespace hc {

/// What went wrong. `none` means no failure has been recorded since the last clear_error().
enum class error : std::uint8_t {
  none = 0,
  invalid_size,       ///< size is 0, or larger than the allocator can ever provide (max_size()).
  invalid_alignment,  ///< alignment is not a power of two, or more than the allocator can ever provide.
  no_memory,          ///< the request is valid but the allocator has no room for it now.
  invalid_pointer,    ///< a pointer (or marker) that this allocator did not hand out, or no longer owns.
  // Found by hc::guard on release (hc/guard.hpp). After an overrun or underrun the block is
  // quarantined: never given back to the guarded allocator. (Foreign pointers: invalid_pointer.)
  canary_overrun,     ///< the canary after the block was overwritten: a write past its end.
  canary_underrun,    ///< the canary before the block was overwritten: a write before its start.
  double_release,     ///< the block was already released (and not handed out again since).
};

/// Called at every failure with the code and the allocator that failed. Must not throw.
using error_hook = void (*)(error code, const void* allocator);

/// A short, static, human-readable message for `code`. O(1).
const char* message(error code) noexcept;

/// The code of the most recent failure on any allocator, or error::none. O(1).
error last_error() noexcept;

/// Resets last_error() to error::none. O(1).
void clear_error() noexcept;

/// Installs `hook` (null: none) and returns the previous one. Not atomic as a pair: install hooks from
/// one context (failures elsewhere may race with it safely). O(1).
error_hook set_error_hook(error_hook hook) noexcept;

namespace detail {
/// Records `code` for `allocator`, calls the hook, and returns null. Kept out of line and cold so that
/// the hot path of every allocator stays a few instructions. O(1) plus the hook.
[[gnu::cold, gnu::noinline]] void* fail(error code, const void* allocator) noexcept;
}  // namespace detail

}  // namespace hc

// ---- Quiet attempts (issue 7, for hc::fallback; see hc/fallback.hpp) --------------------------------
// A fallback must ask its primary without a report when the secondary may still serve. While a
// detail::quiet_attempt lives, a failure raised *in the same execution context* (by the part or by
// anything it calls, e.g. its source) records nothing and calls no hook: fail() keeps its code in the
// attempt instead, for the layer to report once if it fails as a whole. A failure in any other context
// — an interrupt handler that preempts the attempt — is reported as usual, because the attempt names
// its context: on Cortex-M the active exception number (IPSR, 0 in thread mode, read by one MRS);
// on other targets the quiet word is per thread. Attempts nest (a fallback over a fallback; an
// interrupt handler that runs its own attempt restores the word before it returns), since each saves
// and restores the word. Limit: RTOS threads all run at IPSR 0 — two threads whose attempts
// interleave (A starts, B starts, A ends, B ends) leave the word marking a dead attempt, which then
// silences every thread-mode failure; under an RTOS make every attempt with preemption held off (a
// scheduler lock, or hc::locked with hc::cortex_m_lock; a mutex is not enough). On cores other than
// Cortex-M the context is the thread only: an interrupt handler that fails inside a thread's attempt
// is silenced too (hosts only, in practice). Cost: about five instructions around the attempted call (load, MRS,
// store, store back, and reading the code back only when the call failed).
#include <cstdint>

namespace hc {
namespace detail {

/// The quiet word: 0xFFFF in its low half when no attempt is active, else the active attempt's context
/// in the low half and the code of the last failure it silenced in the high half.
inline constexpr std::uint32_t quiet_none = 0xFFFFu;

#if defined(__arm__) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
/// The context the caller runs in: the active exception number (IPSR), 0 in thread mode. O(1), one MRS.
[[gnu::always_inline]] inline std::uint32_t execution_context() noexcept {
  std::uint32_t ipsr;
  __asm__("mrs %0, ipsr" : "=r"(ipsr));
  return ipsr;
}
// One word per core, read and written only by single aligned LDR/STR (volatile): single-copy atomic
// on every Cortex-M, and contexts only ever nest on one core.
inline std::uint32_t quiet_word_storage = quiet_none;
[[gnu::always_inline]] inline volatile std::uint32_t& quiet_word() noexcept { return quiet_word_storage; }
#else
[[gnu::always_inline]] inline std::uint32_t execution_context() noexcept { return 0; }
inline thread_local std::uint32_t quiet_word_storage = quiet_none;
[[gnu::always_inline]] inline std::uint32_t& quiet_word() noexcept { return quiet_word_storage; }
#endif

/// While alive, failures raised in this execution context are silenced and their code kept (see
/// above). Construct it on the stack just around the call to attempt; never share it. O(1).
class quiet_attempt {
 public:
  [[gnu::always_inline]] quiet_attempt() noexcept : saved_(quiet_word()) { quiet_word() = execution_context(); }
  [[gnu::always_inline]] ~quiet_attempt() { quiet_word() = saved_; }
  quiet_attempt(const quiet_attempt&) = delete;
  quiet_attempt& operator=(const quiet_attempt&) = delete;

  /// The code of the last failure silenced since construction, or error::none. O(1).
  [[gnu::always_inline]] error silenced() const noexcept { return static_cast<error>(quiet_word() >> 16); }

 private:
  std::uint32_t saved_;
};

/// Called first by fail(): true (and the code kept) when a quiet attempt of this context is active.
[[gnu::always_inline]] inline bool silence(error code) noexcept {
  const std::uint32_t context = execution_context();
  if ((quiet_word() & 0xFFFFu) != context) return false;
  quiet_word() = context | (static_cast<std::uint32_t>(code) << 16);
  return true;
}

}  // namespace detail
}  // namespace hc
