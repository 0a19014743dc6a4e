// heap_test.cpp — focused tests of hc::heap beyond the conformance suite: coalescing, resize, alignment
// on a heap with holes, several regions, exhaustion and recovery, statistics, check(), bad input, a
// sourced heap, and the stated memory bound. Sizes scale with the test arena (small on the M0).
// HC_TEST_HEAP_PART 1 or 2 builds only the first or second half of the tests (the M0's heap does not
// hold GoogleTest's registration of all of them in one image); 0 (the default) builds all.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "hc/heap.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

namespace {

using hc_test::arena_size;
using hc_test::hook_log;
using hc_test::recording_source;

static_assert(std::is_final_v<hc::heap>, "calls through hc::heap must be devirtualised");
static_assert(!std::is_copy_constructible_v<hc::heap> && !std::is_move_constructible_v<hc::heap>);
static_assert(hc::heap::header_bytes == 2 * sizeof(void*) || hc::heap::header_bytes == hc::max_alignment);
static_assert(hc::heap::header_bytes % hc::max_alignment == 0, "payloads stay max-aligned");

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }
std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// xorshift32, the PRNG of the field notes' workloads.
struct prng {
  std::uint32_t x;
  std::uint32_t next() {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }
};

class Heap : public hc_test::hooked_test {
 protected:
  static hc::region piece(std::size_t offset, std::size_t size) { return {bytes(hc_test::arena().begin) + offset, size}; }
  static hc::region whole() { return hc_test::arena(); }
  // Fills `n` bytes of a block with a pattern derived from `seed`; intact() checks it.
  static void fill(void* p, std::size_t n, unsigned seed) {
    for (std::size_t i = 0; i < n; ++i) bytes(p)[i] = static_cast<unsigned char>(seed * 31u + i);
  }
  static bool intact(const void* p, std::size_t n, unsigned seed) {
    for (std::size_t i = 0; i < n; ++i) {
      if (static_cast<const unsigned char*>(p)[i] != static_cast<unsigned char>(seed * 31u + i)) return false;
    }
    return true;
  }
  static void expect_sound(const hc::heap& h) {
    const hc::heap_fault f = h.check();
    EXPECT_FALSE(f) << f.what;
  }
  void expect_error(hc::error code, const void* who) {
    EXPECT_EQ(hc::last_error(), code) << hc::message(hc::last_error());
    EXPECT_EQ(hook_log::calls, 1);
    EXPECT_EQ(hook_log::who, who);
    hc::clear_error();
    hook_log::calls = 0;
  }
};

#ifndef HC_TEST_HEAP_PART
#define HC_TEST_HEAP_PART 0
#endif

#if HC_TEST_HEAP_PART != 2
TEST_F(Heap, NewHeapIsOneFreeBlockAfterItsControlBlock) {
  hc::heap h{whole()};
  EXPECT_EQ(h.regions(), 1u);
  EXPECT_EQ(h.free_blocks(), 1u);
  EXPECT_EQ(h.in_use(), 0u);
  EXPECT_EQ(h.peak(), 0u);
  EXPECT_EQ(h.oom_count(), 0u);
  // The region less its record, control block and end sentinel.
  EXPECT_EQ(h.capacity(), arena_size - hc::heap::control_bytes(arena_size) - 2 * hc::heap::header_bytes);
  EXPECT_EQ(h.max_size(), h.capacity() - hc::heap::header_bytes);
  EXPECT_EQ(h.check_largest(), h.max_size());
  EXPECT_LE(h.largest_free(), h.check_largest());
  expect_sound(h);
  EXPECT_EQ(hook_log::calls, 0);
}

// The control block of a 64 KiB heap on a 32-bit target (the goal is 256 bytes; o1heap's is 160,
// TLSF's 3,188): list heads and bitmaps in the arena plus the heap object.
TEST_F(Heap, ControlBlockFor64KiBFitsTheGoalOn32BitTargets) {
  const std::size_t control = hc::heap::control_bytes(65536) + sizeof(hc::heap);
  if (sizeof(void*) == 4) {
    EXPECT_LE(control, 256u);
  }
  EXPECT_LT(hc::basic_heap<1>::control_bytes(65536), hc::basic_heap<2>::control_bytes(65536));
  EXPECT_LT(hc::basic_heap<2>::control_bytes(65536), hc::basic_heap<3>::control_bytes(65536));
}

TEST_F(Heap, BlocksAreNaturallyAlignedAndSizeOfCoversTheRequest) {
  hc::heap h{whole()};
  for (std::size_t n = 1; n <= 100; ++n) {
    void* p = h.acquire(n);
    ASSERT_NE(p, nullptr) << n;
    EXPECT_EQ(address(p) % hc::natural_alignment(n), 0u) << n;
    EXPECT_GE(h.size_of(p), n);
    EXPECT_LT(h.size_of(p), n + 2 * hc::heap::header_bytes) << "rounded to a granule, no further";
    h.release(p);
  }
  EXPECT_EQ(h.free_blocks(), 1u);
  expect_sound(h);
}

// Releasing a block between two free ones leaves one free block; with a free right or left neighbour
// only, the neighbours merge too. check() agrees after every step.
TEST_F(Heap, ReleaseCoalescesWithLeftRightAndBothNeighbours) {
  hc::heap h{whole()};
  void* b[6];
  for (auto& p : b) ASSERT_NE(p = h.acquire(40), nullptr);
  const std::size_t block = h.size_of(b[0]) + hc::heap::header_bytes;
  EXPECT_EQ(h.free_blocks(), 1u) << "the rest of the region";
  h.release(b[1]);  // between used blocks: a new free block
  EXPECT_EQ(h.free_blocks(), 2u);
  h.release(b[2]);  // merges with its left neighbour b[1]
  EXPECT_EQ(h.free_blocks(), 2u);
  expect_sound(h);
  h.release(b[4]);  // used on both sides
  EXPECT_EQ(h.free_blocks(), 3u);
  h.release(b[3]);  // merges with both: b[1..4] are one block now
  EXPECT_EQ(h.free_blocks(), 2u);
  EXPECT_GE(h.check_largest(), 4 * block - hc::heap::header_bytes);
  expect_sound(h);
  h.release(b[5]);  // merges with its left (b[1..4]) and right (the rest) neighbours
  EXPECT_EQ(h.free_blocks(), 1u) << "b[1..5] and the rest of the region, after b[0]";
  h.release(b[0]);
  EXPECT_EQ(h.free_blocks(), 1u);
  EXPECT_EQ(h.in_use(), 0u);
  EXPECT_EQ(h.check_largest(), h.max_size());
  expect_sound(h);
}

TEST_F(Heap, ResizeGrowsIntoAFreeRightNeighbourInPlace) {
  hc::heap h{whole()};
  void* a = h.acquire(24);
  void* b = h.acquire(64);
  void* c = h.acquire(24);
  ASSERT_TRUE(a && b && c);
  fill(a, 24, 1);
  h.release(b);
  const std::size_t free_before = h.free_blocks();
  void* grown = h.resize(a, 56);
  EXPECT_EQ(grown, a) << "grew into b's space";
  EXPECT_GE(h.size_of(a), 56u);
  EXPECT_TRUE(intact(a, 24, 1));
  EXPECT_EQ(h.free_blocks(), free_before) << "b's remainder stays a free block";
  expect_sound(h);
  // Growing to all of b's space leaves no remainder.
  grown = h.resize(a, 24 + 64 + hc::heap::header_bytes);
  EXPECT_EQ(grown, a);
  EXPECT_EQ(h.free_blocks(), free_before - 1);
  EXPECT_TRUE(intact(a, 24, 1));
  expect_sound(h);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Heap, ResizeShrinksInPlaceAndSplitsOffTheTail) {
  hc::heap h{whole()};
  void* a = h.acquire(200);
  void* guard = h.acquire(8);  // keeps a's tail from merging with the rest of the region
  ASSERT_TRUE(a && guard);
  fill(a, 200, 2);
  const std::size_t used = h.in_use();
  EXPECT_EQ(h.resize(a, 40), a);
  EXPECT_TRUE(intact(a, 40, 2));
  EXPECT_LT(h.size_of(a), 40u + hc::heap::header_bytes);
  EXPECT_EQ(h.free_blocks(), 2u) << "the tail is a free block of its own";
  EXPECT_LT(h.in_use(), used);
  EXPECT_EQ(h.peak(), used);
  expect_sound(h);
  // Shrinking next to a free block merges the tail with it.
  h.release(guard);
  EXPECT_EQ(h.free_blocks(), 1u);
  EXPECT_EQ(h.resize(a, 8), a);
  EXPECT_EQ(h.free_blocks(), 1u);
  expect_sound(h);
  // A shrink smaller than a minimal block keeps the block as it is.
  const std::size_t size = h.size_of(a);
  EXPECT_EQ(h.resize(a, size - 1), a);
  EXPECT_EQ(h.size_of(a), size);
}

TEST_F(Heap, ResizeMovesWhenTheNeighbourIsInUseAndKeepsTheContents) {
  hc::heap h{whole()};
  void* a = h.acquire(48);
  void* b = h.acquire(16);
  ASSERT_TRUE(a && b);
  fill(a, 48, 3);
  void* moved = h.resize(a, 160);
  ASSERT_NE(moved, nullptr);
  EXPECT_NE(moved, a);
  EXPECT_TRUE(intact(moved, 48, 3));
  EXPECT_GE(h.size_of(moved), 160u);
  EXPECT_EQ(address(moved) % hc::natural_alignment(160), 0u);
  // The old block was released: a's space is free again (2 free blocks: a's and the rest).
  EXPECT_EQ(h.free_blocks(), 2u);
  expect_sound(h);
  h.release(moved);
  h.release(b);
  EXPECT_EQ(h.free_blocks(), 1u);
}

TEST_F(Heap, FailedResizeLeavesTheOldBlockUntouched) {
  hc::heap h{whole()};
  void* a = h.acquire(32);
  void* b = h.acquire(16);
  ASSERT_TRUE(a && b);
  fill(a, 32, 4);
  const std::size_t used = h.in_use(), free_blocks = h.free_blocks();
  EXPECT_EQ(h.resize(a, h.max_size()), nullptr) << "does not fit beside a and b";
  expect_error(hc::error::no_memory, &h);
  EXPECT_EQ(h.oom_count(), 1u);
  EXPECT_EQ(h.resize(a, 0), nullptr);
  expect_error(hc::error::invalid_size, &h);
  EXPECT_EQ(h.resize(a, h.max_size() + 1), nullptr);
  expect_error(hc::error::invalid_size, &h);
  EXPECT_TRUE(intact(a, 32, 4));
  EXPECT_EQ(h.in_use(), used);
  EXPECT_EQ(h.free_blocks(), free_blocks);
  expect_sound(h);
  h.release(a);  // still a valid block
  EXPECT_EQ(hook_log::calls, 0);
  void* fresh = h.resize(nullptr, 20);  // resize(nullptr, n) is acquire(n)
  EXPECT_NE(fresh, nullptr);
  EXPECT_GE(h.size_of(fresh), 20u);
}

// Alignments 1..4096 (up to an eighth of a small arena) on a heap with holes: each block aligned,
// the heap sound, and everything whole again afterwards.
#endif  // HC_TEST_HEAP_PART != 2

#if HC_TEST_HEAP_PART != 1
TEST_F(Heap, PerCallAlignmentOnAHeapWithHoles) {
  hc::heap h{whole()};
  void* small[24];
  for (auto& p : small) ASSERT_NE(p = h.acquire(16), nullptr);
  for (std::size_t i = 0; i < 24; i += 2) h.release(small[i]);  // holes
  const std::size_t top = arena_size / 8 < 4096 ? arena_size / 8 : 4096;
  for (std::size_t alignment = 1; alignment <= top; alignment *= 2) {
    SCOPED_TRACE(alignment);
    void* p = h.acquire(24, alignment);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(address(p) % alignment, 0u);
    EXPECT_GE(h.size_of(p), 24u);
    fill(p, 24, 5);
    expect_sound(h);
    h.release(p);
  }
  for (std::size_t i = 1; i < 24; i += 2) h.release(small[i]);
  EXPECT_EQ(h.free_blocks(), 1u);
  EXPECT_EQ(h.in_use(), 0u);
  expect_sound(h);
  EXPECT_EQ(h.acquire(8, 3), nullptr);
  expect_error(hc::error::invalid_alignment, &h);
  EXPECT_EQ(h.acquire(8, h.max_size() * 2), nullptr) << "more than the heap can ever align";
  expect_error(hc::error::invalid_alignment, &h);
}

TEST_F(Heap, SeveralRegions) {
  const std::size_t half = arena_size / 2;
  hc::heap h{piece(0, half)};
  EXPECT_TRUE(h.add_region(piece(half + 64, half - 64)));
  EXPECT_EQ(h.regions(), 2u);
  EXPECT_EQ(h.free_blocks(), 2u);
  expect_sound(h);
  // Blocks come from both regions once the first is full.
  bool in_first = false, in_second = false;
  void* list = nullptr;
  for (void* p; (p = h.acquire(32)) != nullptr;) {
    std::memcpy(p, &list, sizeof list);
    list = p;
    (address(p) < address(bytes(hc_test::arena().begin) + half) ? in_first : in_second) = true;
    EXPECT_TRUE(h.owns(p));
  }
  expect_error(hc::error::no_memory, &h);
  EXPECT_TRUE(in_first && in_second);
  EXPECT_FALSE(h.owns(bytes(hc_test::arena().begin) + half + 8)) << "the gap between the regions";
  expect_sound(h);
  while (list != nullptr) {
    void* next;
    std::memcpy(&next, list, sizeof next);
    h.release(list);
    list = next;
  }
  EXPECT_EQ(h.free_blocks(), 2u);
  EXPECT_EQ(h.in_use(), 0u);
  expect_sound(h);
  EXPECT_FALSE(h.add_region(piece(half, 2 * hc::heap::header_bytes)));
  expect_error(hc::error::invalid_size, &h);
  EXPECT_EQ(h.regions(), 2u);
}

// A region larger than the first (whose size the control block's lists were made for): its blocks
// share the top list, and a large request still finds them behind a smaller block at that list's head.
TEST_F(Heap, LargeRequestsFindBlocksOfALargerAddedRegion) {
  const std::size_t small = arena_size / 8;
  hc::heap h{piece(0, small)};
  void* a = h.acquire(small / 2);
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(h.add_region(piece(small, arena_size - small)));
  h.release(a);  // the first region's block, smaller than the request below, heads the top list
  void* big = h.acquire(small);
  EXPECT_NE(big, nullptr) << hc::message(hc::last_error());
  EXPECT_GT(address(big), address(bytes(hc_test::arena().begin) + small));
  expect_sound(h);
  h.release(big);
  EXPECT_EQ(h.free_blocks(), 2u);
}

TEST_F(Heap, AnEmptyHeapTakesItsControlBlockFromItsFirstRegion) {
  hc::heap h;
  EXPECT_EQ(h.acquire(8), nullptr);
  expect_error(hc::error::invalid_size, &h);
  ASSERT_TRUE(h.add_region(whole()));
  void* p = h.acquire(8);
  EXPECT_NE(p, nullptr);
  expect_sound(h);
}

// Random sizes until the heap is full (no_memory, counted), then everything released in a scrambled
// order: one free block again, the whole of it available.
TEST_F(Heap, ExhaustionAndFullRecovery) {
  hc::heap h{whole()};
  constexpr std::size_t max_blocks = 256;
  void* blocks[max_blocks];
  std::size_t count = 0;
  prng r{7};
  const std::size_t span = arena_size / 64;
  for (; count < max_blocks; ++count) {
    const std::size_t n = 1 + r.next() % span;
    blocks[count] = h.acquire(n);
    if (blocks[count] == nullptr) break;
    fill(blocks[count], n < 8 ? n : 8, static_cast<unsigned>(count));
  }
  ASSERT_LT(count, max_blocks) << "the heap should fill up";
  expect_error(hc::error::no_memory, &h);
  EXPECT_EQ(h.oom_count(), 1u);
  EXPECT_EQ(h.peak(), h.in_use());
  expect_sound(h);
  for (std::size_t i = count; i > 1; --i) {  // Fisher-Yates: release in a random order
    const std::size_t j = r.next() % i;
    void* t = blocks[i - 1];
    blocks[i - 1] = blocks[j];
    blocks[j] = t;
  }
  for (std::size_t i = 0; i < count; ++i) h.release(blocks[i]);
  EXPECT_EQ(h.free_blocks(), 1u);
  EXPECT_EQ(h.in_use(), 0u);
  expect_sound(h);
  void* all = h.acquire(h.max_size());
  EXPECT_NE(all, nullptr);
  h.release(all);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Heap, StatisticsFollowTheBlocks) {
  hc::heap h{whole()};
  void* a = h.acquire(100);
  void* b = h.acquire(50);
  ASSERT_TRUE(a && b);
  const std::size_t both = h.in_use();
  EXPECT_EQ(both, h.size_of(a) + h.size_of(b) + 2 * hc::heap::header_bytes);
  h.release(a);
  EXPECT_EQ(h.peak(), both);
  EXPECT_LT(h.in_use(), both);
  h.reset_peak();
  EXPECT_EQ(h.peak(), h.in_use());
  // largest_free() is what acquire surely serves: at most the largest block, within a class of it.
  const std::size_t largest = h.check_largest();
  EXPECT_LE(h.largest_free(), largest);
  EXPECT_GE(h.largest_free() + hc::heap::header_bytes, (largest + hc::heap::header_bytes) * 3 / 4);
  void* p = h.acquire(h.largest_free());
  EXPECT_NE(p, nullptr);
  expect_sound(h);
}

TEST_F(Heap, DoubleForeignInteriorAndMisalignedReleasesAreCaughtAndChangeNothing) {
  hc::heap h{whole()};
  void* a = h.acquire(64);
  void* b = h.acquire(64);
  void* c = h.acquire(64);
  ASSERT_TRUE(a && b && c);
  h.release(b);
  const std::size_t used = h.in_use(), free_blocks = h.free_blocks();
  h.release(b);
  expect_error(hc::error::double_release, &h);
  h.release(a);  // a merges with the free b ...
  h.release(a);  // ... and its header still says free
  expect_error(hc::error::double_release, &h);
  h.release(bytes(c) + 16);  // interior
  expect_error(hc::error::invalid_pointer, &h);
  h.release(bytes(c) + 1);  // misaligned
  expect_error(hc::error::invalid_pointer, &h);
  int outside = 0;
  h.release(&outside);  // foreign
  expect_error(hc::error::invalid_pointer, &h);
  EXPECT_EQ(h.size_of(&outside), 0u);
  expect_error(hc::error::invalid_pointer, &h);
  EXPECT_EQ(h.resize(bytes(c) + 16, 8), nullptr);
  expect_error(hc::error::invalid_pointer, &h);
  EXPECT_LT(h.in_use(), used) << "a's release went through";
  EXPECT_EQ(h.free_blocks(), free_blocks);
  expect_sound(h);
  h.release(c);
  EXPECT_EQ(h.free_blocks(), 1u);
  expect_sound(h);
}

// check() reports the first broken invariant: a header whose size was overwritten (a buffer overrun
// from the block before it), and a free list link pointing elsewhere.
TEST_F(Heap, CheckCatchesACorruptedHeader) {
  hc::heap h{whole()};
  void* a = h.acquire(40);
  void* b = h.acquire(40);
  void* c = h.acquire(40);
  ASSERT_TRUE(a && b && c);
  expect_sound(h);
  auto* header = reinterpret_cast<hc::detail::heap_block*>(bytes(b) - hc::heap::header_bytes);
  const std::size_t saved = header->size;
  header->size = saved + hc::heap::header_bytes;  // an overrun from a wrote into b's header
  const hc::heap_fault f = h.check();
  EXPECT_TRUE(f);
  EXPECT_NE(f.what, nullptr);
  EXPECT_TRUE(address(f.where) >= address(header) && address(f.where) < address(c) + 40) << f.what;
  h.release(b);  // and release() refuses the block rather than corrupting the heap further
  expect_error(hc::error::invalid_pointer, &h);
  header->size = saved;
  expect_sound(h);
  // A free block taken off its list behind the heap's back.
  h.release(b);
  auto* freed = reinterpret_cast<hc::detail::heap_block*>(bytes(b) - hc::heap::header_bytes);
  hc::detail::heap_block* const next = freed->next_free;
  hc::detail::heap_block** const slot = freed->slot;
  *slot = next;
  EXPECT_TRUE(h.check());
  *slot = freed;
  expect_sound(h);
}

TEST_F(Heap, SourcedHeapGrowsByChunksAndGivesThemBack) {
  constexpr std::size_t chunk = arena_size >= 16384 ? 2048 : 320;
  recording_source source{whole()};
  {
    hc::heap h{source, chunk};
    EXPECT_EQ(source.live(), 1u) << "the first chunk, holding the control block";
    EXPECT_EQ(h.max_size(), chunk - 3 * hc::heap::header_bytes);
    void* list = nullptr;
    for (int i = 0; i < 24; ++i) {
      void* p = h.acquire(chunk / 8);
      ASSERT_NE(p, nullptr) << i;
      std::memcpy(p, &list, sizeof list);
      list = p;
    }
    EXPECT_GT(source.live(), 2u);
    EXPECT_EQ(source.live(), h.regions());
    expect_sound(h);
    EXPECT_EQ(h.acquire(chunk), nullptr) << "above max_size()";
    expect_error(hc::error::invalid_size, &h);
    source.fail_next();
    std::size_t taken = 0;
    while (h.acquire(chunk / 2) != nullptr) ++taken;  // until a new chunk is needed: the source fails
    EXPECT_LE(taken, 2u) << "what was left of the chunks already taken";
    expect_error(hc::error::no_memory, &source);  // reported once, by the source
    EXPECT_EQ(h.oom_count(), 1u);
    while (list != nullptr) {
      void* next;
      std::memcpy(&next, list, sizeof next);
      h.release(list);
      list = next;
    }
    expect_sound(h);
  }
  EXPECT_EQ(source.live(), 0u) << "every chunk went back";
}

// The stated bound: a heap of arena_bound(M, n, m) bytes serves a fragmenting sequence (live total <= M,
// sizes m..n, phases that leave small blocks between holes and then ask for large ones) with no
// failure — and the same sequence does fail on a heap barely larger than M (it does fragment).
std::size_t run_fragmenting(hc::heap& h, std::size_t live_max, std::size_t largest, std::size_t smallest) {
  constexpr std::size_t max_live = 128;
  struct entry {
    void* p;
    std::size_t n;
  } live[max_live];
  std::size_t count = 0, total = 0, failures = 0;
  prng r{12345};
  for (int step = 0; step < 6000; ++step) {
    const bool small_phase = (step / 500) % 2 == 0;
    const std::size_t n = small_phase ? smallest + r.next() % (largest / 4 - smallest + 1)
                                      : largest / 2 + r.next() % (largest - largest / 2 + 1);
    const bool acquire = count == 0 || (count < max_live && total + n <= live_max && r.next() % 3 != 0);
    if (acquire) {
      void* p = h.acquire(n);
      if (p == nullptr) {
        ++failures;
        continue;
      }
      live[count++] = {p, n};
      total += n;
    } else {
      // Release every other block in a small phase's end: holes between survivors.
      const std::size_t i = small_phase ? (r.next() % count) : (count - 1);
      h.release(live[i].p);
      total -= live[i].n;
      live[i] = live[--count];
    }
  }
  for (std::size_t i = 0; i < count; ++i) h.release(live[i].p);
  return failures;
}

TEST_F(Heap, StatedMemoryBoundHolds) {
  const std::size_t live = arena_size >= 16384 ? 2048 : 192;
  const std::size_t largest = arena_size >= 16384 ? 128 : 32;
  const std::size_t smallest = 8;
  constexpr std::size_t bound_example = hc::heap::arena_bound(4096, 256, 16);  // usable at compile time
  static_assert(bound_example > 4096);
  const std::size_t bound = hc::heap::arena_bound(live, largest, smallest);
  ASSERT_LE(bound, arena_size) << "the test arena holds the bound";
  {
    hc::heap h{piece(0, bound)};
    EXPECT_EQ(run_fragmenting(h, live, largest, smallest), 0u);
    EXPECT_EQ(h.oom_count(), 0u);
    EXPECT_GT(h.peak(), live / 2) << "the sequence did fill the heap";
    expect_sound(h);
  }
  {
    const std::size_t tight = live + live / 4 + hc::heap::control_bytes(live) + 4 * hc::heap::header_bytes;
    hc::heap h{piece(0, tight)};
    EXPECT_GT(run_fragmenting(h, live, largest, smallest), 0u) << "the sequence fragments a tight heap";
    hc::clear_error();
    hook_log::calls = 0;
  }
  EXPECT_EQ(hc::heap::arena_bound(SIZE_MAX / 2, 1024, 1), SIZE_MAX) << "overflow saturates";
}

#endif  // HC_TEST_HEAP_PART != 1

}  // namespace
