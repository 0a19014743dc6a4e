// std_test.cpp — hc's std adapters: hc::pmr_resource (hc/pmr.hpp), hc::std_allocator
// (hc/std_allocator.hpp), hc::make / destroy / unique_ptr (hc/make.hpp) and their failure path
// (hc/std_failure.hpp). Portable: runs on the host and on every core (the target's images link
// GoogleTest's heap anyway; tests/target/std_no_heap_test.cpp is the firmware that links none).
//
// The failure path never returns, so these tests install a handler that records the call and longjmps
// back to the test (hc_test-style "fails_fatally"): from allocate() itself, or from a vector's reserve()
// before it has built anything. On the host, two more tests: a handler may throw (std::bad_alloc
// reaches the caller and the vector is unchanged), and with no handler the program traps (SIGILL).
#include <gtest/gtest.h>

#include <csetjmp>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <memory_resource>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "hc/allocator.hpp"
#include "hc/bump.hpp"
#include "hc/error.hpp"
#include "hc/make.hpp"
#include "hc/memo.hpp"
#include "hc/pmr.hpp"
#include "hc/pool.hpp"
#include "hc/slab.hpp"
#include "hc/std_allocator.hpp"
#include "hc/std_failure.hpp"
#include "support/hook_log.hpp"
#include "support/test_arena.hpp"


namespace {

using hc_test::hook_log;

static_assert(std::is_base_of_v<std::pmr::memory_resource, hc::pmr_resource<hc::pool>>);
static_assert(!std::is_copy_constructible_v<hc::pmr_resource<hc::pool>>);
static_assert(!std::is_default_constructible_v<hc::std_allocator<int, hc::pool>>, "memory is always named");
static_assert(std::is_nothrow_copy_constructible_v<hc::std_allocator<int, hc::pool>>);
static_assert(std::is_same_v<std::allocator_traits<hc::std_allocator<int, hc::memo>>::rebind_alloc<double>,
                             hc::std_allocator<double, hc::memo>>);
static_assert(std::allocator_traits<hc::std_allocator<int, hc::memo>>::propagate_on_container_move_assignment::value);
static_assert(!std::allocator_traits<hc::std_allocator<int, hc::memo>>::is_always_equal::value);
static_assert(sizeof(hc::std_allocator<int, hc::memo>) == sizeof(void*), "a pointer, nothing else");
static_assert(sizeof(hc::unique_ptr<int, hc::pool>) == 2 * sizeof(void*));

// The failure handler of these tests: records the call and jumps back to fails_fatally().
std::jmp_buf g_jump;
int g_handler_calls = 0;
hc::error g_handler_code = hc::error::none;
const char* g_handler_what = "";

[[noreturn]] void jump_back(hc::error code, const char* what) {
  ++g_handler_calls;
  g_handler_code = code;
  g_handler_what = what;
  std::longjmp(g_jump, 1);
}

/// Runs f; true when it ended in the std failure handler (which must not return), false if f returned.
/// f must build nothing with a destructor before it fails (longjmp runs no destructors).
template <class F>
bool fails_fatally(F f) {
  if (setjmp(g_jump) != 0) return true;
  f();
  return false;
}

bool contains(const char* text, const char* part) { return std::strstr(text, part) != nullptr; }

bool aligned(const void* p, std::size_t alignment) { return reinterpret_cast<std::uintptr_t>(p) % alignment == 0; }

/// hooked_test (hook_log installed) plus a root bump over the test arena and the test's failure handler.
class StdAdapters : public hc_test::hooked_test {
 protected:
  void SetUp() override {
    hooked_test::SetUp();
    g_handler_calls = 0;
    g_handler_code = hc::error::none;
    g_handler_what = "";
    previous_ = hc::set_std_failure_handler(&jump_back);
  }
  void TearDown() override {
    hc::set_std_failure_handler(previous_);
    hooked_test::TearDown();
  }
  hc::bump root{hc_test::arena()};

 private:
  hc::std_failure_handler previous_ = nullptr;
};

// The M0's GoogleTest heap holds about half of these tests per image: the target build splits them
// into a pmr image (HC_STD_TEST_ALLOCATORS=0) and a std_allocator/make image (HC_STD_TEST_PMR=0).
#ifndef HC_STD_TEST_PMR
#define HC_STD_TEST_PMR 1
#endif
#ifndef HC_STD_TEST_ALLOCATORS
#define HC_STD_TEST_ALLOCATORS 1
#endif

#if HC_STD_TEST_PMR
// ---- hc::pmr_resource -------------------------------------------------------------------------------

// Each allocator the resource is tried over, built from the root, and whether every block is back.
struct over_bump {
  explicit over_bump(hc::bump& root) : a{root, 512} {}
  bool all_back() const { return true; }  // a bump gives back nothing until it dies
  hc::bump a;
};
struct over_pool {
  explicit over_pool(hc::bump& root) : a{root, 64, 512} {}  // 64-byte blocks: a vector up to 16 words
  bool all_back() const { return a.available() == a.blocks(); }
  hc::pool a;
};
struct over_memo {
  explicit over_memo(hc::bump& root) : a{root} {}
  bool all_back() const { return a.cached() == a.held(); }
  hc::memo a;
};
struct over_slab {
  explicit over_slab(hc::bump& root) : a{root, 256} {}  // above 32 B: blocks of their own from root
  bool all_back() const { return a.slabs() <= 1; }
  hc::slab a;
};

template <class Subject>
class PmrOver : public StdAdapters {};
using pmr_subjects = ::testing::Types<over_bump, over_pool, over_memo, over_slab>;
TYPED_TEST_SUITE(PmrOver, pmr_subjects);

TYPED_TEST(PmrOver, VectorGrowsKeepsItsContentsAndGivesEverythingBack) {
  TypeParam subject{this->root};
  hc::pmr_resource resource{subject.a};
  EXPECT_EQ(&resource.source(), &subject.a);
  {
    std::pmr::vector<std::uint32_t> v{&resource};
    for (std::uint32_t i = 0; i < 16; ++i) {
      v.push_back(i * 7u);
      ASSERT_TRUE(aligned(v.data(), alignof(std::uint32_t)));
    }
    for (std::uint32_t i = 0; i < 16; ++i) EXPECT_EQ(v[i], i * 7u);
    std::pmr::vector<std::uint32_t> copy{v, &resource};
    EXPECT_EQ(copy, v);
  }
  EXPECT_TRUE(subject.all_back());
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(g_handler_calls, 0);
}

TEST_F(StdAdapters, PmrResourceHonoursAlignmentAndTakesZeroBytesAsOne) {
  hc::memo recycler{root};
  hc::pmr_resource resource{recycler};
  for (std::size_t alignment : {std::size_t{1}, std::size_t{4}, hc::max_alignment, std::size_t{32}, std::size_t{64}}) {
    void* p = resource.allocate(24, alignment);
    EXPECT_TRUE(aligned(p, alignment)) << alignment;
    resource.deallocate(p, 24, alignment);
  }
  void* empty = resource.allocate(0, 1);
  EXPECT_NE(empty, nullptr);
  resource.deallocate(empty, 0, 1);
  EXPECT_EQ(recycler.cached(), recycler.held());
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(StdAdapters, PmrResourceDeallocateReleasesToItsAllocator) {
  hc::pool nodes{root, 16, 256};
  hc::pmr_resource resource{nodes};
  void* p = resource.allocate(16, 8);
  EXPECT_TRUE(nodes.owns(p));
  EXPECT_EQ(nodes.blocks() - nodes.available(), 1u);
  resource.deallocate(p, 16, 8);
  EXPECT_EQ(nodes.available(), nodes.blocks());
}

TEST_F(StdAdapters, PmrResourceIsEqualOnlyToItself) {
  hc::memo recycler{root};
  hc::pmr_resource a{recycler};
  hc::pmr_resource b{recycler};
  EXPECT_TRUE(a.is_equal(a));
  EXPECT_FALSE(a.is_equal(b));
  EXPECT_FALSE(a.is_equal(*std::pmr::null_memory_resource()));
  EXPECT_TRUE(std::pmr::polymorphic_allocator<int>{&a} == std::pmr::polymorphic_allocator<int>{&a});
  EXPECT_FALSE(std::pmr::polymorphic_allocator<int>{&a} == std::pmr::polymorphic_allocator<int>{&b});
}

TEST_F(StdAdapters, PmrResourceOverTheProtocol) {
  hc::pool nodes{root, 32, 256};
  hc::allocator& any = nodes;
  hc::pmr_resource<hc::allocator> resource{any};
  std::pmr::list<int> l{&resource};
  for (int i = 0; i < 5; ++i) l.push_back(i);
  EXPECT_EQ(l.size(), 5u);
  EXPECT_EQ(nodes.blocks() - nodes.available(), 5u);
  l.clear();
  EXPECT_EQ(nodes.available(), nodes.blocks());
}

// The allocator reports the failure through hc's channel first; then the handler gets its code.
TEST_F(StdAdapters, PmrResourceFailureIsReportedThenTakesTheFailurePath) {
  hc::bump frame{root, 256};
  hc::pmr_resource resource{frame};
  (void)resource.allocate(200, 8);
  EXPECT_TRUE(fails_fatally([&] { (void)resource.allocate(200, 8); }));
  expect_reported(hc::error::no_memory, &frame);
  EXPECT_EQ(g_handler_calls, 1);
  EXPECT_EQ(g_handler_code, hc::error::no_memory);
  EXPECT_TRUE(contains(g_handler_what, "hc::pmr_resource")) << g_handler_what;

  std::pmr::vector<int> v{&resource};  // the bump has 56 bytes left
  v.push_back(1);
  EXPECT_TRUE(fails_fatally([&] { v.reserve(20); }));  // 80 bytes: fits the bump, not what is left
  EXPECT_EQ(g_handler_code, hc::error::no_memory);
  expect_reported(hc::error::no_memory, &frame);
  ASSERT_EQ(v.size(), 1u) << "the vector is unchanged";
  EXPECT_EQ(v[0], 1);

  volatile std::size_t not_a_power_of_two = 3;  // volatile: Clang rejects a constant one at compile time
  EXPECT_TRUE(fails_fatally([&] { (void)resource.allocate(8, not_a_power_of_two); }));
  EXPECT_EQ(g_handler_code, hc::error::invalid_alignment);
  expect_reported(hc::error::invalid_alignment, &frame);
}

#endif  // HC_STD_TEST_PMR

#if HC_STD_TEST_ALLOCATORS
// ---- hc::std_allocator ------------------------------------------------------------------------------

TEST_F(StdAdapters, StdAllocatorServesVectorListAndMap) {
  hc::memo recycler{root};
  hc::pool nodes{root, 32, 256};
  {
    std::vector<int, hc::std_allocator<int, hc::memo>> v{hc::std_allocator<int, hc::memo>{recycler}};
    for (int i = 0; i < 12; ++i) v.push_back(i);
    EXPECT_EQ(v[11], 11);
    EXPECT_EQ(&v.get_allocator().source(), &recycler);

    std::list<int, hc::std_allocator<int, hc::pool>> l{hc::std_allocator<int, hc::pool>{nodes}};
    for (int i = 0; i < 6; ++i) l.push_front(i);
    EXPECT_EQ(l.front(), 5);
    EXPECT_EQ(nodes.blocks() - nodes.available(), 6u) << "the nodes, through a rebound allocator";

    using pair_alloc = hc::std_allocator<std::pair<const int, int>, hc::memo>;
    std::map<int, int, std::less<int>, pair_alloc> m{pair_alloc{recycler}};
    for (int i = 0; i < 8; ++i) m.emplace(i, i * i);
    EXPECT_EQ(m.at(7), 49);
    EXPECT_EQ(m.size(), 8u);
  }
  EXPECT_EQ(nodes.available(), nodes.blocks());
  EXPECT_EQ(recycler.cached(), recycler.held());
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(StdAdapters, StdAllocatorEqualityFollowsTheSource) {
  hc::memo one{root};
  hc::memo two{root};
  const hc::std_allocator<int, hc::memo> a{one};
  const hc::std_allocator<int, hc::memo> b{one};
  const hc::std_allocator<int, hc::memo> c{two};
  const hc::std_allocator<double, hc::memo> rebound{a};
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a != b);
  EXPECT_TRUE(a != c);
  EXPECT_TRUE(rebound == a);
  EXPECT_TRUE(a == rebound);
  EXPECT_EQ(&rebound.source(), &one);
  // Memory from one goes back through an equal one.
  hc::std_allocator<int, hc::memo> from{a};
  hc::std_allocator<int, hc::memo> to{b};
  to.deallocate(from.allocate(3), 3);
  EXPECT_EQ(one.cached(), one.held());
}

TEST_F(StdAdapters, StdAllocatorHonoursOverAlignedTypes) {
  struct alignas(32) wide {
    unsigned char bytes[32];
  };
  hc::std_allocator<wide, hc::bump> a{root};
  root.acquire(1);  // the cursor now sits at an odd address
  wide* p = a.allocate(3);
  EXPECT_TRUE(aligned(p, 32));
  a.deallocate(p, 3);
  std::uint16_t* q = hc::std_allocator<std::uint16_t, hc::bump>{a.source()}.allocate(1);
  EXPECT_TRUE(aligned(q, 2));
}

TEST_F(StdAdapters, StdAllocatorPropagatesOnMoveAssignment) {
  hc::memo one{root};
  hc::memo two{root};
  using ints = std::vector<int, hc::std_allocator<int, hc::memo>>;
  {
    ints a{{1, 2, 3}, hc::std_allocator<int, hc::memo>{one}};
    ints b{hc::std_allocator<int, hc::memo>{two}};
    const int* data = a.data();
    b = std::move(a);
    EXPECT_EQ(b.data(), data) << "moved in O(1): the allocator came along";
    EXPECT_EQ(&b.get_allocator().source(), &one);
  }
  EXPECT_EQ(one.cached(), one.held()) << "the block went back to the allocator it came from";
  EXPECT_EQ(two.held(), 0u);
}

TEST_F(StdAdapters, StdAllocatorFailureIsReportedThenTakesTheFailurePath) {
  hc::bump frame{root, 128};
  hc::std_allocator<std::uint32_t, hc::bump> a{frame};
  EXPECT_TRUE(fails_fatally([&] { (void)a.allocate(64); }));  // 256 bytes from 128
  expect_reported(hc::error::invalid_size, &frame);
  EXPECT_EQ(g_handler_code, hc::error::invalid_size);
  EXPECT_TRUE(contains(g_handler_what, "hc::std_allocator")) << g_handler_what;

  (void)a.allocate(30);
  EXPECT_TRUE(fails_fatally([&] { (void)a.allocate(4); }));  // 16 bytes, 8 left
  expect_reported(hc::error::no_memory, &frame);
  EXPECT_EQ(g_handler_code, hc::error::no_memory);

  // n * sizeof(T) would overflow: hc never sees the request; the adapter reports it.
  EXPECT_TRUE(fails_fatally([&] { (void)a.allocate(static_cast<std::size_t>(-1) / 2); }));
  expect_reported(hc::error::invalid_size, &frame);
  EXPECT_EQ(g_handler_code, hc::error::invalid_size);
  EXPECT_TRUE(contains(g_handler_what, "overflow")) << g_handler_what;
  EXPECT_EQ(g_handler_calls, 3);
}

// ---- hc::make, hc::destroy, hc::unique_ptr ----------------------------------------------------------

struct counted {
  static inline int live = 0;
  counted(int x_, int y_) noexcept : x(x_), y(y_) { ++live; }
  ~counted() { --live; }
  counted(const counted&) = delete;
  counted& operator=(const counted&) = delete;
  int x, y;
};

TEST_F(StdAdapters, MakeBuildsInTheAllocatorsMemoryAndDestroyGivesItBack) {
  hc::pool nodes{root, sizeof(counted), 256};
  counted* c = hc::make<counted>(nodes, 3, 4);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(nodes.owns(c));
  EXPECT_TRUE(aligned(c, alignof(counted)));
  EXPECT_EQ(c->x + c->y, 7);
  EXPECT_EQ(counted::live, 1);
  hc::destroy(nodes, c);
  EXPECT_EQ(counted::live, 0);
  EXPECT_EQ(nodes.available(), nodes.blocks());
  hc::destroy(nodes, static_cast<counted*>(nullptr));  // ignored
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(StdAdapters, MakeReturnsNullWhenTheAllocatorFails) {
  hc::bump frame{root, sizeof(counted) + 4};
  counted* first = hc::make<counted>(frame, 1, 2);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(hc::make<counted>(frame, 1, 2), nullptr);
  expect_reported(hc::error::no_memory, &frame);
  EXPECT_FALSE(hc::make_unique<counted>(frame, 1, 2));
  expect_reported(hc::error::no_memory, &frame);
  EXPECT_EQ(counted::live, 1) << "no constructor ran for the failed calls";
  hc::destroy(frame, first);
  EXPECT_EQ(counted::live, 0);
  EXPECT_EQ(g_handler_calls, 0) << "make is not fatal: a T* may be null";
}

TEST_F(StdAdapters, UniquePtrDestroysIntoItsAllocator) {
  hc::pool nodes{root, sizeof(counted), 256};
  {
    hc::unique_ptr<counted, hc::pool> p = hc::make_unique<counted>(nodes, 5, 6);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->y, 6);
    EXPECT_EQ(p.get_deleter().source(), &nodes);
    hc::unique_ptr<counted, hc::pool> q = std::move(p);
    EXPECT_EQ(counted::live, 1);
    hc::unique_ptr<counted, hc::pool> empty;
    EXPECT_FALSE(empty);
  }
  EXPECT_EQ(counted::live, 0);
  EXPECT_EQ(nodes.available(), nodes.blocks());
  EXPECT_EQ(g_handler_calls, 0);
}

#if defined(__cpp_exceptions)
// Hosts built with exceptions: the handler is called in the caller's frames, so it may throw.
[[noreturn]] void throw_bad_alloc(hc::error, const char*) { throw std::bad_alloc(); }

TEST_F(StdAdapters, AHandlerMayThrowWhereTheCallerHasExceptions) {
  hc::set_std_failure_handler(&throw_bad_alloc);
  hc::bump frame{root, 32};
  hc::pmr_resource resource{frame};
  std::pmr::vector<int> v{&resource};
  v.push_back(7);
  EXPECT_THROW(v.reserve(8), std::bad_alloc);  // 32 bytes, 28 left
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0], 7);
  expect_reported(hc::error::no_memory, &frame);
}

struct throws_on_build {
  throws_on_build() { throw 42; }
};

TEST_F(StdAdapters, MakeGivesTheMemoryBackWhenTheConstructorThrows) {
  hc::pool nodes{root, 16, 256};
  EXPECT_THROW(hc::make<throws_on_build>(nodes), int);
  EXPECT_EQ(nodes.available(), nodes.blocks());
}

#if GTEST_HAS_DEATH_TEST
// No handler: a trap (SIGILL on x86), not abort() (SIGABRT).
TEST(StdFailureDeathTest, WithoutAHandlerItTraps) {
  EXPECT_EXIT(
      {
        hc::set_std_failure_handler(nullptr);
        hc::bump tiny{hc_test::arena()};
        hc::pmr_resource resource{tiny};
        (void)resource.allocate(hc_test::arena_size + 1, 1);
      },
      ::testing::KilledBySignal(SIGILL), "");
}
#endif
#endif
#endif  // HC_STD_TEST_ALLOCATORS

}  // namespace
