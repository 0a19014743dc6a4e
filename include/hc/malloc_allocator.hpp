// hc/malloc_allocator.hpp — the seed's malloc/free root, for hosts only (built when HC_WITH_MALLOC is on).
//
// On a microcontroller the root is a bump allocator over a linker-section arena (hc/region.hpp);
// this class exists so host programs and tests can root a composition in the C heap.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/allocator.hpp"

#if !HC_WITH_MALLOC
#error "hc::malloc_allocator needs the library built with HC_WITH_MALLOC=ON (host builds only)"
#endif

namespace hc {

/// The C heap as an hc allocator (host only). Stateless: every instance uses the same heap.
class malloc_allocator final : public allocator {
 public:
  /// Nothing to set up. O(1).
  malloc_allocator() noexcept = default;

  /// malloc (or posix_memalign above max_alignment); null with invalid_size for 0 or sizes above
  /// max_size(), no_memory when the C heap refuses. Time: the C library's.
  void* acquire(std::size_t size) noexcept { return acquire_aligned(size, natural_alignment(size)); }

  /// As acquire(size), aligned to `alignment` (a power of two, else invalid_alignment).
  void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
    return acquire_aligned(size, alignment);
  }

  /// free(); null is ignored. A foreign pointer is undefined behaviour (the C heap cannot tell).
  /// Time: the C library's.
  void release(void* block) noexcept;

  /// The largest size ever attempted: PTRDIFF_MAX. O(1).
  static constexpr std::size_t max_size() noexcept { return static_cast<std::size_t>(PTRDIFF_MAX); }

 private:
  void* acquire_aligned(std::size_t size, std::size_t alignment) noexcept;
  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire_aligned(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
