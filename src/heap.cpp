// heap.cpp — hc::basic_heap: segregated fit with two-level bitmaps (see include/hc/heap.hpp).
//
// Invariants (check() verifies each): the blocks of a region tile it from the first block to the end
// sentinel (a used header of size 0); every header's prev_phys names the block before it; no two free
// blocks are adjacent; every free block is on the list of insert_index(its size), and a list is
// non-empty exactly when its bit in bits() (and its word's bit in first_) is set; free_count_,
// in_use_ and capacity_ agree with the blocks.
//
// The hot path (take, finish, link, unlink, checked, free_block) is forced inline into acquire(),
// release() and resize() (except at -Os): each is a single function with no calls on its common paths. link() and
// unlink() do not count free blocks; their callers adjust free_count_ once per operation.
#include "hc/heap.hpp"

#include <cstring>

// Forced inline in speed builds; in size builds (-Os) the compiler chooses, which keeps one copy of
// each helper (the hot path costs a few calls more there).
#if defined(__OPTIMIZE_SIZE__)
#define HC_HEAP_HOT inline
#else
#define HC_HEAP_HOT [[gnu::always_inline]] inline
#endif

namespace hc {
namespace {

using block = detail::heap_block;
constexpr std::size_t granule = detail::heap_granule;
constexpr std::size_t free_bit = 1;
constexpr std::size_t header = granule;
static_assert(sizeof(block) <= 2 * granule, "a free block's links fit a minimal block");
static_assert(granule >= max_alignment && granule % max_alignment == 0, "payloads are max-aligned");
static_assert((granule & (granule - 1)) == 0, "the granule is a power of two");

constexpr unsigned granule_shift = granule == 8 ? 3u : granule == 16 ? 4u : 5u;
static_assert((std::size_t{1} << granule_shift) == granule, "granule shift");

#if defined(__arm__) && !defined(__ARM_FEATURE_CLZ)
// ARMv6-M has no CLZ: de Bruijn sequences and 32-byte tables, branch-free.
constexpr unsigned char k_ctz_table[32] = {0,  1,  28, 2,  29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4,  8,
                                           31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6,  11, 5,  10, 9};
constexpr unsigned char k_log2_table[32] = {0, 9,  1,  10, 13, 21, 2,  29, 11, 14, 16, 18, 22, 25, 3, 30,
                                            8, 12, 20, 28, 15, 17, 24, 7,  19, 27, 23, 6,  26, 5,  4, 31};
inline unsigned lowest_bit(std::uint32_t x) noexcept {  // x != 0
  return k_ctz_table[((x & (0u - x)) * 0x077CB531u) >> 27];
}
inline unsigned highest_bit(std::uint32_t x) noexcept {  // x != 0
  x |= x >> 1;
  x |= x >> 2;
  x |= x >> 4;
  x |= x >> 8;
  x |= x >> 16;
  return k_log2_table[(x * 0x07C4ACDDu) >> 27];
}
inline unsigned highest_bit_size(std::size_t x) noexcept { return highest_bit(static_cast<std::uint32_t>(x)); }
#else
inline unsigned lowest_bit(std::uint32_t x) noexcept { return static_cast<unsigned>(__builtin_ctz(x)); }
inline unsigned highest_bit(std::uint32_t x) noexcept { return 31u - static_cast<unsigned>(__builtin_clz(x)); }
inline unsigned highest_bit_size(std::size_t x) noexcept {
  if constexpr (sizeof(std::size_t) == sizeof(unsigned long long)) {
    return 63u - static_cast<unsigned>(__builtin_clzll(x));
  } else {
    return 31u - static_cast<unsigned>(__builtin_clz(static_cast<unsigned>(x)));
  }
}
#endif

inline std::size_t size_of_block(const block* b) noexcept { return b->size & ~free_bit; }
inline bool is_free(const block* b) noexcept { return (b->size & free_bit) != 0; }
inline block* next_of(const block* b) noexcept {
  return reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(b) + size_of_block(b));
}
inline block* at(void* p, std::size_t offset) noexcept {
  return reinterpret_cast<block*>(static_cast<unsigned char*>(p) + offset);
}
inline void* payload(block* b) noexcept { return reinterpret_cast<unsigned char*>(b) + header; }

// Granules a request of `size` bytes (>= 1) takes with its header: at least 2, a minimal block, since
// the header is one granule. size is checked against max_request_ first, so this cannot wrap.
inline std::size_t units_for(std::size_t size) noexcept { return (size + header + granule - 1) >> granule_shift; }
static_assert(((1 + header + granule - 1) >> granule_shift) == 2, "1 byte takes a minimal block");

}  // namespace

// --- classes ----------------------------------------------------------------------------------------

// The list a free block of `units` granules goes on: its class (exact below 2 * lists_per_class
// granules, then lists_per_class steps per power of two), or the top list for blocks above its range.
template <unsigned B>
HC_HEAP_HOT unsigned basic_heap<B>::insert_index(std::size_t units) const noexcept {
  unsigned index;
  if (units < 2 * lists_per_class) {
    index = static_cast<unsigned>(units);
  } else {
    const unsigned k = highest_bit_size(units);
    index = ((k - sl_bits) << sl_bits) + static_cast<unsigned>(units >> (k - sl_bits));
  }
  return index < last_ ? index : last_;
}

template <unsigned B>
HC_HEAP_HOT void basic_heap<B>::link(block* b, std::size_t units) noexcept {
  const unsigned index = insert_index(units);
  block** const slot = heads_ + index;
  block* const next = *slot;
  b->next_free = next;
  b->slot = slot;
  *slot = b;
  if (next != nullptr) {
    next->slot = &b->next_free;
  } else {
    bits()[index >> 5] |= 1u << (index & 31u);
    first_ |= 1u << (index >> 5);
  }
}

template <unsigned B>
HC_HEAP_HOT void basic_heap<B>::unlink(block* b) noexcept {
  block* const next = b->next_free;
  block** const slot = b->slot;
  *slot = next;
  if (next != nullptr) {
    next->slot = slot;
    return;
  }
  // The last block of its list: if the slot is a list head, that list is now empty.
  const std::uintptr_t index =
      (reinterpret_cast<std::uintptr_t>(slot) - reinterpret_cast<std::uintptr_t>(heads_)) / sizeof(block*);
  if (index <= last_) {
    std::uint32_t* const word = bits() + (index >> 5);
    const std::uint32_t left = *word & ~(1u << (index & 31u));
    *word = left;
    if (left == 0) first_ &= ~(1u << (index >> 5));
  }
}

// A free block of at least `units` granules, unlinked, or null. The request is rounded up to its
// class's upper end, so every block of the first non-empty list at or above that class fits.
template <unsigned B>
HC_HEAP_HOT typename basic_heap<B>::block* basic_heap<B>::take(std::size_t units) noexcept {
  unsigned index;
  if (units < 2 * lists_per_class) {
    index = static_cast<unsigned>(units);
  } else {
    const unsigned k = highest_bit_size(units);
    const std::size_t up = units + (std::size_t{1} << (k - sl_bits)) - 1u;  // to the next class boundary
#if defined(__arm__) && !defined(__ARM_FEATURE_CLZ)
    const unsigned k2 = k + static_cast<unsigned>(up >> (k + 1));  // up < 2^(k+2): one more bit at most
#else
    const unsigned k2 = highest_bit_size(up);  // one CLZ: cheaper than the shift and add above
#endif
    index = ((k2 - sl_bits) << sl_bits) + static_cast<unsigned>(up >> (k2 - sl_bits));
  }
  if (index > last_) return take_first_of_class(units);
  std::uint32_t* const bits = this->bits();
  unsigned word = index >> 5;
  std::uint32_t found = bits[word] & (~0u << (index & 31u));
  if (found == 0) {
    const std::uint32_t words = first_ & ~((2u << word) - 1u);  // the words after this one
    if (words == 0) return take_first_of_class(units);
    word = lowest_bit(words);
    found = bits[word];
  }
  block** const slot = heads_ + ((word << 5) + lowest_bit(found));
  block* const b = *slot;
  block* const next = b->next_free;
  *slot = next;
  if (next != nullptr) {
    next->slot = slot;
  } else {
    const std::uint32_t left = bits[word] & ~(found & (0u - found));  // the taken list's bit off
    bits[word] = left;
    if (left == 0) first_ &= ~(1u << word);
  }
  return b;
}

template <unsigned B>
typename basic_heap<B>::block* basic_heap<B>::take_cold(std::size_t units) noexcept {
  return take(units);
}

// No list surely fits: the first block of the request's own class may still be large enough (one
// look). A request above the top list's lower bound — in the top class of the region the control block
// was sized for, or larger, in a bigger region added later — walks the top list first-fit: that list
// holds every block of at least that size, and only such requests ever walk it.
template <unsigned B>
typename basic_heap<B>::block* basic_heap<B>::take_first_of_class(std::size_t units) noexcept {
  if (heads_ == nullptr) return nullptr;
  const unsigned index = insert_index(units);
  const std::size_t want = units << granule_shift;
  for (block* b = heads_[index]; b != nullptr; b = b->next_free) {
    if (size_of_block(b) >= want) {
      unlink(b);
      return b;
    }
    if (index != last_) break;
  }
  return nullptr;
}

// Cuts `b` (just unlinked, free bit still set) to `units` granules, links the rest if it makes a
// block, marks b used and counts it.
template <unsigned B>
HC_HEAP_HOT void* basic_heap<B>::finish(block* b, std::size_t units) noexcept {
  const std::size_t want = units << granule_shift;
  const std::size_t size = b->size - free_bit;
  const std::size_t rest = size - want;
  std::size_t used = size;
  if (rest >= 2 * granule) {
    block* const r = at(b, want);
    r->prev_phys = b;
    r->size = rest | free_bit;
    at(b, size)->prev_phys = r;
    link(r, rest >> granule_shift);  // one free block taken, one linked: free_count_ unchanged
    used = want;
  } else {
    --free_count_;
  }
  b->size = used;
  used += in_use_;
  in_use_ = used;
  if (used > peak_) peak_ = used;
  return payload(b);
}

// --- acquire -----------------------------------------------------------------------------------------

template <unsigned B>
void* basic_heap<B>::acquire(std::size_t size) noexcept {
  if (size - 1u >= max_request_) return detail::fail(error::invalid_size, this);
  const std::size_t units = units_for(size);
  block* b = take(units);
  if (b == nullptr && (b = take_from_source(units)) == nullptr) return nullptr;
  return finish(b, units);
}

template <unsigned B>
void* basic_heap<B>::acquire(std::size_t size, std::size_t alignment) noexcept {
  if (!is_power_of_two(alignment)) return detail::fail(error::invalid_alignment, this);
  if (alignment <= granule) return acquire(size);
  return acquire_aligned(size, alignment);
}

template <unsigned B>
void* basic_heap<B>::do_acquire(std::size_t size, std::size_t alignment) noexcept {
  if (alignment <= granule) return acquire(size);
  return acquire_aligned(size, alignment);
}

// A block whose payload is `alignment`-aligned: take one with room for the payload, the alignment
// and a minimal free block in front, then give the front back.
template <unsigned B>
void* basic_heap<B>::acquire_aligned(std::size_t size, std::size_t alignment) noexcept {
  if (size - 1u >= max_request_) return detail::fail(error::invalid_size, this);
  if (alignment > max_request_) return detail::fail(error::invalid_alignment, this);
  const std::size_t units = units_for(size);
  const std::size_t search = units + ((alignment + 2 * granule) >> granule_shift);
  block* b = take_cold(search);
  if (b == nullptr && (b = take_from_source(search)) == nullptr) return nullptr;
  const auto data = reinterpret_cast<std::uintptr_t>(payload(b));
  std::size_t front = padding(data, alignment);
  if (front != 0 && front < 2 * granule) front += alignment;  // room for a free block in front
  if (front != 0) {
    // b's left neighbour is in use (free blocks are never adjacent), so the front stays on its own.
    block* const aligned = at(b, front);
    aligned->prev_phys = b;
    aligned->size = (size_of_block(b) - front) | free_bit;
    next_of(aligned)->prev_phys = aligned;
    b->size = front | free_bit;
    link(b, front >> granule_shift);
    ++free_count_;
    b = aligned;
  }
  return finish(b, units);
}

// --- release -----------------------------------------------------------------------------------------

// The header of a block this heap handed out, or null with the error reported. O(1): the address is a
// granule multiple inside the regions' bounds (one rotate and one compare), the header's size is a
// whole number of granules (free bit clear) reaching no further than the bounds, and the block after
// it names it as its left neighbour.
template <unsigned B>
HC_HEAP_HOT typename basic_heap<B>::block* basic_heap<B>::checked(const void* p) const noexcept {
  const std::uintptr_t off = reinterpret_cast<std::uintptr_t>(p) - base_;
  constexpr unsigned bits = sizeof(std::uintptr_t) * 8;
  const std::uintptr_t k = (off >> granule_shift) | (off << (bits - granule_shift));  // misaligned: huge
  if (k >= span_) return reject(p);
  block* const b = reinterpret_cast<block*>(reinterpret_cast<std::uintptr_t>(p) - header);
  const std::size_t size = b->size;
  if ((size & (granule - 1)) != 0 || size - 2 * granule >= ((span_ - k) << granule_shift)) return reject(p);
  if (at(b, size)->prev_phys != b) return reject(p);
  return b;
}

// Why checked() refused `p`, reported: double_release for a header that is marked free and otherwise
// plausible, else invalid_pointer. Returns null.
template <unsigned B>
typename basic_heap<B>::block* basic_heap<B>::reject(const void* p) const noexcept {
  const std::uintptr_t off = reinterpret_cast<std::uintptr_t>(p) - base_;
  if (off % granule == 0 && (off >> granule_shift) < span_) {
    const block* const b = reinterpret_cast<const block*>(reinterpret_cast<std::uintptr_t>(p) - header);
    const std::size_t size = size_of_block(b);
    if (is_free(b) && size >= 2 * granule && size % granule == 0 &&
        size - 2 * granule < ((span_ - (off >> granule_shift)) << granule_shift)) {
      detail::fail(error::double_release, this);
      return nullptr;
    }
  }
  detail::fail(error::invalid_pointer, this);
  return nullptr;
}

// Marks an in-use block free, merges it with free neighbours and links the result. The released
// header keeps its free bit even when merged into its left neighbour, so a second release is caught.
// (When merged into the right neighbour's place it is that block's header that stays marked.)
template <unsigned B>
HC_HEAP_HOT void basic_heap<B>::free_block(block* b) noexcept {
  std::size_t size = b->size;  // in use: no free bit
  in_use_ -= size;
  std::size_t linked = 1;  // free blocks added by this release: 1, less one per merge
  block* const next = at(b, size);
  const std::size_t next_size = next->size;
  if ((next_size & free_bit) != 0) {
    unlink(next);
    size += next_size - free_bit;
    --linked;
  }
  block* const prev = b->prev_phys;
  if (prev != nullptr) {
    const std::size_t prev_size = prev->size;
    if ((prev_size & free_bit) != 0) {
      unlink(prev);
      b->size = size | free_bit;  // stays marked inside the merged block: a later release is caught
      size += prev_size - free_bit;
      b = prev;
      --linked;
    }
  }
  b->size = size | free_bit;
  at(b, size)->prev_phys = b;
  link(b, size >> granule_shift);
  free_count_ = free_count_ + linked;
}

template <unsigned B>
void basic_heap<B>::release(void* p) noexcept {
  if (p == nullptr) return;
  block* const b = checked(p);
  if (b != nullptr) free_block(b);
}

template <unsigned B>
void basic_heap<B>::do_release(void* p) noexcept {
  release(p);
}

// --- resize ------------------------------------------------------------------------------------------

template <unsigned B>
void* basic_heap<B>::resize(void* p, std::size_t size) noexcept {
  if (p == nullptr) return acquire(size);
  if (size - 1u >= max_request_) return detail::fail(error::invalid_size, this);
  block* const b = checked(p);
  if (b == nullptr) return nullptr;
  const std::size_t want = units_for(size) << granule_shift;
  std::size_t have = b->size;
  block* next = at(b, have);
  std::size_t next_size = next->size;
  if (want > have) {
    const std::size_t joined = (next_size & free_bit) != 0 ? have + next_size - free_bit : 0;
    if (joined < want) {
      // Move: a new block, the contents, then the old block back.
      void* const moved = acquire(size);
      if (moved == nullptr) return nullptr;
      std::memcpy(moved, p, have - header < size ? have - header : size);
      free_block(b);
      return moved;
    }
    unlink(next);
    --free_count_;
    in_use_ += joined - have;
    have = joined;
    next = at(b, have);
    next_size = next->size;  // in use: free blocks are never adjacent
  }
  // Shrink to `want`: the tail becomes a free block, merged with a free right neighbour.
  if (have - want >= 2 * granule) {
    block* const tail = at(b, want);
    std::size_t tail_size = have - want;
    if ((next_size & free_bit) != 0) {
      unlink(next);
      tail_size += next_size - free_bit;
    } else {
      ++free_count_;
    }
    tail->prev_phys = b;
    tail->size = tail_size | free_bit;
    at(tail, tail_size)->prev_phys = tail;
    link(tail, tail_size >> granule_shift);
    in_use_ -= have - want;
    have = want;
  } else {
    at(b, have)->prev_phys = b;
  }
  b->size = have;
  if (in_use_ > peak_) peak_ = in_use_;
  return p;
}

// --- regions -----------------------------------------------------------------------------------------

// Lays out `memory` as [record][control, if asked][free block ...][end sentinel] and links it.
template <unsigned B>
bool basic_heap<B>::format(region memory, bool from_source, bool with_control) noexcept {
  const auto begin = reinterpret_cast<std::uintptr_t>(memory.begin);
  const std::size_t pad = padding(begin, granule);
  const std::size_t control = with_control ? control_bytes(memory.size) : 0;
  const std::size_t fixed = pad + granule + control + granule;  // alignment, record, control, sentinel
  if (memory.begin == nullptr || memory.size < fixed || memory.size - fixed < 2 * granule) {
    detail::fail(error::invalid_size, this);
    return false;
  }
  const std::uintptr_t start = begin + pad;
  const std::uintptr_t end = (begin + memory.size) & ~(std::uintptr_t{granule} - 1u);  // one past sentinel
  block* const first = reinterpret_cast<block*>(start + granule + control);
  block* const sentinel = reinterpret_cast<block*>(end - granule);
  const std::size_t size = reinterpret_cast<std::uintptr_t>(sentinel) - reinterpret_cast<std::uintptr_t>(first);
  if (size < 2 * granule) {
    detail::fail(error::invalid_size, this);
    return false;
  }
  auto* const record = reinterpret_cast<region_record*>(start);
  if (with_control) {
    const std::size_t lists = std::size_t{rows_for(memory.size)} << sl_bits;
    heads_ = reinterpret_cast<block**>(start + granule);
    last_ = static_cast<std::uint32_t>(lists - 1);
    bits_ = reinterpret_cast<std::uint32_t*>(heads_ + lists);
    std::memset(heads_, 0, control);
    first_ = 0;
  }
  first->prev_phys = nullptr;
  first->size = size | free_bit;
  sentinel->prev_phys = first;
  sentinel->size = 0;  // in use, size 0: never merged, never released
  // The first region (holding the control block) heads the list; later ones follow it. The low bit
  // of each `next` link says whether that record's own region came from the source.
  const std::uintptr_t flag = from_source ? 1u : 0u;
  if (with_control) {
    record->next = reinterpret_cast<region_record*>(flag);
  } else {
    region_record* const head = first_region();
    const auto head_link = reinterpret_cast<std::uintptr_t>(head->next);
    record->next = reinterpret_cast<region_record*>((head_link & ~std::uintptr_t{1}) | flag);
    head->next = reinterpret_cast<region_record*>(reinterpret_cast<std::uintptr_t>(record) | (head_link & 1u));
  }
  record->end = reinterpret_cast<unsigned char*>(end);
  // Payload addresses lie in [start + 2 granules, end - 2 granules] in every region.
  std::uintptr_t low = start + 2 * granule;
  std::uintptr_t high = end - 2 * granule;
  if (span_ != 0) {
    const std::uintptr_t old_high = base_ + ((span_ - 1) << granule_shift);
    if (base_ < low) low = base_;
    if (old_high > high) high = old_high;
  }
  base_ = low;
  span_ = ((high - low) >> granule_shift) + 1;
  capacity_ += size;
  const std::size_t usable = size - header;
  if (source_ == nullptr && usable > max_request_) max_request_ = usable;
  link(first, size >> granule_shift);
  ++free_count_;
  return true;
}

template <unsigned B>
basic_heap<B>::basic_heap(region memory) noexcept {
  format(memory, false, true);
}

template <unsigned B>
basic_heap<B>::basic_heap(allocator& source, std::size_t chunk_size) noexcept : source_(&source) {
  if (chunk_size < control_bytes(chunk_size) + 6 * granule) {
    detail::fail(error::invalid_size, this);
    return;
  }
  // Any request that fits a chunk without the control block (a later chunk) may succeed; the chunk
  // size is kept as max_request_ + 3 granules (record, sentinel, header).
  max_request_ = (chunk_size & ~(granule - 1)) - 3 * granule;
  void* const chunk = source.acquire(chunk_bytes(), granule);
  if (chunk != nullptr) format(region{chunk, chunk_bytes()}, true, true);
}

template <unsigned B>
basic_heap<B>::~basic_heap() {
  if (source_ == nullptr) return;
  region_record* r = first_region();
  heads_ = nullptr;
  while (r != nullptr) {
    const auto link_bits = reinterpret_cast<std::uintptr_t>(r->next);
    region_record* const next = reinterpret_cast<region_record*>(link_bits & ~std::uintptr_t{1});
    if ((link_bits & 1u) != 0) source_->release(r);  // the chunk starts at its record (max-aligned)
    r = next;
  }
}

template <unsigned B>
bool basic_heap<B>::add_region(region memory) noexcept {
  return format(memory, false, heads_ == nullptr);
}

// Out of room: a sourced heap takes one more chunk and looks again; otherwise (or if the request
// cannot fit a chunk) no_memory. A failing source reports its own failure, once. Counts the failure.
template <unsigned B>
typename basic_heap<B>::block* basic_heap<B>::take_from_source(std::size_t units) noexcept {
  ++oom_count_;
  if (source_ == nullptr || max_request_ == 0) return static_cast<block*>(detail::fail(error::no_memory, this));
  const bool first = heads_ == nullptr;
  const std::size_t chunk_size = chunk_bytes();
  const std::size_t extra = (first ? control_bytes(chunk_size) : 0) + 2 * granule;  // record, sentinel
  if ((units << granule_shift) + extra > chunk_size) {  // only the first chunk holds the control block
    return static_cast<block*>(detail::fail(error::no_memory, this));
  }
  void* const chunk = source_->acquire(chunk_size, granule);
  if (chunk == nullptr) return nullptr;  // the source reported it
  if (!format(region{chunk, chunk_size}, true, first)) {
    source_->release(chunk);
    return nullptr;
  }
  --oom_count_;
  return take_cold(units);  // the new block heads its own class's list, so take() finds it
}

// --- queries -----------------------------------------------------------------------------------------

template <unsigned B>
typename basic_heap<B>::region_record* basic_heap<B>::first_region() const noexcept {
  if (heads_ == nullptr) return nullptr;
  return reinterpret_cast<region_record*>(reinterpret_cast<std::uintptr_t>(heads_) - granule);
}

template <unsigned B>
const typename basic_heap<B>::region_record* basic_heap<B>::next_region(const region_record* r) noexcept {
  return reinterpret_cast<const region_record*>(reinterpret_cast<std::uintptr_t>(r->next) & ~std::uintptr_t{1});
}

// The first block of a region: after its record, and after the control block in the region holding it.
template <unsigned B>
const typename basic_heap<B>::block* basic_heap<B>::first_block(const region_record* r) const noexcept {
  const auto start = reinterpret_cast<std::uintptr_t>(r) + granule;
  const std::size_t control = (lists() * sizeof(block*) + (lists() + 31) / 32 * 4 + granule - 1) & ~(granule - 1);
  return reinterpret_cast<const block*>(start + (reinterpret_cast<std::uintptr_t>(heads_) == start ? control : 0));
}

template <unsigned B>
bool basic_heap<B>::owns(const void* p) const noexcept {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  for (const region_record* r = first_region(); r != nullptr; r = next_region(r)) {
    if (address >= reinterpret_cast<std::uintptr_t>(r) && address < reinterpret_cast<std::uintptr_t>(r->end)) return true;
  }
  return false;
}

template <unsigned B>
std::size_t basic_heap<B>::regions() const noexcept {
  std::size_t n = 0;
  for (const region_record* r = first_region(); r != nullptr; r = next_region(r)) ++n;
  return n;
}

template <unsigned B>
std::size_t basic_heap<B>::size_of(const void* p) const noexcept {
  const block* const b = checked(p);
  return b == nullptr ? 0 : b->size - header;
}

template <unsigned B>
std::size_t basic_heap<B>::largest_free() const noexcept {
  if (first_ == 0) return 0;
  const unsigned word = highest_bit(first_);
  const unsigned index = (word << 5) + highest_bit(bits()[word]);
  // The lower bound of list `index`, in granules; the top list's own blocks are at least that.
  std::size_t units;
  if (index < 2 * lists_per_class) {
    units = index;
  } else {
    const unsigned step = (index >> sl_bits) - 1u;
    units = static_cast<std::size_t>((index & (lists_per_class - 1)) | lists_per_class) << step;
  }
  return (units << granule_shift) - header;
}

template <unsigned B>
std::size_t basic_heap<B>::check_largest() const noexcept {
  std::size_t largest = 0;
  for (const region_record* r = first_region(); r != nullptr; r = next_region(r)) {
    for (const block* b = first_block(r); size_of_block(b) != 0; b = next_of(b)) {
      if (is_free(b) && size_of_block(b) - header > largest) largest = size_of_block(b) - header;
    }
  }
  return largest;
}

template <unsigned B>
heap_fault basic_heap<B>::check() const noexcept {
  std::size_t used = 0;
  std::size_t total = 0;
  std::size_t free_seen = 0;
  for (const region_record* r = first_region(); r != nullptr; r = next_region(r)) {
    const block* b = first_block(r);
    const block* prev = nullptr;
    const auto end = reinterpret_cast<std::uintptr_t>(r->end);
    bool prev_free = false;
    for (;;) {
      const auto address = reinterpret_cast<std::uintptr_t>(b);
      if (address + granule > end) return {"a block runs past its region's end", b};
      if (b->prev_phys != prev) return {"a header's left-neighbour link is wrong", b};
      const std::size_t size = size_of_block(b);
      if (size == 0) {
        if (address + granule != end || is_free(b)) return {"a block of size 0 that is not the end sentinel", b};
        break;
      }
      if (size < 2 * granule || (size & (granule - 1)) != 0 || size > end - address - granule) {
        return {"a header's size is not a whole number of granules within its region", b};
      }
      total += size;
      if (is_free(b)) {
        if (prev_free) return {"two adjacent free blocks (not coalesced)", b};
        ++free_seen;
        // The block is on the list its size maps to.
        const unsigned index = insert_index(size >> granule_shift);
        block* const* slot = &heads_[index];
        while (*slot != nullptr && *slot != b) slot = &(*slot)->next_free;
        if (*slot != b) return {"a free block is missing from its size class's list", b};
        if (b->slot != slot) return {"a free block's back link does not name the pointer to it", b};
      } else {
        used += size;
      }
      prev_free = is_free(b);
      prev = b;
      b = next_of(b);
    }
  }
  // Lists: every node free, bitmaps in step with emptiness.
  std::size_t listed = 0;
  const std::size_t words = (lists() + 31) / 32;
  if (heads_ != nullptr && (first_ >> words) != 0) return {"a first-level bit names no word", nullptr};
  for (std::size_t w = 0; w < words; ++w) {
    if (((first_ >> w) & 1u) != (bits()[w] != 0 ? 1u : 0u)) return {"a first-level bit disagrees with its word", nullptr};
  }
  for (std::size_t index = 0; index < lists(); ++index) {
    const block* const head = heads_[index];
    if (((bits()[index >> 5] >> (index & 31u)) & 1u) != (head != nullptr ? 1u : 0u)) {
      return {"a list's bit disagrees with its list", head};
    }
    for (const block* n = head; n != nullptr; n = n->next_free) {
      if (!is_free(n)) return {"a block in use is on a free list", n};
      if (++listed > free_seen) return {"a free list holds a block outside the regions (or a cycle)", n};
    }
  }
  if (listed != free_seen || free_seen != free_count_) return {"the free-block count disagrees with the blocks", nullptr};
  if (used != in_use_) return {"in_use() disagrees with the blocks in use", nullptr};
  if (total != capacity_) return {"capacity() disagrees with the blocks", nullptr};
  return {nullptr, nullptr};
}

template class basic_heap<1>;
template class basic_heap<2>;
template class basic_heap<3>;

}  // namespace hc
