// hc/locked.hpp — the locked layer: every call to the allocator it wraps runs inside a critical
// section, so thread code and interrupt handlers (or threads) can share one allocator.
//
// locked<A, Lock> builds its part, an A, in place (its constructor's arguments go to A's) and wraps
// acquire, release and each ability A has — owns, resize, max_size — in Lock. Anything else (A's
// diagnostics, a trim) runs under the lock through with_lock(f), or unlocked through part() while no
// other context can call. The part is held by its concrete type, so its hot path inlines inside the
// section: the layer adds the lock and nothing else, and has no ability its part lacks.
//
// The Lock concept. A Lock is default-constructible and is one of:
//   - BasicLockable: `l.lock(); ... l.unlock();` — std::mutex, an RTOS mutex wrapper (hosts, RTOS);
//   - a token lock: `auto t = l.lock(); ... l.unlock(t);` — the token, kept in a local of the call,
//     is what unlock needs to restore, e.g. hc::cortex_m_lock (hc/cortex_m_lock.hpp), which saves
//     and restores PRIMASK. Keeping the saved state in the call rather than in the lock object is what
//     makes such a lock nestable and safe against an interrupt handler using the same allocator.
// An empty Lock (cortex_m_lock) takes no space in the layer. The layer never includes a lock
// header itself: <mutex> is the user's choice on a host, never this library's.
//
// Errors and the lock. A failure is reported by the part, where it happened (hc/error.hpp), and so
// inside the critical section: the error hook runs with the lock held — with cortex_m_lock, with
// interrupts masked, for as long as the hook takes. The hook must not call this allocator again
// (a std::mutex would deadlock; with cortex_m_lock the part would be re-entered in mid-call) and
// should be short. The layer itself reports nothing.
//
// Usage:
//   static HC_ARENA(arena, 2048);
//   hc::locked<hc::pool, hc::cortex_m_lock> events{hc::region_of(arena), sizeof(event)};
//   void SysTick_Handler() { events.release(events.acquire(sizeof(event))); }  // ISR and main alike
//   std::size_t n = events.with_lock([](hc::pool& p) { return p.free_blocks(); });
//   hc::locked<hc::memo, std::mutex> shared{root};                              // a host, threads
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "hc/allocator.hpp"
#include "hc/config.hpp"

namespace hc {

namespace detail {

// Holds the lock: an empty, non-final Lock as a base (no bytes), any other as a member. Mutable in
// effect, so const abilities (owns) can lock.
template <class Lock, bool Empty = std::is_empty<Lock>::value && !std::is_final<Lock>::value>
class lock_holder {
 protected:
  Lock& the_lock() const noexcept { return lock_; }

 private:
  mutable Lock lock_;
};

template <class Lock>
class lock_holder<Lock, true> : private Lock {
 protected:
  Lock& the_lock() const noexcept { return const_cast<Lock&>(static_cast<const Lock&>(*this)); }
};

// The critical section of one call: a BasicLockable's lock()/unlock(), or a token lock's
// token = lock() / unlock(token), the token kept here, in the caller's frame.
template <class Lock, class Token = decltype(std::declval<Lock&>().lock())>
class lock_scope {
 public:
  HC_ALWAYS_INLINE explicit lock_scope(Lock& lock) noexcept : lock_(lock), token_(lock.lock()) {}
  HC_ALWAYS_INLINE ~lock_scope() { lock_.unlock(token_); }
  lock_scope(const lock_scope&) = delete;
  lock_scope& operator=(const lock_scope&) = delete;

 private:
  Lock& lock_;
  Token token_;
};

template <class Lock>
class lock_scope<Lock, void> {
 public:
  HC_ALWAYS_INLINE explicit lock_scope(Lock& lock) noexcept : lock_(lock) { lock.lock(); }
  HC_ALWAYS_INLINE ~lock_scope() { lock_.unlock(); }
  lock_scope(const lock_scope&) = delete;
  lock_scope& operator=(const lock_scope&) = delete;

 private:
  Lock& lock_;
};

}  // namespace detail

/// Runs every call to an A inside a critical section of Lock. Time: the part's, plus the lock.
template <class A, class Lock>
class locked final : public allocator, private detail::lock_holder<Lock> {
  using scope = detail::lock_scope<Lock>;

 public:
  /// The wrapped allocator's type and the lock's.
  using part_type = A;
  using lock_type = Lock;

  /// Builds the part in place from `args` (as `A{args...}` would) and a default-constructed lock.
  /// O(the part's constructor).
  template <class... Args>
  explicit locked(Args&&... args) noexcept : part_(std::forward<Args>(args)...) {}

  /// The part's acquire(size), inside the lock (its failure is reported there, by the part). O(part).
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    scope s{this->the_lock()};
    return part_.acquire(size);
  }

  /// The part's acquire(size, alignment), inside the lock. O(part).
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    scope s{this->the_lock()};
    return part_.acquire(size, alignment);
  }

  /// The part's release(block), inside the lock. O(part).
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    scope s{this->the_lock()};
    part_.release(block);
  }

  /// The part's owns(p), inside the lock; only when the part has owns. O(part).
  template <class P = A>
  auto owns(const void* p) const noexcept -> decltype(std::declval<const P&>().owns(p)) {
    scope s{this->the_lock()};
    return part_.owns(p);
  }

  /// The part's resize(block, size), inside the lock; only when the part has resize. O(part).
  template <class P = A>
  auto resize(void* block, std::size_t size) noexcept -> decltype(std::declval<P&>().resize(block, size)) {
    scope s{this->the_lock()};
    return part_.resize(block, size);
  }

  /// The part's max_size(), inside the lock; only when the part has max_size. O(part).
  template <class P = A>
  auto max_size() const noexcept -> decltype(std::declval<const P&>().max_size()) {
    scope s{this->the_lock()};
    return part_.max_size();
  }

  /// Calls f(part()) inside the lock and returns what it returns: the way to any other ability of
  /// the part (diagnostics, trim) from code that may race with other users. f must not call this
  /// layer (see the header comment). O(f).
  template <class F>
  decltype(auto) with_lock(F&& f) {
    scope s{this->the_lock()};
    return std::forward<F>(f)(part_);
  }
  /// As with_lock(f), with the part as const. O(f).
  template <class F>
  decltype(auto) with_lock(F&& f) const {
    scope s{this->the_lock()};
    return std::forward<F>(f)(static_cast<const A&>(part_));
  }

  /// The part itself, without the lock: for set-up, and for reading while no other context can call
  /// (e.g. before the interrupt that shares it is enabled). O(1).
  A& part() noexcept { return part_; }
  /// As part(), const. O(1).
  const A& part() const noexcept { return part_; }

 private:
  A part_;

  // The run-time protocol locks around the part's own protocol entry — for an hc allocator its
  // out-of-line do_acquire/do_release, which every image holding the part has already — rather than
  // around another inline copy of its hot path. The compiler would devirtualize and inline that call
  // (the part's type is final), so protocol() hides the part's type from the optimiser (an empty asm
  // the pointer passes through). A call through allocator& costs one indirect call more; the layer
  // costs a few instructions of code. The hot path through the concrete type above inlines fully.
  allocator& protocol() noexcept {
    allocator* p = &part_;
    __asm__("" : "+r"(p));
    return *p;
  }
  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    if constexpr (std::is_base_of<allocator, A>::value) {
      if (!is_power_of_two(alignment)) __builtin_unreachable();  // the protocol's contract: no 2nd check
      scope s{this->the_lock()};
      return protocol().acquire(size, alignment);
    } else {
      return acquire(size, alignment);
    }
  }
  void do_release(void* block) noexcept override {
    if constexpr (std::is_base_of<allocator, A>::value) {
      scope s{this->the_lock()};
      protocol().release(block);
    } else {
      release(block);
    }
  }
};

}  // namespace hc
