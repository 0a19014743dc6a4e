// hc/slab.hpp — the slab allocator: many small blocks of any size, carved from slabs, O(1) both ways.
//
// Slabs are blocks of slab_size bytes (a power of two) taken from the source, aligned to their own
// size. acquire() bumps a cursor through the current slab — never a walk over slabs, unlike the seed
// series' slab, which searched a sorted list — and takes a fresh slab when the current one is full.
// Each slab counts its live blocks in a header at its start; release() finds that header by masking
// the pointer (O(1)) and counts down. A slab whose last block is released goes back to the source,
// except for one spare kept to avoid thrashing at a slab boundary; the current slab, once empty, is
// reused from its start. Requests above the threshold get a block of their own from the source (with
// the same header, so release treats them alike).
//
// No per-block overhead beyond rounding each block up to max_alignment (8 B on Cortex-M), which keeps
// the bump free of padding arithmetic; a slab's memory is reused only once all its blocks are released, so slab
// suits bursts and batches of short-lived objects (messages, parse trees, frames). release() detects
// pointers outside this allocator's slabs (the header must name it) and releases into a slab with no
// live blocks: invalid_pointer, nothing changed. A second release of a block in a slab that still
// holds others is not detected (no per-block state). release() reads the header at the start of the
// pointer's slab-aligned span (p rounded down to a multiple of slab_size), so those bytes must be
// readable — as they are for any pointer into RAM that the slabs came from.
//
// Usage:
//   hc::slab small{root, 1024};                 // 1 KiB slabs from `root`; requests > 128 B go to root
//   void* a = small.acquire(24);                // bump in the current slab
//   small.release(a);                           // the slab's count goes down; empty slabs go back
//   hc::slab rooted{hc::region_of(arena), 512}; // over a region: an internal pool of 512-B slabs
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"

namespace hc {

/// Slab allocator: O(1) bump acquire within slabs, O(1) release by counting per slab.
class slab final : public allocator {
 public:
  /// A slab allocator over `source`, slabs of `slab_size` bytes (a power of two, at least 64), serving
  /// requests up to `threshold` bytes (0: slab_size / 8; at most slab_size minus the header) from slabs
  /// and larger ones with a block of their own. A bad size reports invalid_size and gives an allocator
  /// whose every acquire fails. O(1).
  slab(allocator& source, std::size_t slab_size, std::size_t threshold = 0) noexcept;

  /// A slab allocator over `memory`, split into slabs by an internal pool (slab-aligned); requests
  /// above the threshold are invalid_size (there is no source for them). O(1).
  slab(region memory, std::size_t slab_size, std::size_t threshold = 0) noexcept;

  /// Gives the spare slab and the current one, if empty, back to the source. Slabs still holding live
  /// blocks stay the caller's (release every block first). O(1) plus the source.
  ~slab();

  /// A block of `size` bytes at its natural alignment: bumped from the current slab, from a new slab
  /// when it is full, or a block of its own above the threshold. Size 0 is invalid_size; when the source
  /// has no room it reports no_memory. O(1) plus the source when a slab is taken.
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    // The cursor stays max_alignment-aligned: blocks are rounded up, so no padding is computed. Size 0
    // wraps and takes the slow path, which rejects it; a size above the threshold never reaches the
    // rounding (which could wrap).
    unsigned char* const cur = cursor_;
    const std::size_t rounded = (size + (max_alignment - 1u)) & ~(max_alignment - 1u);
    if (size - 1u >= threshold_ || rounded > static_cast<std::size_t>(end_ - cur)) {
      return acquire_slow(size, max_alignment);
    }
    cursor_ = cur + rounded;
    ++current_->live;
    return cur;
  }

  /// As acquire(size), aligned to `alignment` (a power of two below slab_size(), else
  /// invalid_alignment). O(1) plus the source.
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
    if (alignment <= max_alignment) return acquire(size);
    return acquire_slow(size, alignment);
  }

  /// Counts a block out of its slab; a slab left empty goes back to the source (or becomes the spare).
  /// Null is ignored; a pointer outside this allocator's slabs, or into a slab with no live blocks,
  /// reports invalid_pointer and changes nothing. Reads the header at p rounded down to a multiple of
  /// slab_size(), which must be readable. O(1) plus the source.
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    if (block == nullptr) return;
    header* const h = header_of(block);
    const std::uint32_t live = h->live;
    if (h->owner != this || live <= 1u) return release_slow(block);
    h->live = live - 1u;
  }

  /// True when `p` points into a slab of this allocator that has live blocks, or into the first
  /// slab_size() bytes of one of its large blocks. O(1); reads the header at p rounded down to a
  /// multiple of slab_size(), which must be readable.
  bool owns(const void* p) const noexcept {
    if (p == nullptr) return false;
    const header* const h = header_of(p);
    return h->owner == this && h->live != 0;
  }

  /// Bytes in every slab. O(1).
  std::size_t slab_size() const noexcept { return mask_ + 1u; }
  /// The largest request served from a slab; larger ones get a block of their own. O(1).
  std::size_t threshold() const noexcept { return threshold_; }
  /// Slabs and large blocks held from the source now, the spare included. O(1).
  std::size_t slabs() const noexcept { return slabs_; }
  /// True when an empty slab is kept for the next one needed. O(1).
  bool has_spare() const noexcept { return spare_ != nullptr; }
  /// Bytes left in the current slab (an acquire may need some for alignment). O(1).
  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - cursor_); }
  /// Where slabs come from (for a slab allocator over a region: its own pool of slabs). O(1).
  allocator* source() const noexcept { return source_; }

 private:
  struct header {
    const slab* owner;    // this allocator, while the slab (or large block) is held
    std::uint32_t live;   // blocks in use in it (a large block: 1)
    std::uint32_t large;  // nonzero for a block of its own
  };
  static constexpr std::size_t header_bytes =
      (sizeof(header) + max_alignment - 1u) / max_alignment * max_alignment;

 public:
  /// Bytes at the start of every slab (and large block) for its header: 16 on Cortex-M and x86-64.
  static constexpr std::size_t header_size = header_bytes;

 private:

  HC_ALWAYS_INLINE header* header_of(const void* p) const noexcept {
    return reinterpret_cast<header*>(reinterpret_cast<std::uintptr_t>(p) & ~mask_);
  }

  void set_geometry(std::size_t slab_size, std::size_t threshold) noexcept;
  void* acquire_slow(std::size_t size, std::size_t alignment) noexcept;
  void* acquire_large(std::size_t size, std::size_t alignment) noexcept;
  header* take_slab() noexcept;
  void give_back(header* h) noexcept;
  void release_slow(void* block) noexcept;

  unsigned char* cursor_ = nullptr;
  unsigned char* end_ = nullptr;
  header* current_ = nullptr;
  header* spare_ = nullptr;
  std::size_t threshold_ = 0;
  std::uintptr_t mask_ = 0;  // slab_size - 1
  std::size_t slabs_ = 0;
  allocator* source_;
  bool large_blocks_;         // false over a region: nothing to take them from
  pool own_;                  // the slabs of a slab allocator over a region; empty otherwise

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
