// memo_test.cpp — focused tests of hc::memo beyond the conformance suite: what it asks of its source
// (class sizes, header), recycling by class, uncached and over-aligned blocks, release checks, trim.
#include <gtest/gtest.h>

#include <cstddef>
#include <type_traits>

#include "hc/memo.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

namespace {

using hc_test::recording_source;
using call = recording_source::call;

static_assert(std::is_final_v<hc::memo>, "calls through hc::memo must be devirtualised");
static_assert(!std::is_copy_constructible_v<hc::memo> && !std::is_move_constructible_v<hc::memo>);
static_assert(hc::memo::header_size == hc::max_alignment, "the per-block cost the header states");

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }

class Memo : public hc_test::hooked_test {};

// A miss asks the source for the header plus the class's full size, max-aligned; the block follows
// the header.
TEST_F(Memo, AMissTakesHeaderPlusClassSizeFromTheSource) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  void* p = m.acquire(33);  // class 33..40
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(source.count(), 1u);
  EXPECT_EQ(source[0].size, hc::memo::header_size + 40u);
  EXPECT_EQ(source[0].alignment, hc::max_alignment);
  EXPECT_EQ(p, bytes(source[0].block) + hc::memo::header_size);
  EXPECT_EQ(m.held(), 1u);
  EXPECT_EQ(m.cached(), 0u);
}

// A released block serves the next request of any size in its class, without the source.
TEST_F(Memo, ReleasedBlocksServeTheirWholeClassWithoutTheSource) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  void* a = m.acquire(40);
  void* b = m.acquire(17);  // class 17..24
  m.release(a);
  m.release(b);
  EXPECT_EQ(m.cached(), 2u);
  EXPECT_EQ(m.cached(33), 1u);
  EXPECT_EQ(m.cached(24), 1u);
  const std::size_t calls = source.count();
  EXPECT_EQ(m.acquire(34), a) << "same class, other size: the cached block";
  EXPECT_EQ(m.acquire(24), b);
  EXPECT_EQ(source.count(), calls) << "hits do not reach the source";
  void* c = m.acquire(41);  // class 41..48: a miss
  EXPECT_NE(c, a);
  EXPECT_EQ(source.count(), calls + 1);
  EXPECT_EQ(m.held(), 3u);
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

// Above max_cached, and for alignments above max_alignment, the memo passes the request to the source
// each time and gives the block straight back on release.
TEST_F(Memo, LargeAndOverAlignedBlocksBypassTheCache) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  void* big = m.acquire(hc::memo::max_cached + 1);
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(source[0].size, hc::memo::header_size + hc::memo::max_cached + 1);
  void* aligned = m.acquire(16, 64);
  ASSERT_NE(aligned, nullptr);
  EXPECT_TRUE(hc::is_aligned(aligned, 64));
  EXPECT_EQ(source[1].alignment, 64u);
  EXPECT_EQ(m.held(), 2u);
  m.release(big);
  m.release(aligned);
  EXPECT_EQ(m.cached(), 0u);
  EXPECT_EQ(m.held(), 0u);
  ASSERT_EQ(source.count(), 4u);
  EXPECT_EQ(source[2].kind, call::release);
  EXPECT_EQ(source[2].block, source[0].block);
  EXPECT_EQ(source[3].block, source[1].block);
  EXPECT_EQ(source.live(), 0u);
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

TEST_F(Memo, DoubleForeignAndInteriorReleasesAreRejected) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  void* a = m.acquire(24);
  void* big = m.acquire(hc::memo::max_cached * 2);
  void* b = m.acquire(24);
  m.release(a);
  EXPECT_FALSE(m.owns(a));
  m.release(a);
  expect_reported(hc::error::invalid_pointer, &m);
  EXPECT_EQ(m.cached(), 1u) << "the double release changed nothing";
  m.release(big);
  m.release(big);
  expect_reported(hc::error::invalid_pointer, &m);
  EXPECT_EQ(source.live(), 2u) << "the uncached block went back once";
  m.release(bytes(b) + 8);
  expect_reported(hc::error::invalid_pointer, &m);
  auto* zeroed = bytes(source.acquire(32, 8));
  for (int i = 0; i < 32; ++i) zeroed[i] = 0;
  m.release(zeroed + 16);
  expect_reported(hc::error::invalid_pointer, &m);
  EXPECT_TRUE(m.owns(b));
  m.release(b);
  EXPECT_EQ(m.cached(), 2u);
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

// A pointer off the header alignment is rejected before anything is read through it (on the M0 the
// read itself would fault).
TEST_F(Memo, MisalignedPointersAreRejectedWithoutReadingTheirHeader) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  void* a = m.acquire(24);
  for (std::size_t offset = 1; offset < hc::max_alignment; ++offset) {
    EXPECT_FALSE(m.owns(bytes(a) + offset));
    m.release(bytes(a) + offset);
    expect_reported(hc::error::invalid_pointer, &m);
  }
  EXPECT_TRUE(m.owns(a));
  m.release(a);
  EXPECT_EQ(m.cached(), 1u);
}

TEST_F(Memo, SizeZeroAndHugeSizesAreInvalid) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  EXPECT_EQ(m.acquire(0), nullptr);
  expect_reported(hc::error::invalid_size, &m);
  EXPECT_EQ(m.acquire(SIZE_MAX), nullptr);
  expect_reported(hc::error::invalid_size, &m);
  EXPECT_EQ(m.acquire(SIZE_MAX - 100, 128), nullptr);
  expect_reported(hc::error::invalid_size, &m);
  EXPECT_EQ(m.acquire(8, 24), nullptr);
  expect_reported(hc::error::invalid_alignment, &m);
  EXPECT_EQ(source.count(), 0u);
}

// trim() hands every cached block back to the source; blocks in use stay.
TEST_F(Memo, TrimGivesEveryCachedBlockBack) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  void* blocks[6];
  const std::size_t sizes[] = {1, 8, 9, 64, 200, 256};
  for (int i = 0; i < 6; ++i) ASSERT_NE(blocks[i] = m.acquire(sizes[i]), nullptr);
  for (int i = 0; i < 5; ++i) m.release(blocks[i]);
  EXPECT_EQ(m.cached(), 5u);
  EXPECT_EQ(source.live(), 6u);
  m.trim();
  EXPECT_EQ(m.cached(), 0u);
  EXPECT_EQ(m.held(), 1u);
  EXPECT_EQ(source.live(), 1u);
  void* again = m.acquire(8);
  EXPECT_EQ(source.live(), 2u) << "after trim, a miss again";
  m.release(again);
  m.release(blocks[5]);
  EXPECT_EQ(hc_test::hook_log::calls, 0);
}

// The source's failure is reported by the source, once; the memo is unchanged and works afterwards.
TEST_F(Memo, AFailingSourceIsReportedOnceAndChangesNothing) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  source.fail_next();
  EXPECT_EQ(m.acquire(16), nullptr);
  expect_reported(hc::error::no_memory, &source);
  EXPECT_EQ(m.held(), 0u);
  EXPECT_NE(m.acquire(16), nullptr);
}

TEST_F(Memo, DestructionTrimsTheCache) {
  recording_source source{hc_test::arena()};
  {
    hc::memo m{source};
    void* a = m.acquire(10);
    void* b = m.acquire(100);
    m.release(a);
    m.release(b);
    EXPECT_EQ(source.live(), 2u);
  }
  EXPECT_EQ(source.live(), 0u);
}

TEST_F(Memo, OverARegionItRecyclesWithoutAnySource) {
  hc::region r = hc_test::arena();
  hc::memo m{hc::region{r.begin, 512}};
  void* a = m.acquire(30);
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(bytes(a) > bytes(r.begin) && bytes(a) + 30 <= bytes(r.begin) + 512);
  m.release(a);
  EXPECT_EQ(m.acquire(25), a);
  EXPECT_EQ(m.acquire(1000), nullptr) << "more than the region";
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size);
  m.trim();  // its bump could not take the block back: the cache keeps it
  EXPECT_EQ(m.cached(), 0u);
  void* b = m.acquire(40);
  m.release(b);
  m.trim();
  EXPECT_EQ(m.cached(), 1u);
  EXPECT_EQ(m.acquire(40), b);
}

TEST_F(Memo, WorksThroughTheProtocol) {
  recording_source source{hc_test::arena()};
  hc::memo m{source};
  hc::allocator& a = m;
  void* p = a.acquire(12);
  a.release(p);
  EXPECT_EQ(m.cached(12), 1u);
  EXPECT_EQ(a.acquire(16, 8), p);
}

}  // namespace
