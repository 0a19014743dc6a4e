/* tests/c/c_io_host.c — the C tests' output on the host: stdout. */
#include <stdio.h>

#include "c_test.h"

void c_test_puts(const char *s) { fputs(s, stdout); }
void c_test_putu(unsigned long v) { printf("%lu", v); }
