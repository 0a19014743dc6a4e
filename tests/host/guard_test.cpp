// guard_test.cpp — hc::guard: the conformance suite over three parts (root pool, sourced memo, root
// bump), and focused tests: what it asks of its part, the poison, each injected fault (overrun,
// underrun, double release, foreign and misaligned pointers) reported with its code, the faulty block
// quarantined and nothing else lost, the abilities it forwards.
// HC_GUARD_SUBJECTS narrows the conformance subjects, HC_GUARD_CONFORMANCE=0 drops the conformance
// suite and HC_GUARD_FOCUSED=0 the focused tests: the target splits them into several images (the
// M0's heap holds one subject's tests, or the focused tests, per image).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "hc/abilities.hpp"
#include "hc/bump.hpp"
#include "hc/guard.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "support/hook_log.hpp"
#include "support/layer_subjects.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

#ifndef HC_GUARD_SUBJECTS
#define HC_GUARD_SUBJECTS guarded_root_pool, guarded_sourced_memo, guarded_root_bump
#endif
#ifndef HC_GUARD_CONFORMANCE
#define HC_GUARD_CONFORMANCE 1
#endif
#ifndef HC_GUARD_FOCUSED
#define HC_GUARD_FOCUSED 1
#endif

#if HC_GUARD_CONFORMANCE
#include "conformance.hpp"

namespace hc_test {
using guard_subjects = ::testing::Types<HC_GUARD_SUBJECTS>;
INSTANTIATE_TYPED_TEST_SUITE_P(Guard, Conformance, guard_subjects);
INSTANTIATE_TYPED_TEST_SUITE_P(Guard, ConformanceSequence, guard_subjects);
}  // namespace hc_test
#endif

#if HC_GUARD_FOCUSED
namespace {

using hc::has_owns;
using hc::has_max_size;

using hc_test::hook_log;
using hc_test::recording_source;
using call = recording_source::call;
using guarded_pool = hc::guard<hc::pool>;
using guarded_source = hc::guard<recording_source>;

static_assert(std::is_final_v<guarded_pool>, "calls through hc::guard must be devirtualised");
static_assert(std::is_base_of_v<hc::allocator, guarded_pool>, "a guard is an allocator: usable as a source");
static_assert(!std::is_copy_constructible_v<guarded_pool> && !std::is_move_constructible_v<guarded_pool>);
static_assert(hc::guard_overhead == guarded_pool::header_size + guarded_pool::suffix_size);
static_assert(guarded_pool::header_size == 16 && guarded_pool::suffix_size == 4, "the per-block cost stated");

// Abilities by presence: owns() and max_size() exist exactly when the part has them.
static_assert(has_owns<guarded_pool>::value && has_owns<hc::guard<hc::memo>>::value &&
              has_owns<hc::guard<hc::bump>>::value);
static_assert(!has_owns<guarded_source>::value, "recording_source has no owns(): nor has its guard");
static_assert(has_max_size<guarded_pool>::value && !has_max_size<hc::guard<hc::memo>>::value);

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }

class Guard : public hc_test::hooked_test {
 protected:
  // A piece of the (256-aligned) arena.
  static hc::region piece(std::size_t offset, std::size_t size) {
    return {bytes(hc_test::arena().begin) + offset, size};
  }
  // Releases recorded by `s` from call `from` on.
  static std::size_t releases(const recording_source& s, std::size_t from = 0) {
    std::size_t n = 0;
    for (std::size_t i = from; i < s.count(); ++i) n += s[i].kind == call::release ? 1u : 0u;
    return n;
  }
};

// Each block costs the part header_size + suffix_size bytes more, at max_alignment, the block right
// after the header; an over-aligned block is asked of the part at its alignment, offset by it.
TEST_F(Guard, AsksThePartForTheBlockPlusPrefixAndSuffix) {
  guarded_source g{hc_test::arena()};
  void* p = g.acquire(13);
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(g.part().count(), 1u);
  EXPECT_EQ(g.part()[0].size, 13u + hc::guard_overhead);
  EXPECT_EQ(g.part()[0].alignment, hc::max_alignment);
  EXPECT_EQ(p, bytes(g.part()[0].block) + guarded_source::header_size);
  EXPECT_TRUE(hc::is_aligned(p, hc::max_alignment));
  void* q = g.acquire(5, 64);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(g.part()[1].size, 5u + 64u + guarded_source::suffix_size);
  EXPECT_EQ(g.part()[1].alignment, 64u);
  EXPECT_EQ(q, bytes(g.part()[1].block) + 64);
  g.release(p);
  g.release(q);
  ASSERT_EQ(g.part().count(), 4u);
  EXPECT_EQ(g.part()[2].kind, call::release);
  EXPECT_EQ(g.part()[2].block, g.part()[0].block) << "the part gets its own block back";
  EXPECT_EQ(g.part()[3].block, g.part()[1].block);
  EXPECT_EQ(hook_log::calls, 0);
}

// A released block is filled with the poison before it goes back (a bump reuses nothing: it shows).
TEST_F(Guard, ReleasePoisonsTheBlock) {
  hc::guard<hc::bump> g{piece(0, 256)};
  auto* p = bytes(g.acquire(37));
  ASSERT_NE(p, nullptr);
  std::memset(p, 0x11, 37);
  g.release(p);
  EXPECT_EQ(hook_log::calls, 0);
  std::size_t poisoned = 0;
  for (std::size_t i = 0; i < 37; ++i) poisoned += p[i] == guarded_source::poison ? 1u : 0u;
  EXPECT_EQ(poisoned, 37u);
  EXPECT_EQ(g.quarantined(), 0u);
}

// One byte past the end: canary_overrun, reported once naming the guard; the block is not given back
// to the part, and the guard keeps serving and releasing other blocks.
TEST_F(Guard, OverrunIsReportedAndTheBlockQuarantined) {
  guarded_source g{hc_test::arena()};
  auto* a = bytes(g.acquire(24));
  auto* b = bytes(g.acquire(7));
  ASSERT_NE(b, nullptr);
  a[24] = 0;  // the first suffix byte: inside the part's block
  const std::size_t calls = g.part().count();
  g.release(a);
  expect_reported(hc::error::canary_overrun, &g);
  EXPECT_EQ(g.quarantined(), 1u);
  EXPECT_EQ(g.part().count(), calls) << "the quarantined block is not given back to the part";
  EXPECT_EQ(g.part().live(), 2u);
  g.release(b);
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(releases(g.part(), calls), 1u);
  EXPECT_NE(g.acquire(16), nullptr);
  g.release(a);  // the quarantined block again
  expect_reported(hc::error::double_release, &g);
  EXPECT_EQ(g.quarantined(), 1u);
  EXPECT_EQ(releases(g.part(), calls), 1u);
}

// One byte before the start: canary_underrun, same treatment.
TEST_F(Guard, UnderrunIsReportedAndTheBlockQuarantined) {
  guarded_source g{hc_test::arena()};
  auto* a = bytes(g.acquire(8));
  ASSERT_NE(a, nullptr);
  a[-1] = 0x42;
  g.release(a);
  expect_reported(hc::error::canary_underrun, &g);
  EXPECT_EQ(g.quarantined(), 1u);
  EXPECT_EQ(releases(g.part()), 0u);
  auto* c = bytes(g.acquire(8, 32));  // over-aligned blocks have the same canary
  ASSERT_NE(c, nullptr);
  c[-4] = 0;
  g.release(c);
  expect_reported(hc::error::canary_underrun, &g);
  EXPECT_EQ(g.quarantined(), 2u);
  EXPECT_EQ(releases(g.part()), 0u);
}

// Over a pool: the faulty block is missing from the pool for good, nothing else is: the other live
// blocks keep their contents, and every other block of the pool can still be handed out.
TEST_F(Guard, NothingElseIsLost) {
  guarded_pool g{piece(0, 512), 40 + hc::guard_overhead};
  const std::size_t blocks = g.part().blocks();
  ASSERT_GE(blocks, 6u);
  unsigned char* live[4];
  for (std::size_t i = 0; i < 4; ++i) {
    live[i] = bytes(g.acquire(40));
    ASSERT_NE(live[i], nullptr);
    std::memset(live[i], static_cast<int>(i + 1), 40);
  }
  const std::size_t available = g.part().available();
  live[1][40] = 0xEE;  // overrun of block 1
  live[2][-2] = 0xEE;  // underrun of block 2
  g.release(live[1]);
  expect_reported(hc::error::canary_overrun, &g);
  g.release(live[2]);
  expect_reported(hc::error::canary_underrun, &g);
  EXPECT_EQ(g.quarantined(), 2u);
  EXPECT_EQ(g.part().available(), available) << "neither block went back to the pool";
  for (std::size_t k = 0; k < 40; ++k) {
    ASSERT_EQ(live[0][k], 1u);
    ASSERT_EQ(live[3][k], 4u);
  }
  g.release(live[0]);
  g.release(live[3]);
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(g.part().available(), blocks - 2);
  EXPECT_TRUE(hc_test::hand_out_again(g, blocks - 2, 40)) << "every block but the quarantined two";
  EXPECT_EQ(hook_log::calls, 0);
}

// A second release before the part hands the block out again: double_release, nothing changed. Over a
// pool and a memo, which both write their free-list link into the released block.
TEST_F(Guard, DoubleReleaseIsReported) {
  guarded_pool g{piece(0, 256), 24 + hc::guard_overhead};
  void* a = g.acquire(24);
  void* b = g.acquire(24);
  ASSERT_NE(b, nullptr);
  g.release(a);
  const std::size_t available = g.part().available();
  g.release(a);
  expect_reported(hc::error::double_release, &g);
  EXPECT_EQ(g.part().available(), available);
  EXPECT_EQ(g.quarantined(), 0u);

  recording_source source{piece(256, 512)};
  hc::guard<hc::memo> m{source};
  void* c = m.acquire(16);
  ASSERT_NE(c, nullptr);
  m.release(c);
  EXPECT_EQ(m.part().cached(), 1u);
  m.release(c);
  expect_reported(hc::error::double_release, &m);
  EXPECT_EQ(m.part().cached(), 1u) << "not cached twice";
  EXPECT_EQ(m.acquire(16), c) << "handed out again: live, released once more without a report";
  m.release(c);
  EXPECT_EQ(hook_log::calls, 0);
  g.release(b);
  EXPECT_EQ(hook_log::calls, 0);
}

// Pointers this guard did not hand out: invalid_pointer, nothing read for a misaligned one, nothing
// changed for any. Aligned and readable: zeroed memory, an interior pointer into a live block, a block
// of another guard over the same kind of part.
TEST_F(Guard, ForeignAndMisalignedPointersAreRejected) {
  hc::region r = piece(0, 512);
  std::memset(r.begin, 0, 64);
  guarded_pool g{piece(64, 256), 40 + hc::guard_overhead};
  guarded_pool other{piece(320, 192), 40 + hc::guard_overhead};
  auto* a = bytes(g.acquire(40));
  void* theirs = other.acquire(40);
  ASSERT_NE(theirs, nullptr);
  std::memset(a, 0x5A, 40);
  const std::size_t available = g.part().available();
  void* bad[] = {bytes(r.begin) + 32, a + 16, theirs, a + 1, a + 4, a + hc::max_alignment / 2};
  for (void* q : bad) {
    SCOPED_TRACE(q);
    EXPECT_FALSE(g.owns(q));
    g.release(q);
    expect_reported(hc::error::invalid_pointer, &g);
    EXPECT_EQ(g.part().available(), available) << "nothing changed";
    EXPECT_EQ(g.quarantined(), 0u);
  }
  EXPECT_TRUE(g.owns(a));
  EXPECT_TRUE(other.owns(theirs));
  g.release(a);
  other.release(theirs);
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_FALSE(g.owns(a)) << "released: no longer a live block";
}

// Requests the guard rejects itself (the part never sees them), and those its part rejects (the part
// reports: an error is reported once, where it happened).
TEST_F(Guard, InvalidRequests) {
  guarded_source g{hc_test::arena()};
  EXPECT_EQ(g.acquire(0), nullptr);
  expect_reported(hc::error::invalid_size, &g);
  EXPECT_EQ(g.acquire(SIZE_MAX - 8), nullptr);
  expect_reported(hc::error::invalid_size, &g);
  EXPECT_EQ(g.acquire(8, 24), nullptr);
  expect_reported(hc::error::invalid_alignment, &g);
  EXPECT_EQ(g.acquire(8, SIZE_MAX / 2 + 1), nullptr);
  expect_reported(hc::error::invalid_alignment, &g);
  EXPECT_EQ(g.part().count(), 0u);

  guarded_pool p{piece(0, 256), 24 + hc::guard_overhead};
  EXPECT_EQ(p.max_size(), p.part().block_size() - hc::guard_overhead);
  EXPECT_EQ(p.acquire(8, p.part().block_alignment() * 2), nullptr) << "more than the pool's alignment";
  expect_reported(hc::error::invalid_alignment, &p);
  EXPECT_EQ(p.acquire(p.max_size() + 1), nullptr);
  expect_reported(hc::error::invalid_size, &p.part());
  EXPECT_EQ(p.part().available(), p.part().blocks());
}

// Usable as a source: a bump takes its block from a guard (through hc::allocator&) and gives it back
// when it dies; the guard checks that block's canaries like any other.
TEST_F(Guard, IsUsableAsASource) {
  hc::guard<hc::bump> g{piece(0, 512)};
  {
    hc::bump frame{g, 128};
    ASSERT_EQ(frame.capacity(), 128u);
    void* all = frame.acquire(128);  // the whole block the frame holds from g
    ASSERT_NE(all, nullptr);
    EXPECT_TRUE(g.owns(all));
    std::memset(all, 0x77, 128);
  }
  EXPECT_EQ(hook_log::calls, 0) << "the frame's block came back intact";
  hc::allocator& a = g;
  auto* p = bytes(a.acquire(10));
  ASSERT_NE(p, nullptr);
  p[10] = 1;
  a.release(p);
  expect_reported(hc::error::canary_overrun, &g);
  EXPECT_EQ(g.quarantined(), 1u);
}

}  // namespace
#endif  // HC_GUARD_FOCUSED
