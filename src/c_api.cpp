// c_api.cpp — hc's C API (hc/hc.h): hc's allocators in caller-provided storage behind the seed's
// `struct hc_malloc`, the adapters both ways (hc::c_view, hc::c_allocator) and the error channel.
//
// A storage holds a slot<A>: the C++ allocator first (so the hook, which names the allocator that
// failed, names the storage the caller passed in), then its hc_malloc face, then the hc::c_allocator
// a sourced allocator takes its memory through. The face's functions are per type and call the
// concrete class, so its inline hot path is inlined into them: hc_acquire makes one indirect call, no virtual
// call. Only the functions a firmware calls are linked (each init names its own type's face).
//
// Adding an allocator (as hc::heap was): a storage type and HC_<NAME>_STORAGE_WORDS in hc.h (and its
// fits<> check below; spare<> if the slot is not the same number of words on ILP32 and LP64), then
// init functions that call emplace<A>() with how to build it and when it came out empty, a deinit
// calling destroy<A>(), and the diagnostics through object<A>() (see the pool below).
#include "hc/hc.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>

#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/bump.hpp"
#include "hc/error.hpp"
#include "hc/heap.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"
#include "hc/slab.hpp"

namespace hc {
namespace {

// ---- The codes mirror hc::error ---------------------------------------------------------------------
constexpr bool same(hc_error c, error e) { return static_cast<int>(c) == static_cast<int>(e); }
static_assert(same(HC_ERROR_NONE, error::none) && same(HC_INVALID_SIZE, error::invalid_size) &&
                  same(HC_INVALID_ALIGNMENT, error::invalid_alignment) && same(HC_NO_MEMORY, error::no_memory) &&
                  same(HC_INVALID_POINTER, error::invalid_pointer) &&
                  same(HC_CANARY_OVERRUN, error::canary_overrun) &&
                  same(HC_CANARY_UNDERRUN, error::canary_underrun) &&
                  same(HC_DOUBLE_RELEASE, error::double_release),
              "enum hc_error mirrors hc::error");
static_assert(HC_MEMO_GRANULE == memo::granule && HC_MEMO_CLASSES == memo::classes &&
                  HC_MEMO_MAX_CACHED == memo::max_cached,
              "hc.h's memo constants are hc::memo's");

// ---- Slots: an allocator, its C face and its source adapter in the caller's storage -----------------
template <class A>
struct slot {
  alignas(A) unsigned char object[sizeof(A)];
  hc_malloc face;
  alignas(c_allocator) unsigned char from[sizeof(c_allocator)];
};

// Bytes of A's storage beyond its slot: none, but for hc::heap on LP64, whose two 32-bit fields (the
// last list index and the bitmap summary) share one word there and take two on ILP32.
template <class A>
constexpr std::size_t spare = 0;
template <>
constexpr std::size_t spare<heap> = sizeof(void*) > sizeof(std::uint32_t) ? sizeof(void*) : 0;

// The storage types of hc.h hold exactly a slot (and spare<A>), and are aligned for it (checked on every
// build: host x86-64 and each Cortex-M; the counts in words hold for ILP32 and LP64 alike).
template <class A, class Storage>
constexpr bool fits = sizeof(slot<A>) + spare<A> == sizeof(Storage) && alignof(slot<A>) <= alignof(Storage) &&
                      std::is_standard_layout_v<slot<A>>;
static_assert(fits<bump, hc_bump_storage>, "HC_BUMP_STORAGE_WORDS is hc::bump's slot");
static_assert(fits<pool, hc_pool_storage>, "HC_POOL_STORAGE_WORDS is hc::pool's slot");
static_assert(fits<memo, hc_memo_storage>, "HC_MEMO_STORAGE_WORDS is hc::memo's slot");
static_assert(fits<slab, hc_slab_storage>, "HC_SLAB_STORAGE_WORDS is hc::slab's slot");
static_assert(fits<heap, hc_heap_storage>, "HC_HEAP_STORAGE_WORDS is hc::heap's slot");
static_assert(HC_HEAP_STORAGE_SIZE == sizeof(hc_heap_storage), "HC_HEAP_STORAGE_SIZE is its storage's size");
static_assert(HC_STORAGE_ALIGN == alignof(hc_pool_storage), "HC_STORAGE_ALIGN is the storage's alignment");

template <class A>
slot<A>* slot_of(hc_malloc* m) noexcept {
  return std::launder(reinterpret_cast<slot<A>*>(reinterpret_cast<unsigned char*>(m) - offsetof(slot<A>, face)));
}

// The allocator in an initialised storage (it starts the storage).
template <class A, class Storage>
A& object(Storage* s) noexcept {
  return *std::launder(reinterpret_cast<A*>(s));
}
template <class A, class Storage>
const A& object(const Storage* s) noexcept {
  return *std::launder(reinterpret_cast<const A*>(s));
}

template <class A>
void* face_acquire(hc_malloc* m, std::size_t size) noexcept {
  return std::launder(reinterpret_cast<A*>(slot_of<A>(m)->object))->acquire(size);
}
template <class A>
void* face_acquire_aligned(hc_malloc* m, std::size_t size, std::size_t alignment) noexcept {
  return std::launder(reinterpret_cast<A*>(slot_of<A>(m)->object))->acquire(size, alignment);
}
template <class A>
void face_release(hc_malloc* m, void* block) noexcept {
  std::launder(reinterpret_cast<A*>(slot_of<A>(m)->object))->release(block);
}

// Builds an A in `s` with build(place, adapter_place) and returns its face; a sourced allocator's
// build makes its source adapter in adapter_place first (adapter()), so a firmware with root
// allocators only links no adapter. If empty(a) says the constructor failed (it has reported why),
// destroys it, leaves the face null (so deinit ignores the storage) and returns null.
template <class A, class Storage, class Build, class Empty>
hc_malloc* emplace(Storage* s, Build build, Empty empty) noexcept {
  static_assert(fits<A, Storage>, "the storage holds the slot");
  slot<A>* const sl = ::new (static_cast<void*>(s)) slot<A>;
  A* const a = build(static_cast<void*>(sl->object), static_cast<void*>(sl->from));
  if (empty(*a)) {
    a->~A();
    sl->face = hc_malloc{nullptr, nullptr, nullptr};
    return nullptr;
  }
  // Field by field: an aggregate copy would come from a constant in the shared .rodata, which
  // --gc-sections cannot split, and so link every type's face functions into every firmware.
  sl->face.acquire = &face_acquire<A>;
  sl->face.release = &face_release<A>;
  sl->face.acquire_aligned = &face_acquire_aligned<A>;
  return &sl->face;
}

// The adapter a sourced allocator takes its memory through, made in its slot. Never destroyed: it is
// trivially destructible.
static_assert(std::is_trivially_destructible_v<c_allocator>, "the adapter needs no destruction");
allocator& adapter(void* place, hc_malloc* source) noexcept { return *::new (place) c_allocator(source); }

template <class A, class Storage>
void destroy(Storage* s) noexcept {
  if (s == nullptr) return;
  slot<A>* const sl = std::launder(reinterpret_cast<slot<A>*>(s));
  if (sl->face.acquire == nullptr) return;  // its init failed, or already deinitialised
  sl->face = hc_malloc{nullptr, nullptr, nullptr};
  object<A>(s).~A();
}

// The checks every init makes before building: the storage, and the region or the source.
void* invalid(const void* storage) noexcept { return detail::fail(error::invalid_pointer, storage); }
constexpr bool never_empty(const allocator&) noexcept { return false; }

// ---- The hook: a C function behind the C++ hook ------------------------------------------------------
// Read by the trampoline in whatever context fails (maybe an interrupt): one aligned word, accessed
// once per call through volatile (single-copy atomic on every core; no atomic library call on the M0).
hc_hook volatile g_c_hook = nullptr;

void c_hook_trampoline(error code, const void* allocator) noexcept {
  const hc_hook hook = g_c_hook;
  if (hook != nullptr) hook(static_cast<hc_error>(code), allocator);
}

}  // namespace

// ---- hc::c_view and hc::c_allocator -----------------------------------------------------------------
void* c_view::acquire_thunk(hc_malloc* m, std::size_t size) noexcept {
  return static_cast<c_view*>(m)->target_->acquire(size);
}
void c_view::release_thunk(hc_malloc* m, void* block) noexcept { static_cast<c_view*>(m)->target_->release(block); }
void* c_view::acquire_aligned_thunk(hc_malloc* m, std::size_t size, std::size_t alignment) noexcept {
  return static_cast<c_view*>(m)->target_->acquire(size, alignment);
}

void* c_allocator::do_acquire(std::size_t size, std::size_t alignment) noexcept {
  return hc_acquire_aligned(m_, size, alignment);
}
void c_allocator::do_release(void* block) noexcept { hc_release(m_, block); }

}  // namespace hc

using hc::allocator;
using hc::c_allocator;
using hc::error;
using hc::object;

// ---- The protocol -----------------------------------------------------------------------------------
extern "C" void* hc_acquire(hc_malloc* m, size_t size) {
  if (m == nullptr || m->acquire == nullptr) return hc::detail::fail(error::invalid_pointer, m);
  return m->acquire(m, size);
}

extern "C" void* hc_acquire_aligned(hc_malloc* m, size_t size, size_t alignment) {
  if (m == nullptr || m->acquire == nullptr) return hc::detail::fail(error::invalid_pointer, m);
  if (m->acquire_aligned != nullptr) return m->acquire_aligned(m, size, alignment);
  if (!hc::is_power_of_two(alignment) || alignment > hc::max_alignment) {
    return hc::detail::fail(error::invalid_alignment, m);
  }
  if (alignment <= hc::natural_alignment(size)) return m->acquire(m, size);
  // Here size < alignment <= max_alignment, so the rounding cannot wrap; a size rounded up to a
  // multiple of `alignment` is naturally aligned to it.
  return m->acquire(m, static_cast<size_t>(hc::align_up(size, alignment)));
}

extern "C" void hc_release(hc_malloc* m, void* block) {
  if (block == nullptr) return;
  if (m == nullptr || m->release == nullptr) {
    hc::detail::fail(error::invalid_pointer, m);
    return;
  }
  m->release(m, block);
}

extern "C" size_t hc_natural_alignment(size_t size) { return hc::natural_alignment(size); }

// ---- Errors -----------------------------------------------------------------------------------------
extern "C" const char* hc_message(hc_error code) {
  const auto value = static_cast<unsigned>(code);
  return value <= 0xFFu ? hc::message(static_cast<error>(value)) : hc::message(static_cast<error>(0xFFu));
}

extern "C" hc_error hc_last_error(void) { return static_cast<hc_error>(hc::last_error()); }

extern "C" void hc_clear_error(void) { hc::clear_error(); }

extern "C" hc_hook hc_set_hook(hc_hook hook) {
  const hc_hook previous = hc::g_c_hook;
  hc::error_hook replaced;
  if (hook != nullptr) {
    hc::g_c_hook = hook;  // before the trampoline can run with it
    replaced = hc::set_error_hook(&hc::c_hook_trampoline);
  } else {
    replaced = hc::set_error_hook(nullptr);
    hc::g_c_hook = nullptr;
  }
  return replaced == &hc::c_hook_trampoline ? previous : nullptr;
}

extern "C" void* hc_fail(hc_error code, const void* allocator) {
  const auto value = static_cast<unsigned>(code);  // any value: hc_message names the unknown ones
  return hc::detail::fail(static_cast<error>(static_cast<std::uint8_t>(value)), allocator);
}

// ---- Bump -------------------------------------------------------------------------------------------
extern "C" hc_malloc* hc_bump_init(hc_bump_storage* s, void* begin, size_t size) {
  if (s == nullptr || begin == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::bump>(
      s, [=](void* at, void*) { return ::new (at) hc::bump(hc::region{begin, size}); },
      hc::never_empty);
}

extern "C" hc_malloc* hc_bump_init_sourced(hc_bump_storage* s, hc_malloc* source, size_t capacity) {
  if (s == nullptr || source == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::bump>(
      s, [=](void* at, void* from) { return ::new (at) hc::bump(hc::adapter(from, source), capacity); },
      [](const hc::bump& b) { return b.capacity() == 0; });
}

extern "C" void hc_bump_deinit(hc_bump_storage* s) { hc::destroy<hc::bump>(s); }

extern "C" bool hc_bump_owns(const hc_bump_storage* s, const void* p) { return object<hc::bump>(s).owns(p); }

extern "C" hc_bump_marker hc_bump_mark(const hc_bump_storage* s) {
  static_assert(sizeof(hc::bump::marker) == sizeof(hc_bump_marker) &&
                    std::is_trivially_copyable_v<hc::bump::marker>,
                "a marker's bytes fit hc_bump_marker");
  const hc::bump::marker m = object<hc::bump>(s).mark();
  hc_bump_marker out;
  std::memcpy(&out, &m, sizeof out);
  return out;
}

extern "C" bool hc_bump_rewind(hc_bump_storage* s, hc_bump_marker m) {
  hc::bump::marker in;
  std::memcpy(&in, &m, sizeof in);
  return object<hc::bump>(s).rewind(in);
}

extern "C" void hc_bump_reset(hc_bump_storage* s) { object<hc::bump>(s).reset(); }
extern "C" size_t hc_bump_used(const hc_bump_storage* s) { return object<hc::bump>(s).used(); }
extern "C" size_t hc_bump_capacity(const hc_bump_storage* s) { return object<hc::bump>(s).capacity(); }
extern "C" size_t hc_bump_remaining(const hc_bump_storage* s) { return object<hc::bump>(s).remaining(); }

// ---- Pool -------------------------------------------------------------------------------------------
namespace {
bool pool_empty(const hc::pool& p) noexcept { return p.block_size() == 0; }  // how its constructors fail
}  // namespace

extern "C" hc_malloc* hc_pool_init(hc_pool_storage* s, void* begin, size_t size, size_t block_size,
                                   size_t alignment) {
  if (s == nullptr || begin == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::pool>(
      s,
      [=](void* at, void*) { return ::new (at) hc::pool(hc::region{begin, size}, block_size, alignment); },
      pool_empty);
}

extern "C" hc_malloc* hc_pool_init_sourced(hc_pool_storage* s, hc_malloc* source, size_t block_size,
                                           size_t chunk_size, size_t alignment) {
  if (s == nullptr || source == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::pool>(
      s,
      [=](void* at, void* from) {
        return ::new (at) hc::pool(hc::adapter(from, source), block_size, chunk_size, alignment);
      },
      pool_empty);
}

extern "C" void hc_pool_deinit(hc_pool_storage* s) { hc::destroy<hc::pool>(s); }
extern "C" bool hc_pool_owns(const hc_pool_storage* s, const void* p) { return object<hc::pool>(s).owns(p); }
extern "C" size_t hc_pool_block_size(const hc_pool_storage* s) { return object<hc::pool>(s).block_size(); }
extern "C" size_t hc_pool_block_alignment(const hc_pool_storage* s) {
  return object<hc::pool>(s).block_alignment();
}
extern "C" size_t hc_pool_blocks(const hc_pool_storage* s) { return object<hc::pool>(s).blocks(); }
extern "C" size_t hc_pool_capacity(const hc_pool_storage* s) { return object<hc::pool>(s).capacity(); }
extern "C" size_t hc_pool_chunks(const hc_pool_storage* s) { return object<hc::pool>(s).chunks(); }
extern "C" size_t hc_pool_free_blocks(const hc_pool_storage* s) { return object<hc::pool>(s).free_blocks(); }
extern "C" size_t hc_pool_available(const hc_pool_storage* s) { return object<hc::pool>(s).available(); }

// ---- Memo -------------------------------------------------------------------------------------------
extern "C" hc_malloc* hc_memo_init(hc_memo_storage* s, void* begin, size_t size) {
  if (s == nullptr || begin == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::memo>(
      s, [=](void* at, void*) { return ::new (at) hc::memo(hc::region{begin, size}); },
      hc::never_empty);
}

extern "C" hc_malloc* hc_memo_init_sourced(hc_memo_storage* s, hc_malloc* source) {
  if (s == nullptr || source == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::memo>(
      s, [=](void* at, void* from) { return ::new (at) hc::memo(hc::adapter(from, source)); },
      hc::never_empty);
}

extern "C" void hc_memo_deinit(hc_memo_storage* s) { hc::destroy<hc::memo>(s); }
extern "C" bool hc_memo_owns(const hc_memo_storage* s, const void* p) { return object<hc::memo>(s).owns(p); }
extern "C" void hc_memo_trim(hc_memo_storage* s) { object<hc::memo>(s).trim(); }
extern "C" size_t hc_memo_held(const hc_memo_storage* s) { return object<hc::memo>(s).held(); }
extern "C" size_t hc_memo_cached(const hc_memo_storage* s) { return object<hc::memo>(s).cached(); }
extern "C" size_t hc_memo_cached_for(const hc_memo_storage* s, size_t size) {
  return size - 1u < hc::memo::max_cached ? object<hc::memo>(s).cached(size) : 0u;
}

// ---- Slab -------------------------------------------------------------------------------------------
namespace {
// How slab's constructors fail: no threshold. Over a region, its own pool of slabs may fail too (a
// region smaller than one slab): then the source (that pool) has no block size.
bool slab_empty(const hc::slab& a) noexcept { return a.threshold() == 0; }
bool rooted_slab_empty(const hc::slab& a) noexcept {
  return slab_empty(a) || static_cast<const hc::pool*>(a.source())->block_size() == 0;
}
}  // namespace

extern "C" hc_malloc* hc_slab_init(hc_slab_storage* s, void* begin, size_t size, size_t slab_size,
                                   size_t threshold) {
  if (s == nullptr || begin == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::slab>(
      s,
      [=](void* at, void*) { return ::new (at) hc::slab(hc::region{begin, size}, slab_size, threshold); },
      rooted_slab_empty);
}

extern "C" hc_malloc* hc_slab_init_sourced(hc_slab_storage* s, hc_malloc* source, size_t slab_size,
                                           size_t threshold) {
  if (s == nullptr || source == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::slab>(
      s,
      [=](void* at, void* from) { return ::new (at) hc::slab(hc::adapter(from, source), slab_size, threshold); },
      slab_empty);
}

extern "C" void hc_slab_deinit(hc_slab_storage* s) { hc::destroy<hc::slab>(s); }
extern "C" bool hc_slab_owns(const hc_slab_storage* s, const void* p) { return object<hc::slab>(s).owns(p); }
extern "C" size_t hc_slab_slab_size(const hc_slab_storage* s) { return object<hc::slab>(s).slab_size(); }
extern "C" size_t hc_slab_threshold(const hc_slab_storage* s) { return object<hc::slab>(s).threshold(); }
extern "C" size_t hc_slab_slabs(const hc_slab_storage* s) { return object<hc::slab>(s).slabs(); }
extern "C" bool hc_slab_has_spare(const hc_slab_storage* s) { return object<hc::slab>(s).has_spare(); }
extern "C" size_t hc_slab_remaining(const hc_slab_storage* s) { return object<hc::slab>(s).remaining(); }

// ---- Heap -------------------------------------------------------------------------------------------
namespace {
// How heap's constructors fail: no capacity (a region or chunk too small, reported as invalid_size; or
// the source could not give the first chunk, which the source reported).
bool heap_empty(const hc::heap& h) noexcept { return h.capacity() == 0; }
}  // namespace

extern "C" hc_malloc* hc_heap_init(hc_heap_storage* s, void* begin, size_t size) {
  if (s == nullptr || begin == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::heap>(
      s, [=](void* at, void*) { return ::new (at) hc::heap(hc::region{begin, size}); }, heap_empty);
}

extern "C" hc_malloc* hc_heap_init_sourced(hc_heap_storage* s, hc_malloc* source, size_t chunk_size) {
  if (s == nullptr || source == nullptr) return static_cast<hc_malloc*>(hc::invalid(s));
  return hc::emplace<hc::heap>(
      s, [=](void* at, void* from) { return ::new (at) hc::heap(hc::adapter(from, source), chunk_size); },
      heap_empty);
}

extern "C" void hc_heap_deinit(hc_heap_storage* s) { hc::destroy<hc::heap>(s); }

extern "C" bool hc_heap_add_region(hc_heap_storage* s, void* begin, size_t size) {
  if (begin == nullptr) {
    hc::invalid(s);
    return false;
  }
  return object<hc::heap>(s).add_region(hc::region{begin, size});
}

extern "C" void* hc_heap_resize(hc_heap_storage* s, void* block, size_t size) {
  return object<hc::heap>(s).resize(block, size);
}

extern "C" bool hc_heap_owns(const hc_heap_storage* s, const void* p) { return object<hc::heap>(s).owns(p); }
extern "C" size_t hc_heap_size_of(const hc_heap_storage* s, const void* block) {
  return object<hc::heap>(s).size_of(block);
}
extern "C" size_t hc_heap_max_size(const hc_heap_storage* s) { return object<hc::heap>(s).max_size(); }
extern "C" size_t hc_heap_capacity(const hc_heap_storage* s) { return object<hc::heap>(s).capacity(); }
extern "C" size_t hc_heap_in_use(const hc_heap_storage* s) { return object<hc::heap>(s).in_use(); }
extern "C" size_t hc_heap_peak(const hc_heap_storage* s) { return object<hc::heap>(s).peak(); }
extern "C" void hc_heap_reset_peak(hc_heap_storage* s) { object<hc::heap>(s).reset_peak(); }
extern "C" size_t hc_heap_free_blocks(const hc_heap_storage* s) { return object<hc::heap>(s).free_blocks(); }
extern "C" size_t hc_heap_oom_count(const hc_heap_storage* s) { return object<hc::heap>(s).oom_count(); }
extern "C" size_t hc_heap_largest_free(const hc_heap_storage* s) { return object<hc::heap>(s).largest_free(); }
extern "C" size_t hc_heap_regions(const hc_heap_storage* s) { return object<hc::heap>(s).regions(); }

extern "C" const char* hc_heap_check(const hc_heap_storage* s, const void** where) {
  const hc::heap_fault fault = object<hc::heap>(s).check();
  if (where != nullptr) *where = fault.where;
  return fault.what;
}

extern "C" size_t hc_heap_control_bytes(size_t region_size) { return hc::heap::control_bytes(region_size); }
extern "C" size_t hc_heap_arena_bound(size_t live, size_t largest, size_t smallest) {
  return hc::heap::arena_bound(live, largest, smallest);
}
