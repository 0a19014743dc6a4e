// selfcheck_test.cpp — a test that must fail. Disabled: the build runs it on purpose and requires the
// run to FAIL (nonzero exit, on the host and through QEMU's semihosting exit on every core), proving a
// failing test is never reported as a pass.
#include <gtest/gtest.h>

namespace {
volatile int g_two = 2;  // volatile: the comparison happens at run time

TEST(DISABLED_SelfCheck, DeliberateFailure) { EXPECT_EQ(g_two + 1, 4) << "this failure is deliberate"; }
}  // namespace
