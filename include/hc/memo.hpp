// hc/memo.hpp — the recycling ("memo") allocator from the seed series: released blocks are kept by
// size class and handed out again, so a steady workload stops reaching its source at all.
//
// Requests of 1..max_cached bytes fall in `classes` classes of `granule` bytes each (1..8, 9..16, ...).
// A miss takes a block of the class's full size from the source; release puts the block on its class's
// intrusive free list, and the next request of the same class gets it back: both O(1), a handful of
// instructions, no search. Larger requests, and alignments above max_alignment, are passed to the
// source and given straight back on release. trim() returns every cached block to the source.
//
// Each block carries a header of max_alignment bytes just before it (8 B on Cortex-M, 16 B on x86-64):
// its class and a tag (the block's address XOR the memo's address XOR 0xA5000000), complemented while
// the block is cached. Unlike the seed's memo, no bookkeeping comes from any heap. The tag makes
// release() detect, in O(1), a double release and a foreign or interior pointer (a pointer not aligned
// to max_alignment without reading anything; otherwise unless the word header_size bytes before it
// happens to hold exactly that tag): invalid_pointer, nothing changed. It reads that word, so those
// bytes must be readable.
//
// Why size classes and not exact sizes: a class serves every size it covers, so a workload of
// random sizes recycles far more often, with a fixed table and no search; the price is up to
// granule - 1 bytes of rounding per block (see the benchmark in bench/).
//
// Usage:
//   hc::bump root{hc::region_of(arena)};
//   hc::memo recycler{root};                 // misses and large requests go to root
//   void* a = recycler.acquire(40);          // from root: 40 B (class 33..40) + 8 B header
//   recycler.release(a);                     // cached
//   void* b = recycler.acquire(35);          // the same block again, O(1), root untouched
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/bump.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"
#include "hc/region.hpp"

namespace hc {

/// Recycling allocator: O(1) acquire and release through per-size-class free lists over a source.
class memo final : public allocator {
 public:
  /// Bytes between consecutive size classes.
  static constexpr std::size_t granule = 8;
  /// Number of size classes (and free lists: the control block is classes pointers).
  static constexpr std::size_t classes = 32;
  /// The largest request that is cached; larger ones go to the source each time.
  static constexpr std::size_t max_cached = granule * classes;
  /// Bytes in front of every block (its class and tag).
  static constexpr std::size_t header_size = max_alignment;

  /// A memo over `source`, which gives it every block it does not have cached. O(1).
  explicit memo(allocator& source) noexcept : source_(&source) {}

  /// A memo over `memory`, through a bump allocator it owns (blocks are recycled by the memo; trim()
  /// does nothing, a bump could not take the blocks back). O(1).
  explicit memo(region memory) noexcept : own_(memory), source_(&own_) {}

  /// Gives every cached block back to the source (trim()). Blocks still in use stay the caller's.
  /// O(cached blocks).
  ~memo() { trim(); }

  /// A block of `size` bytes at its natural alignment: a cached block of size's class, else a new one
  /// from the source (which reports its own failure). Size 0 is invalid_size. O(1) plus the source on
  /// a miss.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    const std::size_t c = (size - 1u) / granule;  // size 0 wraps to a huge class
    if (c >= classes) return acquire_uncached(size, natural_alignment(size));
    node* const n = heads_[c];
    if (n == nullptr) return acquire_miss(c);
    heads_[c] = n->next;
    header_of(n)->tag = live_tag(n);
    return n;
  }

  /// As acquire(size), aligned to `alignment` (a power of two, else invalid_alignment); alignments above
  /// max_alignment bypass the cache. O(1) plus the source on a miss.
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
    if (alignment > max_alignment) return acquire_uncached(size, alignment);
    return acquire(size);
  }

  /// Caches a block of a size class, or gives an uncached block back to the source. Null is ignored;
  /// a pointer this memo did not hand out, or one already released, reports invalid_pointer and changes
  /// nothing. O(1) (plus the source for an uncached block).
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (block == nullptr) return;
    if (!is_aligned(block, max_alignment)) return release_slow(block);  // before reading its header
    header* const h = header_of(block);
    const std::uintptr_t tag = live_tag(block);
    if (h->tag != tag) return release_slow(block);  // uncached, already released, or not ours
    h->tag = ~tag;
    node* const n = static_cast<node*>(block);
    const std::uint32_t c = h->info;
    n->next = heads_[c];
    heads_[c] = n;
  }

  /// Gives every cached block back to the source (a memo over a region keeps them: its bump could not
  /// take them back). O(cached blocks) plus the source.
  void trim() noexcept;

  /// True when `p` is a block this memo handed out and has not had back. O(1); reads the header word
  /// header_size bytes before an aligned p, so it must be readable.
  bool owns(const void* p) const noexcept {
    if (p == nullptr || !is_aligned(p, max_alignment)) return false;
    const std::uintptr_t tag = header_of(p)->tag;
    return tag == live_tag(p) || tag == uncached_tag(p);
  }

  /// Blocks taken from the source and not given back (in use or cached). O(1).
  std::size_t held() const noexcept { return held_; }
  /// Blocks in the cache, all classes. O(cached blocks): a diagnostic.
  std::size_t cached() const noexcept;
  /// Blocks in the cache of the class that serves `size` (1..max_cached). O(cached blocks of it).
  std::size_t cached(std::size_t size) const noexcept;
  /// The allocator misses go to (for a memo over a region: its own bump allocator). O(1).
  allocator* source() const noexcept { return source_; }

 private:
  struct node {
    node* next;
  };
  struct header {
    std::uintptr_t tag;  // live_tag(block) in use (uncached_tag for an uncached block), ~live_tag cached
    std::uint32_t info;  // class, or the offset from the source's block to an uncached block
  };
  static_assert(sizeof(header) <= header_size, "the header fits in front of a max-aligned block");

  static header* header_of(const void* block) noexcept {
    return reinterpret_cast<header*>(reinterpret_cast<std::uintptr_t>(block) - header_size);
  }
  // Never 0 (a block is not at its memo's address), never another memo's tag for the same block; the
  // three states of a block (cached class block in use, uncached block in use, cached) differ.
  std::uintptr_t live_tag(const void* block) const noexcept {
    return reinterpret_cast<std::uintptr_t>(block) ^ key_;
  }
  std::uintptr_t uncached_tag(const void* block) const noexcept { return live_tag(block) ^ 1u; }

  void* acquire_miss(std::size_t c) noexcept;
  void* acquire_uncached(std::size_t size, std::size_t alignment) noexcept;
  void release_slow(void* block) noexcept;

  bump own_{region{nullptr, 0}};  // the source of a memo over a region; empty otherwise
  allocator* source_;
  // This memo's address XOR a constant with high bits set: block and memo often share an SRAM, so
  // their XOR alone is a small number, which ordinary data holds far more often.
  const std::uintptr_t key_ = reinterpret_cast<std::uintptr_t>(this) ^ static_cast<std::uintptr_t>(0xA5000000u);
  std::size_t held_ = 0;
  node* heads_[classes] = {};

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
