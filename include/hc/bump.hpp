// hc/bump.hpp — the bump (monotonic, arena, frame) allocator from the seed article.
//
// It owns one block — taken from a source allocator at construction and given back at destruction,
// or, at the root of a composition, a raw region such as a linker-section arena — and hands out
// consecutive, aligned pieces of it by moving a cursor. release() gives nothing back; memory returns
// all at once with reset(), or back to a saved marker with rewind() (frame allocation).
//
// Differences from the seed: the out-of-memory check counts the alignment padding, no size can
// overflow the arithmetic, and a failed call changes nothing.
//
// Usage:
//   static HC_ARENA(arena, 4096);
//   hc::bump root{hc::region_of(arena)};     // the root: no heap, no source
//   hc::bump frame{root, 512};               // 512 bytes taken from root, given back when frame dies
//   auto* p = static_cast<float*>(frame.acquire(4 * sizeof(float)));   // 4-aligned (natural)
//   auto m = frame.mark();  /* ... scratch work ... */  frame.rewind(m);
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"
#include "hc/region.hpp"

namespace hc {

/// Bump allocator: O(1) acquire by moving a cursor through one block; release gives nothing back.
class bump final : public allocator {
 public:
  /// A saved cursor position; see mark() and rewind().
  class marker {
   public:
    /// A marker of no allocator: rewind() rejects it with invalid_pointer. O(1).
    marker() = default;

   private:
    friend class bump;
    explicit marker(unsigned char* at) noexcept : at_(at) {}
    unsigned char* at_ = nullptr;
  };

  /// A root bump allocator over `memory`; it has no source and gives nothing back when destroyed. O(1).
  explicit bump(region memory) noexcept
      : begin_(static_cast<unsigned char*>(memory.begin)), cursor_(begin_), end_(begin_ + memory.size) {}

  /// Takes a block of `capacity` bytes (max_alignment-aligned) from `source`. If the source cannot
  /// give it, the allocator is empty (capacity() == 0) and the source has reported why. O(source).
  bump(allocator& source, std::size_t capacity) noexcept;

  /// Gives the block back to the source, if there is one. O(source).
  ~bump();

  /// A block of `size` bytes at its natural alignment, or null (invalid_size if size is 0 or above
  /// capacity(), else no_memory); a failure changes nothing. O(1), a handful of instructions.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    return acquire_aligned(size, natural_alignment(size));
  }

  /// As acquire(size), aligned to `alignment` (a power of two, else invalid_alignment). O(1).
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
    return acquire_aligned(size, alignment);
  }

  /// Does nothing for a block of this allocator or null; reports invalid_pointer for any other
  /// pointer. Memory comes back with reset() or rewind(). O(1).
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (block != nullptr && !owns(block)) detail::fail(error::invalid_pointer, this);
  }

  /// True when `p` points into a block handed out since the last reset() (or rewind() past it). O(1).
  HC_ALWAYS_INLINE bool owns(const void* p) const noexcept {
    const auto b = reinterpret_cast<std::uintptr_t>(p);
    return b >= reinterpret_cast<std::uintptr_t>(begin_) && b < reinterpret_cast<std::uintptr_t>(cursor_);
  }

  /// The current position, to rewind() to later. O(1).
  marker mark() const noexcept { return marker{cursor_}; }

  /// Releases every block acquired after `m` was taken. A marker that is not between the start and
  /// the current position (e.g. from another allocator, or already rewound past) reports
  /// invalid_pointer, returns false and changes nothing. O(1).
  bool rewind(marker m) noexcept;

  /// Releases every block. O(1).
  void reset() noexcept { cursor_ = begin_; }

  /// Bytes handed out so far, alignment padding included. O(1).
  std::size_t used() const noexcept { return static_cast<std::size_t>(cursor_ - begin_); }
  /// Size of the whole block. O(1).
  std::size_t capacity() const noexcept { return static_cast<std::size_t>(end_ - begin_); }
  /// Bytes left after the cursor (an acquire may need some of them for alignment). O(1).
  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - cursor_); }
  /// The largest size any acquire could ever succeed with: capacity(). O(1).
  std::size_t max_size() const noexcept { return capacity(); }
  /// The allocator this one took its block from, or null for a root. O(1).
  allocator* source() const noexcept { return source_; }

 private:
  // The hot path. `alignment` is a power of two. Size 0 wraps in `size - 1` and fails the first test;
  // the second test cannot overflow because size <= avail there.
  HC_ALWAYS_INLINE void* acquire_aligned(std::size_t size, std::size_t alignment) noexcept {
    unsigned char* const cur = cursor_;
    const auto avail = static_cast<std::size_t>(end_ - cur);
    const std::size_t pad = padding(reinterpret_cast<std::uintptr_t>(cur), alignment);
    if (size - 1u >= avail || pad > avail - size) return fail_acquire(size);
    cursor_ = cur + pad + size;
    return cur + pad;
  }

  // Classifies a failed acquire (invalid_size or no_memory) and reports it. Cold, out of line.
  void* fail_acquire(std::size_t size) noexcept;

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire_aligned(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }

  allocator* source_ = nullptr;
  unsigned char* begin_;
  unsigned char* cursor_;
  unsigned char* end_;
};

}  // namespace hc
