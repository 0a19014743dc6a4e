// hc/newlib.hpp — hc::newlib: newlib's malloc family served by one hc::heap (opt-in, firmware only).
//
// Link the CMake target hc::newlib (an OBJECT library, so its definitions are in the link before
// newlib is read) and every malloc of the image — yours, newlib's (stdio buffers, strdup, ...) and
// libstdc++'s (operator new) — is served by one hc::heap over all free RAM: the linker symbols
// __hc_free_start .. __hc_free_end, which hc's board scripts place between .hc_arena and the stack
// reserve (the range _sbrk grows newlib's own heap over), so the heap never touches the stack. None of
// newlib-nano's allocator objects is linked then (nano-mallocr.o, nano-freer.o, sbrkr.o, mlock.o, ...).
// That range is the heap's alone: in such an image, root other allocators in HC_ARENA buffers, not in
// linker_region(__hc_free_start, __hc_free_end). hc's boards' margin report ("heap used") then reads
// this heap: its overhead plus its peak (hc_board_heap_used(), defined here over the board's weak one).
//
// Defined (C linkage): malloc, free, realloc, calloc, memalign, aligned_alloc, posix_memalign,
// malloc_usable_size; the reentrant forms newlib and libstdc++ call: _malloc_r, _free_r, _realloc_r,
// _calloc_r, _memalign_r, _malloc_usable_size_r, _mallinfo_r, _malloc_stats_r, _mallopt_r; __malloc_lock /
// __malloc_unlock. (valloc, pvalloc, reallocf, reallocarray and mallinfo/mallopt stay newlib's thin
// wrappers over these.)
//
// Behaviour:
//   - Construction: lazy. The heap is built by placement new into static storage on the first call of
//     any function above (inside the critical section), so there is no static-constructor order to get
//     right: a static constructor, the startup or an interrupt handler may be first. newlib_init()
//     builds it explicitly (e.g. at the top of main, to take that one-off O(log size) cost early).
//   - Interrupts: every heap call runs inside hc::cortex_m_lock (PRIMASK saved, interrupts masked,
//     PRIMASK restored; nests), so thread code and interrupt handlers (not NMI/HardFault) may all call
//     malloc/free, and each call keeps the heap's O(1) bound. realloc copies inside the section when it
//     moves a block (O(size)); calloc zeroes outside it. __malloc_lock/__malloc_unlock mask interrupts
//     too (a depth count: the outermost lock saves PRIMASK, the matching unlock restores it) for code
//     that wants several calls to be one critical section; newlib itself no longer calls them.
//   - Failures return NULL and set errno (the reentrant struct's _errno in the _r forms) to ENOMEM:
//     no room, a size above the heap's max_size(), calloc's n * size overflowing, realloc of a pointer
//     the heap rejects. An alignment that is not a power of two (or 0) is EINVAL (memalign,
//     aligned_alloc; posix_memalign returns EINVAL/ENOMEM and leaves errno alone, as POSIX says). hc's
//     error channel reports the cause as well (hc::last_error(), the hook): no_memory, invalid_size,
//     invalid_alignment.
//   - malloc(0), calloc with a zero total and memalign(a, 0) return a unique minimal block (16 B on
//     Cortex-M, as newlib-nano returns one); free it as any other.
//   - realloc(NULL, n) is malloc(n). realloc(p, 0) frees p and returns NULL with errno unchanged (the
//     glibc behaviour; C23 leaves it undefined). realloc keeps min(old usable size, n) bytes: in place
//     when it can (hc::heap::resize), else by a copy; on failure the old block is untouched.
//   - free(NULL) does nothing. free() of a pointer the heap did not hand out, or already freed, is
//     reported through hc's error channel (invalid_pointer, double_release) and changes nothing.
//   - Alignment: natural (hc::heap's: the largest power of two <= size, capped at max_alignment, 8 B on
//     Cortex-M); memalign/aligned_alloc/posix_memalign up to the heap's largest free block.
//
// Costs (M0, -Os, GCC 12): the retarget's object is 1.1 KB of code (about 570 B of it linked by a
// GoogleTest image), hc::heap's about 2 KB, against newlib-nano's allocator's ~600 B; RAM: the heap
// object (+48 B of .bss), 8 B of header per block and the control block at the start of the range.
//
// Usage (CMake): target_link_libraries(firmware PRIVATE hc::newlib). Then, e.g.:
//   #include "hc/newlib.hpp"
//   const hc::heap& h = hc::newlib_heap();   // statistics: h.in_use(), h.peak(), h.largest_free() ...
#pragma once

#include "hc/heap.hpp"

namespace hc {

/// Builds the malloc heap now if no malloc-family call has built it yet (idempotent). O(log size) the
/// first time, O(1) after.
void newlib_init() noexcept;

/// The heap behind malloc (built on first use). Read its statistics freely; call its acquire/release
/// only inside hc::cortex_m_lock if interrupt handlers also allocate. O(1).
heap& newlib_heap() noexcept;

}  // namespace hc
