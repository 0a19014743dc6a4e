// board/common/gtest_main.cpp — main() for on-target GoogleTest firmware (library hc_gtest_main_target):
// runs the tests selected by the command line (-append "--gtest_filter=..."), prints the stack and heap
// high-water marks and the margins they leave, and returns 0 only when every test passed AND both
// margins are at least the board's stated minimum (HC_MIN_HEAP_MARGIN, HC_MIN_STACK_MARGIN bytes, from
// board/<machine>/board.cmake). Exit status: bit 0 = a test failed, bit 1 = a margin is low (reported
// as "hc_board: MARGIN LOW: ...", which cmake/hc_qemu_check.cmake fails in every mode).
//
// The unaligned-access trap is turned OFF here: newlib's memcpy and libstdc++ are prebuilt for
// ARMv7-M/v8-M with unaligned accesses allowed and fault under the trap (measured: memcpy from a
// streambuf, moneypunct's locale setup). A test that wants the trap switches it on around the code
// it checks: `int was = hc_board_unaligned_trap(1); ... hc_board_unaligned_trap(was);` (ARMv6-M
// traps always, whatever this says.)
#include <gtest/gtest.h>

#include <cstdio>

#include "hc_board.h"

#if !defined(HC_MIN_HEAP_MARGIN) || !defined(HC_MIN_STACK_MARGIN)
#error "define HC_MIN_HEAP_MARGIN and HC_MIN_STACK_MARGIN (bytes; board/CMakeLists.txt does)"
#endif

namespace {

// Prints " <what> <free_bytes> B (min <required>)".
void print_margin(const char* what, size_t free_bytes, size_t required) {
  hc_board_puts(what);
  hc_board_put_dec(static_cast<uint32_t>(free_bytes));
  hc_board_puts(" B (min ");
  hc_board_put_dec(static_cast<uint32_t>(required));
  hc_board_puts(")");
}

// Returns whether free_bytes < required, after printing the loud MARGIN LOW line if so.
bool margin_low(const char* what, size_t free_bytes, size_t required) {
  if (free_bytes >= required) return false;
  hc_board_puts("hc_board: MARGIN LOW: ");
  hc_board_puts(what);
  hc_board_puts(" free ");
  hc_board_put_dec(static_cast<uint32_t>(free_bytes));
  hc_board_puts(" B < required ");
  hc_board_put_dec(static_cast<uint32_t>(required));
  hc_board_puts(" B (add a new image for new suites on this board)\n");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  (void)hc_board_unaligned_trap(0);
  // A static, line-buffered stdout: newlib would otherwise take a 1 KiB buffer from the heap, which the
  // 16 KiB M0 needs for GoogleTest's failure reports.
  static char stdout_buffer[128];
  setvbuf(stdout, stdout_buffer, _IOLBF, sizeof stdout_buffer);
  testing::InitGoogleTest(&argc, argv);
  const int failed = RUN_ALL_TESTS();
  // The margins: what the high-water marks left of the stack reserve and of the heap's range.
  const size_t stack_peak = hc_board_stack_peak();
  const size_t stack_size = hc_board_stack_size();
  const size_t heap_used = hc_board_heap_used();
  const size_t heap_size = hc_board_heap_size();
  const size_t stack_free = stack_peak < stack_size ? stack_size - stack_peak : 0;
  const size_t heap_free = heap_used < heap_size ? heap_size - heap_used : 0;
  hc_board_puts("hc_board: stack peak ");
  hc_board_put_dec(static_cast<uint32_t>(stack_peak));
  hc_board_puts(" B, heap used ");
  hc_board_put_dec(static_cast<uint32_t>(heap_used));
  hc_board_puts(" B; free at peak:");
  print_margin(" heap ", heap_free, HC_MIN_HEAP_MARGIN);
  print_margin(", stack ", stack_free, HC_MIN_STACK_MARGIN);
  hc_board_puts("\n");
  const bool heap_low = margin_low("heap", heap_free, HC_MIN_HEAP_MARGIN);
  const bool stack_low = margin_low("stack", stack_free, HC_MIN_STACK_MARGIN);
  return (failed != 0 ? 1 : 0) | (heap_low || stack_low ? 2 : 0);
}
