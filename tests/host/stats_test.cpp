// stats_test.cpp — hc::stats: the conformance suite over two parts, and focused tests of exact
// counters over a scripted sequence (failures, peak and reset_peak included), the prefix (its tag
// rejecting foreign, interior and repeated pointers; over-aligned blocks), the size_of path, and
// ability forwarding. HC_TEST_SUBJECTS narrows the conformance subjects, HC_TEST_NO_CONFORMANCE drops
// them and HC_TEST_NO_FOCUSED drops the focused tests.
#include <gtest/gtest.h>

#include <cstddef>
#include <tuple>
#include <type_traits>

#ifndef HC_TEST_NO_CONFORMANCE  // (an uninstantiated typed suite would be reported as an error)
#include "conformance.hpp"
#include "support/layer_subjects.hpp"
#endif
#include "hc/abilities.hpp"
#include "hc/bump.hpp"
#include "hc/fallback.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/segregator.hpp"
#include "hc/stats.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

#ifndef HC_TEST_SUBJECTS
#define HC_TEST_SUBJECTS stats_sourced_memo, stats_sourced_slab
#endif

#ifndef HC_TEST_NO_CONFORMANCE
namespace hc_test {
using stats_subjects = ::testing::Types<HC_TEST_SUBJECTS>;
INSTANTIATE_TYPED_TEST_SUITE_P(Stats, Conformance, stats_subjects);
INSTANTIATE_TYPED_TEST_SUITE_P(Stats, ConformanceSequence, stats_subjects);
}  // namespace hc_test
#endif

#ifndef HC_TEST_NO_FOCUSED
namespace {

using hc::has_owns;
using hc::has_size_of;

using hc_test::hook_log;
using hc_test::recording_source;


// A test part with size_of(): a pool that tells each block's size (its block size).
class sized_pool final : public hc::allocator {
 public:
  sized_pool(hc::region r, std::size_t block) noexcept : p_(r, block) {}
  void* acquire(std::size_t n) noexcept { return p_.acquire(n); }
  void* acquire(std::size_t n, std::size_t a) noexcept { return p_.acquire(n, a); }
  void release(void* b) noexcept { p_.release(b); }
  bool owns(const void* b) const noexcept { return p_.owns(b); }
  std::size_t size_of(const void*) const noexcept { return p_.block_size(); }
  const hc::pool& pool() const noexcept { return p_; }

 private:
  void* do_acquire(std::size_t n, std::size_t a) noexcept override { return acquire(n, a); }
  void do_release(void* b) noexcept override { release(b); }
  hc::pool p_;
};

using counted_pool = hc::stats<hc::pool>;
static_assert(std::is_final_v<counted_pool> && std::is_base_of_v<hc::allocator, counted_pool>);
static_assert(!std::is_copy_constructible_v<counted_pool> && !std::is_move_constructible_v<counted_pool>);
static_assert(has_owns<counted_pool>::value && !has_size_of<counted_pool>::value);
static_assert(counted_pool::header_size == hc::max_alignment, "no size_of: a prefix");
static_assert(has_owns<hc::stats<sized_pool>>::value && has_size_of<hc::stats<sized_pool>>::value);
static_assert(hc::stats<sized_pool>::header_size == 0, "size_of: no prefix");
static_assert(!has_owns<hc::stats<recording_source&>>::value, "no owns in the part, none in the layer");

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }
hc::region piece(std::size_t offset, std::size_t size) { return {bytes(hc_test::arena().begin) + offset, size}; }

void expect_counts(const hc::statistics& s, std::size_t acquires, std::size_t releases, std::size_t failures,
                   std::size_t live, std::size_t peak, std::size_t largest) {
  EXPECT_EQ(s.acquires, acquires);
  EXPECT_EQ(s.releases, releases);
  EXPECT_EQ(s.failures, failures);
  EXPECT_EQ(s.bytes_live, live);
  EXPECT_EQ(s.peak_bytes_live, peak);
  EXPECT_EQ(s.largest_request, largest);
}

class Stats : public hc_test::hooked_test {};

TEST_F(Stats, CountersAreExactOverAScriptedSequence) {
  constexpr std::size_t h = hc::max_alignment;
  hc::stats<hc::pool> s{piece(0, 256), 32u + h};  // four blocks of 32 + h bytes (h = 8 or 16)
  ASSERT_EQ(s.part().blocks(), 256 / (32 + h));
  expect_counts(s.snapshot(), 0, 0, 0, 0, 0, 0);
  void* a = s.acquire(10);
  void* b = s.acquire(32);
  void* c = s.acquire(5);
  expect_counts(s.snapshot(), 3, 0, 0, 47, 47, 32);
  EXPECT_EQ(s.part().available(), s.part().blocks() - 3);
  s.release(b);
  expect_counts(s.snapshot(), 3, 1, 0, 15, 47, 32);
  EXPECT_EQ(s.acquire(33), nullptr);  // 33 + h: beyond the pool's block, the pool reports it
  expect_reported(hc::error::invalid_size, &s.part());
  EXPECT_EQ(s.acquire(0), nullptr);  // the layer's
  expect_reported(hc::error::invalid_size, &s);
  EXPECT_EQ(s.acquire(8, 3), nullptr);
  expect_reported(hc::error::invalid_alignment, &s);
  expect_counts(s.snapshot(), 3, 1, 3, 15, 47, 32);
  s.reset_peak();
  expect_counts(s.snapshot(), 3, 1, 3, 15, 15, 32);
  void* d = s.acquire(20);
  s.release(a);
  expect_counts(s.snapshot(), 4, 2, 3, 25, 35, 32);
  // 1-byte blocks until the pool is full (the pool reports no_memory once, counted as a failure).
  void* ones[16];
  std::size_t n = 0;
  while (n < 16 && (ones[n] = s.acquire(1)) != nullptr) ++n;
  ASSERT_EQ(n, s.part().blocks() - 2);
  expect_reported(hc::error::no_memory, &s.part());
  expect_counts(s.snapshot(), 4 + n, 2, 4, 25 + n, 35 > 25 + n ? 35 : 25 + n, 32);
  s.release(c);
  s.release(d);
  for (std::size_t i = 0; i < n; ++i) s.release(ones[i]);
  expect_counts(s.snapshot(), 4 + n, 4 + n, 4, 0, 35 > 25 + n ? 35 : 25 + n, 32);
  s.release(nullptr);  // not counted
  EXPECT_EQ(s.snapshot().releases, 4 + n);
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(s.part().available(), s.part().blocks());
}

TEST_F(Stats, ForeignInteriorAndRepeatedPointersAreRejectedByTheLayer) {
  hc::stats<hc::pool> s{piece(0, 256), std::size_t{64}};
  void* a = s.acquire(16);
  void* b = s.acquire(16);
  const hc::statistics before = s.snapshot();
  alignas(hc::max_alignment) unsigned char zeros[4 * hc::max_alignment] = {};
  void* bad[] = {zeros + 2 * hc::max_alignment, bytes(a) + 1, bytes(a) + hc::max_alignment};
  for (void* p : bad) {
    SCOPED_TRACE(p);
    s.release(p);
    expect_reported(hc::error::invalid_pointer, &s);
  }
  s.release(b);
  s.release(b);  // again: its tag was cleared
  expect_reported(hc::error::invalid_pointer, &s);
  const hc::statistics after = s.snapshot();
  EXPECT_EQ(after.failures, before.failures + 4);
  EXPECT_EQ(after.releases, before.releases + 1);
  EXPECT_EQ(after.bytes_live, 16u);
  EXPECT_EQ(s.part().free_blocks(), 1u);
  s.release(a);
  EXPECT_EQ(s.snapshot().bytes_live, 0u);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Stats, OverAlignedBlocksCarryALargerPrefix) {
  hc::stats<hc::bump> s{piece(0, 512)};
  void* a = s.acquire(10, 64);
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(hc::is_aligned(a, 64));
  EXPECT_GE(s.part().used(), 64u + 10u);
  void* b = s.acquire(3, 2);
  EXPECT_TRUE(hc::is_aligned(b, hc::max_alignment));
  expect_counts(s.snapshot(), 2, 0, 0, 13, 13, 10);
  s.release(a);
  s.release(b);
  expect_counts(s.snapshot(), 2, 2, 0, 0, 13, 10);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Stats, APartWithSizeOfCountsBlockSizesWithoutAPrefix) {
  hc::stats<sized_pool> s{piece(0, 256), std::size_t{32}};
  void* a = s.acquire(10);
  void* b = s.acquire(32);  // the whole block: no prefix
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(bytes(b) - bytes(a), 32);
  expect_counts(s.snapshot(), 2, 0, 0, 64, 64, 32);
  s.release(bytes(hc_test::arena().begin) + 512);  // not owned by the part: the layer's
  expect_reported(hc::error::invalid_pointer, &s);
  s.release(a);
  expect_counts(s.snapshot(), 2, 1, 1, 32, 64, 32);
  EXPECT_EQ(s.size_of(b), 32u);
  EXPECT_TRUE(s.owns(b));
}

// With a prefix, owns() answers for the layer's own blocks (the part's block starts before them), so a
// router above it sends releases to the right part.
TEST_F(Stats, OwnsItsBlocksSoThatRoutersAboveItRouteReleases) {
  constexpr std::size_t h = hc::max_alignment;
  hc::stats<hc::pool> s{piece(0, 256), 32u + h};
  void* a = s.acquire(24);
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(s.owns(a));
  EXPECT_FALSE(s.owns(bytes(a) + h)) << "interior";
  EXPECT_FALSE(s.owns(bytes(a) + 1)) << "misaligned";
  s.release(a);
  EXPECT_FALSE(s.owns(a)) << "released";

  hc::fallback<hc::stats<hc::pool>, hc::bump> f{std::forward_as_tuple(piece(256, 256), std::size_t{32u + h}),
                                                std::forward_as_tuple(piece(512, 256))};
  void* b = f.acquire(24);
  ASSERT_NE(b, nullptr);
  f.release(b);
  EXPECT_EQ(hc_test::hook_log::calls, 0) << hc::message(hc::last_error());
  EXPECT_EQ(f.primary().snapshot().releases, 1u);
  EXPECT_EQ(f.primary().snapshot().bytes_live, 0u);

  hc::segregator<64, hc::stats<hc::pool>, hc::bump> g{
      std::forward_as_tuple(piece(768, 256), std::size_t{64u + h}), std::forward_as_tuple(piece(1024, 256))};
  void* c = g.acquire(40);
  ASSERT_NE(c, nullptr);
  g.release(c);
  EXPECT_EQ(hc_test::hook_log::calls, 0) << hc::message(hc::last_error());
  EXPECT_EQ(g.small().snapshot().releases, 1u);
}

TEST_F(Stats, TheProtocolIsCountedToo) {
  hc::stats<hc::pool> s{piece(0, 256), std::size_t{64}};
  hc::allocator& a = s;
  void* p = a.acquire(24);
  void* q = a.acquire(24, 8);
  a.release(p);
  expect_counts(s.snapshot(), 2, 1, 0, 24, 48, 24);
  a.release(q);
  EXPECT_EQ(s.snapshot().bytes_live, 0u);
}

}  // namespace
#endif  // HC_TEST_NO_FOCUSED
