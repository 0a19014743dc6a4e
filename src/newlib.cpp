// newlib.cpp — hc::newlib: newlib's malloc family over one hc::heap (see include/hc/newlib.hpp).
//
// Every definition here replaces the newlib-nano object that would otherwise satisfy the name:
//   malloc, free          lib_a-malloc.o          _malloc_r            lib_a-nano-mallocr.o
//   calloc                lib_a-calloc.o          _free_r              lib_a-nano-freer.o
//   realloc               lib_a-realloc.o         _calloc_r            lib_a-nano-callocr.o
//   memalign              lib_a-malign.o          _realloc_r           lib_a-nano-reallocr.o
//   malloc_usable_size    lib_a-msize.o           _memalign_r          lib_a-nano-malignr.o
//   aligned_alloc         lib_a-aligned_alloc.o   _malloc_usable_size_r lib_a-nano-msizer.o
//   posix_memalign        (none in newlib-nano: its aligned_alloc names it and fails to link)
//   _mallinfo_r           lib_a-nano-mallinfor.o  _malloc_stats_r      lib_a-nano-mallstatsr.o
//   _mallopt_r            lib_a-nano-malloptr.o
//   __malloc_lock/unlock  lib_a-mlock.o
// With those gone, nothing references _sbrk_r (lib_a-sbrkr.o) or nano-mallocr's __malloc_free_list /
// __malloc_sbrk_start. libstdc++'s operator new calls malloc, its aligned new memalign, delete free.
#include "hc/newlib.hpp"

#include <errno.h>
#include <stdlib.h>  // before malloc.h: Clang reads stdlib.h's nothrow as noexcept, malloc.h has none
#include <malloc.h>
#include <reent.h>
#include <stdio.h>
#include <string.h>

#include <cstddef>
#include <cstdint>
#include <new>

#include "hc/align.hpp"
#include "hc/cortex_m_lock.hpp"
#include "hc/region.hpp"

#if !defined(HC_HAS_CORTEX_M_LOCK)
#error "hc::newlib is for Arm M-profile firmware (it masks interrupts with hc::cortex_m_lock)"
#endif

extern "C" {
// The free RAM between .hc_arena and the stack reserve (board/common/sections.ld).
extern unsigned char __hc_free_start[];
extern unsigned char __hc_free_end[];
}

namespace {

using lock = hc::cortex_m_lock;

// The heap object, built in place on first use and never destroyed: no static constructor runs for
// it, so a malloc from another static constructor (or before them) is safe.
alignas(hc::heap) unsigned char g_storage[sizeof(hc::heap)];
bool g_ready = false;

// __malloc_lock's state: nesting depth and the PRIMASK the outermost lock found.
std::uint32_t g_depth = 0;
lock::token g_saved = 0;

hc::heap& heap_ref() noexcept { return *std::launder(reinterpret_cast<hc::heap*>(g_storage)); }

// Builds the heap (once). Out of line: the hot paths only test g_ready.
[[gnu::noinline]] void build() noexcept {
  ::new (static_cast<void*>(g_storage)) hc::heap{hc::linker_region(__hc_free_start, __hc_free_end)};
  g_ready = true;
}

// The heap, built if needed. Call with interrupts masked (inside lock::lock()).
[[gnu::always_inline]] inline hc::heap& ready_heap() noexcept {
  if (!g_ready) build();
  return heap_ref();
}

std::size_t free_range_bytes() noexcept {
  return static_cast<std::size_t>(hc::linker_region(__hc_free_start, __hc_free_end).size);
}

void* no_memory(struct _reent* r) noexcept {
  r->_errno = ENOMEM;
  return nullptr;
}

// A block of `size` bytes (0 taken as 1) at `alignment` (a power of two; <= max_alignment means
// natural), or null. Inlined into malloc and _malloc_r (the calls operator new and newlib make), so
// that each is one frame over hc::heap::acquire: the M0's GoogleTest images run close to their stack
// reserve.
[[gnu::always_inline]] inline void* take(std::size_t size, std::size_t alignment) noexcept {
  if (size == 0) size = 1;
  const lock::token t = lock::lock();
  hc::heap& h = ready_heap();
  void* p = alignment <= hc::max_alignment ? h.acquire(size) : h.acquire(size, alignment);
  lock::unlock(t);
  return p;
}

// Releases a block (null: nothing); a foreign or freed pointer is reported by hc and changes nothing.
// Inlined into free and _free_r, as take() is.
[[gnu::always_inline]] inline void give_back(void* block) noexcept {
  if (block == nullptr) return;
  const lock::token t = lock::lock();
  ready_heap().release(block);
  lock::unlock(t);
}

// take(), or null with ENOMEM.
void* allocate(struct _reent* r, std::size_t size, std::size_t alignment) noexcept {
  void* p = take(size, alignment);
  return p != nullptr ? p : no_memory(r);
}

// memalign/aligned_alloc: a power-of-two alignment, else EINVAL.
void* allocate_aligned(struct _reent* r, std::size_t alignment, std::size_t size) noexcept {
  if (!hc::is_power_of_two(alignment)) {
    r->_errno = EINVAL;
    return nullptr;
  }
  return allocate(r, size, alignment);
}

}  // namespace

namespace hc {

void newlib_init() noexcept {
  const lock::token t = lock::lock();
  (void)ready_heap();
  lock::unlock(t);
}

heap& newlib_heap() noexcept {
  newlib_init();
  return heap_ref();
}

}  // namespace hc

extern "C" {

// --- the reentrant forms (what newlib's own code calls) ------------------------------------------------

void* _malloc_r(struct _reent* r, size_t size) {
  void* p = take(size, 0);
  return p != nullptr ? p : no_memory(r);
}

void _free_r(struct _reent* r, void* block) {
  (void)r;
  give_back(block);
}

void* _realloc_r(struct _reent* r, void* block, size_t size) {
  if (block == nullptr) return allocate(r, size, 0);
  if (size == 0) {
    _free_r(r, block);
    return nullptr;
  }
  const lock::token t = lock::lock();
  void* p = ready_heap().resize(block, size);
  lock::unlock(t);
  return p != nullptr ? p : no_memory(r);
}

void* _calloc_r(struct _reent* r, size_t count, size_t size) {
  size_t total = 0;
  if (__builtin_mul_overflow(count, size, &total)) return no_memory(r);
  void* p = allocate(r, total, 0);
  if (p != nullptr) memset(p, 0, total);
  return p;
}

void* _memalign_r(struct _reent* r, size_t alignment, size_t size) { return allocate_aligned(r, alignment, size); }

size_t _malloc_usable_size_r(struct _reent* r, void* block) {
  (void)r;
  if (block == nullptr) return 0;
  const lock::token t = lock::lock();
  const size_t n = ready_heap().size_of(block);
  lock::unlock(t);
  return n;
}

// mallinfo(): arena = the heap's capacity, ordblks = free blocks, uordblks = bytes in use (headers
// included), fordblks = the rest, usmblks = the peak of uordblks.
struct mallinfo _mallinfo_r(struct _reent* r) {
  (void)r;
  struct mallinfo m;
  memset(&m, 0, sizeof m);
  const lock::token t = lock::lock();
  const hc::heap& h = ready_heap();
  m.arena = h.capacity();
  m.ordblks = h.free_blocks();
  m.uordblks = h.in_use();
  m.fordblks = h.capacity() - h.in_use();
  m.usmblks = h.peak();
  lock::unlock(t);
  return m;
}

void _malloc_stats_r(struct _reent* r) {
  const struct mallinfo m = _mallinfo_r(r);
  fiprintf(_stderr_r(r), "hc heap: %u B, in use %u B (peak %u B), %u free blocks\n",
           static_cast<unsigned>(m.arena), static_cast<unsigned>(m.uordblks), static_cast<unsigned>(m.usmblks),
           static_cast<unsigned>(m.ordblks));
}

// mallopt(): nothing to tune (newlib-nano's own is the same no-op; defined so mallinfo()'s object,
// which names it, extracts no allocator member).
int _mallopt_r(struct _reent* r, int parameter, int value) {
  (void)r;
  (void)parameter;
  (void)value;
  return 0;
}

// newlib's lock around its allocator. Interrupts stay masked from the outermost lock to its matching
// unlock; an unmatched unlock does nothing.
void __malloc_lock(struct _reent* r) {
  (void)r;
  const lock::token t = lock::lock();
  if (g_depth++ == 0) g_saved = t;
}

void __malloc_unlock(struct _reent* r) {
  (void)r;
  if (g_depth == 0) return;
  if (--g_depth == 0) lock::unlock(g_saved);
}

// --- the standard names --------------------------------------------------------------------------------

void* malloc(size_t size) {
  void* p = take(size, 0);
  return p != nullptr ? p : no_memory(_REENT);
}
void free(void* block) { give_back(block); }
void* realloc(void* block, size_t size) { return _realloc_r(_REENT, block, size); }
void* calloc(size_t count, size_t size) { return _calloc_r(_REENT, count, size); }
void* memalign(size_t alignment, size_t size) { return _memalign_r(_REENT, alignment, size); }
void* aligned_alloc(size_t alignment, size_t size) { return allocate_aligned(_REENT, alignment, size); }
size_t malloc_usable_size(void* block) { return _malloc_usable_size_r(_REENT, block); }

int posix_memalign(void** out, size_t alignment, size_t size) {
  if (!hc::is_power_of_two(alignment) || alignment < sizeof(void*)) return EINVAL;
  void* p = take(size, alignment);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}

// hc's boards (board/common/syscalls.c) report "heap used" from _sbrk, which this retarget never calls:
// here it is the heap's overhead (control block, region record, sentinel) plus its peak in_use(), so
// the board's "free at peak" margin reads capacity() - peak().
size_t hc_board_heap_used(void) {
  if (!g_ready) return 0;
  const hc::heap& h = heap_ref();
  return free_range_bytes() - h.capacity() + h.peak();
}

}  // extern "C"
