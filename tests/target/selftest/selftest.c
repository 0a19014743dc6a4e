/* tests/target/selftest/selftest.c — proves the board's exit-status and fault paths: one firmware,
 * the case chosen by the first argument (-append "<case>"):
 *   pass       returns 0                                   -> QEMU exits 0
 *   fail       returns 3                                   -> QEMU exits nonzero
 *   unaligned  32-bit load from an odd address             -> HardFault (M0) / UsageFault (M3+)
 *   exit       newlib exit(5) through hc_board_syscalls    -> QEMU exits nonzero
 *   args       checks argv splitting of "args a bb  ccc"   -> QEMU exits 0 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hc_board.h"

static int equal(const char* a, const char* b) { return strcmp(a, b) == 0; }

static int unaligned_load(void) {
  static uint32_t words[2] = {0x11223344u, 0x55667788u};
  /* The offset is hidden from the compiler: seeing a constant misaligned address, GCC would split the
   * load into byte loads (with -mno-unaligned-access) and nothing would fault. */
  volatile uintptr_t offset = 1;
  volatile uint32_t* odd = (volatile uint32_t*)((uintptr_t)words + offset);
  hc_board_puts("selftest: loading a word from an odd address\n");
  uint32_t v = *odd;
  hc_board_puts("selftest: no fault, read ");
  hc_board_put_hex(v);
  hc_board_puts("\n");
  return 0; /* not reached when the core traps misaligned accesses */
}

static int check_args(int argc, char** argv) {
  int ok = argc == 5 && equal(argv[1], "args") && equal(argv[2], "a") && equal(argv[3], "bb") &&
           equal(argv[4], "ccc") && argv[5] == NULL;
  return ok ? 0 : 1;
}

int main(int argc, char** argv) {
  const char* what = argc > 1 ? argv[1] : "";
  hc_board_puts("selftest: case '");
  hc_board_puts(what);
  hc_board_puts("'\n");
  if (equal(what, "pass")) return 0;
  if (equal(what, "fail")) return 3;
  if (equal(what, "unaligned")) return unaligned_load();
  if (equal(what, "exit")) exit(5);
  if (equal(what, "args")) return check_args(argc, argv);
  hc_board_puts("selftest: unknown case\n");
  return 2;
}
