// conformance.hpp — the suite every hc allocator passes (GoogleTest typed, parameterised by subject).
//
// Included by each file that instantiates it: conformance_test.cpp for the library's allocators,
// misaligned_test.cpp for deliberately broken ones (disabled; run only to prove the suite catches them).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hc/align.hpp"
#include "hc/error.hpp"
#include "support/test_arena.hpp"

namespace hc_test {

inline std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

/// True when [p, p + n) lies inside region r.
inline bool inside(const void* p, std::size_t n, hc::region r) {
  return address(p) >= address(r.begin) && address(p) + n <= address(r.begin) + r.size;
}

/// Counts hook calls and remembers the last one.
struct hook_log {
  static inline int calls = 0;
  static inline hc::error code = hc::error::none;
  static inline const void* who = nullptr;
  static void hook(hc::error c, const void* a) {
    ++calls;
    code = c;
    who = a;
  }
};

template <class Subject>
class Conformance : public ::testing::Test {
 protected:
  void SetUp() override {
    hc::clear_error();
    hook_log::calls = 0;
    previous_ = hc::set_error_hook(&hook_log::hook);
  }
  void TearDown() override { hc::set_error_hook(previous_); }

  // Checks a failed call: null result, the code, one hook call naming the allocator, state unchanged.
  template <class A>
  void expect_failure(void* result, hc::error code, A& a, std::size_t state_before, Subject& s) {
    EXPECT_EQ(result, nullptr);
    EXPECT_EQ(hc::last_error(), code) << hc::message(hc::last_error());
    EXPECT_EQ(hook_log::calls, 1);
    EXPECT_EQ(hook_log::code, code);
    EXPECT_EQ(hook_log::who, static_cast<const void*>(&a));
    EXPECT_EQ(s.state(), state_before);
    hc::clear_error();
    hook_log::calls = 0;
  }

 private:
  hc::error_hook previous_ = nullptr;
};

TYPED_TEST_SUITE_P(Conformance);

// Every size 1..4096 (less on a small arena) comes back at its natural alignment, even right after a
// 1-byte block has put the cursor on an odd address.
TYPED_TEST_P(Conformance, NaturalAlignmentForEverySize) {
  for (std::size_t size = 1; size <= max_sweep_size; ++size) {
    TypeParam s{arena()};
    auto& a = s.get();
    ASSERT_NE(a.acquire(1), nullptr);
    void* p = a.acquire(size);
    ASSERT_NE(p, nullptr) << "size " << size;
    ASSERT_EQ(address(p) % hc::natural_alignment(size), 0u) << "size " << size << " at " << p;
  }
}

// Explicit power-of-two alignments 1..256, right after an odd offset, for small and odd sizes. A fresh
// allocator per case keeps the arena needed small (the M0's test arena is 1 KiB).
TYPED_TEST_P(Conformance, ExplicitAlignments) {
  const std::size_t sizes[] = {1, 3, 8, 13, 64};
  for (std::size_t alignment = 1; alignment <= 256; alignment *= 2) {
    for (std::size_t size : sizes) {
      TypeParam s{arena()};
      auto& a = s.get();
      ASSERT_NE(a.acquire(1), nullptr);
      void* p = a.acquire(size, alignment);
      ASSERT_NE(p, nullptr) << "size " << size << " alignment " << alignment;
      ASSERT_EQ(address(p) % alignment, 0u) << "size " << size << " alignment " << alignment;
      ASSERT_TRUE(inside(p, size, s.block())) << "size " << size << " alignment " << alignment;
    }
  }
}

// Blocks of mixed sizes until exhaustion: all inside the source's block, none overlapping, and every
// block keeps its contents while later blocks are acquired and written. Violations are counted and
// reported once (a report per pair would cost more stack and heap than the M0 has).
TYPED_TEST_P(Conformance, BlocksAreInsideDisjointAndKeepTheirContents) {
  TypeParam s{arena()};
  auto& a = s.get();
  constexpr std::size_t max_blocks = 48;
  struct rec {
    unsigned char* p;
    std::size_t n;
  } blocks[max_blocks];
  const std::size_t sizes[] = {1, 7, 24, 3, 64, 2, 100, 8, 33, 16, 5, 256};
  const std::size_t scale = s.capacity() / 4096 + 1;  // fill a large arena in max_blocks steps
  std::size_t count = 0;
  for (; count < max_blocks; ++count) {
    const std::size_t n = sizes[count % (sizeof sizes / sizeof sizes[0])] * scale;
    auto* p = static_cast<unsigned char*>(a.acquire(n));
    if (p == nullptr) break;
    std::memset(p, static_cast<int>(count + 1), n);
    blocks[count] = {p, n};
  }
  ASSERT_GE(count, 8u) << "the arena should hold several blocks";
  std::size_t outside = 0, overlapping = 0, corrupted = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!inside(blocks[i].p, blocks[i].n, s.block())) ++outside;
    for (std::size_t j = i + 1; j < count; ++j) {
      if (blocks[i].p + blocks[i].n > blocks[j].p && blocks[j].p + blocks[j].n > blocks[i].p) ++overlapping;
    }
    for (std::size_t k = 0; k < blocks[i].n; ++k) {
      if (blocks[i].p[k] != static_cast<unsigned char>(i + 1)) ++corrupted;
    }
  }
  EXPECT_EQ(outside, 0u) << "blocks outside the source's block";
  EXPECT_EQ(overlapping, 0u) << "pairs of overlapping blocks";
  EXPECT_EQ(corrupted, 0u) << "bytes overwritten by later blocks";
}

// A valid request that does not fit: null, no_memory, one hook call, nothing changed; the allocator
// then still serves a request that fits.
TYPED_TEST_P(Conformance, ExhaustionReportsNoMemoryAndChangesNothing) {
  TypeParam s{arena()};
  auto& a = s.get();
  const std::size_t big = s.capacity() / 4 * 3;
  ASSERT_NE(a.acquire(big), nullptr);
  const std::size_t before = s.state();
  this->expect_failure(a.acquire(s.capacity() / 2), hc::error::no_memory, a, before, s);
  this->expect_failure(a.acquire(s.capacity() / 2, 64), hc::error::no_memory, a, before, s);
  void* p = a.acquire(8);
  EXPECT_NE(p, nullptr);
  EXPECT_EQ(address(p) % 8, 0u);
}

// Size 0 and sizes no allocator could ever give: invalid_size, nothing changed.
TYPED_TEST_P(Conformance, InvalidSizesAreRejected) {
  TypeParam s{arena()};
  auto& a = s.get();
  ASSERT_NE(a.acquire(3), nullptr);
  const std::size_t before = s.state();
  this->expect_failure(a.acquire(0), hc::error::invalid_size, a, before, s);
  this->expect_failure(a.acquire(0, 8), hc::error::invalid_size, a, before, s);
  this->expect_failure(a.acquire(SIZE_MAX), hc::error::invalid_size, a, before, s);
  this->expect_failure(a.acquire(SIZE_MAX - 3, 16), hc::error::invalid_size, a, before, s);
  this->expect_failure(a.acquire(s.capacity() + 1), hc::error::invalid_size, a, before, s);
}

// Alignments that are not powers of two: invalid_alignment, nothing changed.
TYPED_TEST_P(Conformance, NonPowerOfTwoAlignmentsAreRejected) {
  TypeParam s{arena()};
  auto& a = s.get();
  const std::size_t before = s.state();
  const std::size_t bad[] = {0, 3, 6, 12, 24, 100, SIZE_MAX};
  for (std::size_t alignment : bad) {
    SCOPED_TRACE(alignment);
    this->expect_failure(a.acquire(16, alignment), hc::error::invalid_alignment, a, before, s);
  }
}

// release(nullptr) does nothing and reports nothing; releasing a pointer the allocator never handed
// out reports invalid_pointer and changes nothing.
TYPED_TEST_P(Conformance, ReleaseOfNullAndForeignPointers) {
  TypeParam s{arena()};
  auto& a = s.get();
  void* p = a.acquire(32);
  ASSERT_NE(p, nullptr);
  const std::size_t before = s.state();
  a.release(nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::none);
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(s.state(), before);
  int foreign = 0;
  a.release(&foreign);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_pointer);
  EXPECT_EQ(hook_log::calls, 1);
  EXPECT_EQ(hook_log::who, static_cast<const void*>(&a));
  EXPECT_EQ(s.state(), before);
  hc::clear_error();
  a.release(p);  // a block of its own: accepted
  EXPECT_EQ(hc::last_error(), hc::error::none);
}

REGISTER_TYPED_TEST_SUITE_P(Conformance, NaturalAlignmentForEverySize, ExplicitAlignments,
                            BlocksAreInsideDisjointAndKeepTheirContents,
                            ExhaustionReportsNoMemoryAndChangesNothing, InvalidSizesAreRejected,
                            NonPowerOfTwoAlignmentsAreRejected, ReleaseOfNullAndForeignPointers);

}  // namespace hc_test
