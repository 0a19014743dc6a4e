// pool_test.cpp — focused tests of hc::pool beyond the conformance suite: block geometry, lazy carving,
// the free list, pointer checks, exhaustion and recovery, chunk growth from a source.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

#include "hc/pool.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/test_arena.hpp"

namespace {

using hc_test::hook_log;
using hc_test::recording_source;

static_assert(std::is_final_v<hc::pool>, "calls through hc::pool must be devirtualised");
static_assert(!std::is_copy_constructible_v<hc::pool> && !std::is_move_constructible_v<hc::pool>);

unsigned char* bytes(void* p) { return static_cast<unsigned char*>(p); }

class Pool : public hc_test::hooked_test {
 protected:
  // A piece of the (256-aligned) arena.
  static hc::region piece(std::size_t offset, std::size_t size) { return {bytes(hc_test::arena().begin) + offset, size}; }
};

TEST_F(Pool, BlockSizeHoldsAPointerAndIsAMultipleOfItsAlignment) {
  const std::size_t requested[] = {1, 3, 5, 12, 24, 33, 64, 100};
  for (std::size_t n : requested) {
    hc::pool p{piece(0, 256), n};
    SCOPED_TRACE(n);
    EXPECT_GE(p.block_size(), n);
    EXPECT_GE(p.block_size(), sizeof(void*));
    EXPECT_EQ(p.block_size() % p.block_alignment(), 0u);
    EXPECT_GE(p.block_alignment(), hc::natural_alignment(n));
    EXPECT_LT(p.block_size(), n + p.block_alignment() + sizeof(void*)) << "rounded up no further than needed";
  }
  hc::pool aligned{piece(0, 256), 24, 64};
  EXPECT_EQ(aligned.block_alignment(), 64u);
  EXPECT_EQ(aligned.block_size(), 64u);
  EXPECT_EQ(hook_log::calls, 0);
}

// Construction touches no block: the memory keeps its bytes until blocks are handed out, one by one,
// in address order.
TEST_F(Pool, CarvesLazilyInAddressOrder) {
  hc::region r = piece(0, 256);
  std::memset(r.begin, 0xA5, r.size);
  hc::pool p{{bytes(r.begin) + 1, 255}, 32};
  EXPECT_EQ(p.blocks(), (255u - (p.block_alignment() - 1)) / p.block_size());
  EXPECT_EQ(p.available(), p.blocks());
  EXPECT_EQ(p.free_blocks(), 0u);
  for (std::size_t i = 0; i < r.size; ++i) ASSERT_EQ(bytes(r.begin)[i], 0xA5) << "byte " << i << " written";
  void* first = p.acquire(32);
  EXPECT_EQ(first, bytes(r.begin) + p.block_alignment()) << "the first aligned address after the odd start";
  EXPECT_EQ(p.acquire(1), bytes(first) + p.block_size());
  EXPECT_EQ(p.available(), p.blocks() - 2);
}

TEST_F(Pool, ReleasedBlocksComeBackLastInFirstOut) {
  hc::pool p{piece(0, 256), 16};
  void* a = p.acquire(16);
  void* b = p.acquire(16);
  void* c = p.acquire(16);
  p.release(a);
  p.release(c);
  EXPECT_EQ(p.free_blocks(), 2u);
  EXPECT_EQ(p.acquire(16), c);
  EXPECT_EQ(p.acquire(8), a);
  EXPECT_NE(p.acquire(16), b);
  EXPECT_EQ(hook_log::calls, 0);
}

TEST_F(Pool, ForeignInteriorAndUncarvedPointersAreRejected) {
  hc::pool p{piece(0, 256), 24};
  void* a = p.acquire(24);
  void* b = p.acquire(24);
  ASSERT_NE(b, nullptr);
  const std::size_t available = p.available();
  void* bad[] = {bytes(a) + 1, bytes(b) + p.block_size() / 2, bytes(b) + p.block_size(),  // interior, uncarved
                 bytes(a) - p.block_size(), bytes(hc_test::arena().begin) + 512};         // before, outside
  for (void* q : bad) {
    SCOPED_TRACE(q);
    EXPECT_FALSE(p.owns(q));
    p.release(q);
    expect_reported(hc::error::invalid_pointer, &p);
    EXPECT_EQ(p.available(), available) << "nothing changed";
  }
  EXPECT_TRUE(p.owns(a));
  EXPECT_TRUE(p.owns(b));
  p.release(b);
  EXPECT_EQ(hook_log::calls, 0);
  EXPECT_EQ(p.acquire(24), b);
}

TEST_F(Pool, RequestsTheBlockCannotHoldAreRejected) {
  hc::pool p{piece(0, 256), 16};
  EXPECT_EQ(p.acquire(p.block_size() + 1), nullptr);
  expect_reported(hc::error::invalid_size, &p);
  EXPECT_EQ(p.acquire(0), nullptr);
  expect_reported(hc::error::invalid_size, &p);
  EXPECT_EQ(p.acquire(8, p.block_alignment() * 2), nullptr);
  expect_reported(hc::error::invalid_alignment, &p);
  EXPECT_EQ(p.acquire(8, 3), nullptr);
  expect_reported(hc::error::invalid_alignment, &p);
  EXPECT_EQ(p.available(), p.blocks());
  void* q = p.acquire(8, p.block_alignment());
  EXPECT_TRUE(hc::is_aligned(q, p.block_alignment()));
}

TEST_F(Pool, ExhaustionIsNoMemoryAndAReleaseRecoversIt) {
  hc::pool p{piece(0, 128), 32};
  ASSERT_EQ(p.blocks(), 4u);
  void* blocks[4];
  for (void*& b : blocks) ASSERT_NE(b = p.acquire(32), nullptr);
  EXPECT_EQ(p.acquire(32), nullptr);
  expect_reported(hc::error::no_memory, &p);
  EXPECT_EQ(p.available(), 0u);
  p.release(blocks[2]);
  EXPECT_EQ(p.acquire(1), blocks[2]);
  EXPECT_EQ(p.acquire(1), nullptr);
  expect_reported(hc::error::no_memory, &p);
}

TEST_F(Pool, BadConstructionArgumentsGiveAPoolThatFailsCleanly) {
  hc::pool zero{piece(0, 256), 0};
  expect_reported(hc::error::invalid_size, &zero);
  EXPECT_EQ(zero.acquire(1), nullptr);
  expect_reported(hc::error::invalid_size, &zero);
  hc::pool too_big{piece(0, 64), 65};
  expect_reported(hc::error::invalid_size, &too_big);
  hc::pool no_room_once_rounded{piece(0, 12), 12};  // 12 rounds up to 16
  expect_reported(hc::error::invalid_size, &no_room_once_rounded);
  EXPECT_EQ(no_room_once_rounded.blocks(), 0u);
  hc::pool no_room_once_aligned{piece(1, 30), 16, 16};  // 15 bytes of padding leave 15
  expect_reported(hc::error::invalid_size, &no_room_once_aligned);
  hc::pool alignment_beyond_region{piece(0, 64), 8, 128};
  expect_reported(hc::error::invalid_alignment, &alignment_beyond_region);
  hc::pool odd_alignment{piece(0, 64), 8, 12};
  expect_reported(hc::error::invalid_alignment, &odd_alignment);
  EXPECT_EQ(odd_alignment.acquire(1), nullptr);
  expect_reported(hc::error::invalid_size, &odd_alignment);
  recording_source source{piece(0, 1024)};
  hc::pool odd_chunk{source, 16, 100};
  expect_reported(hc::error::invalid_size, &odd_chunk);
  EXPECT_EQ(odd_chunk.acquire(16), nullptr);
  expect_reported(hc::error::invalid_size, &odd_chunk);
  EXPECT_EQ(source.count(), 0u) << "nothing asked of the source";
}

// A sourced pool takes no memory until it needs it, then one chunk (chunk-sized and -aligned) at a
// time, carving it lazily, and gives every chunk back when destroyed.
TEST_F(Pool, GrowsByChunksFromItsSourceAndGivesThemBack) {
  recording_source source{hc_test::arena()};
  {
    hc::pool p{source, 32, 256};
    EXPECT_EQ(source.count(), 0u);
    EXPECT_EQ(p.blocks(), 0u);
    void* first = p.acquire(32);
    ASSERT_EQ(source.count(), 1u);
    EXPECT_EQ(source[0].size, 256u);
    EXPECT_EQ(source[0].alignment, 256u);
    EXPECT_EQ(p.chunks(), 1u);
    const std::size_t per_chunk = p.blocks();
    EXPECT_EQ(per_chunk, (256u - p.block_size()) / p.block_size()) << "one block's room for the header";
    EXPECT_TRUE(bytes(first) > bytes(source[0].block) && bytes(first) < bytes(source[0].block) + 256);
    for (std::size_t i = 1; i < per_chunk; ++i) ASSERT_NE(p.acquire(32), nullptr);
    EXPECT_EQ(source.count(), 1u) << "the first chunk serves all its blocks";
    void* second = p.acquire(32);
    ASSERT_EQ(source.count(), 2u);
    EXPECT_EQ(p.chunks(), 2u);
    EXPECT_EQ(p.blocks(), 2 * per_chunk);
    EXPECT_TRUE(p.owns(first));
    EXPECT_TRUE(p.owns(second));
    p.release(first);
    p.release(second);
    EXPECT_EQ(hook_log::calls, 0);
    EXPECT_EQ(p.acquire(32), second);
    EXPECT_EQ(p.acquire(32), first);
    EXPECT_EQ(source.live(), 2u);
  }
  EXPECT_EQ(source.live(), 0u) << "both chunks given back";
  ASSERT_EQ(source.count(), 4u);
  EXPECT_EQ(source[2].kind, recording_source::call::release);
  EXPECT_EQ(source[3].kind, recording_source::call::release);
}

TEST_F(Pool, SourcedPoolRejectsPointersOutsideItsCarvedBlocks) {
  recording_source source{hc_test::arena()};
  hc::pool p{source, 32, 256};
  void* a = p.acquire(32);
  void* b = p.acquire(32);
  ASSERT_NE(b, nullptr);
  unsigned char* chunk = bytes(source[0].block);
  // A chunk-aligned stretch the pool never had, zeroed, so its "header" names nobody.
  auto* elsewhere = static_cast<unsigned char*>(source.acquire(256, 256));
  ASSERT_NE(elsewhere, nullptr);
  std::memset(elsewhere, 0, 256);
  const std::size_t available = p.available();
  void* bad[] = {chunk, bytes(a) + 4, bytes(b) + p.block_size(), elsewhere + 32, bytes(a) + 256};
  for (void* q : bad) {
    SCOPED_TRACE(q);
    EXPECT_FALSE(p.owns(q));
    p.release(q);
    expect_reported(hc::error::invalid_pointer, &p);
    EXPECT_EQ(p.available(), available);
  }
  source.release(elsewhere);
}

// A chunk given back when its pool died does not belong to a later pool built at the same address.
TEST_F(Pool, AChunkGivenBackIsNotTakenForALaterPoolsOwn) {
  recording_source source{hc_test::arena()};
  alignas(hc::pool) unsigned char storage[sizeof(hc::pool)];
  auto* first = new (storage) hc::pool{source, 32, 256};
  void* stale = first->acquire(32);
  first->~pool();
  auto* second = new (storage) hc::pool{source, 32, 256};
  EXPECT_FALSE(second->owns(stale));
  second->release(stale);
  expect_reported(hc::error::invalid_pointer, second);
  second->~pool();
}

// When the source cannot give a chunk, the source reports it (once) and the pool is unchanged.
TEST_F(Pool, AFailingSourceIsReportedOnceAndChangesNothing) {
  recording_source source{hc_test::arena()};
  hc::pool p{source, 64, 256};
  source.fail_next();
  EXPECT_EQ(p.acquire(64), nullptr);
  expect_reported(hc::error::no_memory, &source);
  EXPECT_EQ(p.chunks(), 0u);
  EXPECT_EQ(p.blocks(), 0u);
  EXPECT_NE(p.acquire(64), nullptr);
  EXPECT_EQ(p.chunks(), 1u);
}

TEST_F(Pool, WorksThroughTheProtocol) {
  hc::pool p{piece(0, 256), 32};
  hc::allocator& a = p;
  void* q = a.acquire(20);
  EXPECT_TRUE(hc::is_aligned(q, 8));
  a.release(q);
  EXPECT_EQ(p.free_blocks(), 1u);
  EXPECT_EQ(a.acquire(64), nullptr);
  expect_reported(hc::error::invalid_size, &p);
}

}  // namespace
