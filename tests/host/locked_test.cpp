// locked_test.cpp — hc::locked (hc/locked.hpp) and, on Cortex-M, hc::cortex_m_lock
// (hc/cortex_m_lock.hpp): the conformance suite over two parts, a lock taken once and released on every
// path (failures included), the error hook running inside the lock, abilities forwarded only when the
// part has them, nesting, both lock shapes (token and BasicLockable), and on hosts std::mutex under
// threads. The interrupt test (main loop and SysTick sharing one allocator) is target-only:
// tests/target/interrupt_test.cpp.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#ifndef HC_TEST_LOCKED_CONFORMANCE
#define HC_TEST_LOCKED_CONFORMANCE 1
#endif
#if HC_TEST_LOCKED_CONFORMANCE
#include "conformance.hpp"  // an uninstantiated typed suite would register a failing check
#endif
#include "hc/abilities.hpp"
#include "hc/bump.hpp"
#include "hc/cortex_m_lock.hpp"
#include "hc/locked.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "support/hook_log.hpp"
#include "support/layer_subjects.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

#if GTEST_HAS_PTHREAD
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace hc_test {

// HC_TEST_LOCKED_PARTS narrows the parts, HC_TEST_LOCKED_CONFORMANCE=0 drops the suite and
// HC_TEST_LOCKED_FOCUSED=0 the focused tests: the 16 KiB M0 splits this file into three images
// (tests/target/CMakeLists.txt, the block "hc::locked on the M0").
#ifndef HC_TEST_LOCKED_PARTS
#define HC_TEST_LOCKED_PARTS locked_root_pool, locked_sourced_memo
#endif
#ifndef HC_TEST_LOCKED_FOCUSED
#define HC_TEST_LOCKED_FOCUSED 1
#endif

#if HC_TEST_LOCKED_CONFORMANCE
using locked_parts = ::testing::Types<HC_TEST_LOCKED_PARTS>;
INSTANTIATE_TYPED_TEST_SUITE_P(Locked, Conformance, locked_parts);
INSTANTIATE_TYPED_TEST_SUITE_P(Locked, ConformanceSequence, locked_parts);
#endif

#if HC_TEST_LOCKED_FOCUSED

namespace {

using hc::has_owns;
using hc::has_resize;
using hc::has_max_size;

// ---- detection, to check that the layer has exactly its part's abilities ----

using counted_pool = hc::locked<hc::pool, counting_lock>;
static_assert(has_owns<counted_pool>::value && has_max_size<counted_pool>::value, "pool's abilities");
static_assert(!has_resize<hc::pool>::value && !has_resize<counted_pool>::value, "no resize: none stubbed");
using counted_source = hc::locked<recording_source, counting_lock>;
static_assert(!has_owns<counted_source>::value && !has_max_size<counted_source>::value,
              "a part without owns/max_size gives a layer without them");
static_assert(std::is_base_of<hc::allocator, counted_pool>::value && std::is_final<counted_pool>::value,
              "a layer is a final hc::allocator, usable as a source");

/// A BasicLockable (void lock(), unlock()) that counts, like std::mutex in shape.
struct basic_counting_lock {
  static inline int depth = 0;
  static inline long sections = 0;
  void lock() noexcept {
    ++depth;
    ++sections;
  }
  void unlock() noexcept { --depth; }
};

/// An empty token lock: the layer must take no space for it.
struct empty_lock {
  static int lock() noexcept { return 0; }
  static void unlock(int) noexcept {}
};
static_assert(sizeof(hc::locked<hc::pool, empty_lock>) == sizeof(hc::allocator) + sizeof(hc::pool),
              "an empty lock costs no bytes");

// What the hook saw of the lock when it ran.
int g_hook_depth = -1;
bool g_hook_masked = false;
void depth_hook(hc::error code, const void* who) {
  g_hook_depth = counting_lock::depth;
#ifdef HC_HAS_CORTEX_M_LOCK
  g_hook_masked = hc::cortex_m_lock::masked();
#endif
  hook_log::hook(code, who);
}

bool interrupts_masked() {
#ifdef HC_HAS_CORTEX_M_LOCK
  return hc::cortex_m_lock::masked();
#else
  return false;
#endif
}

class LockedTest : public hooked_test {
 protected:
  void SetUp() override {
    hooked_test::SetUp();
    counting_lock::reset();
  }
  // One call of the layer: one section, closed again (depth 0, tokens matched, interrupts back on).
  void expect_one_section(long before, const char* what) {
    EXPECT_EQ(counting_lock::sections, before + 1) << what;
    EXPECT_EQ(counting_lock::depth, 0) << what;
    EXPECT_EQ(counting_lock::mismatched, 0) << what;
    EXPECT_FALSE(interrupts_masked()) << what;
  }
};

}  // namespace

// Every call, successful or not, through the concrete type or the protocol, opens exactly one section
// and closes it.
TEST_F(LockedTest, EveryCallIsOneBalancedSection) {
  counted_pool a{arena(), std::size_t{32}};
  long n = counting_lock::sections;
  void* p = a.acquire(16);
  ASSERT_NE(p, nullptr);
  expect_one_section(n++, "acquire(size)");
  void* q = a.acquire(16, 8);
  ASSERT_NE(q, nullptr);
  expect_one_section(n++, "acquire(size, alignment)");
  EXPECT_TRUE(a.owns(p));
  expect_one_section(n++, "owns");
  EXPECT_EQ(a.max_size(), 32u);
  expect_one_section(n++, "max_size");
  EXPECT_EQ(a.with_lock([](hc::pool& part) {
    EXPECT_EQ(counting_lock::depth, 1);
    return part.available();
  }), a.part().available());
  expect_one_section(n++, "with_lock");
  a.release(q);
  expect_one_section(n++, "release");
  a.release(nullptr);
  expect_one_section(n++, "release(nullptr)");
  hc::allocator& protocol = a;
  void* r = protocol.acquire(8);
  ASSERT_NE(r, nullptr);
  expect_one_section(n++, "allocator&.acquire");
  protocol.release(r);
  expect_one_section(n++, "allocator&.release");
  a.release(p);
  expect_one_section(n++, "release");
  EXPECT_EQ(counting_lock::max_depth, 1);
  EXPECT_EQ(hook_log::calls, 0);
}

// Each kind of failure is reported by the part, once, from inside the section (the hook sees depth 1
// and, on Cortex-M, interrupts masked); the section is closed afterwards and nothing changed.
TEST_F(LockedTest, FailuresAreReportedInsideTheLockAndUnlock) {
  hc::set_error_hook(&depth_hook);  // hooked_test restores the previous hook
  hc::region r = arena();
  counted_pool a{hc::region{r.begin, 4 * 32}, std::size_t{32}};
  void* held[4] = {};
  for (void*& p : held) p = a.acquire(32);
  ASSERT_NE(held[3], nullptr);
  const std::size_t available = a.part().available();
  auto check = [&](void* result, hc::error code, const char* what, long before) {
    EXPECT_EQ(result, nullptr) << what;
    EXPECT_EQ(hc::last_error(), code) << what;
    EXPECT_EQ(hook_log::calls, 1) << what;
    EXPECT_EQ(hook_log::who, static_cast<const void*>(&a.part())) << what << ": the part reports";
    EXPECT_EQ(g_hook_depth, 1) << what << ": the hook runs inside the section";
#ifdef HC_HAS_CORTEX_M_LOCK
    EXPECT_TRUE(g_hook_masked) << what << ": the hook runs with interrupts masked";
#endif
    expect_one_section(before, what);
    EXPECT_EQ(a.part().available(), available) << what;
    hc::clear_error();
    hook_log::calls = 0;
    g_hook_depth = -1;
    g_hook_masked = false;
  };
  long n = counting_lock::sections;
  check(a.acquire(0), hc::error::invalid_size, "acquire(0)", n++);
  check(a.acquire(33), hc::error::invalid_size, "acquire(33)", n++);
  check(a.acquire(8, 3), hc::error::invalid_alignment, "acquire(8, 3)", n++);
  check(a.acquire(8), hc::error::no_memory, "acquire when full", n++);
  alignas(16) unsigned char foreign[64] = {};
  a.release(foreign);
  check(nullptr, hc::error::invalid_pointer, "release(foreign)", n++);
  for (void* p : held) a.release(p);
}

// A locked allocator as the source of another: the outer section is open while the part asks its
// source for a chunk, so sections nest (depth 2), and each closes with its own token (LIFO).
TEST_F(LockedTest, SectionsNestThroughALockedSource) {
  hc::locked<hc::bump, counting_lock> root{arena()};
  hc::locked<hc::pool, counting_lock> nodes{root, std::size_t{24}, std::size_t{256}};
  void* p = nodes.acquire(24);  // no chunk yet: the pool takes one from root inside its section
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(counting_lock::max_depth, 2);
  EXPECT_EQ(counting_lock::sections, 2);
  EXPECT_EQ(counting_lock::depth, 0);
  EXPECT_EQ(counting_lock::mismatched, 0);
  EXPECT_TRUE(root.owns(p));
  nodes.release(p);
  EXPECT_EQ(counting_lock::depth, 0);
  EXPECT_FALSE(interrupts_masked());
}

// A BasicLockable (lock()/unlock(), no token) works the same way.
TEST_F(LockedTest, BasicLockableLocksEachCall) {
  hc::locked<hc::memo, basic_counting_lock> a{arena()};
  basic_counting_lock::sections = 0;
  void* p = a.acquire(40);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(a.owns(p));
  a.release(p);
  EXPECT_EQ(a.acquire(35), p);  // the memo's cache, through the layer
  a.release(p);
  EXPECT_EQ(basic_counting_lock::sections, 5);
  EXPECT_EQ(basic_counting_lock::depth, 0);
  alignas(16) static unsigned char foreign[64] = {};
  a.release(foreign + 32);  // foreign (its header readable): reported by the memo, the lock released
  EXPECT_EQ(basic_counting_lock::depth, 0);
  expect_reported(hc::error::invalid_pointer, &a.part());
}

#ifdef HC_HAS_CORTEX_M_LOCK
// The PRIMASK lock nests: an inner unlock leaves interrupts masked, the outer one restores them.
TEST(CortexMLock, NestsAndRestoresWhatItSaw) {
  ASSERT_FALSE(hc::cortex_m_lock::masked()) << "tests run with interrupts enabled";
  const auto outer = hc::cortex_m_lock::lock();
  EXPECT_TRUE(hc::cortex_m_lock::masked());
  const auto inner = hc::cortex_m_lock::lock();
  EXPECT_TRUE(hc::cortex_m_lock::masked());
  hc::cortex_m_lock::unlock(inner);
  const bool masked_between = hc::cortex_m_lock::masked();
  hc::cortex_m_lock::unlock(outer);
  EXPECT_TRUE(masked_between) << "the inner unlock must not enable interrupts";
  EXPECT_FALSE(hc::cortex_m_lock::masked());
  EXPECT_EQ(outer, 0u);
  EXPECT_EQ(inner, 1u);
}

// The real layer: interrupts masked only during the call (the hook sees them masked), and the empty
// lock costs no bytes.
TEST(CortexMLock, LockedPoolMasksOnlyDuringTheCall) {
  static_assert(sizeof(hc::locked<hc::pool, hc::cortex_m_lock>) == sizeof(hc::allocator) + sizeof(hc::pool),
                "cortex_m_lock takes no space");
  hc::clear_error();
  const hc::error_hook previous = hc::set_error_hook(&depth_hook);
  hc::locked<hc::pool, hc::cortex_m_lock> a{arena(), std::size_t{32}};
  void* p = a.acquire(32);
  EXPECT_NE(p, nullptr);
  EXPECT_FALSE(hc::cortex_m_lock::masked());
  g_hook_masked = false;
  EXPECT_EQ(a.acquire(64), nullptr);
  EXPECT_TRUE(g_hook_masked);
  EXPECT_FALSE(hc::cortex_m_lock::masked());
  a.release(p);
  EXPECT_FALSE(hc::cortex_m_lock::masked());
  hc::set_error_hook(previous);
  hc::clear_error();
}
#endif

#if GTEST_HAS_PTHREAD
// std::mutex on a host: threads share one pool through the layer; every block keeps its contents
// while held, no block is handed out twice, and afterwards every block can be handed out again.
TEST(LockedThreads, StdMutexSerialisesThreadsSharingAPool) {
  hc::locked<hc::pool, std::mutex> shared{arena(), std::size_t{64}};
  constexpr std::size_t threads = 4, slots = 16;
  constexpr std::size_t ops = 20000;
  std::vector<long> corrupted(threads), failed(threads);
  auto work = [&](std::size_t id) {
    struct held_block {
      unsigned char* p;
      unsigned char fill;
    } held[slots] = {};
    std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(id);
    for (std::size_t op = 0; op < ops; ++op) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      held_block& h = held[x % slots];
      if (h.p != nullptr) {
        for (std::size_t k = 0; k < 64; ++k) corrupted[id] += h.p[k] != h.fill;
        shared.release(h.p);
        h.p = nullptr;
      } else if ((h.p = static_cast<unsigned char*>(shared.acquire(64))) != nullptr) {
        h.fill = static_cast<unsigned char>(id * 64 + op);
        std::memset(h.p, h.fill, 64);
      } else {
        ++failed[id];
      }
    }
    for (held_block& h : held) shared.release(h.p);
  };
  std::vector<std::thread> pool_threads;
  for (std::size_t id = 0; id < threads; ++id) pool_threads.emplace_back(work, id);
  for (std::thread& t : pool_threads) t.join();
  for (std::size_t id = 0; id < threads; ++id) {
    EXPECT_EQ(corrupted[id], 0) << "thread " << id;
    EXPECT_EQ(failed[id], 0) << "thread " << id;
  }
  EXPECT_TRUE(hand_out_again(shared, shared.part().blocks(), 64));
}
#endif

#endif  // HC_TEST_LOCKED_FOCUSED

}  // namespace hc_test
