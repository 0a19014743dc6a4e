// recording_source.hpp — a test source allocator that records every call made to it, so tests can
// check what an allocator asks of its source. It serves blocks from a root bump over a region.
#pragma once

#include <cstddef>

#include "hc/bump.hpp"

namespace hc_test {

class recording_source final : public hc::allocator {
 public:
  struct call {
    enum kind_t { acquire, release } kind;
    std::size_t size;       // acquire only
    std::size_t alignment;  // acquire only
    void* block;            // what acquire returned / what release was given
  };
  static constexpr std::size_t max_calls = 16;

  explicit recording_source(hc::region memory) noexcept : memory_(memory) {}

  /// Calls recorded so far (at most max_calls; later ones are counted in dropped()).
  std::size_t count() const noexcept { return count_ < max_calls ? count_ : max_calls; }
  std::size_t dropped() const noexcept { return count_ > max_calls ? count_ - max_calls : 0; }
  const call& operator[](std::size_t i) const noexcept { return calls_[i]; }
  /// Blocks acquired and not yet released.
  std::size_t live() const noexcept { return live_; }
  /// The allocator that reports this source's failures (its inner bump). O(1).
  const void* reporter() const noexcept { return &memory_; }
  /// Bytes of its memory handed out so far (its inner bump's cursor). O(1).
  std::size_t used() const noexcept { return memory_.used(); }
  /// Makes the next acquire fail with no_memory (to test how clients handle a failing source).
  void fail_next() noexcept { fail_next_ = true; }

 private:
  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    void* p = nullptr;
    if (fail_next_) {
      fail_next_ = false;
      p = hc::detail::fail(hc::error::no_memory, this);
    } else {
      p = memory_.acquire(size, alignment);
    }
    if (p != nullptr) ++live_;
    record({call::acquire, size, alignment, p});
    return p;
  }
  void do_release(void* block) noexcept override {
    if (block != nullptr && memory_.owns(block)) --live_;
    memory_.release(block);
    record({call::release, 0, 0, block});
  }
  void record(const call& c) noexcept {
    if (count_ < max_calls) calls_[count_] = c;
    ++count_;
  }

  hc::bump memory_;
  call calls_[max_calls] = {};
  std::size_t count_ = 0;
  std::size_t live_ = 0;
  bool fail_next_ = false;
};

}  // namespace hc_test
