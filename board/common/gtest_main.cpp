// board/common/gtest_main.cpp — main() for on-target GoogleTest firmware (library hc_gtest_main_target):
// runs the tests selected by the command line (-append "--gtest_filter=..."), prints the stack and heap
// high-water marks, and returns 0 only when every test passed.
//
// The unaligned-access trap is turned OFF here: newlib's memcpy and libstdc++ are prebuilt for
// ARMv7-M/v8-M with unaligned accesses allowed and fault under the trap (measured: memcpy from a
// streambuf, moneypunct's locale setup). A test that wants the trap switches it on around the code
// it checks: `int was = hc_board_unaligned_trap(1); ... hc_board_unaligned_trap(was);` (ARMv6-M
// traps always, whatever this says.)
#include <gtest/gtest.h>

#include <cstdio>

#include "hc_board.h"

int main(int argc, char** argv) {
  (void)hc_board_unaligned_trap(0);
  // A static, line-buffered stdout: newlib would otherwise take a 1 KiB buffer from the heap, which the
  // 16 KiB M0 needs for GoogleTest's failure reports.
  static char stdout_buffer[128];
  setvbuf(stdout, stdout_buffer, _IOLBF, sizeof stdout_buffer);
  testing::InitGoogleTest(&argc, argv);
  const int failed = RUN_ALL_TESTS();
  hc_board_puts("hc_board: stack peak ");
  hc_board_put_dec(static_cast<uint32_t>(hc_board_stack_peak()));
  hc_board_puts(" B, heap used ");
  hc_board_put_dec(static_cast<uint32_t>(hc_board_heap_used()));
  hc_board_puts(" B\n");
  return failed == 0 ? 0 : 1;
}
