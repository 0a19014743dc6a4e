// bump_test.cpp — focused tests of hc::bump beyond the conformance suite.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "hc/bump.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

namespace {

using hc_test::recording_source;

static_assert(std::is_final_v<hc::bump>, "calls through hc::bump must be devirtualised");
static_assert(!std::is_copy_constructible_v<hc::bump> && !std::is_move_constructible_v<hc::bump>);
static_assert(!std::is_copy_assignable_v<hc::bump>);

// A 64-byte, 64-aligned buffer, so offsets inside it are offsets from an aligned base.
struct aligned_buffer {
  alignas(64) unsigned char bytes[64];
  hc::region first(std::size_t n) { return {bytes, n}; }
};

TEST(Bump, AccountsUsedCapacityAndRemaining) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  EXPECT_EQ(a.capacity(), 64u);
  EXPECT_EQ(a.max_size(), 64u);
  EXPECT_EQ(a.used(), 0u);
  EXPECT_EQ(a.remaining(), 64u);
  EXPECT_EQ(a.source(), nullptr);
  EXPECT_EQ(a.acquire(1), buf.bytes);
  EXPECT_EQ(a.acquire(4), buf.bytes + 4) << "3 bytes of padding to reach 4-alignment";
  EXPECT_EQ(a.used(), 8u);
  EXPECT_EQ(a.remaining(), 56u);
}

// The seed checks for room before adding the padding, so with 15 bytes left after an odd offset a
// 15-byte (8-aligned) block would end 7 bytes past the buffer. hc counts the padding.
TEST(Bump, OutOfMemoryCheckCountsThePadding) {
  aligned_buffer buf;
  hc::bump a{buf.first(16)};
  ASSERT_EQ(a.acquire(1), buf.bytes);
  hc::clear_error();
  EXPECT_EQ(a.acquire(15), nullptr) << "needs 7 bytes of padding + 15 > 15 left";
  EXPECT_EQ(hc::last_error(), hc::error::no_memory);
  EXPECT_EQ(a.used(), 1u) << "a failed acquire changes nothing";
  EXPECT_EQ(a.acquire(8), buf.bytes + 8) << "1 + 7 padding + 8 fits exactly";
  EXPECT_EQ(a.remaining(), 0u);
  EXPECT_EQ(a.acquire(1), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::no_memory);
}

TEST(Bump, ExactFitAndOneByteMore) {
  aligned_buffer buf;
  hc::bump a{buf.first(48)};
  EXPECT_EQ(a.acquire(49), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size) << "more than the capacity can never succeed";
  EXPECT_EQ(a.acquire(48), buf.bytes);
  EXPECT_EQ(a.used(), 48u);
}

// Sizes and alignments near SIZE_MAX must not wrap the arithmetic into a "fit".
TEST(Bump, HugeSizesAndAlignmentsDoNotOverflow) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  ASSERT_NE(a.acquire(3), nullptr);
  const std::size_t used = a.used();
  const std::size_t sizes[] = {SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - 62, SIZE_MAX / 2 + 1, 65};
  for (std::size_t size : sizes) {
    hc::clear_error();
    EXPECT_EQ(a.acquire(size), nullptr) << size;
    EXPECT_EQ(hc::last_error(), hc::error::invalid_size) << size;
    hc::clear_error();
    EXPECT_EQ(a.acquire(size, 64), nullptr) << size;
    EXPECT_EQ(hc::last_error(), hc::error::invalid_size) << size;
    EXPECT_EQ(a.used(), used);
  }
  hc::clear_error();
  const std::size_t top_alignment = SIZE_MAX / 2 + 1;  // the largest power of two
  EXPECT_EQ(a.acquire(1, top_alignment), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::no_memory);
  EXPECT_EQ(a.used(), used);
}

TEST(Bump, AlignmentLargerThanTheBlock) {
  aligned_buffer buf;
  hc::bump a{{buf.bytes + 1, 63}};
  hc::clear_error();
  EXPECT_EQ(a.acquire(1, 64), nullptr) << "the next 64-aligned address is past the end";
  EXPECT_EQ(hc::last_error(), hc::error::no_memory);
  EXPECT_EQ(a.acquire(1, 32), buf.bytes + 32);
}

TEST(Bump, RewindToAMarkerGivesTheSameAddressesAgain) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  ASSERT_NE(a.acquire(5), nullptr);
  const hc::bump::marker m = a.mark();
  const std::size_t used = a.used();
  void* first = a.acquire(8);
  void* second = a.acquire(16);
  ASSERT_NE(second, nullptr);
  EXPECT_TRUE(a.owns(first));
  EXPECT_TRUE(a.rewind(m));
  EXPECT_EQ(a.used(), used);
  EXPECT_FALSE(a.owns(first)) << "rewound blocks are no longer owned";
  EXPECT_EQ(a.acquire(8), first);
  EXPECT_EQ(a.acquire(16), second);
}

TEST(Bump, RewindRejectsForeignAndStaleMarkers) {
  aligned_buffer buf;
  alignas(16) unsigned char other_bytes[32];
  hc::bump a{buf.first(64)};
  hc::bump other{hc::region_of(other_bytes)};
  ASSERT_NE(other.acquire(4), nullptr);
  ASSERT_NE(a.acquire(8), nullptr);
  const hc::bump::marker late = a.mark();
  ASSERT_NE(a.acquire(8), nullptr);
  a.reset();
  ASSERT_NE(a.acquire(2), nullptr);
  const std::size_t used = a.used();

  hc::clear_error();
  EXPECT_FALSE(a.rewind(late)) << "past the current position: stale";
  EXPECT_EQ(hc::last_error(), hc::error::invalid_pointer);
  EXPECT_EQ(a.used(), used);
  hc::clear_error();
  EXPECT_FALSE(a.rewind(other.mark())) << "another allocator's marker";
  EXPECT_EQ(hc::last_error(), hc::error::invalid_pointer);
  hc::clear_error();
  EXPECT_FALSE(a.rewind(hc::bump::marker{})) << "a default marker";
  EXPECT_EQ(hc::last_error(), hc::error::invalid_pointer);
  EXPECT_EQ(a.used(), used);
}

TEST(Bump, RewindToTheCurrentPositionOrTheStart) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  const hc::bump::marker start = a.mark();
  ASSERT_NE(a.acquire(10), nullptr);
  hc::clear_error();
  EXPECT_TRUE(a.rewind(a.mark())) << "rewinding to where it is changes nothing";
  EXPECT_EQ(a.used(), 10u);
  EXPECT_TRUE(a.rewind(start));
  EXPECT_EQ(a.used(), 0u);
  EXPECT_EQ(hc::last_error(), hc::error::none);
}

TEST(Bump, OwnsExactlyTheBytesHandedOut) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  EXPECT_FALSE(a.owns(buf.bytes)) << "nothing handed out yet";
  ASSERT_EQ(a.acquire(16), buf.bytes);
  EXPECT_TRUE(a.owns(buf.bytes));
  EXPECT_TRUE(a.owns(buf.bytes + 15));
  EXPECT_FALSE(a.owns(buf.bytes + 16)) << "one past the last block";
  EXPECT_FALSE(a.owns(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(buf.bytes) - 1)));
  EXPECT_FALSE(a.owns(nullptr));
}

TEST(Bump, OverAnEmptyRegionEveryAcquireIsInvalid) {
  hc::bump a{hc::region{nullptr, 0}};
  EXPECT_EQ(a.capacity(), 0u);
  hc::clear_error();
  EXPECT_EQ(a.acquire(1), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size);
  a.release(nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size) << "release(nullptr) reports nothing";
}

TEST(Bump, ResetReleasesEverything) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  ASSERT_NE(a.acquire(60), nullptr);
  EXPECT_EQ(a.acquire(8), nullptr);
  a.reset();
  EXPECT_EQ(a.used(), 0u);
  EXPECT_EQ(a.acquire(64), buf.bytes);
}

TEST(Bump, ReleaseOfItsOwnBlocksDoesNothing) {
  aligned_buffer buf;
  hc::bump a{buf.first(64)};
  void* p = a.acquire(16);
  hc::clear_error();
  a.release(p);
  EXPECT_EQ(hc::last_error(), hc::error::none);
  EXPECT_EQ(a.used(), 16u);
  EXPECT_NE(a.acquire(16), p) << "release does not recycle";
  a.release(buf.bytes + 64);  // one past the end: not owned
  EXPECT_EQ(hc::last_error(), hc::error::invalid_pointer);
}

// What bump asks of its source: exactly one max-aligned block of its capacity at construction, the
// same block back exactly once at destruction, nothing in between.
TEST(Bump, TakesOneBlockFromItsSourceAndGivesItBack) {
  recording_source source{hc_test::arena()};
  {
    hc::bump a{source, 400};
    ASSERT_EQ(source.count(), 1u);
    EXPECT_EQ(source[0].kind, recording_source::call::acquire);
    EXPECT_EQ(source[0].size, 400u);
    EXPECT_EQ(source[0].alignment, hc::max_alignment);
    ASSERT_NE(source[0].block, nullptr);
    EXPECT_EQ(a.source(), &source);
    EXPECT_EQ(a.capacity(), 400u);
    void* p = a.acquire(100);
    EXPECT_EQ(p, source[0].block) << "the first block starts the source's block";
    a.release(p);
    a.reset();
    EXPECT_EQ(source.count(), 1u) << "acquire/release/reset do not reach the source";
    EXPECT_EQ(source.live(), 1u);
  }
  ASSERT_EQ(source.count(), 2u);
  EXPECT_EQ(source[1].kind, recording_source::call::release);
  EXPECT_EQ(source[1].block, source[0].block);
  EXPECT_EQ(source.live(), 0u);
}

TEST(Bump, AFailingSourceLeavesAnEmptyAllocatorThatFailsCleanly) {
  recording_source source{hc_test::arena()};
  source.fail_next();
  {
    hc::clear_error();
    hc::bump a{source, 256};
    EXPECT_EQ(hc::last_error(), hc::error::no_memory) << "the source reported its failure";
    EXPECT_EQ(a.capacity(), 0u);
    EXPECT_EQ(a.acquire(1), nullptr);
    EXPECT_EQ(hc::last_error(), hc::error::invalid_size);
  }
  ASSERT_EQ(source.count(), 1u) << "nothing to give back";
}

TEST(Bump, StacksOnAnotherBump) {
  hc::clear_error();
  hc::bump root{hc_test::arena()};
  {
    hc::bump frame{root, 256};
    EXPECT_EQ(root.used(), 256u);
    void* p = frame.acquire(16);
    EXPECT_TRUE(root.owns(p));
    EXPECT_TRUE(frame.owns(p));
  }
  EXPECT_EQ(root.used(), 256u) << "bump's release gives nothing back";
  EXPECT_EQ(hc::last_error(), hc::error::none) << "the frame gave back a block the root owns";
}

}  // namespace
