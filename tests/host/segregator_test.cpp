// segregator_test.cpp — hc::segregator: the conformance suite over two pairs of parts, and focused
// tests of routing by size (at the threshold), release routed by owns() and by a passed size, foreign
// pointers reported once, failures passed through from the part, and ability forwarding.
// HC_TEST_SUBJECTS narrows the conformance subjects, HC_TEST_NO_CONFORMANCE drops them and
// HC_TEST_NO_FOCUSED drops the focused tests.
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
#include "hc/pool.hpp"
#include "hc/segregator.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

#ifndef HC_TEST_SUBJECTS
#define HC_TEST_SUBJECTS segregator_pool_bump, segregator_slab_memo
#endif

#ifndef HC_TEST_NO_CONFORMANCE
namespace hc_test {
using segregator_subjects = ::testing::Types<HC_TEST_SUBJECTS>;
INSTANTIATE_TYPED_TEST_SUITE_P(Segregator, Conformance, segregator_subjects);
INSTANTIATE_TYPED_TEST_SUITE_P(Segregator, ConformanceSequence, segregator_subjects);
}  // namespace hc_test
#endif

#ifndef HC_TEST_NO_FOCUSED
namespace {

using hc::has_owns;
using hc::has_max_size;
using hc::has_resize;

using hc_test::hook_log;
using hc_test::recording_source;


using pool_bump = hc::segregator<32, hc::pool, hc::bump>;
static_assert(std::is_final_v<pool_bump> && std::is_base_of_v<hc::allocator, pool_bump>);
static_assert(!std::is_copy_constructible_v<pool_bump> && !std::is_move_constructible_v<pool_bump>);
static_assert(has_owns<pool_bump>::value && has_max_size<pool_bump>::value && !has_resize<pool_bump>::value);
// A large part without owns() (nor max_size): the layer has neither.
static_assert(!has_owns<hc::segregator<32, hc::pool&, recording_source&>>::value);
static_assert(!has_max_size<hc::segregator<32, hc::pool&, recording_source&>>::value);

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }
hc::region piece(std::size_t offset, std::size_t size) { return {bytes(hc_test::arena().begin) + offset, size}; }

class Segregator : public hc_test::hooked_test {};

TEST_F(Segregator, SizesUpToTheThresholdGoToTheSmallPart) {
  hc::pool small{piece(0, 256), 32};
  recording_source large{piece(256, 512)};
  hc::segregator<32, hc::pool&, recording_source&> s{small, large};
  void* a = s.acquire(1);
  void* b = s.acquire(32);
  void* c = s.acquire(33);
  void* d = s.acquire(200, 64);
  EXPECT_TRUE(small.owns(a) && small.owns(b));
  ASSERT_EQ(large.count(), 2u);
  EXPECT_EQ(large[0].block, c);
  EXPECT_EQ(large[0].size, 33u);
  EXPECT_EQ(large[1].block, d);
  EXPECT_EQ(large[1].alignment, 64u);
  void* e = s.acquire(16, 8);
  EXPECT_TRUE(small.owns(e));
  EXPECT_EQ(large.count(), 2u);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Segregator, ReleaseByOwnsOrBySize) {
  hc::pool small{piece(0, 256), 32};
  recording_source large{piece(256, 512)};
  hc::segregator<32, hc::pool&, recording_source&> s{small, large};
  void* a = s.acquire(20);
  void* c = s.acquire(100);
  void* d = s.acquire(40);
  s.release(a);  // small.owns(a)
  EXPECT_EQ(small.free_blocks(), 1u);
  EXPECT_EQ(large.count(), 2u) << "the large part was not asked";
  s.release(c);  // not the small part's: to the large part
  ASSERT_EQ(large.count(), 3u);
  EXPECT_EQ(large[2].kind, recording_source::call::release);
  EXPECT_EQ(large[2].block, c);
  s.release(d, 40);  // by size: straight to the large part
  ASSERT_EQ(large.count(), 4u);
  EXPECT_EQ(large[3].block, d);
  void* e = s.acquire(8);
  s.release(e, 8);  // by size: the small part
  EXPECT_EQ(small.free_blocks(), 1u);
  EXPECT_EQ(large.count(), 4u);
  EXPECT_EQ(large.live(), 0u);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Segregator, FailuresAreThePartsOwnAndForeignPointersTheLayers) {
  hc::pool small{piece(0, 64), 32};
  hc::bump large{piece(256, 64)};
  hc::segregator<32, hc::pool&, hc::bump&> s{small, large};
  EXPECT_EQ(s.acquire(0), nullptr);  // 0 <= threshold: the small part says so
  expect_reported(hc::error::invalid_size, &small);
  EXPECT_EQ(s.acquire(65), nullptr);
  expect_reported(hc::error::invalid_size, &large);
  EXPECT_EQ(s.acquire(8, 3), nullptr);
  expect_reported(hc::error::invalid_alignment, &small);
  ASSERT_NE(s.acquire(32), nullptr);
  ASSERT_NE(s.acquire(32), nullptr);
  EXPECT_EQ(s.acquire(32), nullptr);  // the pool is full: no fallback to the large part
  expect_reported(hc::error::no_memory, &small);
  void* const foreign = bytes(hc_test::arena().begin) + 1152;  // outside every part
  s.release(foreign);
  expect_reported(hc::error::invalid_pointer, &s);
  void* big = s.acquire(40);
  EXPECT_TRUE(large.owns(big) && s.owns(big));
  EXPECT_FALSE(s.owns(foreign));
  EXPECT_EQ(s.max_size(), large.max_size());
}

TEST_F(Segregator, TheProtocolRoutesLikeTheConcreteType) {
  hc::pool small{piece(0, 256), 32};
  hc::bump large{piece(256, 256)};
  hc::segregator<32, hc::pool&, hc::bump&> s{small, large};
  hc::allocator& a = s;
  void* p = a.acquire(32);
  void* q = a.acquire(33, 8);
  EXPECT_TRUE(small.owns(p));
  EXPECT_TRUE(large.owns(q));
  a.release(p);
  a.release(q);
  EXPECT_EQ(small.free_blocks(), 1u);
  EXPECT_EQ(hook_log::calls, 0);
}

}  // namespace
#endif  // HC_TEST_NO_FOCUSED
