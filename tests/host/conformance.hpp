// conformance.hpp — the suite every hc allocator passes (GoogleTest typed, parameterised by subject).
//
// Included by each file that instantiates it: conformance_test.cpp for the library's allocators,
// misaligned_test.cpp for deliberately broken ones (disabled; run only to prove the suite catches them).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hc/align.hpp"
#include "hc/error.hpp"
#include "support/hook_log.hpp"
#include "support/test_arena.hpp"

namespace hc_test {

inline std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

/// True when [p, p + n) lies inside region r.
inline bool inside(const void* p, std::size_t n, hc::region r) {
  return address(p) >= address(r.begin) && address(p) + n <= address(r.begin) + r.size;
}

template <class Subject>
class Conformance : public hooked_test {
 protected:
  // Checks a failed call: null result, the code, one hook call naming the allocator (or, for a failure
  // its source met, the source: an error is reported once, where it happened), state unchanged.
  template <class A>
  void expect_failure(void* result, hc::error code, A& a, std::size_t state_before, Subject& s) {
    EXPECT_EQ(result, nullptr);
    EXPECT_EQ(hc::last_error(), code) << hc::message(hc::last_error());
    EXPECT_EQ(hook_log::calls, 1);
    EXPECT_EQ(hook_log::code, code);
    if (hook_log::who != s.reporter()) {
      EXPECT_EQ(hook_log::who, static_cast<const void*>(&a));
    }
    EXPECT_EQ(s.state(), state_before);
    hc::clear_error();
    hook_log::calls = 0;
  }
};

TYPED_TEST_SUITE_P(Conformance);

// Every size 1..4096 (less on a small arena) comes back at its natural alignment, even right after a
// 1-byte block has put the cursor on an odd address.
TYPED_TEST_P(Conformance, NaturalAlignmentForEverySize) {
  const std::size_t last = std::min(max_sweep_size, TypeParam{arena()}.max_request());
  for (std::size_t size = 1; size <= last; ++size) {
    TypeParam s{arena()};
    auto& a = s.get();
    ASSERT_NE(a.acquire(1), nullptr);
    void* p = a.acquire(size);
    ASSERT_NE(p, nullptr) << "size " << size;
    ASSERT_EQ(address(p) % hc::natural_alignment(size), 0u) << "size " << size << " at " << p;
  }
}

// Explicit power-of-two alignments 1..256, right after an odd offset, for small and odd sizes. A fresh
// allocator per case keeps the arena needed small (the M0's test arena is 1 KiB). Alignments above
// what the allocator can ever give (a pool: its block alignment) are invalid_alignment.
TYPED_TEST_P(Conformance, ExplicitAlignments) {
  const std::size_t sizes[] = {1, 3, 8, 13, 64};
  for (std::size_t alignment = 1; alignment <= 256; alignment *= 2) {
    for (std::size_t size : sizes) {
      TypeParam s{arena()};
      auto& a = s.get();
      ASSERT_NE(a.acquire(1), nullptr);
      if (alignment > s.max_alignment()) {
        const std::size_t before = s.state();
        this->expect_failure(a.acquire(size, alignment), hc::error::invalid_alignment, a, before, s);
        continue;
      }
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
    const std::size_t n = std::min(sizes[count % (sizeof sizes / sizeof sizes[0])] * scale, s.max_request());
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

// Valid requests that do not fit: null, no_memory, one hook call, nothing changed; the allocator then
// still serves a request that fits (one that releases memory: once its blocks are released).
TYPED_TEST_P(Conformance, ExhaustionReportsNoMemoryAndChangesNothing) {
  TypeParam s{arena()};
  auto& a = s.get();
  const std::size_t big = std::min(s.capacity() / 4 * 3, s.max_request());
  ASSERT_GE(big, sizeof(void*));
  // Blocks of `big` bytes until the first failure, each linked to the previous through its first word.
  void* blocks = nullptr;
  std::size_t count = 0;
  for (void* p = a.acquire(big); p != nullptr && count < 100000; p = a.acquire(big)) {
    std::memcpy(p, &blocks, sizeof blocks);
    blocks = p;
    ++count;
  }
  ASSERT_GE(count, 1u);
  EXPECT_EQ(hc::last_error(), hc::error::no_memory) << hc::message(hc::last_error());
  hc::clear_error();
  hook_log::calls = 0;
  const std::size_t before = s.state();
  this->expect_failure(a.acquire(big), hc::error::no_memory, a, before, s);
  const std::size_t alignment = std::min<std::size_t>(64, s.max_alignment());
  this->expect_failure(a.acquire(big, alignment), hc::error::no_memory, a, before, s);
  if (TypeParam::releases) {
    while (blocks != nullptr) {
      void* next = nullptr;
      std::memcpy(&next, blocks, sizeof next);
      a.release(blocks);
      blocks = next;
    }
  }
  void* p = a.acquire(8);
  EXPECT_NE(p, nullptr);
  EXPECT_EQ(address(p) % 8, 0u);
  EXPECT_EQ(hc::last_error(), hc::error::none) << hc::message(hc::last_error());
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
  a.release(s.foreign());
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

// The sequence test is a suite of its own: GoogleTest registers a typed suite's tests recursively, and
// on the M0 each more test in one suite deepens the stack it needs at start-up.
template <class Subject>
class ConformanceSequence : public Conformance<Subject> {};
TYPED_TEST_SUITE_P(ConformanceSequence);

// A fixed-seed random sequence of acquires and releases against a shadow model of the live blocks:
// every block naturally aligned, inside the allocator's memory, disjoint from every other live block,
// and its contents (written at acquire) intact until it is released; a failure is only ever no_memory.
// For allocators that give memory back: released memory is handed out again, and once every block is
// released the allocator can give its full capacity again (or its cache holds every block).
TYPED_TEST_P(ConformanceSequence, RandomAcquireReleaseAgainstAShadowModel) {
  TypeParam s{arena()};
  auto& a = s.get();
  constexpr std::size_t slots = arena_size >= 16384 ? 24 : 12;  // RAM is tight on the M0
  struct live_block {
    unsigned char* p;
    std::size_t n;
    unsigned char fill;
  };
  static live_block live[slots];  // static: the M0's stack is tight
  // One bit per arena byte ever handed out: a block that covers a marked byte reuses released memory.
  static unsigned char handed_out[arena_size / 8 + 1];
  std::memset(handed_out, 0, sizeof handed_out);
  std::size_t count = 0, acquired = 0, failed = 0, reused = 0;
  std::size_t misaligned = 0, outside = 0, overlapping = 0, corrupted = 0, other_errors = 0;
  std::uint32_t x = 2463534242u;  // xorshift32, fixed seed
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  };
  const std::size_t largest = std::min<std::size_t>(s.max_request(), 64);
  auto check_and_release = [&](std::size_t i) {
    const live_block b = live[i];
    for (std::size_t k = 0; k < b.n; ++k) {
      if (b.p[k] != b.fill) ++corrupted;
    }
    a.release(b.p);
    live[i] = live[--count];
  };
  for (std::size_t op = 0; op < 3000; ++op) {
    const std::uint32_t r = next();
    if (count > 0 && (count == slots || (r & 3u) == 0u)) {
      check_and_release((r >> 8) % count);
      continue;
    }
    const std::size_t n = 1 + (r >> 8) % largest;
    auto* p = static_cast<unsigned char*>(a.acquire(n));
    if (p == nullptr) {
      ++failed;
      if (hc::last_error() != hc::error::no_memory) ++other_errors;
      hc::clear_error();
      if (count > 0) check_and_release((r >> 16) % count);
      continue;
    }
    ++acquired;
    if (address(p) % hc::natural_alignment(n) != 0) ++misaligned;
    if (!inside(p, n, s.block())) ++outside;
    for (std::size_t i = 0; i < count; ++i) {
      if (p < live[i].p + live[i].n && live[i].p < p + n) ++overlapping;
    }
    if (inside(p, n, arena())) {
      bool seen = false;
      for (std::size_t k = address(p) - address(arena().begin), end = k + n; k < end; ++k) {
        const auto bit = static_cast<unsigned char>(1u << (k % 8));
        if (handed_out[k / 8] & bit) seen = true;
        handed_out[k / 8] = static_cast<unsigned char>(handed_out[k / 8] | bit);
      }
      if (seen) ++reused;
    }
    const auto fill = static_cast<unsigned char>(op * 7 + 1);
    std::memset(p, fill, n);
    live[count++] = {p, n, fill};
  }
  while (count > 0) check_and_release(count - 1);
  EXPECT_GE(acquired, TypeParam::releases ? 500u : 8u) << "the sequence should mostly succeed; failed "
                                                        << failed;
  EXPECT_EQ(misaligned, 0u) << "blocks not at their natural alignment";
  EXPECT_EQ(outside, 0u) << "blocks outside the allocator's memory";
  EXPECT_EQ(overlapping, 0u) << "blocks overlapping a live block";
  EXPECT_EQ(corrupted, 0u) << "bytes of live blocks changed";
  EXPECT_EQ(other_errors, 0u) << "failures other than no_memory";
  EXPECT_EQ(hc::last_error(), hc::error::none) << hc::message(hc::last_error());
  if constexpr (TypeParam::releases) {
    EXPECT_GT(reused, acquired / 4) << "released memory should be handed out again";
    EXPECT_TRUE(s.recovered()) << "everything released: full capacity (or a whole cache) again";
  }
}

REGISTER_TYPED_TEST_SUITE_P(ConformanceSequence, RandomAcquireReleaseAgainstAShadowModel);

}  // namespace hc_test
