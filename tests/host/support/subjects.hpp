// subjects.hpp — the allocators under test, each wrapped as a "subject" the typed suites can build.
//
// A subject S is built on a region (the test arena) and offers:
//   get()       the allocator, through the type the test should call (concrete type or hc::allocator&)
//   block()     the memory the allocator may hand out from (its source's block), for bounds checks
//   capacity()  bytes it manages;  state()  a value that changes whenever its allocation state does
#pragma once

#include <cstddef>

#include "hc/bump.hpp"
#include "support/recording_source.hpp"

namespace hc_test {

/// A root bump allocator directly over the arena (how firmware roots a composition).
class root_bump {
 public:
  explicit root_bump(hc::region r) noexcept : a_(r), block_(r) {}
  hc::bump& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.capacity(); }
  std::size_t state() const noexcept { return a_.used(); }

 private:
  hc::bump a_;
  hc::region block_;
};

/// A bump allocator that takes its block from a (recording) source allocator.
class sourced_bump {
 public:
  explicit sourced_bump(hc::region r) noexcept : source_(r), a_(source_, r.size - 64) {}
  hc::bump& get() noexcept { return a_; }
  hc::region block() const noexcept { return {source_[0].block, a_.capacity()}; }
  std::size_t capacity() const noexcept { return a_.capacity(); }
  std::size_t state() const noexcept { return a_.used(); }

 private:
  recording_source source_;
  hc::bump a_;
};

/// A root bump used only through the run-time protocol (virtual calls through hc::allocator&).
class bump_via_protocol {
 public:
  explicit bump_via_protocol(hc::region r) noexcept : inner_(r) {}
  hc::allocator& get() noexcept { return inner_.get(); }
  hc::region block() const noexcept { return inner_.block(); }
  std::size_t capacity() const noexcept { return inner_.capacity(); }
  std::size_t state() const noexcept { return inner_.state(); }

 private:
  root_bump inner_;
};

/// A deliberately broken allocator: every block whose alignment exceeds Offset is handed out Offset
/// bytes past an aligned address. Offset 1 gives odd addresses (faults on any typed access with the
/// unaligned trap on); Offset 4 gives 4-mod-8 addresses, which no Cortex-M access ever faults on.
/// Otherwise it behaves (size 0 is rejected, as every allocator must) — the proofs run only the alignment
/// tests, so what fails them is the misalignment. Used only to prove that the suites catch it.
template <std::size_t Offset>
class misaligning final : public hc::allocator {
 public:
  explicit misaligning(hc::region r) noexcept : inner_(r) {}
  void* acquire(std::size_t size) noexcept { return skew(size, hc::natural_alignment(size)); }
  void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!hc::is_power_of_two(alignment)) return hc::detail::fail(hc::error::invalid_alignment, this);
    return skew(size, alignment);
  }
  void release(void* block) noexcept { inner_.release(block); }
  hc::bump& inner() noexcept { return inner_; }
  const hc::bump& inner() const noexcept { return inner_; }

 private:
  void* skew(std::size_t size, std::size_t alignment) noexcept {
    if (size == 0) return hc::detail::fail(hc::error::invalid_size, this);
    if (alignment <= Offset || size > inner_.capacity()) return inner_.acquire(size, alignment);
    auto* p = static_cast<unsigned char*>(inner_.acquire(size + Offset, alignment));
    return p != nullptr ? p + Offset : nullptr;
  }
  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override { return skew(size, alignment); }
  void do_release(void* block) noexcept override { release(block); }

  hc::bump inner_;
};

template <std::size_t Offset>
class misaligned_subject {
 public:
  explicit misaligned_subject(hc::region r) noexcept : a_(r), block_(r) {}
  misaligning<Offset>& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.inner().capacity(); }
  std::size_t state() const noexcept { return a_.inner().used(); }

 private:
  misaligning<Offset> a_;
  hc::region block_;
};

}  // namespace hc_test
