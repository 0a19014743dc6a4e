// hc/allocator.hpp — the protocol every hc allocator implements, for run-time composition.
//
// This is the seed's `struct hc_malloc` in C++: acquire(size) and release(ptr), plus acquire(size,
// alignment). Allocators take their source as an `allocator&`, so any allocator can feed any other.
//
// Mechanism and protocol: each concrete allocator is a `final` class that re-declares acquire/release
// inline, so a call through the concrete type compiles to its few hot-path instructions with no
// indirect call; a call through `allocator&` costs one virtual call. Allocators are neither copyable
// nor movable (blocks point into them), and are never deleted through this base (no virtual destructor,
// which also keeps operator delete, and so free(), out of freestanding images).
#pragma once

#include <cstddef>

#include "hc/align.hpp"
#include "hc/error.hpp"

namespace hc {

/// The run-time protocol: what a layer may ask of any source. Abilities beyond it (owns(), mark/rewind,
/// statistics) belong to concrete allocators; layers that need one — e.g. a fallback routing release()
/// by owns() — take that allocator by its concrete type (a template parameter), not through this base.
class allocator {
 public:
  allocator(const allocator&) = delete;
  allocator& operator=(const allocator&) = delete;

  /// A block of `size` bytes aligned to natural_alignment(size), or null with the error reported
  /// (invalid_size for 0 or more than the allocator can ever give, no_memory when full). On failure the
  /// allocator is unchanged. Time: that of the concrete allocator (O(1) for hc::bump).
  void* acquire(std::size_t size) noexcept { return do_acquire(size, natural_alignment(size)); }

  /// As acquire(size) but aligned to `alignment`, which must be a power of two (else null and
  /// invalid_alignment). Alignments above max_alignment are honoured. Time: as acquire(size).
  void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
    return do_acquire(size, alignment);
  }

  /// Gives back a block acquired from this allocator. Null is ignored. Allocators that can tell report
  /// a pointer they do not own as invalid_pointer and otherwise ignore it (hc::bump does; the host-only
  /// malloc root cannot). Time: as the concrete allocator.
  void release(void* block) noexcept { do_release(block); }

 protected:
  allocator() = default;
  ~allocator() = default;

 private:
  /// Implementations: `alignment` is a power of two; `size` is unchecked (validate it).
  virtual void* do_acquire(std::size_t size, std::size_t alignment) noexcept = 0;
  virtual void do_release(void* block) noexcept = 0;
};

}  // namespace hc
