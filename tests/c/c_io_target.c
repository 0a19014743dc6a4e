/* tests/c/c_io_target.c — the C tests' output on the target: the board's semihosting console. */
#include <stdint.h>

#include "c_test.h"
#include "hc_board.h"

void c_test_puts(const char *s) { hc_board_puts(s); }
void c_test_putu(unsigned long v) { hc_board_put_dec((uint32_t)v); }
