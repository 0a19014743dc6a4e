// typed_access.hpp — target-only suite: every kind of typed access to blocks from an allocator, with
// the core's unaligned-access trap on around the accesses (the M0 always traps), plus an explicit
// address check, because a 4-aligned but not 8-aligned pointer never faults on any Cortex-M.
// Instantiated by typed_access_test.cpp (the library) and misaligned_access_test.cpp (broken on purpose).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>

#include "hc/align.hpp"
#include "hc_board.h"
#include "support/subjects.hpp"
#include "support/test_arena.hpp"

namespace hc_test {

struct words {  // copied with LDM/STM
  std::uint32_t a, b, c, d;
};
struct mixed {  // 8-aligned members: LDRD/STRD, VLDR.64 on cores with an FPU
  std::uint32_t a;
  std::uint64_t b;
  double c;
};

inline void barrier() { __asm__ volatile("" ::: "memory"); }

template <class T, class A>
T* acquire_as(A& a, bool natural) {
  return static_cast<T*>(natural ? a.acquire(sizeof(T)) : a.acquire(sizeof(T), alignof(T)));
}

// The unaligned-access trap is on only around the accesses themselves: the prebuilt newlib/libstdc++
// that GoogleTest uses make unaligned accesses of their own (see board/common/gtest_main.cpp).
class trap_on {
 public:
  trap_on() : was_(hc_board_unaligned_trap(1)) {}
  ~trap_on() { hc_board_unaligned_trap(was_); }
  trap_on(const trap_on&) = delete;
  trap_on& operator=(const trap_on&) = delete;

 private:
  int was_;
};

// Writes and reads back `value` through a T* into a fresh block. Compared with == and reported as a
// bool: the M0 image has no printf for floating point.
template <class T, class A>
void touch(A& a, bool natural, T value) {
  T* p = acquire_as<T>(a, natural);
  ASSERT_NE(p, nullptr);
  T back{};
  {
    trap_on trap;
    *static_cast<volatile T*>(p) = value;
    back = *static_cast<volatile T*>(p);
  }
  EXPECT_TRUE(back == value) << "sizeof " << sizeof(T);
}

template <class A>
void touch_aggregates(A& a, bool natural) {
  words* w = acquire_as<words>(a, natural);
  mixed* m = acquire_as<mixed>(a, natural);
  ASSERT_NE(w, nullptr);
  ASSERT_NE(m, nullptr);
  words wc{};
  mixed mc{};
  {
    trap_on trap;
    *w = words{1, 2, 3, 4};
    *m = mixed{5, 0x0102030405060708ull, 2.5};
    barrier();
    wc = *w;
    mc = *m;
  }
  EXPECT_EQ(wc.d, 4u);
  EXPECT_EQ(mc.b, 0x0102030405060708ull);
  EXPECT_TRUE(mc.c == 2.5);
}

template <class Subject>
class TargetAccess : public ::testing::Test {};
TYPED_TEST_SUITE_P(TargetAccess);

// Typed accesses only: a misaligned block makes the core fault here (the run then fails).
TYPED_TEST_P(TargetAccess, TypedAccesses) {
  TypeParam s{arena()};
  auto& a = s.get();
  for (int round = 0; round < 6; ++round) {
    const bool natural = round % 2 == 0;
    ASSERT_NE(a.acquire(1 + static_cast<std::size_t>(round)), nullptr);  // put the cursor off alignment
    touch<std::uint16_t>(a, natural, 0xBEEF);
    touch<std::uint32_t>(a, natural, 0xDEADBEEFu);
    touch<std::uint64_t>(a, natural, 0x1122334455667788ull);
    touch<float>(a, natural, 1.5f);
    touch<double>(a, natural, -3.25);
    touch_aggregates(a, natural);
  }
}

// The explicit check that catches what no access faults on. ASSERT: one failure is enough, and each
// reported failure costs GoogleTest heap the M0 does not have.
TYPED_TEST_P(TargetAccess, AddressesAreAligned) {
  TypeParam s{arena()};
  auto& a = s.get();
  for (std::size_t offset = 1; offset <= 8; ++offset) {
    ASSERT_NE(a.acquire(offset), nullptr);
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(acquire_as<std::uint64_t>(a, true)) % alignof(std::uint64_t), 0u);
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(acquire_as<double>(a, false)) % alignof(double), 0u);
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(acquire_as<mixed>(a, true)) % alignof(mixed), 0u);
    ASSERT_EQ(reinterpret_cast<std::uintptr_t>(acquire_as<std::uint16_t>(a, true)) % 2, 0u);
  }
}

REGISTER_TYPED_TEST_SUITE_P(TargetAccess, TypedAccesses, AddressesAreAligned);

}  // namespace hc_test
