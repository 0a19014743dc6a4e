/* main.c — a firmware in C that uses hc through its C API (hc/hc.h), printed over semihosting.
 * No heap: every allocator lives in a static storage object, rooted in an arena in section .hc_arena.
 * Links no malloc, free, _sbrk, abort or __cxa_throw (a test checks). Copy this folder to start.
 *
 * 1. a root bump allocator over the arena;
 * 2. a pool of messages, taking 1 KiB chunks from the root as it needs them;
 * 3. an allocator written here in C (a counter in front of the root) as the source of a memo that
 *    recycles variable-size strings;
 * 4. a failure, reported through the hook;
 * 5. frame allocation (mark/rewind) on the root. */
#include <stddef.h>
#include <stdint.h>

#include "hc/hc.h"
#include "hc_board.h"

static HC_ARENA(arena, 8 * 1024);

/* Every allocator's storage: static, caller-owned. */
static hc_bump_storage root_storage;
static hc_pool_storage messages_storage;
static hc_memo_storage strings_storage;

struct message {
  uint32_t id;
  char text[28];
};

static void put(const char *s) { hc_board_puts(s); }
static void put_size(size_t v) { hc_board_put_dec((uint32_t)v); }

/* The error hook: where firmware logs, counts or traps. `allocator` is the storage that failed. */
static void on_error(enum hc_error code, const void *allocator) {
  put("  hook: ");
  put(hc_message(code));
  put(" (allocator at ");
  hc_board_put_hex((uint32_t)(uintptr_t)allocator);
  put(")\n");
}

/* Your own allocator: counts what passes through to another one. The struct hc_malloc comes first,
 * so the functions can turn the pointer they get back into the whole struct. */
struct counting {
  struct hc_malloc m;
  struct hc_malloc *part;
  unsigned long acquires, releases;
};

static void *counting_acquire(struct hc_malloc *m, size_t size) {
  struct counting *c = (struct counting *)m;
  void *p = hc_acquire(c->part, size);
  if (p != NULL) ++c->acquires;
  return p;
}

static void *counting_acquire_aligned(struct hc_malloc *m, size_t size, size_t alignment) {
  struct counting *c = (struct counting *)m;
  void *p = hc_acquire_aligned(c->part, size, alignment);
  if (p != NULL) ++c->acquires;
  return p;
}

static void counting_release(struct hc_malloc *m, void *block) {
  struct counting *c = (struct counting *)m;
  if (block != NULL) ++c->releases;
  hc_release(c->part, block);
}

static void copy(char *to, const char *from, size_t n) {
  size_t i = 0;
  for (; i + 1 < n && from[i] != '\0'; ++i) to[i] = from[i];
  to[i] = '\0';
}

int main(void) {
  /* hc's boards trap unaligned accesses from reset on (for hc's own tests); newlib's memcpy for ARMv7-M
   * copies a 3-byte tail with an unaligned halfword, so ordinary firmware turns the trap off again. */
  (void)hc_board_unaligned_trap(0);
  struct hc_malloc *root, *messages, *strings;
  struct counting counter = {{counting_acquire, counting_release, counting_acquire_aligned}, NULL, 0, 0};
  struct message *inbox[8];
  void *words[6];
  size_t i;
  int ok = 1;

  hc_set_hook(on_error);
  put("c_firmware: hc from C, no heap\n\n");

  put("1. root: a bump allocator over an arena of ");
  root = hc_bump_init(&root_storage, arena, sizeof arena);
  put_size(hc_bump_capacity(&root_storage));
  put(" bytes\n");
  ok &= root != NULL;

  put("2. messages: a pool of ");
  messages = hc_pool_init_sourced(&messages_storage, root, sizeof(struct message), 1024, 0);
  put_size(hc_pool_block_size(&messages_storage));
  put("-byte blocks in 1 KiB chunks from the root\n");
  for (i = 0; i < 8; ++i) {
    inbox[i] = hc_acquire(messages, sizeof(struct message));
    ok &= inbox[i] != NULL;
    if (inbox[i] == NULL) break;
    inbox[i]->id = (uint32_t)i;
    copy(inbox[i]->text, "hello from C", sizeof inbox[i]->text);
  }
  put("  8 messages: ");
  put_size(hc_pool_chunks(&messages_storage));
  put(" chunk(s), ");
  put_size(hc_pool_available(&messages_storage));
  put(" blocks still available\n");
  for (i = 0; i < 8; ++i) hc_release(messages, inbox[i]);
  put("  all released: ");
  put_size(hc_pool_free_blocks(&messages_storage));
  put(" blocks on the free list\n");

  put("3. strings: a memo over a counting allocator written in C, over the root\n");
  counter.part = root;
  strings = hc_memo_init_sourced(&strings_storage, &counter.m);
  ok &= strings != NULL;
  for (i = 0; i < 6; ++i) words[i] = hc_acquire(strings, 5 + 7 * i);
  for (i = 0; i < 6; ++i) hc_release(strings, words[i]);
  for (i = 0; i < 6; ++i) words[i] = hc_acquire(strings, 5 + 7 * i); /* recycled: no new acquires */
  put("  12 acquires of 6 sizes took ");
  hc_board_put_dec((uint32_t)counter.acquires);
  put(" blocks from the source; ");
  put_size(hc_memo_held(&strings_storage));
  put(" held\n");
  ok &= counter.acquires == 6;
  for (i = 0; i < 6; ++i) hc_release(strings, words[i]);

  put("4. a failure: a message of 0 bytes\n");
  ok &= hc_acquire(messages, 0) == NULL && hc_last_error() == HC_INVALID_SIZE;
  hc_clear_error();

  put("5. a frame on the root: ");
  {
    hc_bump_marker frame = hc_bump_mark(&root_storage);
    size_t before = hc_bump_used(&root_storage);
    void *scratch = hc_acquire(root, 512);
    ok &= scratch != NULL;
    put_size(hc_bump_used(&root_storage) - before);
    put(" bytes of scratch, then rewound: ");
    ok &= hc_bump_rewind(&root_storage, frame);
    put_size(hc_bump_used(&root_storage) - before);
    put(" bytes\n");
  }

  hc_memo_deinit(&strings_storage); /* gives its cached blocks back to the counter */
  hc_pool_deinit(&messages_storage);
  hc_bump_deinit(&root_storage);
  put(ok ? "\nc_firmware: done\n" : "\nc_firmware: FAILED\n");
  return ok ? 0 : 1;
}
