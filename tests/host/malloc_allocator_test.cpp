// malloc_allocator_test.cpp — the host-only malloc/free root (HC_WITH_MALLOC).
#include <gtest/gtest.h>

#include <cstdint>

#include "hc/bump.hpp"
#include "hc/malloc_allocator.hpp"

namespace {

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

TEST(MallocAllocator, AlignsNaturallyAndExplicitly) {
  hc::malloc_allocator m;
  for (std::size_t size = 1; size <= 1024; size = size * 3 + 1) {
    void* p = m.acquire(size);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(address(p) % hc::natural_alignment(size), 0u);
    m.release(p);
  }
  for (std::size_t alignment = 1; alignment <= 4096; alignment *= 2) {
    void* p = m.acquire(24, alignment);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(address(p) % alignment, 0u) << alignment;
    m.release(p);
  }
}

TEST(MallocAllocator, RejectsBadInput) {
  hc::malloc_allocator m;
  hc::clear_error();
  EXPECT_EQ(m.acquire(0), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size);
  EXPECT_EQ(m.acquire(SIZE_MAX), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size);
  EXPECT_EQ(m.acquire(8, 3), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_alignment);
  m.release(nullptr);
}

TEST(MallocAllocator, RootsABump) {
  hc::malloc_allocator m;
  hc::bump a{m, 4096};
  EXPECT_EQ(a.capacity(), 4096u);
  EXPECT_NE(a.acquire(100), nullptr);
}

}  // namespace
