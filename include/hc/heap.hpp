// hc/heap.hpp — the O(1) general-purpose heap: variable sizes, coalescing, in-place resize, per-call
// alignment, several regions, O(1) statistics and a stated memory bound.
//
// Mechanism (the TLSF family): every block carries a header of two words (8 bytes on 32-bit targets,
// 16 on 64-bit) — its physical left neighbour and its size with a "free" bit — so both neighbours are
// found in O(1) and a released block merges with them at once. Free blocks sit on segregated lists,
// one per size class: a class per power of two, split into 2^SecondLevelBits equal steps (4 by
// default), so a class is at most 25% wide. Two levels of bitmaps say which lists are non-empty; one
// bit-scan per level finds the smallest non-empty class whose every block fits the request (a request
// is rounded up to its class boundary, so the first block of that list fits: no search loop). A free
// list node holds the address of the slot that points at it, so unlinking a neighbour needs no class.
// Bit scans use CLZ/RBIT where the core has them; on the M0 (ARMv6-M) a 32-entry de Bruijn table.
//
// Memory: blocks are multiples of the granule (= the header size = max_alignment on Cortex-M and
// x86-64); the smallest block is two granules (16 B on Cortex-M). Each region spends one granule on a
// record (for check() and the destructor) and one on an end sentinel. The list heads and bitmaps live
// at the start of the first region (or of the first chunk a sourced heap takes): control_bytes().
//
// Worst case (stated bound). A heap that keeps its free blocks coalesced and serves a request whenever
// a free block of its rounded-up class exists fails only when every free block is smaller than that
// class. Free blocks are never adjacent, so there are at most L + R of them (L live blocks, R regions),
// each smaller than the rounded-up class of the largest request. Hence: for any sequence whose live
// total never exceeds M bytes, with no request above n bytes and none below m bytes, acquire never
// fails if the region holds arena_bound(M, n, m) bytes:
//     L  = M / m                       — live blocks at most
//     M' = M + L·(header + 2 granules)  — live bytes with each block's header, rounding and an
//                                         unsplittable remainder
//     H  = M' + (L + 1)·(class_ceiling(n) − granule) + control + 3 granules
// It is linear in M·n/m. Robson's lower bound for any allocator is only about M·log2(n/m)/2 and first
// fit is proven within M·log2(n/m), but good fit (this heap, like best fit) has no better proven bound;
// it measures far better than either on real workloads —
// see the FIT figure in the README. arena_bound() is constexpr; tests/host/heap_test.cpp drives a
// fragmenting sequence at the bound and shows it holds. The bound is for acquire(size) at natural
// alignment on one region; a resize that moves counts both blocks as live while it copies.
//
// Time: O(1) for every request up to the top list's lower bound of the region the control block is
// sized for (the first region or chunk; about 7/8 of it with 4 lists per class). Larger requests — the
// top few percent of that region, or blocks of a bigger region added later — walk the top list,
// first fit. Give the largest region first to keep every request O(1).
//
// Bad input, all reported through hc's error channel with nothing changed: size 0 or above max_size()
// (invalid_size), a non-power-of-two or over-large alignment (invalid_alignment), release/resize/size_of
// of a pointer outside the regions' bounds, misaligned, whose header's size is not a whole number of
// granules within those bounds, or whose right neighbour does not name it as its left one
// (invalid_pointer), and of a block already free (double_release, as long as its header was not reused
// by a later block). An interior pointer is caught unless the bytes before it happen to form such a
// header and the bytes after it name it back. A pointer between two regions is inside the bounds: its
// header is read (regions must be readable memory, as RAM banks are).
//
// Usage:
//   static HC_ARENA(arena, 64 * 1024);
//   hc::heap heap{hc::region_of(arena)};
//   void* p = heap.acquire(100);               // 8-aligned on Cortex-M (natural alignment)
//   p = heap.resize(p, 300);                   // grows in place if the right neighbour is free
//   void* dma = heap.acquire(512, 512);        // per-call alignment
//   heap.release(p); heap.release(dma);
//   heap.add_region(hc::linker_region(&__ccm_start, &__ccm_end));   // another RAM bank
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/error.hpp"
#include "hc/region.hpp"

namespace hc {

namespace detail {

/// The header every heap block starts with; free blocks also hold their list links in the payload.
struct heap_block {
  heap_block* prev_phys;  ///< the block just before this one in its region; null for the first
  std::size_t size;       ///< total bytes from this header to the next one; bit 0 set while free
  heap_block* next_free;  ///< free blocks only: the next block of the same class
  heap_block** slot;      ///< free blocks only: the pointer that points at this block
};

/// The granule: every block size and block address is a multiple of it. The header is one granule.
inline constexpr std::size_t heap_granule = 2 * sizeof(void*) > max_alignment ? 2 * sizeof(void*) : max_alignment;

}  // namespace detail

/// What check() found: null `what` when every invariant holds, else the first broken one and where.
struct heap_fault {
  const char* what;   ///< a one-line description of the broken invariant, or null
  const void* where;  ///< the block (header address) where it was found, or null
  /// True when something is broken. O(1).
  explicit operator bool() const noexcept { return what != nullptr; }
};

/// O(1) heap over one or more regions, or over chunks taken from a source. SecondLevelBits (1..3)
/// splits each power-of-two size class into 2^SecondLevelBits lists: more lists fit better and cost
/// 2^SecondLevelBits pointers per power of two in the control block. Use hc::heap (4 lists).
template <unsigned SecondLevelBits>
class basic_heap final : public allocator {
  static_assert(SecondLevelBits >= 1 && SecondLevelBits <= 3, "1..3 second-level bits (2..8 lists per class)");

 public:
  /// Lists per power-of-two size class.
  static constexpr std::size_t lists_per_class = std::size_t{1} << SecondLevelBits;
  /// Bytes of a block header; also the granule every block size is a multiple of.
  static constexpr std::size_t header_bytes = detail::heap_granule;
  /// Bytes of the smallest block (header included): a request of 1 byte takes this much.
  static constexpr std::size_t min_block_bytes = 2 * detail::heap_granule;

  /// An empty heap: every acquire reports invalid_size until add_region(). O(1).
  basic_heap() noexcept = default;

  /// A root heap over `memory`: its control block (control_bytes()) at the start, one free block
  /// after it. A region too small for the control block and one minimal block reports invalid_size
  /// and gives an empty heap. O(1) plus clearing the control block (O(log size)).
  explicit basic_heap(region memory) noexcept;

  /// A heap that takes chunks of `chunk_size` bytes from `source` (the first one now, holding the
  /// control block; another whenever a request does not fit). max_size() is what a chunk holds beyond
  /// its record, sentinel and header. A chunk too small to be useful reports invalid_size; a failing
  /// source leaves an empty heap that retries on each acquire. O(1) plus the source's calls.
  basic_heap(allocator& source, std::size_t chunk_size) noexcept;

  /// Gives every chunk taken from the source back to it; user regions stay the user's. O(regions).
  ~basic_heap();

  /// A block of `size` bytes (1..max_size(), else invalid_size) aligned to natural_alignment(size), or
  /// null with no_memory when no free block is large enough (and a sourced heap's source could not
  /// give a chunk). O(1).
  void* acquire(std::size_t size) noexcept;

  /// As acquire(size), aligned to `alignment` (a power of two up to the largest region; else
  /// invalid_alignment). Alignments above the granule cost up to alignment + one block more while
  /// searching; the unused front is given back at once. O(1).
  void* acquire(std::size_t size, std::size_t alignment) noexcept;

  /// Gives a block back and merges it with free neighbours. Null is ignored; see the header comment for
  /// what is detected (invalid_pointer, double_release; nothing changes then). O(1).
  void release(void* block) noexcept;

  /// realloc: a block of `size` bytes holding the first min(size, old usable size) bytes of `block`.
  /// Shrinks in place (splitting off the tail), grows in place when the right neighbour is free and
  /// large enough, else acquires a new block (natural alignment), copies and releases the old one.
  /// resize(nullptr, n) is acquire(n). Size 0 or above max_size() is invalid_size; a bad pointer is
  /// reported as by release(); on any failure null is returned and the old block is untouched. O(1)
  /// plus the copy.
  void* resize(void* block, std::size_t size) noexcept;

  /// Adds a region of raw memory (another RAM bank). One granule of record and one of sentinel are
  /// kept; a region too small for a minimal block is invalid_size. Returns false on failure. O(1).
  bool add_region(region memory) noexcept;

  /// True when `block` lies within one of this heap's regions (any byte of it). O(regions).
  bool owns(const void* block) const noexcept;

  /// The usable bytes of a block this heap handed out (>= the size asked); 0 with the error reported
  /// for a pointer release() would reject. O(1).
  std::size_t size_of(const void* block) const noexcept;

  /// The largest size acquire() may ever succeed for (a root heap: its largest region's free block
  /// when empty). O(1).
  std::size_t max_size() const noexcept { return max_request_; }

  /// Bytes of all blocks, headers included (the regions less records, sentinels and control). O(1).
  std::size_t capacity() const noexcept { return capacity_; }
  /// Bytes of blocks handed out, headers and rounding included. O(1).
  std::size_t in_use() const noexcept { return in_use_; }
  /// The highest in_use() since construction or reset_peak(). O(1).
  std::size_t peak() const noexcept { return peak_; }
  /// Starts peak() again from in_use(). O(1).
  void reset_peak() noexcept { peak_ = in_use_; }
  /// Number of free blocks (fragments). O(1).
  std::size_t free_blocks() const noexcept { return free_count_; }
  /// Number of regions (added, or chunks taken from the source). O(regions).
  std::size_t regions() const noexcept;
  /// acquire()/resize() calls that reported no_memory. O(1).
  std::size_t oom_count() const noexcept { return oom_count_; }
  /// The largest request acquire() is sure to serve now: the largest free block's class rounded down
  /// (within 1/lists_per_class of that block's usable size; exact with check_largest()). O(1).
  std::size_t largest_free() const noexcept;

  /// Walks every region and every list and returns the first broken invariant (a header whose size or
  /// neighbour link is wrong, two adjacent free blocks, a free block missing from its list, a list or
  /// bitmap out of step, counters that disagree with the blocks). O(blocks + lists).
  heap_fault check() const noexcept;

  /// The usable size of the largest free block, found by walking every region. O(blocks).
  std::size_t check_largest() const noexcept;

  /// Bytes of the control block (list heads and bitmaps) for a heap whose largest region or chunk is
  /// `region_size` bytes, without the basic_heap object itself. O(1), constexpr.
  static constexpr std::size_t control_bytes(std::size_t region_size) noexcept;

  /// The bytes of a region that make acquire() never fail for any sequence whose live total never
  /// exceeds `live` bytes, with no request above `largest` and none below `smallest` bytes (see the
  /// header comment). SIZE_MAX if it overflows. O(1), constexpr.
  static constexpr std::size_t arena_bound(std::size_t live, std::size_t largest, std::size_t smallest = 1) noexcept;

 private:
  using block = detail::heap_block;
  struct region_record {
    region_record* next;
    unsigned char* end;  // one past the region's end sentinel
  };
  static constexpr unsigned sl_bits = SecondLevelBits;
  static constexpr std::size_t granule = detail::heap_granule;
  static constexpr std::size_t free_bit = 1;
  static constexpr unsigned max_rows = 32;

  // Class arithmetic on sizes in granules (u >= 2).
  static constexpr unsigned rows_for(std::size_t region_size) noexcept;
  static constexpr std::size_t units_ceiling(std::size_t units) noexcept;    // units rounded up to a class

  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override;
  void do_release(void* block) noexcept override;

  bool format(region memory, bool from_source, bool with_control) noexcept;
  unsigned insert_index(std::size_t units) const noexcept;
  void link(block* b, std::size_t units) noexcept;
  void unlink(block* b) noexcept;
  block* take(std::size_t units) noexcept;           // unlinks a free block of >= units granules, or null
  block* take_cold(std::size_t units) noexcept;      // the same, out of line, for the slow paths
  block* take_from_source(std::size_t units) noexcept;  // the slow path; reports (or lets the source)
  block* take_first_of_class(std::size_t units) noexcept;
  void* finish(block* b, std::size_t units) noexcept;  // splits b to `units`, marks it used
  block* checked(const void* p) const noexcept;       // the header of a handed-out block, or null (reported)
  block* reject(const void* p) const noexcept;        // reports why checked() refused p; null
  void free_block(block* b) noexcept;                 // coalesces and links a block that was in use
  void* acquire_aligned(std::size_t size, std::size_t alignment) noexcept;
  static const region_record* next_region(const region_record* r) noexcept;
  region_record* first_region() const noexcept;
  std::size_t lists() const noexcept { return heads_ == nullptr ? 0 : std::size_t{last_} + 1; }
  std::uint32_t* bits() const noexcept { return bits_; }
  std::size_t chunk_bytes() const noexcept { return max_request_ + 3 * granule; }
  const block* first_block(const region_record* r) const noexcept;

  // The list heads, one per class (last_ + 1 of them), then one bit per list (set while the list is
  // non-empty), 32 to a word (bits_): the control block, at the start of the first region just after
  // its record (which heads the list of regions). `first_` has bit w set while word w of bits_ is
  // non-zero. 14 words in all on a 32-bit target, so that this object plus the control block of a
  // 64 KiB heap is 256 bytes.
  block** heads_ = nullptr;
  std::uint32_t* bits_ = nullptr;
  std::uint32_t last_ = 0;
  std::uint32_t first_ = 0;
  allocator* source_ = nullptr;
  std::uintptr_t base_ = 0;  // the lowest payload address of any region: for the O(1) pointer check
  std::size_t span_ = 0;     // granules from base_ to one past the highest payload address
  std::size_t max_request_ = 0;
  std::size_t capacity_ = 0;
  std::size_t in_use_ = 0;
  std::size_t peak_ = 0;
  std::size_t free_count_ = 0;
  std::size_t oom_count_ = 0;
};

/// The heap: 4 lists per power-of-two class (classes at most 25% wide).
using heap = basic_heap<2>;

// --- constexpr helpers ----------------------------------------------------------------------------------

template <unsigned B>
constexpr unsigned basic_heap<B>::rows_for(std::size_t region_size) noexcept {
  // The largest block is smaller than the region less its record and sentinel.
  std::size_t units = region_size > 2 * granule ? region_size / granule - 2 : 0;
  if (units < 2 * lists_per_class) return 2;
  unsigned k = 0;
  while ((units >> k) > 1) ++k;  // floor(log2(units)), at compile time or once per construction
  const unsigned rows = k - sl_bits + 2;
  return rows > max_rows ? max_rows : rows;
}

template <unsigned B>
constexpr std::size_t basic_heap<B>::units_ceiling(std::size_t units) noexcept {
  if (units < 2 * lists_per_class) return units;
  unsigned k = 0;
  while ((units >> k) > 1) ++k;
  const std::size_t step = std::size_t{1} << (k - sl_bits);
  return (units + step - 1) & ~(step - 1);
}

template <unsigned B>
constexpr std::size_t basic_heap<B>::control_bytes(std::size_t region_size) noexcept {
  const std::size_t lists = std::size_t{rows_for(region_size)} << sl_bits;
  const std::size_t bytes = lists * sizeof(block*) + (lists + 31) / 32 * 4;  // heads, then their bits
  return (bytes + granule - 1) / granule * granule;
}

template <unsigned B>
constexpr std::size_t basic_heap<B>::arena_bound(std::size_t live, std::size_t largest, std::size_t smallest) noexcept {
  if (smallest == 0) smallest = 1;
  if (largest < smallest) largest = smallest;
  if (largest > SIZE_MAX / 8 || live > SIZE_MAX / 8) return SIZE_MAX;
  const std::size_t blocks = live / smallest;                     // live blocks at most
  // Each block: its header, up to a granule of rounding and a granule left unsplit (a remainder too
  // small to be a block of its own).
  const std::size_t live_bytes = live + blocks * (header_bytes + 2 * granule);
  std::size_t units = (largest + header_bytes + granule - 1) / granule;
  if (units < 2) units = 2;
  const std::size_t hole = (units_ceiling(units) - 1) * granule;  // largest free block when acquire fails
  if (blocks + 1 > (SIZE_MAX / 8) / hole) return SIZE_MAX;
  const std::size_t holes = (blocks + 1) * hole;                  // free blocks are never adjacent
  const std::size_t blocks_total = live_bytes + holes;
  if (blocks_total > SIZE_MAX / 4) return SIZE_MAX;
  // The control block (sized for at most twice the region), the region record, the end sentinel and
  // up to a granule of alignment at the region's start.
  return blocks_total + control_bytes(2 * blocks_total) + 3 * granule;
}

extern template class basic_heap<1>;
extern template class basic_heap<2>;
extern template class basic_heap<3>;

}  // namespace hc
