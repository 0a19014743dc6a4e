// error_test.cpp — the error channel: messages, last error, the hook.
#include <gtest/gtest.h>

#include <cstring>

#include "hc/bump.hpp"
#include "hc/error.hpp"

namespace {

int g_calls = 0;
hc::error g_code = hc::error::none;
const void* g_who = nullptr;
void counting_hook(hc::error code, const void* who) {
  ++g_calls;
  g_code = code;
  g_who = who;
}

TEST(Error, EveryCodeHasItsOwnMessage) {
  const hc::error codes[] = {hc::error::none, hc::error::invalid_size, hc::error::invalid_alignment,
                             hc::error::no_memory, hc::error::invalid_pointer,
                             hc::error::canary_overrun, hc::error::canary_underrun, hc::error::double_release};
  for (hc::error a : codes) {
    ASSERT_NE(hc::message(a), nullptr);
    EXPECT_GT(std::strlen(hc::message(a)), 5u);
    for (hc::error b : codes) {
      if (a != b) {
        EXPECT_STRNE(hc::message(a), hc::message(b));
      }
    }
  }
  EXPECT_STREQ(hc::message(hc::error::no_memory), "out of memory");
  EXPECT_STREQ(hc::message(static_cast<hc::error>(200)), "unknown error");
}

TEST(Error, LastErrorIsRecordedAndCleared) {
  unsigned char buffer[16];
  hc::bump a{hc::region_of(buffer)};
  hc::clear_error();
  EXPECT_EQ(hc::last_error(), hc::error::none);
  EXPECT_EQ(a.acquire(0), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size);
  EXPECT_NE(a.acquire(4), nullptr);
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size) << "a success does not clear the last error";
  hc::clear_error();
  EXPECT_EQ(hc::last_error(), hc::error::none);
}

TEST(Error, HookIsCalledAtTheFailureWithTheAllocatorAndCanBeRemoved) {
  unsigned char buffer[16];
  hc::bump a{hc::region_of(buffer)};
  const hc::error_hook before = hc::set_error_hook(&counting_hook);
  g_calls = 0;
  EXPECT_EQ(a.acquire(17), nullptr);
  EXPECT_EQ(g_calls, 1);
  EXPECT_EQ(g_code, hc::error::invalid_size);
  EXPECT_EQ(g_who, &a);
  EXPECT_EQ(a.acquire(8, 5), nullptr);
  EXPECT_EQ(g_calls, 2);
  EXPECT_EQ(g_code, hc::error::invalid_alignment);
  EXPECT_EQ(hc::set_error_hook(nullptr), &counting_hook) << "set_error_hook returns the previous hook";
  EXPECT_EQ(a.acquire(0), nullptr);
  EXPECT_EQ(g_calls, 2) << "no hook, no call";
  EXPECT_EQ(hc::last_error(), hc::error::invalid_size) << "the code is still recorded";
  hc::set_error_hook(before);
}

}  // namespace
