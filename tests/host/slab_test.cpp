// slab_test.cpp — focused tests of hc::slab beyond the conformance suite: bumping within a slab, what
// it asks of its source, giving empty slabs back (one spare kept), large blocks, release checks.
#include <gtest/gtest.h>

#include <cstddef>
#include <type_traits>

#include "hc/slab.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

namespace {

using hc_test::recording_source;
using call = recording_source::call;

static_assert(std::is_final_v<hc::slab>, "calls through hc::slab must be devirtualised");
static_assert(!std::is_copy_constructible_v<hc::slab> && !std::is_move_constructible_v<hc::slab>);

constexpr std::size_t slab_size = 256;  // the test arena is 256-aligned on every board
unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }

class Slab : public hc_test::hooked_test {};

// Small requests bump through one slab, taken from the source (slab-sized and -aligned) at the first
// acquire; the source hears nothing more until the slab is full.
TEST_F(Slab, BumpsThroughOneSlabTakenFromTheSource) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  EXPECT_EQ(s.threshold(), slab_size / 8);
  EXPECT_EQ(source.count(), 0u);
  void* a = s.acquire(3);
  ASSERT_EQ(source.count(), 1u);
  EXPECT_EQ(source[0].size, slab_size);
  EXPECT_EQ(source[0].alignment, slab_size);
  EXPECT_EQ(a, bytes(source[0].block) + hc::slab::header_size);
  // Blocks are rounded up to max_alignment, so the cursor never needs padding.
  EXPECT_EQ(s.acquire(4), bytes(a) + hc::max_alignment);
  EXPECT_EQ(s.acquire(hc::max_alignment + 1), bytes(a) + 2 * hc::max_alignment);
  EXPECT_EQ(s.slabs(), 1u);
  EXPECT_EQ(s.remaining(), slab_size - hc::slab::header_size - 4 * hc::max_alignment);
  void* over = s.acquire(1, 4 * hc::max_alignment);  // over-aligned: padded within the same slab
  EXPECT_TRUE(hc::is_aligned(over, 4 * hc::max_alignment));
  EXPECT_GE(bytes(over), bytes(a) + 4 * hc::max_alignment);
  EXPECT_LT(bytes(over), bytes(source[0].block) + slab_size);
  EXPECT_EQ(source.count(), 1u);
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

// Filling a slab moves on to a new one; a slab whose blocks are all released becomes the spare (not
// given back), a second empty slab goes back to the source, and the spare is used before the source.
TEST_F(Slab, EmptySlabsGoBackKeepingOneSpare) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  const std::size_t per_slab = (slab_size - hc::slab::header_size) / 32;
  void* first[8];
  void* second[8];
  ASSERT_LE(per_slab, 8u);
  for (std::size_t i = 0; i < per_slab; ++i) first[i] = s.acquire(32);
  for (std::size_t i = 0; i < per_slab; ++i) second[i] = s.acquire(32);
  void* third = s.acquire(32);  // a third slab becomes current
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(s.slabs(), 3u);
  EXPECT_EQ(source.live(), 3u);
  for (std::size_t i = 0; i < per_slab; ++i) s.release(first[i]);
  EXPECT_TRUE(s.has_spare());
  EXPECT_EQ(source.live(), 3u) << "the first empty slab is kept as the spare";
  for (std::size_t i = 0; i < per_slab; ++i) s.release(second[i]);
  EXPECT_EQ(source.live(), 2u) << "the second empty slab goes back";
  EXPECT_EQ(s.slabs(), 2u);
  EXPECT_EQ(source[source.count() - 1].kind, call::release);
  for (std::size_t i = 1; i < per_slab; ++i) ASSERT_NE(s.acquire(32), nullptr);
  const std::size_t calls = source.count();
  void* from_spare = s.acquire(32);  // the third slab is full: the spare, not the source
  EXPECT_EQ(source.count(), calls);
  EXPECT_FALSE(s.has_spare());
  EXPECT_TRUE(from_spare == bytes(first[0]) || from_spare == bytes(second[0]));
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

// The current slab, once empty, is reused from its start.
TEST_F(Slab, AnEmptyCurrentSlabStartsOver) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  void* a = s.acquire(24);
  void* b = s.acquire(16);
  s.release(b);
  s.release(a);
  EXPECT_EQ(s.acquire(24), a);
  EXPECT_EQ(s.slabs(), 1u);
  EXPECT_EQ(source.count(), 1u);
}

// Above the threshold a request gets a block of its own from the source, given straight back.
TEST_F(Slab, LargeRequestsGetABlockOfTheirOwn) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  void* small = s.acquire(8);
  void* big = s.acquire(s.threshold() + 1);
  ASSERT_NE(big, nullptr);
  ASSERT_EQ(source.count(), 2u);
  EXPECT_EQ(source[1].size, hc::slab::header_size + s.threshold() + 1);
  EXPECT_EQ(source[1].alignment, slab_size);
  EXPECT_EQ(big, bytes(source[1].block) + hc::slab::header_size);
  void* huge = s.acquire(600, 64);  // larger than a slab, over-aligned
  ASSERT_NE(huge, nullptr);
  EXPECT_TRUE(hc::is_aligned(huge, 64));
  EXPECT_TRUE(s.owns(big) && s.owns(huge) && s.owns(small));
  s.release(big);
  s.release(huge);
  EXPECT_EQ(source.live(), 1u) << "both large blocks went back";
  EXPECT_FALSE(s.owns(big));
  s.release(small);
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

TEST_F(Slab, ForeignAndOverReleasedPointersAreRejected) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  auto* foreign = bytes(source.acquire(slab_size, slab_size));  // a slab-aligned stretch it never had
  for (std::size_t i = 0; i < slab_size; ++i) foreign[i] = 0;
  void* a = s.acquire(16);
  const std::size_t remaining = s.remaining();
  s.release(foreign + 32);
  expect_reported(hc::error::invalid_pointer, &s);
  s.release(a);  // the slab's last block: it starts over
  s.release(a);  // its count is 0 now
  expect_reported(hc::error::invalid_pointer, &s);
  EXPECT_EQ(s.slabs(), 1u);
  EXPECT_NE(s.remaining(), remaining);
  EXPECT_EQ(s.acquire(16, slab_size), nullptr);
  expect_reported(hc::error::invalid_alignment, &s);
  EXPECT_EQ(s.acquire(0), nullptr);
  expect_reported(hc::error::invalid_size, &s);
  EXPECT_EQ(s.acquire(SIZE_MAX - 8), nullptr);
  expect_reported(hc::error::invalid_size, &s);
}

TEST_F(Slab, AFailingSourceIsReportedOnceAndChangesNothing) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  source.fail_next();
  EXPECT_EQ(s.acquire(16), nullptr);
  expect_reported(hc::error::no_memory, &source);
  EXPECT_EQ(s.slabs(), 0u);
  EXPECT_NE(s.acquire(16), nullptr);
  EXPECT_EQ(s.slabs(), 1u);
}

TEST_F(Slab, BadSlabSizesGiveAnAllocatorThatFailsCleanly) {
  recording_source source{hc_test::arena()};
  hc::slab odd{source, 1000};
  expect_reported(hc::error::invalid_size, &odd);
  EXPECT_EQ(odd.acquire(8), nullptr);
  expect_reported(hc::error::invalid_size, &odd);
  hc::slab tiny{source, 32};
  expect_reported(hc::error::invalid_size, &tiny);
  EXPECT_EQ(source.count(), 0u);
}

// A current slab that still holds a live block stays the caller's when the allocator dies: the
// source must not hand that memory out again.
TEST_F(Slab, DestructionKeepsASlabThatStillHoldsBlocks) {
  recording_source source{hc_test::arena()};
  {
    hc::slab s{source, slab_size};
    ASSERT_NE(s.acquire(16), nullptr);
    EXPECT_EQ(source.live(), 1u);
  }
  EXPECT_EQ(source.live(), 1u);
}

// An allocator whose construction failed still rejects a foreign pointer cleanly (reading only where a
// valid one would: the start of the pointer's 64-byte-aligned span).
TEST_F(Slab, AFailedConstructionStillRejectsPointers) {
  recording_source source{hc_test::arena()};
  hc::slab odd{source, 100};
  expect_reported(hc::error::invalid_size, &odd);
  auto* span = bytes(source.acquire(64, 64));
  for (int i = 0; i < 64; ++i) span[i] = 0;
  odd.release(span + 8);
  expect_reported(hc::error::invalid_pointer, &odd);
  EXPECT_FALSE(odd.owns(span + 8));
}

TEST_F(Slab, DestructionGivesTheCurrentAndTheSpareBack) {
  recording_source source{hc_test::arena()};
  {
    hc::slab s{source, slab_size};
    void* first[8];
    const std::size_t per_slab = (slab_size - hc::slab::header_size) / 32;
    for (std::size_t i = 0; i < per_slab; ++i) first[i] = s.acquire(32);
    void* next = s.acquire(32);
    for (std::size_t i = 0; i < per_slab; ++i) s.release(first[i]);
    EXPECT_TRUE(s.has_spare());
    s.release(next);
    EXPECT_EQ(source.live(), 2u);
  }
  EXPECT_EQ(source.live(), 0u);
}

// Over a region: slabs come from an internal pool; requests above the threshold cannot be served;
// running out is the pool's no_memory, and releasing gives the slabs back for reuse.
TEST_F(Slab, OverARegion) {
  hc::region arena = hc_test::arena();
  hc::slab s{hc::region{arena.begin, 4 * slab_size}, slab_size, 64};
  EXPECT_EQ(s.threshold(), 64u);
  EXPECT_EQ(s.acquire(65), nullptr);
  expect_reported(hc::error::invalid_size, &s);
  const std::size_t per_slab = (slab_size - hc::slab::header_size) / 64;
  void* blocks[16];
  std::size_t n = 0;
  for (; n < 16; ++n) {
    blocks[n] = s.acquire(64);
    if (blocks[n] == nullptr) break;
  }
  EXPECT_EQ(n, 4 * per_slab);
  expect_reported(hc::error::no_memory, s.source());
  for (std::size_t i = 0; i < n; ++i) s.release(blocks[i]);
  for (std::size_t i = 0; i < n; ++i) ASSERT_NE(s.acquire(64), nullptr) << i;
}

TEST_F(Slab, WorksThroughTheProtocol) {
  recording_source source{hc_test::arena()};
  hc::slab s{source, slab_size};
  hc::allocator& a = s;
  void* p = a.acquire(10, 8);
  EXPECT_TRUE(hc::is_aligned(p, 8));
  a.release(p);
  EXPECT_EQ(a.acquire(10), p);
}

}  // namespace
