// hc/stats.hpp — the statistics layer: counts what passes through the allocator it wraps.
//
// stats<A> holds its part by its concrete type (or by reference: `stats<hc::pool&>`), builds it in
// place from the constructor's arguments, and keeps six counters, each updated in O(1) per call:
// acquires and releases that succeeded, failures (acquires that returned null, and releases the layer
// rejected), bytes live, the peak of bytes live since construction or reset_peak(), and the largest
// size successfully acquired. snapshot() copies them; the layer reports nothing the part does not.
//
// Bytes live needs each block's size again at release. Two ways, chosen at compile time:
//   - the part has size_of(p) (detected): the layer adds nothing to the blocks, counts size_of(p) (the
//     block's usable size, which may exceed the request), and checks release(p) by the part's owns()
//     when it has one, reporting a pointer it does not own as the layer's invalid_pointer;
//   - it has not (hc's bump, pool, memo and slab): each block gets a prefix of header_size bytes
//     (max_alignment: 8 B on Cortex-M, 16 on x86-64; `alignment` bytes for an alignment above that)
//     holding the requested size and a tag (the block's address XOR this layer's key XOR the prefix
//     length), so the part sees size + prefix bytes (a 64-byte pool serves requests up to 56 B on
//     Cortex-M). Bytes live counts requested sizes. The tag lets release() reject, in O(1), a foreign,
//     interior or repeated pointer (a pointer not aligned to max_alignment without reading anything;
//     else unless the word before it happens to hold exactly the tag — about 1 in 2^32 for random
//     data): invalid_pointer, reported by the layer, nothing changed. It reads the header_size bytes
//     before the pointer, which must be readable.
// Requests the prefix would overflow (and size 0) are the layer's invalid_size; an alignment that is
// not a power of two its invalid_alignment; both are counted as failures.
//
// Usage:
//   hc::stats<hc::pool> counted{hc::region_of(arena), 32};   // a pool of 32-byte blocks, counted
//   void* p = counted.acquire(20);                           // 20 + 8 B taken from the pool
//   counted.release(p);
//   hc::statistics s = counted.snapshot();  // s.acquires == 1, s.peak_bytes_live == 20, ...
//   counted.reset_peak();                   // peak = bytes live now (0)
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "hc/align.hpp"
#include "hc/abilities.hpp"
#include "hc/allocator.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"

namespace hc {

/// What a stats layer has counted (see hc::stats). Plain data, copied by stats::snapshot().
struct statistics {
  std::size_t acquires = 0;         ///< acquire calls that returned a block
  std::size_t releases = 0;         ///< release calls that gave a block back (null not counted)
  std::size_t failures = 0;         ///< acquire calls that returned null, and releases rejected by the layer
  std::size_t bytes_live = 0;       ///< bytes in blocks acquired and not released (see stats)
  std::size_t peak_bytes_live = 0;  ///< the largest bytes_live since construction or reset_peak()
  std::size_t largest_request = 0;  ///< the largest size of an acquire that returned a block
};

/// Counts acquires, releases, failures and live bytes of an A, O(1) per call. O(part) per call.
template <class A>
class stats final : public allocator {
  using P = std::remove_reference_t<A>;


  static constexpr bool prefixed = !has_size_of<P>::value;

 public:
  /// The wrapped allocator's type, as given.
  using part_type = A;
  /// Bytes the layer puts in front of every block: max_alignment when the part has no size_of(p)
  /// (more for an alignment above max_alignment: that alignment), else 0.
  static constexpr std::size_t header_size = prefixed ? max_alignment : 0;

  /// Builds the part in place from `args` (as `A{args...}` would); all counters 0. O(the part's constructor).
  template <class... Args, std::enable_if_t<std::is_constructible_v<A, Args&&...>, int> = 0>
  explicit stats(Args&&... args) noexcept : part_(std::forward<Args>(args)...) {}

  /// The part's block for `size` bytes at its natural alignment (with the prefix, if any, in front),
  /// counted; a failure is counted and reported by whoever failed (the part, or the layer for a size
  /// the prefix would overflow). O(1) plus the part.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    if constexpr (prefixed) {
      if (size - 1u >= SIZE_MAX - header_size) return fail(error::invalid_size);
      auto* const base = static_cast<unsigned char*>(part_.acquire(size + header_size));
      if (base == nullptr) return failed();
      return counted(base + header_size, size, header_size);
    } else {
      void* const p = part_.acquire(size);
      if (p == nullptr) return failed();
      return counted(p, size, 0);
    }
  }

  /// As acquire(size), aligned to `alignment` (a power of two, else the layer's invalid_alignment).
  /// With a prefix, the part is asked for size + max(alignment, header_size) bytes at that alignment.
  /// O(1) plus the part.
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return fail(error::invalid_alignment);
    if constexpr (prefixed) {
      const std::size_t prefix = alignment > header_size ? alignment : header_size;
      if (size - 1u >= SIZE_MAX - prefix) return fail(error::invalid_size);
      auto* const base = static_cast<unsigned char*>(part_.acquire(size + prefix, prefix));
      if (base == nullptr) return failed();
      return counted(base + prefix, size, prefix);
    } else {
      void* const p = part_.acquire(size, alignment);
      if (p == nullptr) return failed();
      return counted(p, size, 0);
    }
  }

  /// Gives `block` back to the part, counted. Null is ignored. A pointer the layer can tell is not a
  /// live block of its own (see the header comment) is counted as a failure and reported by the layer
  /// as invalid_pointer; the part reports what only it can tell. O(1) plus the part.
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (block == nullptr) return;
    if constexpr (prefixed) {
      if (!is_aligned(block, max_alignment)) return reject();
      header* const h = header_of(block);
      const std::size_t prefix = h->tag ^ tag_of(block);
      // The prefix is header_size, or a power of two above it (an over-aligned block): anything else
      // is not a tag of ours. One test: prefix is a power of two and >= header_size.
      if ((prefix & (prefix - 1u)) != 0 || prefix < header_size) return reject();
      h->tag = 0;  // a second release of the block no longer matches
      uncount(h->size);
      part_.release(static_cast<unsigned char*>(block) - prefix);
    } else {
      if constexpr (has_owns<P>::value) {
        if (!part_.owns(block)) return reject();
      }
      uncount(part_.size_of(block));
      part_.release(block);
    }
  }

  /// True when `p` is a live block of this layer that the part owns; only when the part has owns().
  /// With a prefix: p must carry this layer's tag (checked as release() does, reading the prefix of an
  /// aligned p), and the part is asked about its own block, prefix included. O(part).
  template <class Q = P>
  auto owns(const void* p) const noexcept -> decltype(std::declval<const Q&>().owns(p)) {
    if constexpr (prefixed) {
      if (p == nullptr || !is_aligned(p, max_alignment)) return false;
      const auto* const h = reinterpret_cast<const header*>(static_cast<const unsigned char*>(p) - sizeof(header));
      const std::size_t prefix = h->tag ^ tag_of(p);
      if ((prefix & (prefix - 1u)) != 0 || prefix < header_size) return false;
      return part_.owns(static_cast<const unsigned char*>(p) - prefix);
    } else {
      return part_.owns(p);
    }
  }

  /// The part's size_of(p); only when it has one (then the layer adds no prefix). O(part).
  template <class Q = P>
  auto size_of(const void* p) const noexcept -> decltype(std::declval<const Q&>().size_of(p)) {
    return part_.size_of(p);
  }

  /// The largest request the layer can pass on: the part's max_size() less the prefix; only when the
  /// part has max_size(). O(1).
  template <class Q = P>
  auto max_size() const noexcept -> decltype(std::declval<const Q&>().max_size()) {
    const auto m = part_.max_size();
    return m > header_size ? m - header_size : 0;
  }

  /// A copy of the counters. O(1).
  statistics snapshot() const noexcept { return counts_; }
  /// Sets the peak to the bytes live now, to measure the peak of a phase. O(1).
  void reset_peak() noexcept { counts_.peak_bytes_live = counts_.bytes_live; }

  /// The wrapped allocator: its diagnostics and other abilities (calls made on it are not counted). O(1).
  P& part() noexcept { return part_; }
  const P& part() const noexcept { return part_; }

 private:
  struct header {
    std::size_t size;    // the requested size
    std::uintptr_t tag;  // tag_of(block) ^ prefix while live; 0 once released
  };
  static_assert(!prefixed || sizeof(header) <= header_size, "the header fits in the prefix");

  static header* header_of(void* block) noexcept {
    return reinterpret_cast<header*>(static_cast<unsigned char*>(block) - sizeof(header));
  }
  std::uintptr_t tag_of(const void* block) const noexcept {
    return reinterpret_cast<std::uintptr_t>(block) ^ key_;
  }

  HC_ALWAYS_INLINE void* counted(void* block, std::size_t size, std::size_t prefix) noexcept {
    std::size_t bytes = size;
    if constexpr (prefixed) {
      header* const h = header_of(block);
      h->size = size;
      h->tag = tag_of(block) ^ prefix;
    } else {
      bytes = part_.size_of(block);
    }
    ++counts_.acquires;
    const std::size_t live = counts_.bytes_live + bytes;
    counts_.bytes_live = live;
    if (live > counts_.peak_bytes_live) counts_.peak_bytes_live = live;
    if (size > counts_.largest_request) counts_.largest_request = size;
    return block;
  }
  HC_ALWAYS_INLINE void uncount(std::size_t size) noexcept {
    ++counts_.releases;
    counts_.bytes_live -= size;
  }
  // Cold: a failed acquire of the part (already reported by it), or the layer's own rejections.
  [[gnu::noinline, gnu::cold]] void* failed() noexcept {
    ++counts_.failures;
    return nullptr;
  }
  [[gnu::noinline, gnu::cold]] void* fail(error code) noexcept {
    ++counts_.failures;
    return detail::fail(code, this);
  }
  [[gnu::noinline, gnu::cold]] void reject() noexcept { fail(error::invalid_pointer); }

  A part_;
  // This layer's address XOR a constant with high bits set (as hc::memo's key): block and layer often
  // share an SRAM, so their XOR alone is a small number, which ordinary data holds far more often.
  const std::uintptr_t key_ = reinterpret_cast<std::uintptr_t>(this) ^ static_cast<std::uintptr_t>(0x5A000000u);
  statistics counts_;

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
