// subjects.hpp — the allocators under test, each wrapped as a "subject" the typed suites can build.
//
// A subject S is built on a region (the test arena) and offers:
//   get()            the allocator, through the type the test should call (concrete type or hc::allocator&)
//   block()          the memory the allocator may hand out from (its source's block), for bounds checks
//   capacity()       bytes it manages;  state()  a value that changes whenever its allocation state does
//   max_request()    the largest size it serves;  max_alignment()  the largest explicit alignment
//   reporter()       besides the allocator itself, who may report a failure (its source), or null
//   foreign()        a readable pointer it never handed out, for release checks
//   releases         true when released memory is reused; then recovered() checks, after every block
//                    was released, that it can hand out its full capacity again (or its cache is whole)
#pragma once

#include <cstddef>
#include <cstring>

#include "hc/bump.hpp"
#include "hc/heap.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/slab.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

namespace hc_test {

/// Defaults for a bump-like subject: serves any size up to its capacity, any alignment, no reuse.
struct bump_traits {
  static constexpr bool releases = false;
  static constexpr std::size_t max_alignment() noexcept { return 256; }
};

/// A root bump allocator directly over the arena (how firmware roots a composition).
class root_bump : public bump_traits {
 public:
  explicit root_bump(hc::region r) noexcept : a_(r), block_(r) {}
  hc::bump& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.capacity(); }
  std::size_t state() const noexcept { return a_.used(); }
  std::size_t max_request() const noexcept { return a_.capacity(); }
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return &foreign_; }

 private:
  hc::bump a_;
  hc::region block_;
  int foreign_ = 0;
};

/// A bump allocator that takes its block from a (recording) source allocator.
class sourced_bump : public bump_traits {
 public:
  explicit sourced_bump(hc::region r) noexcept : source_(r), a_(source_, r.size - 64) {}
  hc::bump& get() noexcept { return a_; }
  hc::region block() const noexcept { return {source_[0].block, a_.capacity()}; }
  std::size_t capacity() const noexcept { return a_.capacity(); }
  std::size_t state() const noexcept { return a_.used(); }
  std::size_t max_request() const noexcept { return a_.capacity(); }
  const void* reporter() const noexcept { return nullptr; }  // the bump took its block up front
  void* foreign() noexcept { return &foreign_; }

 private:
  recording_source source_;
  hc::bump a_;
  int foreign_ = 0;
};

/// A root bump used only through the run-time protocol (virtual calls through hc::allocator&).
class bump_via_protocol : public bump_traits {
 public:
  explicit bump_via_protocol(hc::region r) noexcept : inner_(r) {}
  hc::allocator& get() noexcept { return inner_.get(); }
  hc::region block() const noexcept { return inner_.block(); }
  std::size_t capacity() const noexcept { return inner_.capacity(); }
  std::size_t state() const noexcept { return inner_.state(); }
  std::size_t max_request() const noexcept { return inner_.max_request(); }
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return inner_.foreign(); }

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
class misaligned_subject : public bump_traits {
 public:
  explicit misaligned_subject(hc::region r) noexcept : a_(r), block_(r) {}
  misaligning<Offset>& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.inner().capacity(); }
  std::size_t state() const noexcept { return a_.inner().used(); }
  std::size_t max_request() const noexcept { return a_.inner().capacity(); }
  const void* reporter() const noexcept { return &a_.inner(); }
  void* foreign() noexcept { return &foreign_; }

 private:
  misaligning<Offset> a_;
  hc::region block_;
  int foreign_ = 0;
};

// ---- allocators that give memory back ----

/// Acquires `n` blocks of `size` bytes (linking each to the previous through its first word), then
/// releases them all; true when all n were handed out.
template <class A>
bool hand_out_again(A& a, std::size_t n, std::size_t size) {
  void* list = nullptr;
  std::size_t got = 0;
  for (; got < n; ++got) {
    void* p = a.acquire(size);
    if (p == nullptr) break;
    std::memcpy(p, &list, sizeof list);
    list = p;
  }
  while (list != nullptr) {
    void* next = nullptr;
    std::memcpy(&next, list, sizeof next);
    a.release(list);
    list = next;
  }
  return got == n;
}

/// A region [begin + reserve, end) of r, where the first `reserve` bytes (zeroed) stay outside the
/// allocator: the home of foreign() pointers whose headers a memo or slab may read.
inline hc::region after_reserve(hc::region r, std::size_t reserve) {
  std::memset(r.begin, 0, reserve);
  return {static_cast<unsigned char*>(r.begin) + reserve, r.size - reserve};
}

/// Block size of the pool subjects: every request of the suites (sizes up to 64) fits.
inline constexpr std::size_t pool_block = 64;

/// A root pool of 64-byte blocks over the whole arena.
class root_pool {
 public:
  static constexpr bool releases = true;
  explicit root_pool(hc::region r) noexcept : a_(r, pool_block), block_(r) {}
  hc::pool& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.capacity(); }
  std::size_t state() const noexcept { return a_.available() * 7919u + a_.blocks(); }
  std::size_t max_request() const noexcept { return a_.block_size(); }
  std::size_t max_alignment() const noexcept { return a_.block_alignment(); }
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return &foreign_; }
  /// Every block of the region can be handed out again, each once.
  bool recovered() noexcept { return hand_out_again(a_, a_.blocks(), a_.block_size()); }

 private:
  hc::pool a_;
  hc::region block_;
  int foreign_ = 0;
};

/// Chunk size of the sourced pool subject: several chunks even in the M0's small arena.
inline constexpr std::size_t pool_chunk = arena_size >= 16384 ? 2048 : 256;

/// A pool of 64-byte blocks growing by chunks taken from a (recording) source over the arena.
class sourced_pool {
 public:
  static constexpr bool releases = true;
  explicit sourced_pool(hc::region r) noexcept : source_(r), a_(source_, pool_block, pool_chunk), block_(r) {}
  hc::pool& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size; }
  std::size_t state() const noexcept { return a_.available() * 7919u + a_.blocks() + source_.used(); }
  std::size_t max_request() const noexcept { return a_.block_size(); }
  std::size_t max_alignment() const noexcept { return a_.block_alignment(); }
  const void* reporter() const noexcept { return source_.reporter(); }
  void* foreign() noexcept { return &foreign_; }
  /// Every block of every chunk it took can be handed out again without taking another chunk.
  bool recovered() noexcept {
    const std::size_t chunks = a_.chunks();
    return chunks > 0 && hand_out_again(a_, a_.blocks(), a_.block_size()) && a_.chunks() == chunks &&
           source_.live() == chunks;
  }

 private:
  recording_source source_;
  hc::pool a_;
  hc::region block_;
  int foreign_ = 0;
};

/// A memo over a (recording) source over the arena, past a reserve that holds foreign() blocks.
class sourced_memo {
 public:
  static constexpr bool releases = true;
  static constexpr std::size_t reserve = 64;
  explicit sourced_memo(hc::region r) noexcept : source_(after_reserve(r, reserve)), a_(source_), block_(r) {}
  hc::memo& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - reserve; }
  std::size_t state() const noexcept { return source_.used() * 7919u + a_.held() * 31u + a_.cached(); }
  std::size_t max_request() const noexcept { return capacity(); }
  static constexpr std::size_t max_alignment() noexcept { return 256; }
  const void* reporter() const noexcept { return source_.reporter(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + reserve / 2; }
  /// Every block it holds from the source is back in its cache (or was given back, if uncached).
  bool recovered() noexcept { return a_.held() > 0 && a_.cached() == a_.held(); }

 private:
  recording_source source_;
  hc::memo a_;
  hc::region block_;
};

/// Slab size of the slab subjects (the test arena is aligned to it, see test_arena.hpp), and their
/// threshold: the sequence test's sizes (up to 64) all come from slabs.
inline constexpr std::size_t slab_bytes = arena_size >= 16384 ? 1024 : 256;
inline constexpr std::size_t slab_threshold = 64;
static_assert(slab_bytes <= arena_alignment, "foreign() needs a slab-aligned reserve");

/// A slab allocator over a (recording) source over the arena, past one slab-sized reserve at the
/// (slab-aligned) start of the arena, which holds foreign() blocks.
class sourced_slab {
 public:
  static constexpr bool releases = true;
  explicit sourced_slab(hc::region r) noexcept
      : source_(after_reserve(r, slab_bytes)), a_(source_, slab_bytes, slab_threshold), block_(r) {}
  hc::slab& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - slab_bytes; }
  std::size_t state() const noexcept { return source_.used() * 7919u + a_.slabs() * 31u + a_.remaining(); }
  std::size_t max_request() const noexcept { return capacity() / 2; }  // a large block leaves room
  std::size_t max_alignment() const noexcept { return a_.slab_size() / 2; }
  const void* reporter() const noexcept { return source_.reporter(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + slab_bytes / 2; }
  /// Only the current slab and at most one spare are still held from the source.
  bool recovered() noexcept { return a_.slabs() <= 2 && source_.live() == a_.slabs(); }

 private:
  recording_source source_;
  hc::slab a_;
  hc::region block_;
};

/// A slab allocator over the arena itself (its own pool of slabs), past a slab-sized reserve.
class root_slab {
 public:
  static constexpr bool releases = true;
  explicit root_slab(hc::region r) noexcept : a_(after_reserve(r, slab_bytes), slab_bytes, slab_threshold), block_(r) {}
  hc::slab& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - slab_bytes; }
  std::size_t state() const noexcept { return slab_pool().available() * 7919u + a_.slabs() * 31u + a_.remaining(); }
  std::size_t max_request() const noexcept { return a_.threshold(); }
  std::size_t max_alignment() const noexcept { return a_.slab_size() / 2; }
  const void* reporter() const noexcept { return a_.source(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + slab_bytes / 2; }
  /// Every slab of the region is free again: blocks of threshold() bytes fill all of them.
  bool recovered() noexcept {
    const std::size_t per_slab = (a_.slab_size() - hc::slab::header_size) / a_.threshold();
    return hand_out_again(a_, slab_pool().blocks() * per_slab, a_.threshold());
  }

 private:
  const hc::pool& slab_pool() const noexcept { return *static_cast<const hc::pool*>(a_.source()); }
  hc::slab a_;
  hc::region block_;
};

/// Common parts of the heap subjects.
struct heap_traits {
  static constexpr bool releases = true;
  static constexpr std::size_t max_alignment() noexcept { return 256; }
};

/// The state of a heap as one number: changes whenever a block is handed out, given back or split.
inline std::size_t heap_state(const hc::heap& h) noexcept {
  return h.in_use() * 7919u + h.free_blocks() * 31u + h.capacity();
}

/// Everything released: each region is one free block again, and check() finds nothing wrong.
inline bool heap_whole(const hc::heap& h) noexcept {
  return h.in_use() == 0 && h.free_blocks() == h.regions() && !h.check();
}

/// A root heap over the whole arena.
class root_heap : public heap_traits {
 public:
  explicit root_heap(hc::region r) noexcept : a_(r), block_(r) {}
  hc::heap& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.capacity(); }
  std::size_t state() const noexcept { return heap_state(a_); }
  std::size_t max_request() const noexcept { return a_.max_size(); }
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return &foreign_; }
  /// One free block again, and it can be handed out whole.
  bool recovered() noexcept {
    if (!heap_whole(a_)) return false;
    void* all = a_.acquire(a_.max_size());
    a_.release(all);
    return all != nullptr && heap_whole(a_);
  }

 private:
  hc::heap a_;
  hc::region block_;
  int foreign_ = 0;
};

/// Chunk size of the sourced heap subject: several chunks even in the M0's small arena.
inline constexpr std::size_t heap_chunk = arena_size >= 16384 ? 4096 : 512;

/// A heap growing by chunks taken from a (recording) source over the arena.
class sourced_heap : public heap_traits {
 public:
  explicit sourced_heap(hc::region r) noexcept : source_(r), a_(source_, heap_chunk), block_(r) {}
  hc::heap& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size; }
  std::size_t state() const noexcept { return heap_state(a_) + source_.used(); }
  std::size_t max_request() const noexcept { return a_.max_size(); }
  const void* reporter() const noexcept { return source_.reporter(); }
  void* foreign() noexcept { return &foreign_; }
  /// Every chunk taken is one free block again, and all are still held from the source.
  bool recovered() noexcept { return heap_whole(a_) && source_.live() == a_.regions(); }

 private:
  recording_source source_;
  hc::heap a_;
  hc::region block_;
  int foreign_ = 0;
};

/// A deliberately broken allocator: a pool whose every 8th acquire hands out the previous block again
/// while it is still in use, so two live blocks overlap (the first of the two releases of that block is
/// swallowed, keeping the pool itself sound). Used only to prove that the shadow-model sequence
/// catches it.
class double_handing final : public hc::allocator {
 public:
  explicit double_handing(hc::region r) noexcept : inner_(r, pool_block) {}
  void* acquire(std::size_t size) noexcept {
    if (++acquires_ % 8 == 0 && last_ != nullptr && dup_ == nullptr && size <= inner_.block_size()) {
      dup_ = last_;
      return dup_;
    }
    last_ = inner_.acquire(size);
    return last_;
  }
  void release(void* block) noexcept {
    if (block == last_) last_ = nullptr;
    if (block != nullptr && block == dup_) {
      dup_ = nullptr;  // the block's other holder releases it to the pool
      return;
    }
    inner_.release(block);
  }
  const hc::pool& inner() const noexcept { return inner_; }

 private:
  void* do_acquire(std::size_t size, std::size_t) noexcept override { return acquire(size); }
  void do_release(void* block) noexcept override { release(block); }
  hc::pool inner_;
  void* last_ = nullptr;
  void* dup_ = nullptr;
  std::size_t acquires_ = 0;
};

class double_handing_subject {
 public:
  static constexpr bool releases = true;
  explicit double_handing_subject(hc::region r) noexcept : a_(r), block_(r) {}
  double_handing& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.inner().capacity(); }
  std::size_t state() const noexcept { return 0; }
  std::size_t max_request() const noexcept { return pool_block; }
  std::size_t max_alignment() const noexcept { return hc::max_alignment; }
  const void* reporter() const noexcept { return &a_.inner(); }
  void* foreign() noexcept { return nullptr; }
  bool recovered() noexcept { return true; }

 private:
  double_handing a_;
  hc::region block_;
};

}  // namespace hc_test
