// hc/make.hpp — objects in hc memory: hc::make, hc::destroy, and unique_ptr with hc::deleter.
//
// make<T>(a, args...) acquires sizeof(T) bytes at alignof(T) from the hc allocator `a` and constructs
// a T there (placement new: no operator new is linked); it returns null when `a` cannot give the memory
// (reported through hc's channel, as always — nothing fatal: a T* may be null). destroy(a, p) runs
// ~T() and releases the memory to `a`. deleter<T, A> does that for std::unique_ptr, and
// make_unique<T>(a, args...) returns an hc::unique_ptr<T, A> (null on failure) that gives the object
// back to `a` when it dies. If T's constructor throws (code built with exceptions), the memory goes
// back to `a` before the exception leaves make.
//
// Usage:
//   hc::pool messages{hc::region_of(arena), sizeof(message)};
//   message* m = hc::make<message>(messages, id, payload);     // null when the pool is full
//   hc::destroy(messages, m);
//   hc::unique_ptr<message, hc::pool> owned = hc::make_unique<message>(messages, id, payload);
//   if (!owned) { /* hc::last_error() says why */ }
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace hc {

/// A T built in place from `args` in memory acquired from `alloc` (sizeof(T) bytes, alignof(T)), or
/// null when the allocator fails (it has reported why). O(alloc's acquire + T's constructor).
template <class T, class A, class... Args>
T* make(A& alloc, Args&&... args) noexcept(std::is_nothrow_constructible_v<T, Args...>) {
  static_assert(!std::is_array_v<T> && std::is_object_v<T>, "hc::make builds one object, not an array");
  void* const memory = alloc.acquire(sizeof(T), alignof(T));
  if (memory == nullptr) return nullptr;
  struct undo {  // gives the memory back if the constructor throws; a no-op otherwise
    A& source;
    void* block;
    ~undo() {
      if (block != nullptr) source.release(block);
    }
  } guard{alloc, memory};
  T* const object = ::new (memory) T(std::forward<Args>(args)...);
  guard.block = nullptr;
  return object;
}

/// Destroys `*object` and releases its memory to `alloc`, which make<T>() took it from; null is
/// ignored. `object` must be the pointer make returned (the object's own type, not a base). O(~T() +
/// alloc's release).
template <class A, class T>
void destroy(A& alloc, T* object) noexcept {
  if (object == nullptr) return;
  object->~T();
  alloc.release(const_cast<std::remove_cv_t<T>*>(object));
}

/// A std::unique_ptr deleter: hc::destroy(source, object). Holds a pointer to the allocator; a
/// default-constructed deleter has none and may only be given null (an empty unique_ptr).
template <class T, class A>
class deleter {
 public:
  /// A deleter for empty unique_ptrs (no allocator). O(1).
  deleter() noexcept = default;
  /// Gives objects back to `source`. O(1).
  explicit deleter(A& source) noexcept : source_(&source) {}
  /// destroy(source, object). O(~T() + the allocator's release).
  void operator()(T* object) const noexcept { destroy(*source_, object); }
  /// The allocator objects go back to, or null. O(1).
  A* source() const noexcept { return source_; }

 private:
  A* source_ = nullptr;
};

/// A std::unique_ptr whose object lives in (and goes back to) the hc allocator A.
template <class T, class A>
using unique_ptr = std::unique_ptr<T, deleter<T, A>>;

/// make<T>(alloc, args...) owned by a unique_ptr that destroys it into `alloc`; empty (but holding the
/// deleter) when the allocator fails. O(as make).
template <class T, class A, class... Args>
unique_ptr<T, A> make_unique(A& alloc, Args&&... args) noexcept(std::is_nothrow_constructible_v<T, Args...>) {
  return unique_ptr<T, A>{make<T>(alloc, std::forward<Args>(args)...), deleter<T, A>{alloc}};
}

}  // namespace hc
