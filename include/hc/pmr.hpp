// hc/pmr.hpp — hc::pmr_resource<A>: a std::pmr::memory_resource over any hc allocator.
//
// std::pmr containers (std::pmr::vector, list, map, string, ...) take their memory from a
// std::pmr::memory_resource*. pmr_resource<A> is one, over an hc allocator it holds by pointer: its
// allocate(bytes, alignment) is A's acquire(bytes, alignment) (a request of 0 bytes takes 1), its
// deallocate is A's release, and it equals only itself. A is a concrete allocator (its hot path
// inlines into the resource's one virtual call) or hc::allocator (any allocator, a second virtual call).
//
// Failure: a memory_resource may not return null, so when A fails — after A has reported it through
// hc's channel as always — the resource calls the std failure handler, which never returns: the
// handler you installed, else a trap (hc/std_failure.hpp). Size the allocator for the containers, or
// check what they need first.
//
// In firmware built without a heap: libstdc++ defines std::pmr::memory_resource's destructor out of
// line, together with new_delete_resource (operator new, malloc, _sbrk, abort), and its containers'
// checks call std::__throw_length_error (abort). Link the object library hc::std_support
// (src/std_support.cpp) to cut both chains; the resource's own deleting destructor calls its
// class-scope operator delete, never the global one (nothing creates a resource with new: it lives
// where its allocator does, in static storage or on the stack, and `new pmr_resource` does not compile).
//
// Usage:
//   hc::memo recycler{root};
//   hc::pmr_resource resource{recycler};                 // A deduced: hc::memo
//   std::pmr::vector<int> v{&resource};
//   v.push_back(42);                                      // recycler.acquire(4, 4)
#pragma once

#include <cstddef>
#include <memory_resource>

#include "hc/error.hpp"
#include "hc/std_failure.hpp"

namespace hc {

/// A std::pmr::memory_resource over the hc allocator A (held by pointer; it must outlive the resource
/// and every container using it). Time of each call: A's acquire or release, plus one virtual call.
template <class A>
class pmr_resource final : public std::pmr::memory_resource {
 public:
  /// A resource taking its memory from `source`. O(1).
  explicit pmr_resource(A& source) noexcept : source_(&source) {}

  pmr_resource(const pmr_resource&) = delete;
  pmr_resource& operator=(const pmr_resource&) = delete;

  /// The allocator the memory comes from. O(1).
  A& source() const noexcept { return *source_; }

  /// Not on the heap: a resource lives where its allocator does (static storage or the stack).
  static void* operator new(std::size_t) = delete;
  static void* operator new[](std::size_t) = delete;
  /// What the virtual destructor's deleting variant calls instead of the global operator delete (so
  /// no image links free() for it). Never reached: nothing creates a resource with new. O(1).
  static void operator delete(void*) noexcept {}

 private:
  // A block of `bytes` (0 taken as 1) aligned to `alignment`, or the std failure path. O(A's acquire).
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    void* const block = source_->acquire(bytes + (bytes == 0), alignment);
    if (block == nullptr) detail::std_failure(last_error(), "hc::pmr_resource: allocate failed");
    return block;
  }

  // Gives a block back to the allocator. O(A's release).
  void do_deallocate(void* block, std::size_t, std::size_t) override { source_->release(block); }

  // Memory from one resource may go back through another only if it is the same. O(1).
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  A* source_;
};

}  // namespace hc
