// main.cpp — GoogleTest entry point of the target test firmware (the board's startup calls main with the
// semihosting command line, so --gtest_filter and friends arrive through QEMU's -append).
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
