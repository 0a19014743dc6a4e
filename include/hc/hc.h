/* hc/hc.h — hc's C API: the seed's `struct hc_malloc`, hc's allocators built into caller-provided
 * storage, and the one error channel. C99; usable from C and C++.
 *
 * `struct hc_malloc` is the seed article's protocol, two function pointers, plus an optional third for
 * explicit alignments. Every allocator made here hands out its `struct hc_malloc *`; a C program can
 * also fill one in with its own functions, and then use it wherever hc takes a source: a pool, memo,
 * slab, heap or bump built here (or, from C++, any hc allocator through hc::c_allocator) takes its
 * memory from it. Each allocator lives in a storage object the caller declares (static, or on the
 * stack): no system heap is involved anywhere. The allocators are hc's C++ classes (hc/bump.hpp,
 * hc/pool.hpp, hc/memo.hpp, hc/slab.hpp, hc/heap.hpp); their contracts, costs and checks are
 * documented there and hold here.
 *
 * Errors: a call that fails returns NULL (or false), changes nothing, records its code (hc_last_error())
 * and calls the hook installed with hc_set_hook(). The hook's `allocator` argument is the storage
 * object of an allocator made here (the address passed to its hc_*_init function; a memo or slab over
 * a region may name the bump or pool it keeps inside that storage), or whatever a C-implemented
 * allocator passes to hc_fail(). Nothing in hc throws or aborts.
 *
 * Usage:
 *   static HC_ARENA(arena, 4096);
 *   static hc_bump_storage root_storage;
 *   static hc_pool_storage nodes_storage;
 *   struct hc_malloc *root = hc_bump_init(&root_storage, arena, sizeof arena);
 *   struct hc_malloc *nodes = hc_pool_init_sourced(&nodes_storage, root, 24, 1024, 0);
 *   void *n = hc_acquire(nodes, 24);
 *   hc_release(nodes, n);
 *   hc_pool_deinit(&nodes_storage);     (gives its chunks back to root)
 */
#ifndef HC_HC_H
#define HC_HC_H

#include <stddef.h>
#ifndef __cplusplus
#include <stdbool.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The protocol ------------------------------------------------------------------------------ */

/** An allocator, as the seed article defines it; fill one in to plug your own allocator into hc.
 * acquire: a block of `size` bytes aligned to hc_natural_alignment(size), or NULL after reporting
 *   the failure with hc_fail() (size 0 is HC_INVALID_SIZE). Required.
 * release: gives back a block acquire handed out; NULL must be ignored. Required.
 * acquire_aligned: as acquire, aligned to `alignment`; it receives any alignment and reports
 *   HC_INVALID_ALIGNMENT for one that is not a power of two or that it cannot give. May be NULL:
 *   then alignments up to the natural maximum (8 on Cortex-M, 16 on x86-64) are served by acquire. */
struct hc_malloc {
  void *(*acquire)(struct hc_malloc *m, size_t size);
  void (*release)(struct hc_malloc *m, void *block);
  void *(*acquire_aligned)(struct hc_malloc *m, size_t size, size_t alignment);
};

/** A block of `size` bytes from `m` at its natural alignment, or NULL with the error reported (a NULL
 * or deinitialised `m`: HC_INVALID_POINTER). O(1) plus m's acquire. */
void *hc_acquire(struct hc_malloc *m, size_t size);

/** A block of `size` bytes from `m` aligned to `alignment` (a power of two), or NULL with the error
 * reported. Through m->acquire_aligned when set; else a power of two up to the natural maximum is
 * served by m->acquire with the size rounded up to it, and anything else is HC_INVALID_ALIGNMENT.
 * O(1) plus m's acquire. */
void *hc_acquire_aligned(struct hc_malloc *m, size_t size, size_t alignment);

/** Gives `block` back to `m`. NULL is ignored; a block `m` did not hand out is reported by `m` (hc's
 * allocators: HC_INVALID_POINTER, nothing changed). O(1) plus m's release. */
void hc_release(struct hc_malloc *m, void *block);

/** The natural alignment of a block of `size` bytes: the largest power of two <= size, capped at
 * the natural maximum (alignof(max_align_t)); 1 for 0. O(1). */
size_t hc_natural_alignment(size_t size);

/* ---- Errors (hc/error.hpp) --------------------------------------------------------------------- */

/** What went wrong; the same codes, in the same order, as hc::error. */
enum hc_error {
  HC_ERROR_NONE = 0,     /**< no failure recorded since the last hc_clear_error() */
  HC_INVALID_SIZE,       /**< size 0, or more than the allocator can ever provide */
  HC_INVALID_ALIGNMENT,  /**< not a power of two, or more than the allocator can provide */
  HC_NO_MEMORY,          /**< a valid request, but no room now */
  HC_INVALID_POINTER,    /**< a pointer (or allocator, or storage) hc did not hand out; NULL where one is needed */
  HC_CANARY_OVERRUN,     /**< (hc::guard) a write past the end of a block */
  HC_CANARY_UNDERRUN,    /**< (hc::guard) a write before the start of a block */
  HC_DOUBLE_RELEASE      /**< (hc::guard) a block released twice */
};

/** Called at every failure with its code and the allocator that failed; runs where the failure
 * happened (possibly an interrupt handler) and must be safe there. */
typedef void (*hc_hook)(enum hc_error code, const void *allocator);

/** A short, static, human-readable message for `code` ("unknown error" for any other value). O(1). */
const char *hc_message(enum hc_error code);

/** The code of the most recent failure on any allocator, or HC_ERROR_NONE. O(1). */
enum hc_error hc_last_error(void);

/** Resets hc_last_error() to HC_ERROR_NONE. O(1). */
void hc_clear_error(void);

/** Installs `hook` (NULL: none) in place of any hook, C or C++ (hc::set_error_hook), and returns the
 * previous hook installed through hc_set_hook (NULL if none, or if a C++ hook replaced it). Install
 * hooks from one context. O(1). */
hc_hook hc_set_hook(hc_hook hook);

/** Reports a failure through hc's channel (records `code`, calls the hook with `allocator`) and
 * returns NULL: what a C-implemented hc_malloc calls when it fails. O(1) plus the hook. */
void *hc_fail(enum hc_error code, const void *allocator);

/* ---- Storage ------------------------------------------------------------------------------------
 * Each allocator lives in a storage object of the size and alignment its C++ class needs (with its
 * hc_malloc face and a source adapter), given in pointer-sized words: the same count on 32-bit Arm
 * and x86-64 (c_api.cpp checks each against the C++ class; the heap's leaves one word unused on
 * x86-64, where two of its 32-bit fields share a word). The contents are private. Initialise a
 * storage with one init function, deinit it before reusing or discarding it; an allocator must not
 * be moved or copied while initialised (blocks point into it). Storage whose init failed needs no
 * deinit (deinit does nothing to it). Every other function needs a storage its init succeeded on. */
#define HC_BUMP_STORAGE_WORDS 10
#define HC_POOL_STORAGE_WORDS 22
#define HC_MEMO_STORAGE_WORDS 46
#define HC_SLAB_STORAGE_WORDS 32
#define HC_HEAP_STORAGE_WORDS 19

/** Storage for one bump allocator (hc::bump). */
typedef struct hc_bump_storage { void *words[HC_BUMP_STORAGE_WORDS]; } hc_bump_storage;
/** Storage for one pool (hc::pool). */
typedef struct hc_pool_storage { void *words[HC_POOL_STORAGE_WORDS]; } hc_pool_storage;
/** Storage for one memo (hc::memo). */
typedef struct hc_memo_storage { void *words[HC_MEMO_STORAGE_WORDS]; } hc_memo_storage;
/** Storage for one slab allocator (hc::slab). */
typedef struct hc_slab_storage { void *words[HC_SLAB_STORAGE_WORDS]; } hc_slab_storage;
/** Storage for one heap (hc::heap). */
typedef struct hc_heap_storage { void *words[HC_HEAP_STORAGE_WORDS]; } hc_heap_storage;

/** Bytes and alignment of each storage type, for placing one in memory of your own. */
#define HC_BUMP_STORAGE_SIZE (HC_BUMP_STORAGE_WORDS * sizeof(void *))
#define HC_POOL_STORAGE_SIZE (HC_POOL_STORAGE_WORDS * sizeof(void *))
#define HC_MEMO_STORAGE_SIZE (HC_MEMO_STORAGE_WORDS * sizeof(void *))
#define HC_SLAB_STORAGE_SIZE (HC_SLAB_STORAGE_WORDS * sizeof(void *))
#define HC_HEAP_STORAGE_SIZE (HC_HEAP_STORAGE_WORDS * sizeof(void *))
#define HC_STORAGE_ALIGN (sizeof(void *))

/* The init functions return the allocator's hc_malloc (inside the storage), or NULL with the error
 * reported and the storage left uninitialised: a NULL storage, region or source is
 * HC_INVALID_POINTER; a bad size or alignment is reported as the C++ constructor reports it. A sourced
 * allocator's source must outlive it. */

/* ---- Bump (hc/bump.hpp) ------------------------------------------------------------------------ */

/** A position of a bump allocator, to rewind to (hc_bump_mark). */
typedef struct hc_bump_marker { void *at; } hc_bump_marker;

/** A root bump allocator over the `size` bytes at `begin` (any alignment); nothing is given back at
 * deinit. O(1). */
struct hc_malloc *hc_bump_init(hc_bump_storage *s, void *begin, size_t size);
/** A bump allocator over a block of `capacity` bytes taken from `source` now (NULL if the source
 * cannot give it; the source reports why) and given back at deinit. O(1) plus the source. */
struct hc_malloc *hc_bump_init_sourced(hc_bump_storage *s, struct hc_malloc *source, size_t capacity);
/** Gives the block back to the source, if any; NULL or an uninitialised-by-failure storage is
 * ignored. O(1) plus the source. */
void hc_bump_deinit(hc_bump_storage *s);
/** True when `p` points into a block handed out since the last reset (or rewind past it). O(1). */
bool hc_bump_owns(const hc_bump_storage *s, const void *p);
/** The current position. O(1). */
hc_bump_marker hc_bump_mark(const hc_bump_storage *s);
/** Releases every block acquired after `m` was taken; a marker not between the start and the current
 * position reports HC_INVALID_POINTER and returns false. O(1). */
bool hc_bump_rewind(hc_bump_storage *s, hc_bump_marker m);
/** Releases every block. O(1). */
void hc_bump_reset(hc_bump_storage *s);
/** Bytes handed out, alignment padding included. O(1). */
size_t hc_bump_used(const hc_bump_storage *s);
/** Bytes in the whole block (also the largest request that can ever succeed). O(1). */
size_t hc_bump_capacity(const hc_bump_storage *s);
/** Bytes left after the cursor. O(1). */
size_t hc_bump_remaining(const hc_bump_storage *s);

/* ---- Pool (hc/pool.hpp) ------------------------------------------------------------------------ */

/** A root pool over the `size` bytes at `begin`: blocks of `block_size` bytes aligned to `alignment`
 * (a power of two, or 0 for the block size's natural alignment), carved lazily. O(1). */
struct hc_malloc *hc_pool_init(hc_pool_storage *s, void *begin, size_t size, size_t block_size,
                               size_t alignment);
/** A pool that takes chunks of `chunk_size` bytes (a power of two, aligned to itself: the source needs
 * acquire_aligned, or the natural maximum must cover it) from `source` as it runs out. O(1). */
struct hc_malloc *hc_pool_init_sourced(hc_pool_storage *s, struct hc_malloc *source, size_t block_size,
                                       size_t chunk_size, size_t alignment);
/** Gives every chunk back to the source; NULL or an uninitialised-by-failure storage is ignored.
 * O(chunks) plus the source. */
void hc_pool_deinit(hc_pool_storage *s);
/** True when `p` is the start of a block this pool has carved (free or in use). O(1). */
bool hc_pool_owns(const hc_pool_storage *s, const void *p);
/** Bytes in every block (the block size asked for, rounded up). O(1). */
size_t hc_pool_block_size(const hc_pool_storage *s);
/** Alignment of every block. O(1). */
size_t hc_pool_block_alignment(const hc_pool_storage *s);
/** Blocks the pool can hold with the memory it has now. O(1). */
size_t hc_pool_blocks(const hc_pool_storage *s);
/** Bytes in those blocks. O(1). */
size_t hc_pool_capacity(const hc_pool_storage *s);
/** Chunks taken from the source (0 for a root pool). O(1). */
size_t hc_pool_chunks(const hc_pool_storage *s);
/** Blocks on the free list. O(free blocks). */
size_t hc_pool_free_blocks(const hc_pool_storage *s);
/** Blocks acquire can hand out without taking a chunk. O(free blocks). */
size_t hc_pool_available(const hc_pool_storage *s);

/* ---- Memo (hc/memo.hpp) ------------------------------------------------------------------------ */

/** Bytes between size classes, number of classes, largest cached request (hc::memo's constants). */
#define HC_MEMO_GRANULE 8
#define HC_MEMO_CLASSES 32
#define HC_MEMO_MAX_CACHED (HC_MEMO_GRANULE * HC_MEMO_CLASSES)

/** A memo over the `size` bytes at `begin`, through a bump allocator of its own. O(1). */
struct hc_malloc *hc_memo_init(hc_memo_storage *s, void *begin, size_t size);
/** A memo whose misses and large requests go to `source`. O(1). */
struct hc_malloc *hc_memo_init_sourced(hc_memo_storage *s, struct hc_malloc *source);
/** Gives every cached block back to the source (blocks in use stay the caller's); NULL or an
 * uninitialised-by-failure storage is ignored. O(cached blocks) plus the source. */
void hc_memo_deinit(hc_memo_storage *s);
/** True when `p` is a block this memo handed out and has not had back. O(1); reads the bytes just
 * before an aligned p. */
bool hc_memo_owns(const hc_memo_storage *s, const void *p);
/** Gives every cached block back to the source (a memo over a region keeps them). O(cached blocks). */
void hc_memo_trim(hc_memo_storage *s);
/** Blocks taken from the source and not given back (in use or cached). O(1). */
size_t hc_memo_held(const hc_memo_storage *s);
/** Blocks in the cache, all classes. O(cached blocks). */
size_t hc_memo_cached(const hc_memo_storage *s);
/** Blocks in the cache of the class serving `size` (1..HC_MEMO_MAX_CACHED, else 0). O(cached blocks). */
size_t hc_memo_cached_for(const hc_memo_storage *s, size_t size);

/* ---- Slab (hc/slab.hpp) ------------------------------------------------------------------------ */

/** A slab allocator over the `size` bytes at `begin`, split into slabs of `slab_size` bytes (a power of
 * two, at least 64); requests up to `threshold` (0: slab_size / 8) bytes; larger ones fail. O(1). */
struct hc_malloc *hc_slab_init(hc_slab_storage *s, void *begin, size_t size, size_t slab_size,
                               size_t threshold);
/** A slab allocator taking slabs (slab-aligned: the source needs acquire_aligned) from `source`; requests
 * above the threshold get a block of their own from it. O(1). */
struct hc_malloc *hc_slab_init_sourced(hc_slab_storage *s, struct hc_malloc *source, size_t slab_size,
                                       size_t threshold);
/** Gives the spare and the current slab (if empty) back to the source; slabs with live blocks stay the
 * caller's. NULL or an uninitialised-by-failure storage is ignored. O(1) plus the source. */
void hc_slab_deinit(hc_slab_storage *s);
/** True when `p` points into a slab of this allocator with live blocks. O(1); reads the slab header. */
bool hc_slab_owns(const hc_slab_storage *s, const void *p);
/** Bytes in every slab. O(1). */
size_t hc_slab_slab_size(const hc_slab_storage *s);
/** The largest request served from a slab. O(1). */
size_t hc_slab_threshold(const hc_slab_storage *s);
/** Slabs and large blocks held from the source, the spare included. O(1). */
size_t hc_slab_slabs(const hc_slab_storage *s);
/** True when an empty slab is kept for the next one needed. O(1). */
bool hc_slab_has_spare(const hc_slab_storage *s);
/** Bytes left in the current slab. O(1). */
size_t hc_slab_remaining(const hc_slab_storage *s);

/* ---- Heap (hc/heap.hpp) ------------------------------------------------------------------------
 * The O(1) general-purpose heap: any size, per-call alignment (hc_acquire_aligned), coalescing,
 * realloc (hc_heap_resize), several regions. Its face's release also reports a block already free
 * (HC_DOUBLE_RELEASE) besides a foreign one (HC_INVALID_POINTER); see hc/heap.hpp for what it detects. */

/** A root heap over the `size` bytes at `begin` (any alignment): its control block
 * (hc_heap_control_bytes(size)) at the start, one free block after it; a region too small for them
 * and one minimal block is HC_INVALID_SIZE. O(1) plus clearing the control block (O(log size)). */
struct hc_malloc *hc_heap_init(hc_heap_storage *s, void *begin, size_t size);
/** A heap taking chunks of `chunk_size` bytes (max-aligned) from `source`: the first one now, holding
 * the control block (NULL if the source cannot give it; the source reports why), another whenever a
 * request does not fit. A chunk too small to be useful is HC_INVALID_SIZE. O(1) plus the source. */
struct hc_malloc *hc_heap_init_sourced(hc_heap_storage *s, struct hc_malloc *source, size_t chunk_size);
/** Gives every chunk back to the source (added regions stay the caller's); NULL or an
 * uninitialised-by-failure storage is ignored. O(regions) plus the source. */
void hc_heap_deinit(hc_heap_storage *s);
/** Adds the `size` bytes at `begin` (another RAM bank) as a region; false with the error reported
 * when `begin` is NULL (HC_INVALID_POINTER) or the region is too small for a minimal block
 * (HC_INVALID_SIZE). O(1). */
bool hc_heap_add_region(hc_heap_storage *s, void *begin, size_t size);
/** realloc: a block of `size` bytes holding the first min(size, old usable size) bytes of `block`;
 * shrinks in place, grows in place into a free right neighbour, else moves (natural alignment) and
 * releases the old block. NULL `block` is hc_acquire. On failure returns NULL with the error reported
 * (size 0 or above hc_heap_max_size: HC_INVALID_SIZE; a bad block as release reports it;
 * HC_NO_MEMORY) and `block` is untouched. O(1) plus the copy. */
void *hc_heap_resize(hc_heap_storage *s, void *block, size_t size);
/** True when `p` lies within one of the heap's regions (any byte of it). O(regions). */
bool hc_heap_owns(const hc_heap_storage *s, const void *p);
/** The usable bytes of a block the heap handed out (>= the size asked); 0 with the error reported for
 * a pointer release would reject. O(1). */
size_t hc_heap_size_of(const hc_heap_storage *s, const void *block);
/** The largest size an acquire may ever succeed for. O(1). */
size_t hc_heap_max_size(const hc_heap_storage *s);
/** Bytes of all blocks, headers included (the regions less records, sentinels and control). O(1). */
size_t hc_heap_capacity(const hc_heap_storage *s);
/** Bytes of blocks handed out, headers and rounding included. O(1). */
size_t hc_heap_in_use(const hc_heap_storage *s);
/** The highest hc_heap_in_use since init or hc_heap_reset_peak. O(1). */
size_t hc_heap_peak(const hc_heap_storage *s);
/** Starts hc_heap_peak again from hc_heap_in_use. O(1). */
void hc_heap_reset_peak(hc_heap_storage *s);
/** Free blocks (fragments). O(1). */
size_t hc_heap_free_blocks(const hc_heap_storage *s);
/** Acquires and resizes that reported HC_NO_MEMORY. O(1). */
size_t hc_heap_oom_count(const hc_heap_storage *s);
/** The largest request an acquire is sure to serve now (the largest free block's size class, rounded
 * down). O(1). */
size_t hc_heap_largest_free(const hc_heap_storage *s);
/** Regions: added, or chunks taken from the source. O(regions). */
size_t hc_heap_regions(const hc_heap_storage *s);
/** Walks every block and list: NULL when every invariant holds, else a static one-line description of
 * the first broken one, with the block (header address) where it was found in `*where` (if `where` is
 * not NULL; set to NULL when sound). Reports nothing through the error channel. O(blocks + lists). */
const char *hc_heap_check(const hc_heap_storage *s, const void **where);
/** Bytes of the control block of a heap whose largest region or chunk is `region_size` bytes (part of
 * that region). O(1). */
size_t hc_heap_control_bytes(size_t region_size);
/** Bytes of a region that make acquire never fail for any sequence whose live total never exceeds
 * `live` bytes, with no request above `largest` and none below `smallest` (0: 1) bytes; SIZE_MAX if
 * it overflows (hc/heap.hpp states the bound). O(1). */
size_t hc_heap_arena_bound(size_t live, size_t largest, size_t smallest);

#ifdef __cplusplus
}  /* extern "C" */
#endif

/* ---- Arenas ---------------------------------------------------------------------------------- */
#ifdef __cplusplus
#include "hc/region.hpp"  /* HC_ARENA, HC_ARENA_SECTION */
#else
/** The linker section HC_ARENA places its buffer in (hc's boards map it NOLOAD, after .bss). */
#ifndef HC_ARENA_SECTION
#define HC_ARENA_SECTION ".hc_arena"
#endif
/** Declares `unsigned char name[bytes]`, maximally aligned, in section HC_ARENA_SECTION on ELF targets
 * (as hc/region.hpp's HC_ARENA does for C++). Put `static` in front for internal linkage. */
#if defined(__ELF__)
#define HC_ARENA(name, bytes) \
  unsigned char name[bytes] __attribute__((section(HC_ARENA_SECTION), aligned(__BIGGEST_ALIGNMENT__)))
#else
#define HC_ARENA(name, bytes) unsigned char name[bytes] __attribute__((aligned(__BIGGEST_ALIGNMENT__)))
#endif
#endif

/* ---- C++: adapters both ways ------------------------------------------------------------------- */
#ifdef __cplusplus
#include <cstddef>

#include "hc/allocator.hpp"

namespace hc {

/// A `struct hc_malloc` face for any hc allocator, called through the hc::allocator protocol: hand
/// `&view` (or view.get()) to C code. Holds a reference: `a` must outlive the view. Not copyable.
/// Construction O(1); each call O(1) plus `a`'s (one indirect call more than through `a` itself).
class c_view final : public hc_malloc {
 public:
  /// A view of `a`. O(1).
  explicit c_view(allocator& a) noexcept
      : hc_malloc{&c_view::acquire_thunk, &c_view::release_thunk, &c_view::acquire_aligned_thunk},
        target_(&a) {}
  c_view(const c_view&) = delete;
  c_view& operator=(const c_view&) = delete;

  /// The C face, as C functions take it. O(1).
  hc_malloc* get() noexcept { return this; }
  /// The allocator viewed. O(1).
  allocator& target() const noexcept { return *target_; }

 private:
  static void* acquire_thunk(hc_malloc* m, std::size_t size) noexcept;
  static void release_thunk(hc_malloc* m, void* block) noexcept;
  static void* acquire_aligned_thunk(hc_malloc* m, std::size_t size, std::size_t alignment) noexcept;
  allocator* target_;
};

/// An hc::allocator over any `struct hc_malloc` (e.g. one implemented in C): pass it as the source of
/// a C++ allocator. Calls go through hc_acquire_aligned and hc_release, so a C allocator without
/// acquire_aligned serves alignments up to max_alignment. Holds a pointer: `m` must outlive it.
/// Construction O(1); each call O(1) plus m's.
class c_allocator final : public allocator {
 public:
  /// An allocator over `m` (NULL: every call reports invalid_pointer). O(1).
  explicit c_allocator(hc_malloc* m) noexcept : m_(m) {}

  /// The C allocator it calls. O(1).
  hc_malloc* c() const noexcept { return m_; }

 private:
  void* do_acquire(std::size_t size, std::size_t alignment) noexcept override;
  void do_release(void* block) noexcept override;
  hc_malloc* m_;
};

}  // namespace hc
#endif

#endif /* HC_HC_H */
