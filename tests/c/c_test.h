/* tests/c/c_test.h — the C tests' runner interface: output (host: stdio, target: semihosting) and the
 * C++ side of the tests (cpp_side.cpp), which builds C++ allocators for the C code to use. C99. */
#ifndef HC_C_TEST_H
#define HC_C_TEST_H

#include <stddef.h>

#include "hc/hc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes s to the test's output (no newline added). */
void c_test_puts(const char *s);
/* Writes v in decimal to the test's output. */
void c_test_putu(unsigned long v);

/* A C++ hc::stats<hc::memo> over `size` bytes at `begin`, seen through an hc::c_view. */
struct hc_malloc *cpp_stats_memo(void *begin, size_t size);
/* Live blocks the stats layer above counts (acquires - releases). */
size_t cpp_stats_live(void);
/* A C++ hc::pool of `block_size`-byte blocks in `chunk_size`-byte chunks taken from `source` through an
 * hc::c_allocator, seen through an hc::c_view. */
struct hc_malloc *cpp_pool_over(struct hc_malloc *source, size_t block_size, size_t chunk_size);
/* Chunks the pool above took from its source. */
size_t cpp_pool_chunks(void);
/* Destroys the C++ allocators above (the pool gives its chunks back). */
void cpp_destroy(void);

#ifdef __cplusplus
}
#endif

#endif /* HC_C_TEST_H */
