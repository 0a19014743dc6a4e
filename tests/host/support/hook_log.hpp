// hook_log.hpp — an error hook for tests: counts the calls and remembers the last one.
#pragma once

#include <gtest/gtest.h>

#include "hc/error.hpp"

namespace hc_test {

/// Install hook_log::hook with hc::set_error_hook; reset `calls` before the call under test.
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

/// A test fixture with hook_log installed (and the previous hook restored after the test).
class hooked_test : public ::testing::Test {
 protected:
  void SetUp() override {
    hc::clear_error();
    hook_log::calls = 0;
    previous_ = hc::set_error_hook(&hook_log::hook);
  }
  void TearDown() override { hc::set_error_hook(previous_); }
  /// Expects exactly one reported failure since the last check, with `code`, from `who`; then clears.
  static void expect_reported(hc::error code, const void* who) {
    EXPECT_EQ(hc::last_error(), code) << hc::message(hc::last_error());
    EXPECT_EQ(hook_log::calls, 1);
    EXPECT_EQ(hook_log::who, who);
    hc::clear_error();
    hook_log::calls = 0;
  }

 private:
  hc::error_hook previous_ = nullptr;
};

}  // namespace hc_test
