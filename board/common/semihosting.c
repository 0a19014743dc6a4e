/* board/common/semihosting.c — hc_board.h's console, exit and command line over Arm semihosting.
 * Uses no libc: safe for firmware that must not link newlib stdio or malloc. */
#include "hc_board.h"
#include "semihosting.h"

static uintptr_t console_handle; /* SYS_OPEN handle of ":tt" for writing */
static int console_open;         /* in .bss: 0 until the first write opens the console */

static uintptr_t console(void) {
  if (!console_open) {
    static const char tt[] = ":tt";
    uintptr_t block[3] = {(uintptr_t)tt, 4 /* mode "w" */, sizeof tt - 1};
    console_handle = hc_semihost(HC_SYS_OPEN, (uintptr_t)block);
    console_open = 1;
  }
  return console_handle;
}

void hc_board_write(const char* s, size_t n) {
  if (n == 0) return;
  uintptr_t block[3] = {console(), (uintptr_t)s, n};
  (void)hc_semihost(HC_SYS_WRITE, (uintptr_t)block);
}

void hc_board_puts(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  hc_board_write(s, n);
}

void hc_board_put_dec(uint32_t v) {
  char buf[10];
  size_t i = sizeof buf;
  do {
    buf[--i] = (char)('0' + v % 10u);
    v /= 10u;
  } while (v != 0);
  hc_board_write(buf + i, sizeof buf - i);
}

void hc_board_put_hex(uint32_t v) {
  char buf[10] = {'0', 'x'};
  for (int i = 9; i >= 2; --i, v >>= 4) buf[i] = "0123456789abcdef"[v & 0xFu];
  hc_board_write(buf, sizeof buf);
}

_Noreturn void hc_board_exit(int status) {
  if (status == 0) {
    (void)hc_semihost(HC_SYS_EXIT, HC_ADP_STOPPED_APPLICATION_EXIT);
  } else {
    /* Plain SYS_EXIT cannot carry a code, and with ApplicationExit QEMU would report success:
     * ask for the extended exit with the code (1..255), and if the host lacks it, stop with an error. */
    uint32_t code = (uint32_t)status & 0xFFu;
    uintptr_t block[2] = {HC_ADP_STOPPED_APPLICATION_EXIT, code != 0 ? code : 1u};
    (void)hc_semihost(HC_SYS_EXIT_EXTENDED, (uintptr_t)block);
    (void)hc_semihost(HC_SYS_EXIT, HC_ADP_STOPPED_RUNTIME_ERROR_UNKNOWN);
  }
  for (;;) __asm__ volatile("bkpt 0"); /* no semihosting host: stop here */
}

size_t hc_board_cmdline(char* buf, size_t cap) {
  if (cap == 0) return 0;
  uintptr_t block[2] = {(uintptr_t)buf, cap};
  if (hc_semihost(HC_SYS_GET_CMDLINE, (uintptr_t)block) != 0) return 0;
  size_t n = block[1] < cap ? block[1] : cap - 1;
  buf[n] = '\0';
  return n;
}
