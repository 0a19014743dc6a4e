// hc/std_failure.hpp — the one fatal path of hc's std adapters: what happens when they cannot return.
//
// hc itself never throws and never aborts: a failed acquire returns null and is reported through the
// error channel (hc/error.hpp). The std interfaces that hc adapts cannot return null — a
// std::pmr::memory_resource's allocate and a std allocator's allocate must give memory or throw, and
// libstdc++'s containers use what they get. So when hc::pmr_resource (hc/pmr.hpp) or
// hc::std_allocator (hc/std_allocator.hpp) gets null, after the allocator has reported the failure as
// usual (last_error(), the error hook), it calls detail::std_failure(), which never returns:
//  1. the handler installed with set_std_failure_handler(), if any, runs with the code (what
//     last_error() holds) and a static string naming the call. It may log and halt, reset the core,
//     or throw (e.g. std::bad_alloc, in code built with exceptions: it is called inline, in the frame
//     of the adapter's caller, so only the caller's frames unwind — never hc's, built without);
//  2. if there is none, or it returns: __builtin_trap(), an undefined instruction. On Cortex-M that is
//     a HardFault (a UsageFault where enabled) with the PC at the failing call, for the firmware's fault
//     handler; on a host, SIGILL. Never abort(): that would link newlib's abort/raise/_exit chain, and
//     a trap costs one instruction and keeps the faulting context for a debugger.
// hc::std_support (src/std_support.cpp, firmware only) sends libstdc++'s own failures — its
// std::__throw_length_error, __throw_bad_alloc, ... — down the same path.
//
// Usage:
//   [[noreturn]] void on_std_failure(hc::error code, const char* what) { log(what); reset(); }
//   hc::set_std_failure_handler(&on_std_failure);          // once, at start-up
#pragma once

#include "hc/error.hpp"

namespace hc {

/// Called when a std adapter cannot give memory (the code as last_error() holds it, and a static
/// string naming the call). Must not return (if it does, the caller traps); may throw where the
/// caller is built with exceptions.
using std_failure_handler = void (*)(error code, const char* what);

/// Installs `handler` (null: none, the trap) and returns the previous one. Install it from one context,
/// before the adapters are used from others. O(1).
std_failure_handler set_std_failure_handler(std_failure_handler handler) noexcept;

/// The handler now installed, or null. O(1), a single load.
std_failure_handler get_std_failure_handler() noexcept;

namespace detail {
/// Calls the installed handler, then traps if it returned (see above). Inline, so a throwing handler
/// unwinds through the caller's frames only; cold and out of the hot path. O(1) plus the handler.
[[noreturn, gnu::cold, gnu::noinline]] inline void std_failure(error code, const char* what) {
  if (const std_failure_handler handler = get_std_failure_handler()) handler(code, what);
  __builtin_trap();
}
}  // namespace detail

}  // namespace hc
