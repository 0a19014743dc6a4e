// newlib_test.cpp — hc::newlib on the target: newlib's malloc family served by hc::heap (see
// include/hc/newlib.hpp). GoogleTest itself runs on that heap in this image, as do newlib's stdio and
// libstdc++'s operator new. Compiled with -fno-builtin so that no malloc/free pair is optimised away.
#include <errno.h>
#include <stdlib.h>  // before malloc.h: Clang reads stdlib.h's nothrow as noexcept, malloc.h has none
#include <malloc.h>
#include <reent.h>
#include <string.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "hc/cortex_m_lock.hpp"
#include "hc/newlib.hpp"
#include "hc_board.h"
#include "support/hook_log.hpp"

extern "C" {
extern unsigned char __hc_free_start[];
extern unsigned char __hc_free_end[];
extern unsigned char __stack_limit[];
}

namespace {

using hc_test::hook_log;

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// A byte pattern derived from the block and a seed, so a block overwritten by another is noticed.
unsigned char pattern(std::size_t i, std::uint32_t seed) { return static_cast<unsigned char>((i * 31u + seed) & 0xFFu); }
void fill(void* p, std::size_t n, std::uint32_t seed) {
  auto* b = static_cast<unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) b[i] = pattern(i, seed);
}
bool intact(const void* p, std::size_t n, std::uint32_t seed) {
  const auto* b = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) {
    if (b[i] != pattern(i, seed)) return false;
  }
  return true;
}

class Newlib : public hc_test::hooked_test {
 protected:
  void SetUp() override {
    hooked_test::SetUp();
    errno = 0;
    in_use_ = hc::newlib_heap().in_use();
  }
  void TearDown() override {
    const hc::heap& h = hc::newlib_heap();
    EXPECT_EQ(h.in_use(), in_use_) << "the test leaked or freed blocks it did not take";
    const hc::heap_fault fault = h.check();
    EXPECT_FALSE(fault) << fault.what;
    hooked_test::TearDown();
  }
  std::size_t in_use_ = 0;
};

TEST_F(Newlib, TheHeapIsTheFreeRamBelowTheStackReserve) {
  const hc::heap& h = hc::newlib_heap();
  EXPECT_EQ(address(__hc_free_end), address(__stack_limit));
  EXPECT_TRUE(h.owns(__hc_free_start + 64));
  EXPECT_TRUE(h.owns(__hc_free_end - 1));
  EXPECT_FALSE(h.owns(__hc_free_end));
  EXPECT_LE(h.capacity(), static_cast<std::size_t>(__hc_free_end - __hc_free_start));
  EXPECT_GT(h.peak(), 0u);  // GoogleTest registered its tests on it
  // The board's margin report reads the heap: overhead + peak, so "free" is capacity - peak.
  EXPECT_EQ(hc_board_heap_used(), static_cast<std::size_t>(__hc_free_end - __hc_free_start) - h.capacity() + h.peak());
  EXPECT_EQ(hc_board_heap_size(), static_cast<std::size_t>(__hc_free_end - __hc_free_start));
}

TEST_F(Newlib, MallocServesNaturallyAlignedBlocksFromTheHeap) {
  const hc::heap& h = hc::newlib_heap();
  for (std::size_t n : {1u, 2u, 3u, 4u, 7u, 8u, 12u, 16u, 24u, 100u, 255u, 1000u}) {
    void* p = malloc(n);
    ASSERT_NE(p, nullptr) << n;
    EXPECT_TRUE(h.owns(p));
    EXPECT_EQ(address(p) % hc::natural_alignment(n), 0u) << n;
    EXPECT_GE(malloc_usable_size(p), n);
    fill(p, n, static_cast<std::uint32_t>(n));
    EXPECT_TRUE(intact(p, n, static_cast<std::uint32_t>(n)));
    free(p);
  }
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Newlib, MallocZeroGivesAUniqueBlock) {
  void* a = malloc(0);
  void* b = malloc(0);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(a, b);
  free(a);
  free(b);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Newlib, OperatorNewAndStdioUseTheHeap) {
  const hc::heap& h = hc::newlib_heap();
  int* i = new int(42);
  EXPECT_TRUE(h.owns(i));
  delete i;
  char* s = strdup("hc::newlib");  // newlib's own _malloc_r
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(h.owns(s));
  EXPECT_STREQ(s, "hc::newlib");
  free(s);
}

TEST_F(Newlib, ReallocKeepsTheContents) {
  auto* p = static_cast<unsigned char*>(realloc(nullptr, 20));  // realloc(NULL, n) is malloc(n)
  ASSERT_NE(p, nullptr);
  fill(p, 20, 7);
  void* blocker = malloc(16);  // so that growing may have to move
  for (std::size_t n : {40u, 200u, 600u}) {
    p = static_cast<unsigned char*>(realloc(p, n));
    ASSERT_NE(p, nullptr) << n;
    EXPECT_TRUE(intact(p, 20, 7)) << n;
  }
  p = static_cast<unsigned char*>(realloc(p, 10));  // shrinks, keeps the first 10
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(intact(p, 10, 7));
  errno = 0;
  EXPECT_EQ(realloc(p, 0), nullptr);  // frees (TearDown checks nothing leaked)
  EXPECT_EQ(errno, 0);
  free(blocker);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Newlib, ReallocFailureKeepsTheOldBlock) {
  void* p = malloc(32);
  ASSERT_NE(p, nullptr);
  fill(p, 32, 3);
  EXPECT_EQ(realloc(p, hc::newlib_heap().capacity()), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  EXPECT_TRUE(intact(p, 32, 3));
  EXPECT_GE(hook_log::calls, 1);
  hc::clear_error();
  free(p);
}

TEST_F(Newlib, CallocZeroesAndChecksOverflow) {
  void* dirty = malloc(96);
  ASSERT_NE(dirty, nullptr);
  memset(dirty, 0xA5, 96);
  free(dirty);  // calloc below may get the same bytes back
  auto* z = static_cast<unsigned char*>(calloc(12, 8));
  ASSERT_NE(z, nullptr);
  for (std::size_t i = 0; i < 96; ++i) ASSERT_EQ(z[i], 0u) << i;
  free(z);
  EXPECT_EQ(hook_log::calls, 0);

  volatile std::size_t half = SIZE_MAX / 2 + 1, big = 65536;  // volatile: no compile-time size warning
  errno = 0;
  EXPECT_EQ(calloc(half, 2), nullptr);  // n * size overflows
  EXPECT_EQ(errno, ENOMEM);
  errno = 0;
  EXPECT_EQ(calloc(big, big + 1), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  EXPECT_EQ(hook_log::calls, 0);  // refused before the heap is asked
}

TEST_F(Newlib, AlignedAllocations) {
  for (std::size_t a : {16u, 32u, 64u, 256u}) {
    void* p = memalign(a, 24);
    ASSERT_NE(p, nullptr) << a;
    EXPECT_EQ(address(p) % a, 0u) << a;
    fill(p, 24, 1);
    void* q = aligned_alloc(a, a);
    ASSERT_NE(q, nullptr) << a;
    EXPECT_EQ(address(q) % a, 0u) << a;
    void* r = nullptr;
    EXPECT_EQ(posix_memalign(&r, a, 5), 0) << a;
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(address(r) % a, 0u) << a;
    EXPECT_TRUE(intact(p, 24, 1));
    free(p);
    free(q);
    free(r);
  }
  volatile std::size_t twenty_four = 24, zero = 0;  // volatile: no compile-time alignment warning
  errno = 0;
  EXPECT_EQ(memalign(twenty_four, 8), nullptr);  // not a power of two
  EXPECT_EQ(errno, EINVAL);
  errno = 0;
  EXPECT_EQ(aligned_alloc(zero, 8), nullptr);
  EXPECT_EQ(errno, EINVAL);
  void* r = nullptr;
  errno = 0;
  EXPECT_EQ(posix_memalign(&r, 2, 8), EINVAL);  // below sizeof(void*)
  EXPECT_EQ(errno, 0);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Newlib, UsableSize) {
  EXPECT_EQ(malloc_usable_size(nullptr), 0u);
  void* p = malloc(13);
  ASSERT_NE(p, nullptr);
  const std::size_t n = malloc_usable_size(p);
  EXPECT_GE(n, 13u);
  EXPECT_EQ(n, hc::newlib_heap().size_of(p));
  fill(p, n, 9);  // all of it is the caller's
  EXPECT_TRUE(intact(p, n, 9));
  free(p);
}

TEST_F(Newlib, FailuresSetErrnoToEnomem) {
  const std::size_t too_much = hc::newlib_heap().capacity();
  errno = 0;
  EXPECT_EQ(malloc(too_much), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  EXPECT_EQ(hook_log::calls, 1);  // and hc reports why
  hc::clear_error();
  hook_log::calls = 0;
  errno = 0;
  EXPECT_EQ(memalign(64, too_much), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  hc::clear_error();
  void* r = &r;
  EXPECT_EQ(posix_memalign(&r, 64, too_much), ENOMEM);
  EXPECT_EQ(r, static_cast<void*>(&r));  // untouched on failure
  hc::clear_error();
  // The reentrant forms set the given struct's errno, not the global one.
  struct _reent other;
  memset(&other, 0, sizeof other);
  errno = 0;
  EXPECT_EQ(_malloc_r(&other, too_much), nullptr);
  EXPECT_EQ(other._errno, ENOMEM);
  EXPECT_EQ(errno, 0);
  other._errno = 0;
  EXPECT_EQ(_calloc_r(&other, SIZE_MAX, 2), nullptr);
  EXPECT_EQ(other._errno, ENOMEM);
  hc::clear_error();
  hook_log::calls = 0;
}

TEST_F(Newlib, NoRoomIsNoMemory) {
  // The largest request the heap could ever serve, asked while GoogleTest holds blocks: no free block
  // is that large, so it is no_memory (not invalid_size). Running the heap out for real would make its
  // peak the whole range and fail the board's margin check.
  hc::heap& h = hc::newlib_heap();
  ASSERT_GT(h.in_use(), 0u);
  const std::size_t oom = h.oom_count();
  errno = 0;
  EXPECT_EQ(malloc(h.max_size()), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  expect_reported(hc::error::no_memory, &h);
  EXPECT_EQ(h.oom_count(), oom + 1);
  void* p = malloc(64);  // and the heap still serves
  EXPECT_NE(p, nullptr);
  free(p);
}

TEST_F(Newlib, BadFreesAreReportedAndChangeNothing) {
  free(nullptr);
  EXPECT_EQ(hook_log::calls, 0);
  const hc::heap& h = hc::newlib_heap();
  const std::size_t before = h.in_use();
  int local = 0;
  free(&local);  // not the heap's
  expect_reported(hc::error::invalid_pointer, &h);
  void* keep = malloc(40);  // a neighbour that stays in use
  void* p = malloc(40);
  ASSERT_NE(p, nullptr);
  free(static_cast<unsigned char*>(p) + 8);  // interior
  EXPECT_NE(hc::last_error(), hc::error::none);
  hc::clear_error();
  hook_log::calls = 0;
  free(p);
  free(p);  // twice
  EXPECT_TRUE(hc::last_error() == hc::error::double_release || hc::last_error() == hc::error::invalid_pointer)
      << hc::message(hc::last_error());
  hc::clear_error();
  hook_log::calls = 0;
  free(keep);
  EXPECT_EQ(h.in_use(), before);
}

TEST_F(Newlib, MallocLockMasksInterruptsAndNests) {
  ASSERT_FALSE(hc::cortex_m_lock::masked());
  __malloc_lock(_REENT);
  EXPECT_TRUE(hc::cortex_m_lock::masked());
  __malloc_lock(_REENT);
  void* p = malloc(8);  // hc's own section nests inside
  free(p);
  EXPECT_TRUE(hc::cortex_m_lock::masked());
  __malloc_unlock(_REENT);
  EXPECT_TRUE(hc::cortex_m_lock::masked());
  __malloc_unlock(_REENT);
  EXPECT_FALSE(hc::cortex_m_lock::masked());
}

TEST_F(Newlib, MallinfoReadsTheHeap) {
  void* p = malloc(100);
  const struct mallinfo m = mallinfo();
  const hc::heap& h = hc::newlib_heap();
  EXPECT_EQ(m.arena, h.capacity());
  EXPECT_EQ(m.uordblks, h.in_use());
  EXPECT_EQ(m.fordblks, h.capacity() - h.in_use());
  EXPECT_EQ(m.usmblks, h.peak());
  free(p);
}

// --- malloc in an interrupt handler ---------------------------------------------------------------------
// SysTick fires every 64..191 processor ticks (run under -icount: deterministic) while the main loop
// mallocs, fills, reallocs, checks and frees; the handler does the same with its own blocks. Every
// block's contents are checked before it is freed; the heap is checked at the end.

volatile std::uint32_t& reg(std::uintptr_t a) { return *reinterpret_cast<volatile std::uint32_t*>(a); }

constexpr std::size_t k_isr_slots = 4;
struct isr_block {
  void* p;
  std::uint32_t n, seed;
};
isr_block g_isr_blocks[k_isr_slots];
volatile bool g_isr_on = false;
volatile std::uint32_t g_isr_calls = 0, g_isr_corrupt = 0, g_isr_no_memory = 0, g_rng = 2463534242u;

std::uint32_t next_random() {
  std::uint32_t x = g_rng;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  g_rng = x;
  return x;
}

}  // namespace

extern "C" void SysTick_Handler(void) {
  if (!g_isr_on) return;
  const std::uint32_t x = next_random();
  reg(0xE000E014u) = 63u + (x & 127u);  // the next period
  isr_block& b = g_isr_blocks[g_isr_calls % k_isr_slots];
  g_isr_calls = g_isr_calls + 1;
  if (b.p != nullptr) {
    if (!intact(b.p, b.n, b.seed)) g_isr_corrupt = g_isr_corrupt + 1;
    free(b.p);
    b.p = nullptr;
  } else {
    b.n = 1 + (x >> 8 & 63u);
    b.seed = x;
    b.p = malloc(b.n);
    if (b.p == nullptr) {
      g_isr_no_memory = g_isr_no_memory + 1;
    } else {
      fill(b.p, b.n, b.seed);
    }
  }
}

namespace {

TEST_F(Newlib, MallocFromAnInterruptHandler) {
  constexpr std::uint32_t k_rounds = 3000;
  std::uint32_t corrupt = 0, failed = 0, seed = 99;
  g_isr_on = true;
  reg(0xE000E014u) = 127;  // SYST_RVR
  reg(0xE000E018u) = 0;    // SYST_CVR
  reg(0xE000E010u) = 7;    // ENABLE | TICKINT | CLKSOURCE
  for (std::uint32_t i = 0; i < k_rounds; ++i) {
    seed = seed * 1103515245u + 12345u;
    const std::size_t n = 1 + (seed >> 16 & 47u);
    void* p = malloc(n);
    if (p == nullptr) {
      ++failed;
      continue;
    }
    fill(p, n, seed);
    const std::size_t m = n + 8 + (seed >> 8 & 31u);
    void* q = realloc(p, m);
    if (q == nullptr) {
      ++failed;
      q = p;
    }
    if (!intact(q, n, seed)) ++corrupt;
    free(q);
  }
  reg(0xE000E010u) = 0;
  reg(0xE000ED04u) = 1u << 25;  // clear a pending SysTick
  g_isr_on = false;
  for (isr_block& b : g_isr_blocks) {
    if (b.p != nullptr) {
      if (!intact(b.p, b.n, b.seed)) ++corrupt;
      free(b.p);
      b.p = nullptr;
    }
  }
  EXPECT_EQ(corrupt, 0u);
  EXPECT_EQ(g_isr_corrupt, 0u);
  EXPECT_EQ(failed, 0u);
  EXPECT_EQ(g_isr_no_memory, 0u);
  EXPECT_GT(g_isr_calls, 200u) << "too few interrupts to mean anything";
  EXPECT_EQ(hook_log::calls, 0);
  printf("malloc from SysTick: %u interrupts over %u main-loop rounds\n", static_cast<unsigned>(g_isr_calls),
         static_cast<unsigned>(k_rounds));
}

}  // namespace
