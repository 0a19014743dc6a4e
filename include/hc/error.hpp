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
