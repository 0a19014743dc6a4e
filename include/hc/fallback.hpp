// hc/fallback.hpp — the fallback layer ("the allocator equivalent of an or"): acquire from the
// primary, and only when it cannot serve, from the secondary.
//
// fallback<Primary, Secondary> holds both parts by their concrete types (a part may be a reference,
// `fallback<hc::pool&, hc::bump&>`, to route into allocators that live elsewhere), so the primary's hot
// path inlines through it. release() (and resize()) go to the part that owns the block, by
// primary.owns(p), which the primary must have; a pointer neither part owns is reported once, by the
// fallback, as invalid_pointer. The layer offers owns(), resize() and max_size() only when both parts
// have them, and reaches the parts' diagnostics through primary() and secondary().
//
// Errors. A primary failure that the secondary makes good is not reported at all, and a failure of
// both is reported once, by the fallback (the hook names it, not a part): no_memory when either part
// had no room for the request, else the code the secondary gave (e.g. invalid_size for 0). The parts
// are asked through detail::quiet_attempt (hc/error.hpp): for the few instructions of the call, a
// failure raised in the same execution context — by the part or its source — is silenced and its
// code kept, while an interrupt handler that fails meanwhile is reported as usual (the attempt is
// keyed by the active exception number). Trade-offs considered: a global mute flag would silence
// that interrupt too; swapping the hook for the call is not ISR-safe either (a handler failing
// meanwhile calls the wrong hook, and last_error is still overwritten); a per-part non-reporting
// `try_acquire` would cost nothing but no hc allocator has one, and it could not silence the part's
// source. The price here: ~5 instructions around the primary's call. Under a preemptive RTOS all
// threads run at IPSR 0: two threads whose attempts interleave (A starts, B starts, A ends, B ends)
// leave the quiet word marking an attempt that no longer exists, which silences every later
// thread-mode failure. So under an RTOS call every fallback, from thread mode, with preemption held
// off (a scheduler lock, or hc::locked with hc::cortex_m_lock) — a mutex is not enough.
//
// Routing reads memory: release(p) asks primary.owns(p) for every block, the secondary's too. A
// primary whose owns() reads memory near p (memo, guard, stats with a prefix, a sourced pool, slab)
// needs those bytes readable for the secondary's blocks as well — true when both take their memory
// from the same arena with room before the secondary's first block; a root pool or a bump (range
// checks only) is safe anywhere. A second release of a guard's block is routed to the secondary (the
// guard no longer owns it) and reported as invalid_pointer, not double_release.
//
// Usage:
//   static HC_ARENA(arena, 4096);
//   hc::bump root{hc::region_of(arena)};
//   hc::fallback<hc::pool, hc::bump> msgs{std::forward_as_tuple(root, 32, 1024),   // 32-B blocks ...
//                                         std::forward_as_tuple(root, 1024)};      // ... else a bump
//   void* m = msgs.acquire(24);        // from the pool; from the bump once the pool is full (no report)
//   msgs.release(m);                   // back to whichever part owns it
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

/// Acquires from Primary, else from Secondary; releases to the part that owns the block. O(parts).
template <class Primary, class Secondary>
class fallback final : public allocator {
  using P = std::remove_reference_t<Primary>;
  using S = std::remove_reference_t<Secondary>;


  static_assert(has_owns<P>::value, "hc::fallback routes release() by primary.owns(p): the primary needs owns()");

 public:
  /// The parts' types, as given (a reference type for a part held by reference).
  using primary_type = Primary;
  using secondary_type = Secondary;

  /// Builds both parts in place, each from its tuple of constructor arguments (as std::make_from_tuple;
  /// std::forward_as_tuple keeps references). A reference part is bound from a one-element tuple.
  /// O(the parts' constructors).
  template <class... PA, class... SA>
  fallback(std::tuple<PA...> primary_args, std::tuple<SA...> secondary_args) noexcept
      : primary_(std::make_from_tuple<Primary>(std::move(primary_args))),
        secondary_(std::make_from_tuple<Secondary>(std::move(secondary_args))) {}

  /// Binds two parts that live elsewhere; only when both part types are references. O(1).
  template <bool refs = std::is_lvalue_reference_v<Primary> && std::is_lvalue_reference_v<Secondary>,
            std::enable_if_t<refs, int> = 0>
  fallback(Primary primary, Secondary secondary) noexcept : primary_(primary), secondary_(secondary) {}

  /// A block of `size` bytes at its natural alignment from the primary, else from the secondary; null
  /// when neither can, reported once by the fallback (see the header comment). O(primary) on the
  /// primary's success, plus O(secondary) when it falls back.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    void* p;
    error primary_error = error::none;
    {
      detail::quiet_attempt attempt;
      p = primary_.acquire(size);
      if (p == nullptr) primary_error = attempt.silenced();  // read only on failure
    }
    if (p != nullptr) return p;
    return acquire_secondary(size, primary_error);
  }

  /// As acquire(size), aligned to `alignment` (a power of two; what each part accepts). O(parts).
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    void* p;
    error primary_error = error::none;
    {
      detail::quiet_attempt attempt;
      p = primary_.acquire(size, alignment);
      if (p == nullptr) primary_error = attempt.silenced();  // read only on failure
    }
    if (p != nullptr) return p;
    return acquire_secondary(size, alignment, primary_error);
  }

  /// Gives `block` back to the primary if primary.owns(block), else to the secondary. Null is ignored.
  /// When the secondary has owns() too, a pointer neither owns is reported once, by the fallback, as
  /// invalid_pointer; otherwise the secondary judges (and reports) it. O(owns + the owner's release).
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (primary_.owns(block)) return primary_.release(block);
    release_secondary(block);
  }

  /// True when either part owns `p`; only when both parts have owns(). O(both owns).
  template <class Q = S>
  auto owns(const void* p) const noexcept -> decltype(std::declval<const Q&>().owns(p)) {
    return primary_.owns(p) || secondary_.owns(p);
  }

  /// The owning part's resize(block, size) (primary by primary.owns, else the secondary); only when
  /// both parts have resize(). The block is never moved to the other part. O(owns + the part's resize).
  template <class Q = S, class R = P>
  auto resize(void* block, std::size_t size) noexcept
      -> decltype(std::declval<R&>().resize(block, size), std::declval<Q&>().resize(block, size)) {
    if (primary_.owns(block)) return primary_.resize(block, size);
    return secondary_.resize(block, size);
  }

  /// The larger of the parts' max_size(); only when both have max_size(). O(1).
  template <class Q = S, class R = P>
  auto max_size() const noexcept -> decltype(std::declval<const R&>().max_size(), std::declval<const Q&>().max_size()) {
    const auto a = primary_.max_size();
    const auto b = secondary_.max_size();
    return a > b ? a : b;
  }

  /// The primary part: its diagnostics and other abilities. O(1).
  P& primary() noexcept { return primary_; }
  const P& primary() const noexcept { return primary_; }
  /// The secondary part. O(1).
  S& secondary() noexcept { return secondary_; }
  const S& secondary() const noexcept { return secondary_; }

 private:
  // The primary failed (quietly, with `primary_error`): asks the secondary quietly too, and reports a
  // failure of both once, as the fallback. Out of line, off the hot path.
  [[gnu::noinline]] void* acquire_secondary(std::size_t size, error primary_error) noexcept {
    void* p;
    error secondary_error;
    {
      detail::quiet_attempt attempt;
      p = secondary_.acquire(size);
      secondary_error = attempt.silenced();
    }
    return p != nullptr ? p : both_failed(primary_error, secondary_error);
  }
  [[gnu::noinline]] void* acquire_secondary(std::size_t size, std::size_t alignment, error primary_error) noexcept {
    void* p;
    error secondary_error;
    {
      detail::quiet_attempt attempt;
      p = secondary_.acquire(size, alignment);
      secondary_error = attempt.silenced();
    }
    return p != nullptr ? p : both_failed(primary_error, secondary_error);
  }
  // no_memory when either part had no room (or a part failed without a code), else the secondary's code.
  [[gnu::noinline, gnu::cold]] void* both_failed(error primary_error, error secondary_error) noexcept {
    const bool no_room = primary_error == error::no_memory || secondary_error == error::no_memory ||
                         primary_error == error::none || secondary_error == error::none;
    return detail::fail(no_room ? error::no_memory : secondary_error, this);
  }

  [[gnu::noinline]] void release_secondary(void* block) noexcept {
    if constexpr (has_owns<S>::value) {
      if (block != nullptr && !secondary_.owns(block)) {
        detail::fail(error::invalid_pointer, this);
        return;
      }
    }
    secondary_.release(block);
  }

  Primary primary_;
  Secondary secondary_;

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
