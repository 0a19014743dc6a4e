/* tests/c/c_api_test.c — hc's C API (hc/hc.h) tested from C99, on the host and on every core in QEMU.
 *
 * One program, no test framework: each test_* function runs its checks; a failed check prints its
 * test, line and condition, and main() returns nonzero (QEMU's exit code on the target). It ends with
 * "c_api_test: PASSED" or "c_api_test: FAILED". Argument "deliberate-failure" runs only a test that
 * must fail: the proof that a failing check fails the run (CTest expects that run to fail).
 *
 * Every allocator here lives in static storage over static arenas: no heap. The C allocator
 * `c_bump` (a seed-style bump allocator written in C) is the source of hc's C++ allocators; the C++
 * allocators of cpp_side.cpp are used from C through hc::c_view. */
#include "hc/hc.h"  /* first: the header is self-contained as C99 (-Wpedantic) */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "c_test.h"

/* ---- The runner ------------------------------------------------------------------------------- */

static const char *g_test = "";
static unsigned long g_checks = 0;
static unsigned long g_failures = 0;

static void check(int ok, int line, const char *what) {
  ++g_checks;
  if (ok) return;
  ++g_failures;
  c_test_puts("  FAILED ");
  c_test_puts(g_test);
  c_test_puts(" line ");
  c_test_putu((unsigned long)line);
  c_test_puts(": ");
  c_test_puts(what);
  c_test_puts("\n");
}

#define CHECK(cond) check((cond) != 0, __LINE__, #cond)
/* `expr` is NULL (or false) and reported `code`, which is then cleared. */
#define CHECK_FAILS(expr, code)                                       \
  do {                                                                \
    hc_clear_error();                                                 \
    check(!(expr), __LINE__, "fails: " #expr);                        \
    check(hc_last_error() == (code), __LINE__, "reports " #code);     \
    hc_clear_error();                                                 \
  } while (0)
/* `expr` reports nothing (hc_last_error() stays HC_ERROR_NONE). */
#define CHECK_QUIET(expr)                                             \
  do {                                                                \
    hc_clear_error();                                                 \
    expr;                                                             \
    check(hc_last_error() == HC_ERROR_NONE, __LINE__, "quiet: " #expr); \
  } while (0)

static int aligned(const void *p, size_t alignment) { return ((uintptr_t)p & (alignment - 1u)) == 0; }

/* The natural maximum alignment (alignof(max_align_t)), as the C API computes it. */
static size_t max_align(void) { return hc_natural_alignment((size_t)-1); }

/* ---- The hook ---------------------------------------------------------------------------------- */

static unsigned long g_hook_calls = 0;
static enum hc_error g_hook_code = HC_ERROR_NONE;
static const void *g_hook_allocator = NULL;

static void record_hook(enum hc_error code, const void *allocator) {
  ++g_hook_calls;
  g_hook_code = code;
  g_hook_allocator = allocator;
}

static void other_hook(enum hc_error code, const void *allocator) {
  (void)code;
  (void)allocator;
}

/* ---- A C allocator: the seed's bump, with counters ------------------------------------------- */

struct c_bump {
  struct hc_malloc m; /* first: a struct hc_malloc * is a struct c_bump * */
  unsigned char *cursor, *end;
  unsigned long acquires, releases;
  size_t last_alignment;
};

static void *c_bump_acquire_aligned(struct hc_malloc *m, size_t size, size_t alignment) {
  struct c_bump *b = (struct c_bump *)m;
  uintptr_t at;
  if (size == 0) return hc_fail(HC_INVALID_SIZE, m);
  if (alignment == 0 || (alignment & (alignment - 1u)) != 0) return hc_fail(HC_INVALID_ALIGNMENT, m);
  at = ((uintptr_t)b->cursor + (alignment - 1u)) & ~(uintptr_t)(alignment - 1u);
  if (at < (uintptr_t)b->cursor || at > (uintptr_t)b->end || size > (uintptr_t)b->end - at) {
    return hc_fail(HC_NO_MEMORY, m);
  }
  b->cursor = (unsigned char *)(at + size);
  ++b->acquires;
  b->last_alignment = alignment;
  return (void *)at;
}

static void *c_bump_acquire(struct hc_malloc *m, size_t size) {
  return c_bump_acquire_aligned(m, size, hc_natural_alignment(size));
}

static void c_bump_release(struct hc_malloc *m, void *block) {
  if (block != NULL) ++((struct c_bump *)m)->releases;
}

/* A c_bump over `bytes`; with_aligned == 0 leaves acquire_aligned NULL (the seed's two functions). */
static struct hc_malloc *c_bump_init(struct c_bump *b, unsigned char *bytes, size_t size, int with_aligned) {
  b->m.acquire = c_bump_acquire;
  b->m.release = c_bump_release;
  b->m.acquire_aligned = with_aligned ? c_bump_acquire_aligned : NULL;
  b->cursor = bytes;
  b->end = bytes + size;
  b->acquires = b->releases = 0;
  b->last_alignment = 0;
  return &b->m;
}

/* ---- Memory ------------------------------------------------------------------------------------ */

static HC_ARENA(g_arena, 2048);
static HC_ARENA(g_other, 512);
static hc_bump_storage g_bump, g_bump2;
static hc_pool_storage g_pool, g_pool2;
static hc_memo_storage g_memo;
static hc_slab_storage g_slab, g_slab2;
static hc_heap_storage g_heap;
static struct c_bump g_c;

/* ---- Tests ------------------------------------------------------------------------------------- */

static void test_errors(void) {
  enum hc_error code;
  g_test = "errors";
  for (code = HC_ERROR_NONE; code <= HC_DOUBLE_RELEASE; code = (enum hc_error)(code + 1)) {
    const char *text = hc_message(code);
    CHECK(text != NULL && text[0] != '\0');
    CHECK(strcmp(text, "unknown error") != 0);
    if (code != HC_ERROR_NONE) CHECK(strcmp(text, hc_message(HC_ERROR_NONE)) != 0);
  }
  CHECK(strcmp(hc_message(HC_NO_MEMORY), "out of memory") == 0);
  CHECK(strcmp(hc_message((enum hc_error)99), "unknown error") == 0);

  hc_clear_error();
  CHECK(hc_last_error() == HC_ERROR_NONE);
  CHECK(hc_fail(HC_NO_MEMORY, &g_c) == NULL);
  CHECK(hc_last_error() == HC_NO_MEMORY);
  hc_clear_error();
  CHECK(hc_last_error() == HC_ERROR_NONE);

  /* The hook: called with the code and the allocator; replaced and removed. */
  CHECK(hc_set_hook(record_hook) == NULL);
  g_hook_calls = 0;
  hc_fail(HC_INVALID_SIZE, &g_c);
  CHECK(g_hook_calls == 1 && g_hook_code == HC_INVALID_SIZE && g_hook_allocator == &g_c);
  CHECK(hc_set_hook(other_hook) == record_hook);
  hc_fail(HC_NO_MEMORY, &g_c);
  CHECK(g_hook_calls == 1);
  CHECK(hc_set_hook(NULL) == other_hook);
  hc_fail(HC_NO_MEMORY, &g_c);
  CHECK(g_hook_calls == 1 && hc_last_error() == HC_NO_MEMORY);
  CHECK(hc_set_hook(NULL) == NULL);
  hc_clear_error();

  CHECK(hc_natural_alignment(0) == 1 && hc_natural_alignment(1) == 1 && hc_natural_alignment(3) == 2);
  CHECK(hc_natural_alignment(4) == 4 && hc_natural_alignment(7) == 4);
  CHECK(max_align() == 8 || max_align() == 16);
  CHECK(hc_natural_alignment(1000) == max_align());
}

static void test_protocol_rejects_null(void) {
  int local = 0;
  g_test = "protocol_rejects_null";
  CHECK_FAILS(hc_acquire(NULL, 8), HC_INVALID_POINTER);
  CHECK_FAILS(hc_acquire_aligned(NULL, 8, 8), HC_INVALID_POINTER);
  hc_clear_error();
  hc_release(NULL, &local);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  CHECK_QUIET(hc_release(NULL, NULL));
  /* Every init rejects a NULL storage, region or source. */
  CHECK_FAILS(hc_bump_init(NULL, g_arena, 64), HC_INVALID_POINTER);
  CHECK_FAILS(hc_bump_init(&g_bump, NULL, 64), HC_INVALID_POINTER);
  CHECK_FAILS(hc_bump_init_sourced(&g_bump, NULL, 64), HC_INVALID_POINTER);
  CHECK_FAILS(hc_pool_init(NULL, g_arena, 64, 8, 0), HC_INVALID_POINTER);
  CHECK_FAILS(hc_pool_init(&g_pool, NULL, 64, 8, 0), HC_INVALID_POINTER);
  CHECK_FAILS(hc_pool_init_sourced(&g_pool, NULL, 8, 256, 0), HC_INVALID_POINTER);
  CHECK_FAILS(hc_memo_init(NULL, g_arena, 64), HC_INVALID_POINTER);
  CHECK_FAILS(hc_memo_init(&g_memo, NULL, 64), HC_INVALID_POINTER);
  CHECK_FAILS(hc_memo_init_sourced(&g_memo, NULL), HC_INVALID_POINTER);
  CHECK_FAILS(hc_slab_init(NULL, g_arena, 1024, 256, 0), HC_INVALID_POINTER);
  CHECK_FAILS(hc_slab_init(&g_slab, NULL, 1024, 256, 0), HC_INVALID_POINTER);
  CHECK_FAILS(hc_slab_init_sourced(&g_slab, NULL, 256, 0), HC_INVALID_POINTER);
  CHECK_FAILS(hc_heap_init(NULL, g_arena, 1024), HC_INVALID_POINTER);
  CHECK_FAILS(hc_heap_init(&g_heap, NULL, 1024), HC_INVALID_POINTER);
  CHECK_FAILS(hc_heap_init_sourced(NULL, &g_c.m, 512), HC_INVALID_POINTER);
  CHECK_FAILS(hc_heap_init_sourced(&g_heap, NULL, 512), HC_INVALID_POINTER);
  /* Deinit of NULL does nothing. */
  CHECK_QUIET(hc_bump_deinit(NULL));
  CHECK_QUIET(hc_pool_deinit(NULL));
  CHECK_QUIET(hc_memo_deinit(NULL));
  CHECK_QUIET(hc_slab_deinit(NULL));
  CHECK_QUIET(hc_heap_deinit(NULL));
}

static void test_bump_root(void) {
  struct hc_malloc *m;
  struct hc_malloc *other;
  hc_bump_marker mark, foreign;
  void *a, *b, *c;
  int local = 0;
  g_test = "bump_root";
  m = hc_bump_init(&g_bump, g_arena, 256);
  CHECK(m != NULL);
  CHECK(hc_bump_capacity(&g_bump) == 256 && hc_bump_used(&g_bump) == 0 && hc_bump_remaining(&g_bump) == 256);

  a = hc_acquire(m, 10);
  CHECK(a != NULL && aligned(a, 8));
  CHECK(hc_bump_owns(&g_bump, a) && !hc_bump_owns(&g_bump, &local));
  b = hc_acquire_aligned(m, 5, 32);
  CHECK(b != NULL && aligned(b, 32));
  CHECK(hc_bump_used(&g_bump) >= 15 && hc_bump_used(&g_bump) + hc_bump_remaining(&g_bump) == 256);

  CHECK_FAILS(hc_acquire(m, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire(m, 257), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire(m, 256), HC_NO_MEMORY);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 3), HC_INVALID_ALIGNMENT);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 0), HC_INVALID_ALIGNMENT);
  CHECK_QUIET(hc_release(m, a));
  CHECK_QUIET(hc_release(m, NULL));
  hc_clear_error();
  hc_release(m, &local);
  CHECK(hc_last_error() == HC_INVALID_POINTER);

  /* The hook names the storage of the allocator that failed. */
  hc_set_hook(record_hook);
  g_hook_calls = 0;
  CHECK(hc_acquire(m, 0) == NULL);
  CHECK(g_hook_calls == 1 && g_hook_code == HC_INVALID_SIZE && g_hook_allocator == (const void *)&g_bump);
  hc_set_hook(NULL);
  hc_clear_error();

  /* Frames: mark, rewind, reset; a marker of another allocator is rejected. */
  mark = hc_bump_mark(&g_bump);
  c = hc_acquire(m, 64);
  CHECK(c != NULL && hc_bump_owns(&g_bump, c));
  CHECK(hc_bump_rewind(&g_bump, mark));
  CHECK(!hc_bump_owns(&g_bump, c));
  other = hc_bump_init(&g_bump2, g_other, sizeof g_other);
  CHECK(other != NULL && hc_acquire(other, 16) != NULL);
  foreign = hc_bump_mark(&g_bump2);
  CHECK_FAILS(hc_bump_rewind(&g_bump, foreign), HC_INVALID_POINTER);
  hc_bump_deinit(&g_bump2);
  hc_bump_reset(&g_bump);
  CHECK(hc_bump_used(&g_bump) == 0 && !hc_bump_owns(&g_bump, a));

  /* After deinit the face is dead: calls through it report, a second deinit does nothing. */
  hc_bump_deinit(&g_bump);
  CHECK_FAILS(hc_acquire(m, 8), HC_INVALID_POINTER);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 8), HC_INVALID_POINTER);
  CHECK_QUIET(hc_bump_deinit(&g_bump));
}

static void test_bump_sourced_from_c(void) {
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, 512, 1);
  struct hc_malloc *m;
  void *p;
  g_test = "bump_sourced_from_c";
  m = hc_bump_init_sourced(&g_bump, source, 200);
  CHECK(m != NULL && g_c.acquires == 1 && g_c.last_alignment == max_align());
  CHECK(hc_bump_capacity(&g_bump) == 200);
  p = hc_acquire(m, 100);
  CHECK(p != NULL && hc_bump_owns(&g_bump, p));
  hc_bump_deinit(&g_bump);
  CHECK(g_c.releases == 1);

  /* The source cannot give the block: init fails, the source reported (and the hook names it). */
  hc_set_hook(record_hook);
  g_hook_calls = 0;
  CHECK_FAILS(hc_bump_init_sourced(&g_bump, source, 4096), HC_NO_MEMORY);
  CHECK(g_hook_calls == 1 && g_hook_allocator == source);
  hc_set_hook(NULL);
  CHECK_QUIET(hc_bump_deinit(&g_bump)); /* its init failed: nothing to do */
  CHECK(g_c.releases == 1);
}

static void test_pool_root(void) {
  struct hc_malloc *m;
  void *blocks[64];
  size_t n = 0, i;
  const size_t alignment = hc_natural_alignment(24); /* 8 on Cortex-M, 16 on x86-64 */
  const size_t block = (24 + alignment - 1) / alignment * alignment;
  unsigned char *interior;
  g_test = "pool_root";
  m = hc_pool_init(&g_pool, g_arena, 256, 24, 0);
  CHECK(m != NULL);
  CHECK(hc_pool_block_size(&g_pool) == block && hc_pool_block_alignment(&g_pool) == alignment);
  CHECK(hc_pool_blocks(&g_pool) == 256 / block && hc_pool_capacity(&g_pool) == hc_pool_blocks(&g_pool) * block);
  CHECK(hc_pool_chunks(&g_pool) == 0 && hc_pool_free_blocks(&g_pool) == 0);
  CHECK(hc_pool_available(&g_pool) == hc_pool_blocks(&g_pool));

  while (n < 64 && (blocks[n] = hc_acquire(m, 20)) != NULL) {
    CHECK(aligned(blocks[n], 8) && hc_pool_owns(&g_pool, blocks[n]));
    ++n;
  }
  CHECK(n == hc_pool_blocks(&g_pool));
  CHECK(hc_last_error() == HC_NO_MEMORY);
  CHECK(hc_pool_available(&g_pool) == 0);
  CHECK_QUIET(hc_release(m, blocks[0]));
  CHECK(hc_pool_free_blocks(&g_pool) == 1 && hc_pool_available(&g_pool) == 1);
  CHECK(hc_acquire(m, 8) == blocks[0]);

  CHECK_FAILS(hc_acquire(m, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire(m, block + 1), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire_aligned(m, 8, alignment * 2), HC_INVALID_ALIGNMENT);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 6), HC_INVALID_ALIGNMENT);
  interior = (unsigned char *)blocks[1] + 8;
  CHECK(!hc_pool_owns(&g_pool, interior));
  hc_clear_error();
  hc_release(m, interior);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  hc_release(m, g_other);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  CHECK(hc_pool_free_blocks(&g_pool) == 0);
  for (i = 0; i < n; ++i) hc_release(m, blocks[i]);
  CHECK(hc_pool_free_blocks(&g_pool) == n);
  hc_pool_deinit(&g_pool);

  /* Bad geometry: init fails with the constructor's code; the storage needs no deinit. */
  CHECK_FAILS(hc_pool_init(&g_pool, g_arena, 256, 0, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_pool_init(&g_pool, g_arena, 256, 512, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_pool_init(&g_pool, g_arena, 256, 16, 3), HC_INVALID_ALIGNMENT);
  CHECK_QUIET(hc_pool_deinit(&g_pool));
  CHECK_FAILS(hc_acquire(m, 8), HC_INVALID_POINTER); /* the face of a failed init is dead */

  /* An explicit block alignment. */
  m = hc_pool_init(&g_pool, g_arena, 512, 20, 32);
  CHECK(m != NULL && hc_pool_block_alignment(&g_pool) == 32 && hc_pool_block_size(&g_pool) == 32);
  CHECK(aligned(hc_acquire_aligned(m, 20, 32), 32));
  hc_pool_deinit(&g_pool);
}

static void test_pool_sourced_from_c(void) {
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, sizeof g_arena, 1);
  struct hc_malloc *m;
  void *blocks[40];
  size_t i, per_chunk;
  g_test = "pool_sourced_from_c";
  m = hc_pool_init_sourced(&g_pool, source, 16, 256, 0);
  CHECK(m != NULL && hc_pool_chunks(&g_pool) == 0 && g_c.acquires == 0);
  blocks[0] = hc_acquire(m, 16);
  CHECK(blocks[0] != NULL && hc_pool_chunks(&g_pool) == 1);
  CHECK(g_c.acquires == 1 && g_c.last_alignment == 256);
  per_chunk = hc_pool_blocks(&g_pool);
  CHECK(per_chunk > 0 && per_chunk < 16);
  for (i = 1; i < 40; ++i) {
    blocks[i] = hc_acquire(m, 16);
    CHECK(blocks[i] != NULL && hc_pool_owns(&g_pool, blocks[i]));
  }
  CHECK(hc_pool_chunks(&g_pool) == (40 + per_chunk - 1) / per_chunk);
  CHECK(hc_pool_chunks(&g_pool) == g_c.acquires);
  for (i = 0; i < 40; ++i) CHECK_QUIET(hc_release(m, blocks[i]));
  CHECK(hc_pool_free_blocks(&g_pool) == 40);

  hc_pool_deinit(&g_pool);
  CHECK(g_c.releases == g_c.acquires);
}

static void test_pool_foreign_block(void) {
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, sizeof g_arena, 1);
  struct hc_malloc *a = hc_pool_init_sourced(&g_pool, source, 16, 256, 0);
  struct hc_malloc *b = hc_pool_init_sourced(&g_pool2, source, 16, 256, 0);
  void *pa, *pb;
  g_test = "pool_foreign_block";
  CHECK(a != NULL && b != NULL);
  pa = hc_acquire(a, 16);
  pb = hc_acquire(b, 16);
  CHECK(pa != NULL && pb != NULL);
  CHECK(!hc_pool_owns(&g_pool, pb) && !hc_pool_owns(&g_pool2, pa));
  /* pb lies in b's chunk, whose header names b. */
  hc_clear_error();
  hc_release(a, pb);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  CHECK_QUIET(hc_release(b, pb));
  hc_pool_deinit(&g_pool2);
  hc_pool_deinit(&g_pool);
  CHECK(g_c.releases == 2);
}

static void test_source_without_acquire_aligned(void) {
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, sizeof g_arena, 0);
  struct hc_malloc *m;
  void *p;
  g_test = "source_without_acquire_aligned";
  /* hc_acquire_aligned serves alignments up to the natural maximum through acquire. */
  p = hc_acquire_aligned(source, 3, 8);
  CHECK(p != NULL && aligned(p, 8) && g_c.last_alignment >= 8);
  p = hc_acquire_aligned(source, 24, max_align());
  CHECK(p != NULL && aligned(p, max_align()));
  p = hc_acquire_aligned(source, 24, 2);
  CHECK(p != NULL && aligned(p, 2));
  CHECK_FAILS(hc_acquire_aligned(source, 8, 3), HC_INVALID_ALIGNMENT);
  CHECK_FAILS(hc_acquire_aligned(source, 8, 0), HC_INVALID_ALIGNMENT);
  CHECK_FAILS(hc_acquire_aligned(source, 8, max_align() * 2), HC_INVALID_ALIGNMENT);
  /* The C allocator's own reports come through. */
  CHECK_FAILS(hc_acquire_aligned(source, 0, 8), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire_aligned(source, (size_t)-2, 8), HC_NO_MEMORY);

  /* A memo needs no more than natural alignment from its source. */
  m = hc_memo_init_sourced(&g_memo, source);
  CHECK(m != NULL);
  p = hc_acquire(m, 40);
  CHECK(p != NULL && aligned(p, 8));
  hc_release(m, p);
  hc_memo_deinit(&g_memo);

  /* A pool's chunks are aligned to their size: such a source cannot give them, and says so. */
  m = hc_pool_init_sourced(&g_pool, source, 16, 256, 0);
  CHECK(m != NULL);
  hc_set_hook(record_hook);
  g_hook_calls = 0;
  CHECK_FAILS(hc_acquire(m, 16), HC_INVALID_ALIGNMENT);
  CHECK(g_hook_calls == 1 && g_hook_allocator == source);
  hc_set_hook(NULL);
  hc_pool_deinit(&g_pool);
}

static void test_memo(void) {
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, sizeof g_arena, 1);
  struct hc_malloc *m;
  void *a, *b, *big, *aligned64;
  g_test = "memo";
  CHECK(HC_MEMO_MAX_CACHED == 256);
  m = hc_memo_init_sourced(&g_memo, source);
  CHECK(m != NULL && hc_memo_held(&g_memo) == 0 && hc_memo_cached(&g_memo) == 0);
  a = hc_acquire(m, 40);
  CHECK(a != NULL && aligned(a, 8) && hc_memo_owns(&g_memo, a) && hc_memo_held(&g_memo) == 1);
  CHECK_QUIET(hc_release(m, a));
  CHECK(hc_memo_cached(&g_memo) == 1 && hc_memo_cached_for(&g_memo, 35) == 1 && hc_memo_cached_for(&g_memo, 8) == 0);
  CHECK(hc_memo_cached_for(&g_memo, 0) == 0 && hc_memo_cached_for(&g_memo, 1000) == 0);
  CHECK(!hc_memo_owns(&g_memo, a));
  b = hc_acquire(m, 35); /* the same class: the cached block again, the source untouched */
  CHECK(b == a && g_c.acquires == 1);

  /* Double, foreign and interior releases are rejected. */
  CHECK_QUIET(hc_release(m, b));
  hc_clear_error();
  hc_release(m, b);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  hc_release(m, g_other + 64);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  a = hc_acquire(m, 40);
  hc_clear_error();
  hc_release(m, (unsigned char *)a + 8);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  CHECK_FAILS(hc_acquire(m, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 12), HC_INVALID_ALIGNMENT);

  /* Large and over-aligned requests go to the source and straight back. */
  big = hc_acquire(m, 300);
  aligned64 = hc_acquire_aligned(m, 16, 64);
  CHECK(big != NULL && aligned64 != NULL && aligned(aligned64, 64));
  CHECK(hc_memo_owns(&g_memo, big) && hc_memo_owns(&g_memo, aligned64));
  hc_release(m, big);
  hc_release(m, aligned64);
  CHECK(g_c.releases == 2);

  /* trim gives the cached blocks back; deinit trims. */
  hc_release(m, a);
  CHECK(hc_memo_cached(&g_memo) == 1 && hc_memo_held(&g_memo) == 1);
  hc_memo_trim(&g_memo);
  CHECK(hc_memo_cached(&g_memo) == 0 && hc_memo_held(&g_memo) == 0 && g_c.releases == 3);
  a = hc_acquire(m, 100);
  hc_release(m, a);
  hc_memo_deinit(&g_memo);
  CHECK(g_c.releases == g_c.acquires);

  /* Over a region: blocks recycled, never given back. */
  m = hc_memo_init(&g_memo, g_other, sizeof g_other);
  CHECK(m != NULL);
  a = hc_acquire(m, 16);
  CHECK(a != NULL && (unsigned char *)a > g_other && (unsigned char *)a < g_other + sizeof g_other);
  hc_release(m, a);
  CHECK(hc_acquire(m, 12) == a);
  CHECK_FAILS(hc_acquire(m, 1024), HC_INVALID_SIZE); /* its bump: more than it can ever give */
  hc_memo_deinit(&g_memo);
}

static void test_slab(void) {
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, sizeof g_arena, 1);
  struct hc_malloc *m, *other;
  void *a, *b, *big, *foreign;
  g_test = "slab";
  m = hc_slab_init_sourced(&g_slab, source, 256, 0);
  CHECK(m != NULL && hc_slab_slab_size(&g_slab) == 256 && hc_slab_threshold(&g_slab) == 32);
  CHECK(hc_slab_slabs(&g_slab) == 0 && !hc_slab_has_spare(&g_slab));
  a = hc_acquire(m, 24);
  b = hc_acquire(m, 3);
  CHECK(a != NULL && b != NULL && aligned(a, 8) && aligned(b, 2));
  CHECK(hc_slab_slabs(&g_slab) == 1 && g_c.last_alignment == 256);
  CHECK(hc_slab_owns(&g_slab, a) && hc_slab_remaining(&g_slab) < 256);
  big = hc_acquire(m, 100); /* above the threshold: a block of its own */
  CHECK(big != NULL && hc_slab_slabs(&g_slab) == 2);
  CHECK_QUIET(hc_release(m, big));
  CHECK(hc_slab_slabs(&g_slab) == 1);
  CHECK_FAILS(hc_acquire(m, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 256), HC_INVALID_ALIGNMENT);

  /* A block of another slab allocator is foreign. */
  other = hc_slab_init_sourced(&g_slab2, source, 256, 0);
  foreign = hc_acquire(other, 8);
  CHECK(foreign != NULL && !hc_slab_owns(&g_slab, foreign));
  hc_clear_error();
  hc_release(m, foreign);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_release(other, foreign);
  hc_slab_deinit(&g_slab2);

  CHECK_QUIET(hc_release(m, a));
  CHECK_QUIET(hc_release(m, b));
  hc_slab_deinit(&g_slab);
  CHECK(g_c.releases == g_c.acquires);

  CHECK_FAILS(hc_slab_init_sourced(&g_slab, source, 100, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_slab_init_sourced(&g_slab, source, 32, 0), HC_INVALID_SIZE);
  CHECK_QUIET(hc_slab_deinit(&g_slab));

  /* Over a region: slabs from an internal pool; a region smaller than a slab fails. */
  m = hc_slab_init(&g_slab, g_arena, 1024, 256, 64);
  CHECK(m != NULL && hc_slab_threshold(&g_slab) == 64);
  a = hc_acquire(m, 64);
  CHECK(a != NULL && hc_slab_owns(&g_slab, a));
  CHECK_FAILS(hc_acquire(m, 65), HC_INVALID_SIZE);
  hc_release(m, a);
  hc_slab_deinit(&g_slab);
  CHECK_FAILS(hc_slab_init(&g_slab, g_other, 100, 256, 0), HC_INVALID_ALIGNMENT); /* its pool's report */
  CHECK_QUIET(hc_slab_deinit(&g_slab));
}

/* ---- Heap -------------------------------------------------------------------------------------- */

/* The heap's granule: its block header, and what every block size is a multiple of (8 on Cortex-M,
 * 16 on x86-64). */
static size_t heap_granule(void) { return 2 * sizeof(void *); }

/* Bytes [p, p + n) all equal `value`. */
static int all_bytes(const void *p, size_t n, unsigned char value) {
  const unsigned char *b = (const unsigned char *)p;
  size_t i;
  for (i = 0; i < n; ++i) {
    if (b[i] != value) return 0;
  }
  return 1;
}

static int heap_sound(void) {
  const void *where = &where;
  return hc_heap_check(&g_heap, &where) == NULL && where == NULL && hc_heap_check(&g_heap, NULL) == NULL;
}

static void test_heap_root(void) {
  const size_t g = heap_granule();
  const size_t region = 1024;
  struct hc_malloc *m;
  void *a, *b, *c, *blocks[40];
  const void *where;
  const char *what;
  size_t capacity, largest, n = 0, i, saved, *header;
  int local = 0;
  g_test = "heap_root";
  CHECK(HC_HEAP_STORAGE_SIZE == sizeof(hc_heap_storage));
  CHECK(hc_heap_control_bytes(region) > 0 && hc_heap_control_bytes(region) % g == 0);
  m = hc_heap_init(&g_heap, g_arena, region);
  CHECK(m != NULL);
  /* The region less its record, control block and end sentinel; one free block, nothing in use. */
  capacity = hc_heap_capacity(&g_heap);
  CHECK(capacity == region - hc_heap_control_bytes(region) - 2 * g);
  CHECK(hc_heap_max_size(&g_heap) == capacity - g);
  CHECK(hc_heap_regions(&g_heap) == 1 && hc_heap_free_blocks(&g_heap) == 1);
  CHECK(hc_heap_in_use(&g_heap) == 0 && hc_heap_peak(&g_heap) == 0 && hc_heap_oom_count(&g_heap) == 0);
  largest = hc_heap_largest_free(&g_heap);
  CHECK(largest <= hc_heap_max_size(&g_heap) && largest > hc_heap_max_size(&g_heap) / 2);
  CHECK(heap_sound());

  /* Acquire and release, natural and explicit alignment. */
  a = hc_acquire(m, 100);
  CHECK(a != NULL && aligned(a, max_align()) && hc_heap_owns(&g_heap, a) && !hc_heap_owns(&g_heap, &local));
  CHECK(hc_heap_size_of(&g_heap, a) >= 100 && hc_heap_size_of(&g_heap, a) < 100 + 2 * g);
  CHECK(hc_heap_in_use(&g_heap) == hc_heap_size_of(&g_heap, a) + g);
  memset(a, 0x11, 100);
  b = hc_acquire_aligned(m, 40, 64);
  CHECK(b != NULL && aligned(b, 64) && hc_heap_size_of(&g_heap, b) >= 40);
  c = hc_acquire_aligned(m, 3, 2);
  CHECK(c != NULL && aligned(c, 2));
  CHECK(hc_heap_peak(&g_heap) == hc_heap_in_use(&g_heap));
  CHECK(heap_sound());
  CHECK(all_bytes(a, 100, 0x11));
  CHECK_QUIET(hc_release(m, a));
  CHECK_QUIET(hc_release(m, b));
  CHECK_QUIET(hc_release(m, c));
  CHECK_QUIET(hc_release(m, NULL));
  /* Everything coalesced back into one block; the peak stays until reset. */
  CHECK(hc_heap_in_use(&g_heap) == 0 && hc_heap_free_blocks(&g_heap) == 1 && hc_heap_peak(&g_heap) > 0);
  CHECK(hc_heap_largest_free(&g_heap) == largest);
  hc_heap_reset_peak(&g_heap);
  CHECK(hc_heap_peak(&g_heap) == 0);
  CHECK(heap_sound());

  /* Run it out: HC_NO_MEMORY, counted; then all back. */
  hc_clear_error();
  while (n < 40 && (blocks[n] = hc_acquire(m, 48)) != NULL) ++n;
  CHECK(n > 4 && n < 40 && hc_last_error() == HC_NO_MEMORY && hc_heap_oom_count(&g_heap) == 1);
  CHECK(hc_heap_peak(&g_heap) == hc_heap_in_use(&g_heap) && hc_heap_in_use(&g_heap) <= capacity);
  CHECK(hc_heap_largest_free(&g_heap) < 48);
  for (i = 0; i < n; i += 2) hc_release(m, blocks[i]); /* every other one: holes that cannot merge */
  CHECK(hc_heap_free_blocks(&g_heap) >= n / 2);
  CHECK(heap_sound());
  for (i = 1; i < n; i += 2) hc_release(m, blocks[i]);
  CHECK(hc_heap_in_use(&g_heap) == 0 && hc_heap_free_blocks(&g_heap) == 1);
  CHECK(heap_sound());

  /* check() finds a broken header and says where; sound again once it is mended. */
  a = hc_acquire(m, 32);
  b = hc_acquire(m, 32);
  CHECK(a != NULL && b != NULL);
  header = (size_t *)a - 1; /* the size word, just before the payload */
  saved = *header;
  *header = saved + g;
  where = NULL;
  what = hc_heap_check(&g_heap, &where);
  CHECK(what != NULL && what[0] != '\0');
  CHECK(where != NULL && (const unsigned char *)where >= g_arena && (const unsigned char *)where < g_arena + region);
  *header = saved;
  CHECK(heap_sound());
  hc_release(m, a);
  hc_release(m, b);

  /* Another region: counted, owned, and its capacity added (less its record and sentinel). */
  CHECK_FAILS(hc_heap_add_region(&g_heap, NULL, 256), HC_INVALID_POINTER);
  CHECK_FAILS(hc_heap_add_region(&g_heap, g_other, 2 * g), HC_INVALID_SIZE);
  CHECK(hc_heap_regions(&g_heap) == 1 && hc_heap_capacity(&g_heap) == capacity);
  CHECK(hc_heap_add_region(&g_heap, g_other, sizeof g_other));
  CHECK(hc_heap_regions(&g_heap) == 2 && hc_heap_free_blocks(&g_heap) == 2);
  CHECK(hc_heap_capacity(&g_heap) == capacity + sizeof g_other - 2 * g);
  CHECK(hc_heap_owns(&g_heap, g_other + 100));
  CHECK(heap_sound());
  hc_heap_deinit(&g_heap);
  CHECK_FAILS(hc_acquire(m, 8), HC_INVALID_POINTER); /* a deinitialised face is dead */
  CHECK_QUIET(hc_heap_deinit(&g_heap));               /* twice: nothing to do */

  /* A region too small: init fails, the storage needs no deinit. */
  CHECK_FAILS(hc_heap_init(&g_heap, g_arena, 32), HC_INVALID_SIZE);
  CHECK_QUIET(hc_heap_deinit(&g_heap));
  CHECK(hc_heap_arena_bound(1024, 64, 16) > 1024 + hc_heap_control_bytes(1024));
  CHECK(hc_heap_arena_bound(1024, 64, 0) == hc_heap_arena_bound(1024, 64, 1));
  CHECK(hc_heap_arena_bound((size_t)-1, 64, 1) == (size_t)-1);
}

static void test_heap_resize(void) {
  const size_t g = heap_granule();
  struct hc_malloc *m = hc_heap_init(&g_heap, g_arena, 1024);
  void *p, *q, *r, *moved;
  size_t size, in_use, free_blocks;
  g_test = "heap_resize";
  CHECK(m != NULL);
  p = hc_acquire(m, 32);
  CHECK(p != NULL);
  memset(p, 0xA5, 32);

  /* Grows in place into the free block on its right, keeping the contents; shrinks in place. */
  q = hc_heap_resize(&g_heap, p, 200);
  CHECK(q == p && hc_heap_size_of(&g_heap, p) >= 200 && all_bytes(p, 32, 0xA5));
  CHECK(hc_heap_in_use(&g_heap) == hc_heap_size_of(&g_heap, p) + g && hc_heap_free_blocks(&g_heap) == 1);
  q = hc_heap_resize(&g_heap, p, 16);
  CHECK(q == p && hc_heap_size_of(&g_heap, p) < 200 && all_bytes(p, 16, 0xA5));
  CHECK(hc_heap_free_blocks(&g_heap) == 1); /* the tail merged with the free block after it */
  CHECK(heap_sound());

  /* A block right after it: growing must move, keeping the contents and freeing the old block. */
  r = hc_acquire(m, 32);
  CHECK(r != NULL && (unsigned char *)r > (unsigned char *)p);
  size = hc_heap_size_of(&g_heap, p);
  memset(p, 0x5A, size);
  moved = hc_heap_resize(&g_heap, p, 300);
  CHECK(moved != NULL && moved != p && hc_heap_size_of(&g_heap, moved) >= 300);
  CHECK(all_bytes(moved, size, 0x5A));
  CHECK(hc_heap_free_blocks(&g_heap) == 2); /* p's block, and the rest after the moved one */
  CHECK(heap_sound());

  /* Failures: NULL, the error reported, and the old block untouched. */
  in_use = hc_heap_in_use(&g_heap);
  free_blocks = hc_heap_free_blocks(&g_heap);
  size = hc_heap_size_of(&g_heap, moved);
  memset(moved, 0x3C, size);
  CHECK_FAILS(hc_heap_resize(&g_heap, moved, hc_heap_max_size(&g_heap)), HC_NO_MEMORY);
  CHECK(hc_heap_oom_count(&g_heap) == 1);
  CHECK_FAILS(hc_heap_resize(&g_heap, moved, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_heap_resize(&g_heap, moved, hc_heap_max_size(&g_heap) + 1), HC_INVALID_SIZE);
  CHECK_FAILS(hc_heap_resize(&g_heap, g_other, 16), HC_INVALID_POINTER);
  CHECK(hc_heap_size_of(&g_heap, moved) == size && all_bytes(moved, size, 0x3C));
  CHECK(hc_heap_in_use(&g_heap) == in_use && hc_heap_free_blocks(&g_heap) == free_blocks);
  CHECK(heap_sound());

  /* resize(NULL, n) is acquire(n). */
  q = hc_heap_resize(&g_heap, NULL, 24);
  CHECK(q != NULL && hc_heap_size_of(&g_heap, q) >= 24);
  hc_release(m, q);
  hc_release(m, r);
  hc_release(m, moved);
  CHECK(hc_heap_in_use(&g_heap) == 0 && hc_heap_free_blocks(&g_heap) == 1 && heap_sound());
  hc_heap_deinit(&g_heap);
}

static void test_heap_bad_input(void) {
  struct hc_malloc *m = hc_heap_init(&g_heap, g_arena, 1024);
  void *a, *b;
  int local = 0;
  g_test = "heap_bad_input";
  CHECK(m != NULL);
  CHECK_FAILS(hc_acquire(m, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire(m, hc_heap_max_size(&g_heap) + 1), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 3), HC_INVALID_ALIGNMENT);
  CHECK_FAILS(hc_acquire_aligned(m, 8, 4096), HC_INVALID_ALIGNMENT); /* above the region */
  a = hc_acquire(m, 40);
  b = hc_acquire(m, 40);
  CHECK(a != NULL && b != NULL);
  memset(b, 0, 40);

  /* A double release: HC_DOUBLE_RELEASE, and the hook names the storage. */
  CHECK_QUIET(hc_release(m, a));
  hc_set_hook(record_hook);
  g_hook_calls = 0;
  hc_clear_error();
  hc_release(m, a);
  CHECK(hc_last_error() == HC_DOUBLE_RELEASE);
  CHECK(g_hook_calls == 1 && g_hook_code == HC_DOUBLE_RELEASE && g_hook_allocator == (const void *)&g_heap);
  hc_set_hook(NULL);

  /* Foreign and interior pointers: HC_INVALID_POINTER, nothing changed. */
  hc_clear_error();
  hc_release(m, g_other);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  hc_release(m, &local);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  hc_release(m, (unsigned char *)b + heap_granule());
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  hc_release(m, (unsigned char *)b + 1);
  CHECK(hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  CHECK(hc_heap_size_of(&g_heap, g_other) == 0 && hc_last_error() == HC_INVALID_POINTER);
  hc_clear_error();
  CHECK(heap_sound() && hc_last_error() == HC_ERROR_NONE); /* check() reports nothing */
  CHECK_QUIET(hc_release(m, b));
  CHECK(hc_heap_in_use(&g_heap) == 0 && hc_heap_free_blocks(&g_heap) == 1);
  hc_heap_deinit(&g_heap);
}

/* A heap taking its chunks from a C allocator, and giving them back at deinit. */
static void test_heap_sourced_from_c(void) {
  const size_t g = heap_granule();
  struct hc_malloc *source = c_bump_init(&g_c, g_arena, sizeof g_arena, 1);
  struct hc_malloc *m;
  void *a, *b;
  g_test = "heap_sourced_from_c";
  m = hc_heap_init_sourced(&g_heap, source, 512);
  CHECK(m != NULL && g_c.acquires == 1 && g_c.last_alignment == max_align()); /* the first chunk, now */
  CHECK(hc_heap_regions(&g_heap) == 1 && hc_heap_max_size(&g_heap) == 512 - 3 * g);
  CHECK(hc_heap_capacity(&g_heap) == 512 - 2 * g - hc_heap_control_bytes(512));
  a = hc_acquire(m, 200);
  CHECK(a != NULL && hc_heap_owns(&g_heap, a) && g_c.acquires == 1);
  b = hc_acquire(m, 300); /* does not fit the rest of the first chunk: a second one */
  CHECK(b != NULL && hc_heap_owns(&g_heap, b) && g_c.acquires == 2 && hc_heap_regions(&g_heap) == 2);
  CHECK(hc_heap_oom_count(&g_heap) == 0); /* served by a new chunk: not a failure */
  CHECK_FAILS(hc_acquire(m, 512), HC_INVALID_SIZE); /* more than a chunk holds */
  CHECK(heap_sound());
  CHECK_QUIET(hc_release(m, a));
  CHECK_QUIET(hc_release(m, b));
  CHECK(g_c.releases == 0); /* chunks stay until deinit */
  hc_heap_deinit(&g_heap);
  CHECK(g_c.releases == 2 && g_c.releases == g_c.acquires);

  /* A chunk too small to be useful: HC_INVALID_SIZE, the source untouched. */
  CHECK_FAILS(hc_heap_init_sourced(&g_heap, source, 4 * g), HC_INVALID_SIZE);
  CHECK(g_c.acquires == 2);
  CHECK_QUIET(hc_heap_deinit(&g_heap));

  /* The source cannot give the first chunk: init fails, the source reported (the hook names it). */
  hc_set_hook(record_hook);
  g_hook_calls = 0;
  CHECK_FAILS(hc_heap_init_sourced(&g_heap, source, 4096), HC_NO_MEMORY);
  CHECK(g_hook_calls == 1 && g_hook_allocator == source);
  hc_set_hook(NULL);
  CHECK_QUIET(hc_heap_deinit(&g_heap));
  CHECK(g_c.releases == 2);
}

/* A heap as the source of a pool, through the C faces: the pool's chunks are aligned to their size. */
static void test_heap_as_source(void) {
  struct hc_malloc *heap = hc_heap_init(&g_heap, g_arena, sizeof g_arena);
  struct hc_malloc *pool;
  void *blocks[24];
  size_t i;
  g_test = "heap_as_source";
  CHECK(heap != NULL);
  pool = hc_pool_init_sourced(&g_pool, heap, 16, 256, 0);
  CHECK(pool != NULL);
  for (i = 0; i < 24; ++i) {
    blocks[i] = hc_acquire(pool, 16);
    CHECK(blocks[i] != NULL && hc_pool_owns(&g_pool, blocks[i]) && hc_heap_owns(&g_heap, blocks[i]));
  }
  CHECK(hc_pool_chunks(&g_pool) >= 2);
  CHECK(hc_heap_in_use(&g_heap) >= hc_pool_chunks(&g_pool) * 256);
  CHECK(heap_sound());
  for (i = 0; i < 24; ++i) CHECK_QUIET(hc_release(pool, blocks[i]));
  hc_pool_deinit(&g_pool); /* the chunks go back to the heap, which coalesces them */
  CHECK(hc_heap_in_use(&g_heap) == 0 && hc_heap_free_blocks(&g_heap) == 1);
  CHECK(heap_sound());
  hc_heap_deinit(&g_heap);
}

/* hc allocators stacked through their C faces: a pool over a memo over a root bump. */
static void test_stacked_faces(void) {
  struct hc_malloc *root = hc_bump_init(&g_bump, g_arena, sizeof g_arena);
  struct hc_malloc *memo = hc_memo_init_sourced(&g_memo, root);
  struct hc_malloc *pool = hc_pool_init_sourced(&g_pool, memo, 32, 512, 0);
  void *p;
  g_test = "stacked_faces";
  CHECK(root != NULL && memo != NULL && pool != NULL);
  p = hc_acquire(pool, 32);
  CHECK(p != NULL && hc_bump_owns(&g_bump, p) && hc_pool_chunks(&g_pool) == 1);
  CHECK(hc_memo_held(&g_memo) == 1);
  hc_release(pool, p);
  hc_pool_deinit(&g_pool);
  CHECK(hc_memo_held(&g_memo) == 0); /* the over-aligned chunk went straight back */

  /* The root runs out: the root reports, and the hook names the root's storage. */
  hc_set_hook(record_hook);
  g_hook_calls = 0;
  CHECK_FAILS(hc_acquire(memo, 2000), HC_NO_MEMORY);
  CHECK(g_hook_calls == 1 && g_hook_allocator == (const void *)&g_bump);
  hc_set_hook(NULL);
  hc_memo_deinit(&g_memo);
  hc_bump_deinit(&g_bump);
}

/* C++ allocators used from C through hc::c_view, and a C++ pool over a C source (hc::c_allocator). */
static void test_cpp_allocators(void) {
  struct hc_malloc *stats = cpp_stats_memo(g_other, sizeof g_other);
  struct hc_malloc *source, *pool;
  void *a, *b, *p[12];
  size_t i;
  g_test = "cpp_allocators";
  CHECK(stats != NULL);
  a = hc_acquire(stats, 20);
  b = hc_acquire_aligned(stats, 8, 8);
  CHECK(a != NULL && b != NULL && aligned(a, 4) && aligned(b, 8));
  CHECK(cpp_stats_live() == 2);
  hc_release(stats, a);
  hc_release(stats, b);
  CHECK(cpp_stats_live() == 0);
  CHECK_FAILS(hc_acquire(stats, 0), HC_INVALID_SIZE);
  CHECK_FAILS(hc_acquire_aligned(stats, 8, 5), HC_INVALID_ALIGNMENT);

  source = c_bump_init(&g_c, g_arena, sizeof g_arena, 1);
  pool = cpp_pool_over(source, 24, 128);
  CHECK(pool != NULL);
  for (i = 0; i < 12; ++i) {
    p[i] = hc_acquire(pool, 24);
    CHECK(p[i] != NULL && aligned(p[i], 8));
  }
  CHECK(cpp_pool_chunks() == g_c.acquires && g_c.acquires > 1 && g_c.last_alignment == 128);
  for (i = 0; i < 12; ++i) CHECK_QUIET(hc_release(pool, p[i]));
  CHECK_FAILS(hc_acquire(pool, 100), HC_INVALID_SIZE);
  cpp_destroy();
  CHECK(g_c.releases == g_c.acquires);
}

/* Run only with "deliberate-failure": a check that cannot pass, so the run must fail. */
static void test_deliberate_failure(void) {
  struct hc_malloc *m = hc_bump_init(&g_bump, g_arena, 64);
  g_test = "deliberate_failure";
  CHECK(hc_acquire(m, 0) != NULL); /* size 0 is always refused */
  hc_bump_deinit(&g_bump);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "deliberate-failure") == 0) {
    test_deliberate_failure();
  } else {
    test_errors();
    test_protocol_rejects_null();
    test_bump_root();
    test_bump_sourced_from_c();
    test_pool_root();
    test_pool_sourced_from_c();
    test_pool_foreign_block();
    test_source_without_acquire_aligned();
    test_memo();
    test_slab();
    test_heap_root();
    test_heap_resize();
    test_heap_bad_input();
    test_heap_sourced_from_c();
    test_heap_as_source();
    test_stacked_faces();
    test_cpp_allocators();
  }
  c_test_putu(g_checks);
  c_test_puts(" checks, ");
  c_test_putu(g_failures);
  c_test_puts(g_failures == 0 ? " failed\nc_api_test: PASSED\n" : " failed\nc_api_test: FAILED\n");
  return g_failures == 0 ? 0 : 1;
}
