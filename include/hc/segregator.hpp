// hc/segregator.hpp — the segregator layer: requests of up to `threshold` bytes go to one allocator,
// larger ones to another (e.g. a pool or slab for small objects, a memo or bump for the rest).
//
// segregator<threshold, Small, Large> holds both parts by their concrete types (a part may be a
// reference, `segregator<64, hc::slab&, hc::memo&>`), so the routing is one compare in front of the
// chosen part's inlined hot path. acquire() routes by size alone (an explicit alignment goes with the
// size to the same part); each part reports its own failures — the layer reports nothing on acquire.
// release(p) asks small.owns(p), which the small part must have; release(p, size), with the size
// passed to acquire, routes by that size instead (one compare, no owns: the cheaper call when the
// caller knows the size). A pointer neither part owns is reported once, by the segregator, as
// invalid_pointer when the large part has owns() (else the large part judges and reports it).
// owns(), resize() and max_size() are offered only when both parts have them; small() and large()
// reach the parts' diagnostics.
//
// Routing by owns() reads memory: release(p) asks small.owns(p) for the large part's blocks too. A
// small part whose owns() reads memory near p (memo, guard, stats with a prefix, a sourced pool,
// slab) needs those bytes readable for the large part's blocks as well — true when both take their
// memory from the same arena with room before the large part's first block; a root pool or a bump
// (range checks only) is safe anywhere. release(p, size) reads nothing to route.
//
// Usage:
//   hc::bump root{hc::region_of(arena)};
//   hc::segregator<64, hc::slab, hc::memo> heap{std::forward_as_tuple(root, 1024),   // <= 64 B: slabs
//                                               std::forward_as_tuple(root)};        // larger: a memo
//   void* a = heap.acquire(24);       // the slab
//   void* b = heap.acquire(200);      // the memo
//   heap.release(a);                  // routed by slab.owns(a)
//   heap.release(b, 200);             // routed by the size: no owns() asked
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "hc/abilities.hpp"
#include "hc/allocator.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"

namespace hc {

/// Sizes <= threshold go to Small, larger ones to Large; release by Small's owns() or by size. O(part).
template <std::size_t threshold, class Small, class Large>
class segregator final : public allocator {
  using S = std::remove_reference_t<Small>;
  using L = std::remove_reference_t<Large>;


  static_assert(threshold > 0, "hc::segregator: a threshold of 0 sends everything to the large part");
  static_assert(has_owns<S>::value, "hc::segregator routes release(p) by small.owns(p): the small part needs owns()");

 public:
  /// The parts' types, as given, and the threshold.
  using small_type = Small;
  using large_type = Large;
  static constexpr std::size_t small_max = threshold;

  /// Builds both parts in place, each from its tuple of constructor arguments (as std::make_from_tuple;
  /// std::forward_as_tuple keeps references). O(the parts' constructors).
  template <class... SA, class... LA>
  segregator(std::tuple<SA...> small_args, std::tuple<LA...> large_args) noexcept
      : small_(std::make_from_tuple<Small>(std::move(small_args))),
        large_(std::make_from_tuple<Large>(std::move(large_args))) {}

  /// Binds two parts that live elsewhere; only when both part types are references. O(1).
  template <bool refs = std::is_lvalue_reference_v<Small> && std::is_lvalue_reference_v<Large>,
            std::enable_if_t<refs, int> = 0>
  segregator(Small small, Large large) noexcept : small_(small), large_(large) {}

  /// small.acquire(size) for size <= threshold (0 included: the small part reports it), else
  /// large.acquire(size); the part reports its own failure. O(1) plus the part.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    return size <= threshold ? small_.acquire(size) : large_.acquire(size);
  }

  /// As acquire(size), with `alignment` passed to the part the size selects. O(1) plus the part.
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    return size <= threshold ? small_.acquire(size, alignment) : large_.acquire(size, alignment);
  }

  /// Gives `block` back to the small part if small.owns(block), else to the large part. Null is
  /// ignored; a pointer neither part owns is invalid_pointer, reported once (see the header comment).
  /// O(owns + the owner's release).
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (small_.owns(block)) return small_.release(block);
    release_large(block);
  }

  /// Gives back a block acquired with `size` bytes (the same size as passed to acquire): routed by the
  /// size, without owns(); the part checks the pointer as its own release does. O(1) plus the part.
  HC_ALWAYS_INLINE void release(void* block, std::size_t size) noexcept {
    if (size <= threshold) return small_.release(block);
    large_.release(block);
  }

  /// True when either part owns `p`; only when both parts have owns(). O(both owns).
  template <class Q = L>
  auto owns(const void* p) const noexcept -> decltype(std::declval<const Q&>().owns(p)) {
    return small_.owns(p) || large_.owns(p);
  }

  /// The owning part's resize(block, size) (small by small.owns, else large); only when both parts have
  /// resize(). The block stays in its part even if `size` crosses the threshold. O(owns + resize).
  template <class Q = L, class R = S>
  auto resize(void* block, std::size_t size) noexcept
      -> decltype(std::declval<R&>().resize(block, size), std::declval<Q&>().resize(block, size)) {
    if (small_.owns(block)) return small_.resize(block, size);
    return large_.resize(block, size);
  }

  /// The large part's max_size() (sizes above the threshold go there); only when it has one. O(1).
  template <class Q = L>
  auto max_size() const noexcept -> decltype(std::declval<const Q&>().max_size()) {
    return large_.max_size();
  }

  /// The part that serves sizes up to the threshold. O(1).
  S& small() noexcept { return small_; }
  const S& small() const noexcept { return small_; }
  /// The part that serves larger sizes. O(1).
  L& large() noexcept { return large_; }
  const L& large() const noexcept { return large_; }

 private:
  [[gnu::noinline]] void release_large(void* block) noexcept {
    if constexpr (has_owns<L>::value) {
      if (block != nullptr && !large_.owns(block)) {
        detail::fail(error::invalid_pointer, this);
        return;
      }
    }
    large_.release(block);
  }

  Small small_;
  Large large_;

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
