// hc/guard.hpp — the guard layer: canaries around every block, poison on release, faults reported.
//
// guard<A> wraps one allocator A (its *part*, held by value and built in place from the guard's
// constructor arguments) and asks it for each block plus room for a prefix before the block and a
// 4-byte canary after it. The prefix (header_size, 16 B) holds the block's offset from the part's
// block, its size, a tag (the block's address XOR the guard's key XOR size and offset) and a canary word
// just before the block. release() checks, in this order and in O(1) before touching the block:
//   - a pointer not aligned to max_alignment, or whose tag is neither live nor released:
//     invalid_pointer (a foreign or interior pointer; nothing read if misaligned, nothing changed;
//     the library's one code for a pointer an allocator did not hand out, as every allocator reports);
//   - the tag of a block this guard already released and the part has not handed out again:
//     double_release (nothing changed);
//   - the canary before the block changed: canary_underrun; else the canary after it: canary_overrun.
//     The block is quarantined — marked released and never given back to the part (quarantined()
//     counts them), so the corrupted memory is not handed out again — and the rest keeps working.
// A sound block is filled with `poison` (0xDD) and given back to the part: O(size).
//
// What it does not detect: a write that skips over the canaries; an underrun longer than the canary
// word reaches the tag and is reported as invalid_pointer (the block is still never given back); a
// release of a block the part has since handed out again (to this guard: it is a live block then);
// use after release (the poison shows it to whoever looks, nothing checks it). release() and owns()
// read header_size bytes before an aligned pointer, so those bytes must be readable.
//
// Per block: header_size (16) + suffix_size (4) bytes more from the part, rounded as the part rounds
// (alignments above max_alignment: the alignment + 4). Explicit alignments are asked of the part; a
// part with a fixed block alignment (block_alignment(), e.g. hc::pool) bounds them. The guard forwards
// what its part has: owns() and max_size() exist when the part's do, and part() reaches the rest of
// the part's diagnostics. acquire(size) and release() inline the part's hot path; the guard's own
// bookkeeping, over-aligned requests and calls through hc::allocator& (which reach the part through
// its protocol) are out of line in src/guard.cpp, one copy shared by every guard.
//
// Usage:
//   static HC_ARENA(arena, 2048);
//   hc::guard<hc::pool> messages{hc::region_of(arena), 64 + hc::guard_overhead};  // pool args
//   void* m = messages.acquire(64);
//   static_cast<char*>(m)[64] = 0;           // one byte too far ...
//   messages.release(m);                      // ... canary_overrun reported, block quarantined
//   hc::guard<hc::memo> checked{root};        // a guarded memo over `root`
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

/// Bytes a guard adds to every block (at alignments up to max_alignment): prefix plus suffix canary.
inline constexpr std::size_t guard_overhead = 16 + 4;

template <class A>
class guard;

namespace detail {

// Everything a guard does that does not depend on its part: out of line, one copy for all guards.
class guard_core {
 public:
  static constexpr std::size_t header_size = 16;  // offset, size, tag, front canary: 4 x uint32
  static constexpr std::size_t suffix_size = 4;   // canary bytes right after the block
  static constexpr unsigned char poison = 0xDD;   // fills every block given back to the part
  // The largest size and offset: sums stay below SIZE_MAX and both fit the header's 32-bit fields
  // with size XOR offset never all ones (live and released tags differ).
  static constexpr std::size_t limit = SIZE_MAX / 4 < 0x3FFFFFFFu ? SIZE_MAX / 4 : 0x3FFFFFFFu;
  static_assert(header_size + suffix_size == guard_overhead, "guard_overhead states the cost");
  static_assert(header_size % max_alignment == 0 && header_size <= 2 * max_alignment,
                "blocks after the header keep max_alignment; an over-aligned offset holds the header");
  static_assert(header_size + suffix_size + 1 >= max_alignment,
                "the part's block is at least max_alignment-aligned (its natural alignment)");

  explicit guard_core(const void* self) noexcept
      : key_(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(self)) ^ 0x9E000000u) {}

  // Writes the header `offset` bytes into the part's block `base` and the suffix after `size` bytes;
  // returns the user block. O(1).
  void* seal(void* base, std::size_t offset, std::size_t size) const noexcept;
  // Checks `block` (not null) and returns the part's block to give back, poisoned; or null with the
  // fault reported for `who` (and a corrupted block quarantined). O(size).
  void* open(void* block, const void* who) noexcept;
  // The part's block of a live block of this guard, else null; reports nothing. O(1).
  const void* live_base(const void* block) const noexcept;
  // acquire(size, alignment) (a power of two) through the part's protocol: the paths that are not
  // hot (over-aligned blocks, calls through hc::allocator&), one copy for every guard. `part_alignment`
  // bounds the alignment (SIZE_MAX: none). O(1) plus the part.
  void* acquire_slow(allocator& part, std::size_t size, std::size_t alignment, std::size_t part_alignment,
                     const void* who) noexcept;
  // release(block) through the part's protocol (calls through hc::allocator&). O(size) plus the part.
  void release_slow(allocator& part, void* block, const void* who) noexcept;

  std::size_t quarantined_ = 0;

 private:
  std::uint32_t key_;
};




template <class G, class... Args>
struct is_self : std::false_type {};
template <class G, class Arg>
struct is_self<G, Arg> : std::is_same<G, std::remove_cv_t<std::remove_reference_t<Arg>>> {};

}  // namespace detail

/// Guard layer over the allocator A: canaries before and after every block, poison on release;
/// overrun, underrun, double release and foreign pointers reported, corrupted blocks quarantined.
template <class A>
class guard final : public allocator {
  static_assert(std::is_base_of_v<allocator, A>, "the part is an hc allocator (its protocol serves the cold paths)");

 public:
  /// Bytes before every block (offset, size, tag, canary). Alignments above it: the alignment.
  static constexpr std::size_t header_size = detail::guard_core::header_size;
  /// Canary bytes after every block.
  static constexpr std::size_t suffix_size = detail::guard_core::suffix_size;
  /// The byte every released block is filled with before it goes back to the part.
  static constexpr unsigned char poison = detail::guard_core::poison;

  /// A guard over a part built in place from `args` (the part's own constructor arguments, e.g. a
  /// region or a source and sizes). O(that constructor).
  template <class... Args, class = std::enable_if_t<std::is_constructible_v<A, Args&&...> &&
                                                    !detail::is_self<guard, Args...>::value>>
  explicit guard(Args&&... args) noexcept : part_(static_cast<Args&&>(args)...), core_(this) {}

  /// A block of `size` bytes (1 up to the part's largest block less guard_overhead, else
  /// invalid_size) at max_alignment, so at least its natural alignment; null when the part cannot give
  /// one (the part reports). O(1) plus the part.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    if (size - 1u >= detail::guard_core::limit) return detail::fail(error::invalid_size, this);
    void* const base = part_.acquire(size + guard_overhead);
    return base != nullptr ? core_.seal(base, header_size, size) : nullptr;
  }

  /// As acquire(size), aligned to `alignment` (a power of two the part can give, else
  /// invalid_alignment); alignments above max_alignment cost the alignment instead of header_size.
  /// O(1) plus the part.
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
    if (alignment <= max_alignment && alignment <= part_alignment()) return acquire(size);
    return core_.acquire_slow(part_, size, alignment, part_alignment(), this);
  }

  /// Checks a block and, if sound, poisons it and gives it back to the part. Null is ignored. A
  /// foreign, interior or misaligned pointer reports invalid_pointer, a second release double_release
  /// (both change nothing); a smashed canary reports canary_underrun or canary_overrun and quarantines
  /// the block. Reads header_size bytes before an aligned pointer. O(size) (the poison) plus the part.
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (block == nullptr) return;
    if (void* const base = core_.open(block, this)) part_.release(base);
  }

  /// True when `p` is a live block of this guard (handed out, not released) that the part owns. Only
  /// when the part has owns(). O(1) plus the part; reads header_size bytes before an aligned p.
  template <class P = A, std::enable_if_t<has_owns<P>::value, int> = 0>
  bool owns(const void* p) const noexcept {
    const void* const base = core_.live_base(p);
    return base != nullptr && part_.owns(base);
  }

  /// The largest size acquire(size) can serve: the part's max_size() less guard_overhead. Only when
  /// the part has max_size(). O(1).
  template <class P = A, std::enable_if_t<has_max_size<P>::value, int> = 0>
  std::size_t max_size() const noexcept {
    const std::size_t m = part_.max_size();
    return m > guard_overhead ? m - guard_overhead : 0u;
  }

  /// Blocks found corrupted (underrun or overrun) and kept from the part for good. O(1).
  std::size_t quarantined() const noexcept { return core_.quarantined_; }

  /// The guarded allocator, for its diagnostics (blocks given back to it only through the guard). O(1).
  A& part() noexcept { return part_; }
  const A& part() const noexcept { return part_; }

 private:
  std::size_t part_alignment() const noexcept {
    if constexpr (has_block_alignment<A>::value) {
      return part_.block_alignment();
    } else {
      return SIZE_MAX;
    }
  }

  // Through hc::allocator&: the part through its protocol too (a virtual call), so that the
  // part's inline hot path is not copied once more into these overrides.
  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return core_.acquire_slow(part_, size, alignment, part_alignment(), this);
  }
  void do_release(void* block) noexcept override { core_.release_slow(part_, block, this); }

  A part_;
  detail::guard_core core_;
};

}  // namespace hc
