// hc/pool.hpp — the fixed-block pool: O(1) acquire and release of equal-size blocks.
//
// Every block has the same size (rounded up to hold a pointer and to a multiple of its alignment).
// Released blocks go on an intrusive free list (the link lives in the free block itself, so there is
// no per-block overhead); blocks never handed out are carved lazily from the current chunk, so
// construction is O(1) whatever the size. The memory is one region (a root pool) or chunks taken from
// a source allocator, aligned to their own size, as the pool runs out; they all go back to the source
// when the pool is destroyed.
//
// release() checks, in O(1), that a pointer is the start of a block this pool has handed out: inside
// its region (or a chunk whose header names this pool) and on a block boundary (a multiply by the
// block size's modular inverse, no division). Anything else reports invalid_pointer and changes
// nothing. A second release of the same block is not detected (free blocks carry no mark).
//
// Usage:
//   static HC_ARENA(arena, 4096);
//   hc::pool messages{hc::region_of(arena), sizeof(message)};    // as many blocks as fit, lazily
//   auto* m = static_cast<message*>(messages.acquire(sizeof(message)));
//   messages.release(m);
//   hc::pool nodes{root, 24, 1024};   // 24-byte blocks in 1 KiB chunks taken from `root` as needed
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"
#include "hc/region.hpp"

namespace hc {

/// Fixed-block pool: O(1) acquire and release through an intrusive free list, lazy carving.
class pool final : public allocator {
 public:
  /// An empty pool: every acquire reports invalid_size. O(1).
  pool() noexcept = default;

  /// A root pool over `memory`, blocks of `block_size` bytes (at least 1) aligned to `alignment` (a
  /// power of two, raised to at least the block size's natural alignment; 0 means just that). The
  /// block size is rounded up to hold a pointer and to a multiple of the alignment; as many blocks as
  /// fit are carved on demand. A zero block size, one larger than the region or a bad alignment reports
  /// its error and gives an empty pool. O(1).
  pool(region memory, std::size_t block_size, std::size_t alignment = 0) noexcept;

  /// A pool that takes chunks of `chunk_size` bytes (a power of two, aligned to itself) from `source`
  /// whenever it runs out of blocks; each chunk holds a small header and as many blocks as fit. A bad
  /// size or alignment reports its error and gives a pool whose every acquire fails. O(1).
  pool(allocator& source, std::size_t block_size, std::size_t chunk_size, std::size_t alignment = 0) noexcept;

  /// Gives every chunk back to the source (a root pool has none). O(chunks).
  ~pool();

  /// A block for a request of `size` bytes (1..block_size(), else invalid_size), at the block
  /// alignment (at least size's natural alignment); null with no_memory when the region is used up
  /// (a sourced pool: when the source cannot give a chunk — the source reports that). O(1).
  HC_ALWAYS_INLINE void* acquire(std::size_t size) noexcept {
    if (size - 1u >= block_size_) return acquire_slow(size);
    if (node* n = free_) {
      free_ = n->next;
      return n;
    }
    unsigned char* const p = cursor_;
    if (static_cast<std::size_t>(end_ - p) < block_size_) return acquire_slow(size);
    cursor_ = p + block_size_;
    ++carved_;
    return p;
  }

  /// As acquire(size), for an `alignment` up to block_alignment() (else invalid_alignment; an invalid
  /// size is reported as such first). O(1).
  HC_ALWAYS_INLINE void* acquire(std::size_t size, std::size_t alignment) noexcept {
    if (!is_power_of_two(alignment) || (alignment > block_alignment_ && size - 1u < block_size_)) {
      return detail::fail(error::invalid_alignment, this);
    }
    return acquire(size);
  }

  /// Puts a block back on the free list. Null is ignored; a pointer that is not the start of a block
  /// handed out by this pool reports invalid_pointer and changes nothing. A sourced pool reads the
  /// chunk header at p rounded down to a multiple of the chunk size, which must be readable. O(1).
  HC_ALWAYS_INLINE void release(void* block) noexcept {
    // A block carved from the current chunk (or the region) passes this one check; null, older
    // chunks' blocks and anything invalid take the out-of-line path.
    if (block_index(block, first_) >= carved_) return release_checked(block);
    push(block);
  }

  /// True when `p` is the start of a block this pool has carved (free or in use). O(1); a sourced pool
  /// reads the chunk header at p rounded down to a multiple of the chunk size, which must be readable.
  bool owns(const void* p) const noexcept {
    if (block_index(p, first_) < carved_) return true;
    return chunking_ != nullptr && p != nullptr && chunking_->owns(*this, p);
  }

  /// Bytes in every block (the requested size, rounded up). O(1).
  std::size_t block_size() const noexcept { return block_size_; }
  /// Alignment of every block. O(1).
  std::size_t block_alignment() const noexcept { return block_alignment_; }
  /// The largest request acquire accepts: block_size(). O(1).
  std::size_t max_size() const noexcept { return block_size_; }
  /// Blocks the pool can hold with the memory it has now (root: all of its region). O(1).
  std::size_t blocks() const noexcept;
  /// Bytes in those blocks: blocks() * block_size(). O(1).
  std::size_t capacity() const noexcept { return blocks() * block_size_; }
  /// Chunks taken from the source (0 for a root pool). O(1).
  std::size_t chunks() const noexcept { return chunks_; }
  /// The source chunks come from, or null for a root pool. O(1).
  allocator* source() const noexcept { return source_; }
  /// Blocks on the free list. O(free blocks): a diagnostic, not for the hot path.
  std::size_t free_blocks() const noexcept;
  /// Blocks acquire can hand out without taking a chunk: the free list plus the uncarved rest of the
  /// current chunk (or region). O(free blocks): a diagnostic.
  std::size_t available() const noexcept {
    return free_blocks() + (block_size_ != 0 ? static_cast<std::size_t>(end_ - cursor_) / block_size_ : 0u);
  }

 private:
  struct node {
    node* next;
  };
  struct chunk_header {
    const pool* owner;
    chunk_header* next;
  };
  // What only a sourced pool does, reached through a pointer its constructor sets, so that a firmware
  // with root pools only links none of it.
  struct chunking {
    void* (*grow)(pool& p) noexcept;                  // takes a chunk and carves its first block
    void (*release)(pool& p, void* block) noexcept;  // a block outside the current chunk
    bool (*owns)(const pool& p, const void* block) noexcept;
  };
  static const chunking k_chunking;
  static void* grow_chunk(pool& p) noexcept;
  static void release_in_chunk(pool& p, void* block) noexcept;
  static bool owns_in_chunk(const pool& p, const void* block) noexcept;

  // The index of `block` counted from `first` if it lies on a block boundary at or after `first`,
  // else a number larger than any block count: one multiply by the inverse of the block size's odd
  // part and one rotate (x is divisible by d = 2^k * m iff rotr(x * m^-1, k) <= (2^N - 1) / d, and then
  // equals x / d; a wrapped x below `first` is huge either way).
  HC_ALWAYS_INLINE std::size_t block_index(const void* block, std::uintptr_t first) const noexcept {
    const std::uintptr_t x = (reinterpret_cast<std::uintptr_t>(block) - first) * inverse_;
    constexpr unsigned bits = sizeof(std::uintptr_t) * 8u;
    return static_cast<std::size_t>((x >> shift_) | (x << ((bits - shift_) % bits)));
  }
  HC_ALWAYS_INLINE void push(void* block) noexcept {
    node* const n = static_cast<node*>(block);
    n->next = free_;
    free_ = n;
  }

  void init_geometry(std::size_t block_size, std::size_t alignment) noexcept;
  void* acquire_slow(std::size_t size) noexcept;  // invalid size, or the current chunk is used up
  void release_checked(void* block) noexcept;     // null, older chunks, or the failure report

  node* free_ = nullptr;
  unsigned char* cursor_ = nullptr;  // next block to carve in the current chunk (or region)
  unsigned char* end_ = nullptr;     // end of the current chunk (or region); the last block may end early
  std::size_t block_size_ = 0;
  std::size_t carved_ = 0;           // blocks carved from the current chunk (or region)
  std::uintptr_t first_ = 0;         // first block of the current chunk (or region)
  std::uintptr_t inverse_ = 0;       // inverse of the block size's odd part, mod 2^N
  unsigned shift_ = 0;               // trailing zero bits of the block size
  std::size_t block_alignment_ = 0;
  const chunking* chunking_ = nullptr;  // sourced pools only; the fields below are theirs
  allocator* source_ = nullptr;
  std::uintptr_t chunk_mask_ = 0;    // chunk_size - 1
  std::size_t chunk_offset_ = 0;     // from a chunk's start to its first block
  std::size_t per_chunk_ = 0;        // blocks in a chunk
  chunk_header* chunk_list_ = nullptr;
  std::size_t chunks_ = 0;

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override {
    return acquire(size, alignment);
  }
  void do_release(void* block) noexcept override { release(block); }
};

}  // namespace hc
