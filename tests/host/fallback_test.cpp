// fallback_test.cpp — hc::fallback: the conformance suite over two pairs of parts, and focused tests
// of routing, the one report of a failure of both (none when the secondary serves), foreign releases,
// the quiet attempt (nested layers, a source failing under the primary, another context's failure)
// and ability forwarding. HC_TEST_SUBJECTS narrows the conformance subjects, HC_TEST_NO_CONFORMANCE
// drops them and HC_TEST_NO_FOCUSED drops the focused tests (the M0 builds smaller images,
// tests/target/CMakeLists.txt).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <tuple>
#include <type_traits>

#ifndef HC_TEST_NO_CONFORMANCE  // (an uninstantiated typed suite would be reported as an error)
#include "conformance.hpp"
#include "support/layer_subjects.hpp"
#endif
#include "hc/abilities.hpp"
#include "hc/bump.hpp"
#include "hc/fallback.hpp"
#include "hc/pool.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

#if !defined(__arm__)
#include <thread>
#endif

#ifndef HC_TEST_SUBJECTS
#define HC_TEST_SUBJECTS fallback_pool_bump, fallback_bump_memo
#endif

#ifndef HC_TEST_NO_CONFORMANCE
namespace hc_test {
using fallback_subjects = ::testing::Types<HC_TEST_SUBJECTS>;
INSTANTIATE_TYPED_TEST_SUITE_P(Fallback, Conformance, fallback_subjects);
INSTANTIATE_TYPED_TEST_SUITE_P(Fallback, ConformanceSequence, fallback_subjects);
}  // namespace hc_test
#endif

#ifndef HC_TEST_NO_FOCUSED
namespace {

using hc::has_owns;
using hc::has_resize;
using hc::has_max_size;

using hc_test::hook_log;
using hc_test::recording_source;

// A test part with resize(): a pool whose blocks can be "resized" in place up to the block size.
class resizable_pool final : public hc::allocator {
 public:
  resizable_pool(hc::region r, std::size_t block) noexcept : p_(r, block) {}
  void* acquire(std::size_t n) noexcept { return p_.acquire(n); }
  void* acquire(std::size_t n, std::size_t a) noexcept { return p_.acquire(n, a); }
  void release(void* b) noexcept { p_.release(b); }
  bool owns(const void* b) const noexcept { return p_.owns(b); }
  bool resize(void* b, std::size_t n) noexcept {
    ++resizes;
    if (!p_.owns(b)) return false;
    if (n <= p_.block_size()) return true;
    hc::detail::fail(hc::error::no_memory, this);
    return false;
  }
  int resizes = 0;

 private:
  void* do_acquire(std::size_t n, std::size_t a) noexcept override { return acquire(n, a); }
  void do_release(void* b) noexcept override { release(b); }
  hc::pool p_;
};

using pool_bump = hc::fallback<hc::pool, hc::bump>;
static_assert(std::is_final_v<pool_bump>, "calls through the concrete layer are devirtualised");
static_assert(std::is_base_of_v<hc::allocator, pool_bump>, "a layer is a source like any allocator");
static_assert(!std::is_copy_constructible_v<pool_bump> && !std::is_move_constructible_v<pool_bump>);
static_assert(has_owns<pool_bump>::value && has_max_size<pool_bump>::value && !has_resize<pool_bump>::value);
// A secondary without owns() (the recording source): the layer has no owns() either.
static_assert(!has_owns<hc::fallback<hc::pool&, recording_source&>>::value);
static_assert(!has_max_size<hc::fallback<hc::pool&, recording_source&>>::value);
static_assert(has_resize<hc::fallback<resizable_pool&, resizable_pool&>>::value);
static_assert(!has_resize<hc::fallback<resizable_pool&, hc::pool&>>::value);

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }
hc::region piece(std::size_t offset, std::size_t size) { return {bytes(hc_test::arena().begin) + offset, size}; }

class Fallback : public hc_test::hooked_test {};

TEST_F(Fallback, PrimaryFirstThenSecondaryWithoutAReport) {
  hc::pool primary{piece(0, 64), 32};  // two blocks
  hc::bump secondary{piece(256, 256)};
  hc::fallback<hc::pool&, hc::bump&> f{primary, secondary};
  void* a = f.acquire(32);
  void* b = f.acquire(20);
  void* c = f.acquire(32);  // the pool is full: the bump serves, silently
  void* d = f.acquire(100);  // too large for the pool: the bump, silently
  EXPECT_TRUE(primary.owns(a) && primary.owns(b));
  EXPECT_TRUE(secondary.owns(c) && secondary.owns(d));
  EXPECT_FALSE(primary.owns(c));
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(hc::last_error(), hc::error::none);
  void* e = f.acquire(8, 64);  // an alignment the pool cannot give: the bump, silently
  EXPECT_TRUE(secondary.owns(e));
  EXPECT_TRUE(hc::is_aligned(e, 64));
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_TRUE(f.owns(a) && f.owns(c));
  EXPECT_EQ(f.max_size(), secondary.max_size());
}

TEST_F(Fallback, ReleaseGoesToTheOwner) {
  hc::pool primary{piece(0, 64), 32};
  hc::bump secondary{piece(256, 256)};
  hc::fallback<hc::pool&, hc::bump&> f{primary, secondary};
  void* a = f.acquire(32);
  f.acquire(32);
  void* c = f.acquire(32);
  const std::size_t used = secondary.used();
  f.release(c);  // the bump's: a no-op there
  EXPECT_EQ(primary.free_blocks(), 0u);
  EXPECT_EQ(secondary.used(), used);
  f.release(a);  // the pool's
  EXPECT_EQ(primary.free_blocks(), 1u);
  EXPECT_EQ(f.acquire(32), a);
  f.release(nullptr);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Fallback, AFailureOfBothIsReportedOnceByTheLayer) {
  hc::pool primary{piece(0, 64), 32};
  hc::bump secondary{piece(256, 64)};
  hc::fallback<hc::pool&, hc::bump&> f{primary, secondary};
  ASSERT_NE(f.acquire(32), nullptr);
  ASSERT_NE(f.acquire(32), nullptr);
  ASSERT_NE(f.acquire(64), nullptr);  // the bump is full now too
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(f.acquire(8), nullptr);  // both: no_memory
  expect_reported(hc::error::no_memory, &f);
  // 65 B is beyond the pool's block and the bump's capacity: both say it can never be served.
  EXPECT_EQ(f.acquire(65), nullptr);
  expect_reported(hc::error::invalid_size, &f);
  EXPECT_EQ(f.acquire(0), nullptr);
  expect_reported(hc::error::invalid_size, &f);
  EXPECT_EQ(f.acquire(8, 3), nullptr);
  expect_reported(hc::error::invalid_alignment, &f);
  // A request the primary could serve but has no room for, and the secondary never could: no_memory.
  hc::pool small{piece(512, 64), 32};
  hc::pool tiny{piece(640, 64), 8};
  hc::fallback<hc::pool&, hc::pool&> g{small, tiny};
  ASSERT_NE(g.acquire(32), nullptr);
  ASSERT_NE(g.acquire(32), nullptr);
  EXPECT_EQ(g.acquire(32), nullptr);  // small: no room; tiny: 32 > 8, invalid_size
  expect_reported(hc::error::no_memory, &g);
}

TEST_F(Fallback, AForeignPointerIsReportedOnceByTheLayer) {
  hc::pool primary{piece(0, 64), 32};
  hc::bump secondary{piece(256, 256)};
  hc::fallback<hc::pool&, hc::bump&> f{primary, secondary};
  void* a = f.acquire(32);
  void* const foreign = bytes(hc_test::arena().begin) + 1152;  // outside every part
  f.release(foreign);
  expect_reported(hc::error::invalid_pointer, &f);
  f.release(bytes(a) + 1);  // interior to a pool block: not the pool's, not the bump's
  expect_reported(hc::error::invalid_pointer, &f);
  EXPECT_EQ(primary.free_blocks(), 0u);
  // A secondary without owns() judges the pointer itself (and reports it, naming itself).
  recording_source source{piece(512, 256)};
  hc::fallback<hc::pool&, recording_source&> g{primary, source};
  g.release(foreign);
  ASSERT_EQ(source.count(), 1u);
  EXPECT_EQ(source[0].kind, recording_source::call::release);
  expect_reported(hc::error::invalid_pointer, source.reporter());
}

// The primary's own source fails under it: silenced too (the attempt covers everything it calls).
TEST_F(Fallback, APrimarySourceFailureIsSilenced) {
  recording_source source{piece(0, 512)};
  hc::bump secondary{piece(512, 256)};
  hc::fallback<hc::pool, hc::bump&> f{std::forward_as_tuple(source, 32, 256), std::tie(secondary)};
  source.fail_next();
  void* p = f.acquire(16);
  EXPECT_TRUE(secondary.owns(p));
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(hc::last_error(), hc::error::none);
  void* q = f.acquire(16);  // the source serves again: a chunk, the pool's block
  EXPECT_TRUE(f.primary().owns(q));
  EXPECT_EQ(source.count(), 2u);
  f.release(q);
  f.release(p);
  EXPECT_EQ(hook_log::calls, 0);
}

// A fallback over a fallback: the inner one's failure of both is the outer primary's failure, silenced.
TEST_F(Fallback, NestedFallbacksReportOnceAtTheTop) {
  hc::pool a{piece(0, 32), 32};
  hc::pool b{piece(64, 32), 32};
  hc::bump c{piece(256, 64)};
  using inner = hc::fallback<hc::pool&, hc::pool&>;
  hc::fallback<inner, hc::bump&> f{std::forward_as_tuple(a, b), std::tie(c)};
  EXPECT_TRUE(a.owns(f.acquire(32)));
  EXPECT_TRUE(b.owns(f.acquire(32)));
  EXPECT_TRUE(c.owns(f.acquire(32)));
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_TRUE(c.owns(f.acquire(32)));
  EXPECT_EQ(f.acquire(32), nullptr);
  expect_reported(hc::error::no_memory, &f);
  // Outside any attempt, failures are reported as usual again.
  EXPECT_EQ(a.acquire(32), nullptr);
  expect_reported(hc::error::no_memory, &a);
}

TEST_F(Fallback, ResizeGoesToTheOwner) {
  resizable_pool p{piece(0, 64), 32};
  resizable_pool s{piece(256, 256), 64};
  hc::fallback<resizable_pool&, resizable_pool&> f{p, s};
  void* a = f.acquire(16);
  f.acquire(16);
  void* c = f.acquire(16);
  EXPECT_TRUE(f.resize(a, 32));
  EXPECT_EQ(p.resizes, 1);
  EXPECT_TRUE(f.resize(c, 64));
  EXPECT_EQ(s.resizes, 1);
  EXPECT_FALSE(f.resize(a, 33));  // the owner says no, and reports it
  expect_reported(hc::error::no_memory, &p);
}

#if !defined(__arm__)
// Another context failing during an attempt is reported (on a host, a context is a thread; on
// Cortex-M, an exception number — the same mechanism, keyed differently).
TEST_F(Fallback, AnotherContextsFailureDuringAnAttemptIsReported) {
  int who = 0;
  {
    hc::detail::quiet_attempt attempt;
    std::thread other([&who] { hc::detail::fail(hc::error::no_memory, &who); });
    other.join();
    hc::detail::fail(hc::error::invalid_size, this);  // this context: silenced, kept
    EXPECT_EQ(attempt.silenced(), hc::error::invalid_size);
  }
  expect_reported(hc::error::no_memory, &who);
}
#endif

TEST_F(Fallback, TheProtocolRoutesLikeTheConcreteType) {
  hc::pool primary{piece(0, 64), 32};
  hc::bump secondary{piece(256, 256)};
  hc::fallback<hc::pool&, hc::bump&> f{primary, secondary};
  hc::allocator& a = f;
  void* p = a.acquire(32);
  a.acquire(32);
  void* q = a.acquire(32, 16);
  EXPECT_TRUE(primary.owns(p));
  EXPECT_TRUE(secondary.owns(q));
  a.release(p);
  EXPECT_EQ(primary.free_blocks(), 1u);
  EXPECT_EQ(hook_log::calls, 0);
}

}  // namespace
#endif  // HC_TEST_NO_FOCUSED
