// hc/std_allocator.hpp — hc::std_allocator<T, A>: a std allocator (for std::vector, list, map, ...)
// over an hc allocator.
//
// It holds a pointer to the hc allocator A and nothing else: allocate(n) is A's acquire(n * sizeof(T),
// alignof(T)), deallocate is A's release; copies and rebound copies (a std::list's node allocator)
// share A and compare equal exactly when they share it. It propagates with its container on copy
// assignment, move assignment and swap, so a container's blocks always go back to the allocator they
// came from, and moves are O(1). It has no default constructor: the memory is always named.
// No virtual call when A is a concrete allocator (its hot path inlines), no RTTI, no exceptions.
//
// Failure: a std allocator may not return null, so when A fails (A has reported it through hc's channel)
// or n * sizeof(T) overflows (reported here as invalid_size), allocate calls the std failure handler,
// which never returns: the handler you installed, else a trap (hc/std_failure.hpp).
//
// In firmware built without a heap: the containers' own checks (std::vector's growth, reserve) call
// std::__throw_length_error, which libstdc++ (arm-none-eabi, -fno-exceptions) defines to call abort()
// — and newlib's abort → raise → signal → _malloc_r → _sbrk brings the heap along. Link the object
// library hc::std_support (src/std_support.cpp): it routes them to hc's channel and the failure path.
//
// Usage:
//   hc::slab objects{root, 1024};
//   using ints = std::vector<int, hc::std_allocator<int, hc::slab>>;
//   ints v{hc::std_allocator<int, hc::slab>{objects}};
//   v.assign({1, 2, 3});                                 // objects.acquire(12, 4)
#pragma once

#include <cstddef>
#include <type_traits>

#include "hc/error.hpp"
#include "hc/std_failure.hpp"

namespace hc {

/// A std allocator of T over the hc allocator A (held by pointer; it must outlive every container and
/// copy using it). Time of each call: A's acquire or release.
template <class T, class A>
class std_allocator {
 public:
  using value_type = T;
  using propagate_on_container_copy_assignment = std::true_type;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;
  using is_always_equal = std::false_type;

  /// The same allocator for another type (std::allocator_traits finds it too). O(1).
  template <class U>
  struct rebind {
    using other = std_allocator<U, A>;
  };

  /// An allocator taking its memory from `source`. O(1).
  explicit std_allocator(A& source) noexcept : source_(&source) {}

  /// A rebound copy: the same source. Implicit, as the allocator requirements ask. O(1).
  template <class U>
  std_allocator(const std_allocator<U, A>& other) noexcept : source_(&other.source()) {}

  /// Room for `n` objects of T (n == 0 takes one byte), aligned to alignof(T); never null — on failure
  /// the std failure path (hc/std_failure.hpp). O(A's acquire).
  [[nodiscard]] T* allocate(std::size_t n) {
    if (n > max_count) {
      detail::fail(error::invalid_size, source_);
      detail::std_failure(error::invalid_size, "hc::std_allocator: allocate: n * sizeof(T) overflows");
    }
    void* const block = source_->acquire(n * sizeof(T) + (n == 0), alignof(T));
    if (block == nullptr) detail::std_failure(last_error(), "hc::std_allocator: allocate failed");
    return static_cast<T*>(block);
  }

  /// Gives back room that allocate() returned (the count is not needed). O(A's release).
  void deallocate(T* block, std::size_t) noexcept { source_->release(block); }

  /// The allocator the memory comes from. O(1).
  A& source() const noexcept { return *source_; }

 private:
  static constexpr std::size_t max_count = static_cast<std::size_t>(-1) / sizeof(T);
  A* source_;
};

/// True when both take their memory from the same allocator (so either may free the other's). O(1).
template <class T, class U, class A>
bool operator==(const std_allocator<T, A>& a, const std_allocator<U, A>& b) noexcept {
  return &a.source() == &b.source();
}

/// True when they take their memory from different allocators. O(1).
template <class T, class U, class A>
bool operator!=(const std_allocator<T, A>& a, const std_allocator<U, A>& b) noexcept {
  return !(a == b);
}

}  // namespace hc
