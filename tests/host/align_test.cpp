// align_test.cpp — natural alignment and address arithmetic, at compile time and at run time.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"

namespace {

// The seed article's definition, as a slow reference: loop up the powers of two.
std::size_t reference_natural_alignment(std::size_t size) {
  if (size >= hc::max_alignment) return hc::max_alignment;
  std::size_t v = 1;
  for (std::size_t nv = 1; nv <= size; v = nv, nv = v << 1) {
  }
  return v;
}

static_assert(hc::natural_alignment(0) == 1);
static_assert(hc::natural_alignment(1) == 1);
static_assert(hc::natural_alignment(2) == 2);
static_assert(hc::natural_alignment(3) == 2);
static_assert(hc::natural_alignment(4) == 4);
static_assert(hc::natural_alignment(7) == 4);
static_assert(hc::natural_alignment(8) == (hc::max_alignment < 8 ? hc::max_alignment : 8));
static_assert(hc::natural_alignment(SIZE_MAX) == hc::max_alignment);
static_assert(hc::max_alignment == alignof(std::max_align_t));
static_assert(hc::is_power_of_two(1) && hc::is_power_of_two(256) && !hc::is_power_of_two(0) &&
              !hc::is_power_of_two(12) && !hc::is_power_of_two(SIZE_MAX));
static_assert(hc::align_up(std::uintptr_t{13}, 8) == 16 && hc::align_up(std::uintptr_t{16}, 8) == 16 && hc::align_up(std::uintptr_t{0}, 64) == 0);
static_assert(hc::padding(13, 8) == 3 && hc::padding(16, 16) == 0 && hc::padding(UINTPTR_MAX, 4) == 1);
static_assert(hc::is_aligned(48, 16) && !hc::is_aligned(40, 16));

TEST(Align, NaturalAlignmentMatchesTheSeedDefinition) {
  for (std::size_t size = 0; size <= 4096; ++size) {
    ASSERT_EQ(hc::natural_alignment(size), reference_natural_alignment(size)) << "size " << size;
  }
  const std::size_t huge[] = {SIZE_MAX, SIZE_MAX / 2 + 1, SIZE_MAX - 1, std::size_t{1} << 20};
  for (std::size_t size : huge) EXPECT_EQ(hc::natural_alignment(size), hc::max_alignment);
}

TEST(Align, NaturalAlignmentIsAPowerOfTwoNoLargerThanSize) {
  for (std::size_t size = 1; size <= 300; ++size) {
    const std::size_t a = hc::natural_alignment(size);
    EXPECT_TRUE(hc::is_power_of_two(a));
    EXPECT_LE(a, size);
    EXPECT_TRUE(a == hc::max_alignment || a * 2 > size) << "size " << size;
  }
}

TEST(Align, AlignUpAndPaddingAgreeForEveryResidue) {
  volatile std::uintptr_t base = 0x1000;  // volatile: computed at run time
  for (std::size_t alignment = 1; alignment <= 256; alignment *= 2) {
    for (std::uintptr_t off = 0; off < 2 * alignment; ++off) {
      const std::uintptr_t addr = base + off;
      const std::uintptr_t up = hc::align_up(addr, alignment);
      EXPECT_TRUE(hc::is_aligned(up, alignment));
      EXPECT_GE(up, addr);
      EXPECT_LT(up - addr, alignment);
      EXPECT_EQ(hc::padding(addr, alignment), up - addr);
    }
  }
}

TEST(Align, PointerAlignUp) {
  alignas(64) unsigned char buffer[128];
  for (std::size_t i = 0; i < 64; ++i) {
    void* p = hc::align_up(buffer + i, 32);
    EXPECT_TRUE(hc::is_aligned(p, 32));
    EXPECT_EQ(p, i == 0 ? buffer : buffer + 32 + (i > 32 ? 32 : 0));
  }
}

}  // namespace
