// region_test.cpp — roots of a composition: HC_ARENA, region_of, linker_region; and the usage example
// from hc/bump.hpp, compiled as written there.
#include <gtest/gtest.h>

#include <cstdint>

#include "hc/bump.hpp"
#include "hc/region.hpp"

#if defined(__arm__)
extern "C" unsigned char __hc_arena_start[];  // bounds of the .hc_arena section (hc's board scripts)
extern "C" unsigned char __hc_arena_end[];
extern "C" unsigned char __hc_free_start[];   // the free RAM after it (shared with newlib's heap here)
extern "C" unsigned char __hc_free_end[];
#endif

namespace {

static HC_ARENA(odd_sized_arena, 24);  // `static` in front, as the docs show

TEST(Region, HcArenaIsMaxAlignedAndInItsSection) {
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(odd_sized_arena) % hc::max_alignment, 0u);
  EXPECT_EQ(sizeof odd_sized_arena, 24u);
#if defined(__arm__)
  const auto a = reinterpret_cast<std::uintptr_t>(odd_sized_arena);
  EXPECT_GE(a, reinterpret_cast<std::uintptr_t>(__hc_arena_start));
  EXPECT_LE(a + sizeof odd_sized_arena, reinterpret_cast<std::uintptr_t>(__hc_arena_end));
#endif
}

TEST(Region, RegionOfAndLinkerRegion) {
  unsigned char bytes[40];
  const hc::region r = hc::region_of(bytes);
  EXPECT_EQ(r.begin, bytes);
  EXPECT_EQ(r.size, 40u);
  const hc::region l = hc::linker_region(bytes + 8, bytes + 40);
  EXPECT_EQ(l.begin, bytes + 8);
  EXPECT_EQ(l.size, 32u);
  EXPECT_EQ(hc::linker_region(bytes + 40, bytes + 8).size, 0u) << "reversed symbols give an empty region";
#if defined(__arm__)
  // The board's real symbols: a non-empty region after the arena. Not written to: in test firmware
  // newlib's heap lives there.
  const hc::region free_ram = hc::linker_region(__hc_free_start, __hc_free_end);
  EXPECT_EQ(free_ram.begin, static_cast<void*>(__hc_free_start));
  EXPECT_GT(free_ram.size, 0u);
  EXPECT_GE(reinterpret_cast<std::uintptr_t>(__hc_free_start), reinterpret_cast<std::uintptr_t>(__hc_arena_end));
#endif
}

// The usage example at the top of hc/bump.hpp, verbatim but for the namespace-scope arena.
static HC_ARENA(arena, 4096);

TEST(Region, UsageExampleFromTheBumpHeader) {
  hc::bump root{hc::region_of(arena)};     // the root: no heap, no source
  hc::bump frame{root, 512};               // 512 bytes taken from root, given back when frame dies
  auto* p = static_cast<float*>(frame.acquire(4 * sizeof(float)));   // 4-aligned (natural)
  auto m = frame.mark();  /* ... scratch work ... */  frame.rewind(m);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(float), 0u);
  EXPECT_EQ(root.used(), 512u);
  EXPECT_EQ(frame.used(), 16u);
}

}  // namespace
