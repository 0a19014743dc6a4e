// size_probe.cpp — hc_size_probe_<allocator>: what a firmware using only one allocator links. Built (not
// run) once per allocator with the preset's flags (-Os in the target presets); scripts/size-report.sh
// reads the images with arm-none-eabi-nm and compares each with hc_size_probe_empty.
//
// Each probe constructs its allocator over an HC_ARENA on main's stack, then acquires one 32-byte block
// and releases it through the concrete type, each call in its own function (hc_probe_acquire /
// hc_probe_release: `return a.acquire(32);` / `a.release(p);`, never inlined), so the inline hot path at
// a call site shows as those functions' sizes. main never returns (hc_board_exit), as firmware does, so
// no destructor is linked. Exactly one HC_SIZE_PROBE_<name> is defined per image:
//   EMPTY          main only: the board, startup and runtime every probe shares
//   BUMP           hc::bump over a region
//   POOL_REGION    hc::pool of 32-byte blocks over a region
//   POOL_SOURCED   hc::pool of 32-byte blocks in 256-byte chunks from a hc::bump (the source's code
//                  is linked too; the report lists it apart)
//   MEMO           hc::memo over a region (through the hc::bump it owns)
//   SLAB           hc::slab of 256-byte slabs over a region (through the hc::pool it owns)
//   POOL_AND_BUMP  a pool of 32-byte blocks and a bump, each over half the arena, both used (what
//                  fallback and segregator compose); its call sites acquire from and release to each
//   FALLBACK       hc::fallback<pool, bump> over those two;  SEGREGATOR  hc::segregator<64, pool, bump>
//   STATS          hc::stats<pool>, the pool's blocks 32 + max_alignment (the prefix) bytes
//   GUARD          hc::guard<pool>, the pool's blocks 32 + guard_overhead bytes
//   LOCKED         hc::locked<pool, cortex_m_lock>
//   HEAP           hc::heap over a region: acquire(32) and release only
//   HEAP_FULL      hc::heap over a region, also resize (hc_probe_resize: `a.resize(p, 64)`) and an
//                  aligned acquire (hc_probe_acquire_aligned: `a.acquire(32, 64)`), each a call site too
#include <cstddef>
#include <tuple>

#include "hc/cortex_m_lock.hpp"
#include "hc/hc.hpp"
#include "hc/heap.hpp"  // not (yet) in hc.hpp
#include "hc_board.h"

#if defined(HC_SIZE_PROBE_EMPTY)

int main() { hc_board_exit(0); }

#else

namespace {
HC_ARENA(g_arena, 1024);
}  // namespace

#if defined(HC_SIZE_PROBE_BUMP)
using subject = hc::bump;
#define HC_PROBE_DECLARE(name) hc::bump name{hc::region_of(g_arena)}
#elif defined(HC_SIZE_PROBE_POOL_REGION)
using subject = hc::pool;
#define HC_PROBE_DECLARE(name) hc::pool name{hc::region_of(g_arena), 32}
#elif defined(HC_SIZE_PROBE_POOL_SOURCED)
using subject = hc::pool;
#define HC_PROBE_DECLARE(name)         \
  hc::bump root{hc::region_of(g_arena)}; \
  hc::pool name { root, 32, 256 }
#elif defined(HC_SIZE_PROBE_MEMO)
using subject = hc::memo;
#define HC_PROBE_DECLARE(name) hc::memo name{hc::region_of(g_arena)}
#elif defined(HC_SIZE_PROBE_SLAB)
using subject = hc::slab;
#define HC_PROBE_DECLARE(name) hc::slab name{hc::region_of(g_arena), 256}
#elif defined(HC_SIZE_PROBE_POOL_AND_BUMP)
struct pool_and_bump {
  hc::pool p;
  hc::bump b;
  void* acquire(std::size_t n) noexcept {
    void* q = p.acquire(n);
    return q != nullptr ? q : b.acquire(n);
  }
  void release(void* q) noexcept {
    p.release(q);
    b.release(q);
  }
};
using subject = pool_and_bump;
#define HC_PROBE_DECLARE(name) \
  pool_and_bump name{{hc::region{g_arena, 512}, 32}, hc::bump{hc::region{g_arena + 512, 512}}}
#elif defined(HC_SIZE_PROBE_FALLBACK)
using subject = hc::fallback<hc::pool, hc::bump>;
#define HC_PROBE_DECLARE(name)                                                 \
  subject name {                                                               \
    std::forward_as_tuple(hc::region{g_arena, 512}, std::size_t{32}),          \
        std::forward_as_tuple(hc::region{g_arena + 512, 512})                  \
  }
#elif defined(HC_SIZE_PROBE_SEGREGATOR)
using subject = hc::segregator<64, hc::pool, hc::bump>;
#define HC_PROBE_DECLARE(name)                                                 \
  subject name {                                                               \
    std::forward_as_tuple(hc::region{g_arena, 512}, std::size_t{32}),          \
        std::forward_as_tuple(hc::region{g_arena + 512, 512})                  \
  }
#elif defined(HC_SIZE_PROBE_STATS)
using subject = hc::stats<hc::pool>;
#define HC_PROBE_DECLARE(name) subject name{hc::region_of(g_arena), std::size_t{32 + hc::max_alignment}}
#elif defined(HC_SIZE_PROBE_GUARD)
using subject = hc::guard<hc::pool>;
#define HC_PROBE_DECLARE(name) subject name{hc::region_of(g_arena), std::size_t{32 + hc::guard_overhead}}
#elif defined(HC_SIZE_PROBE_LOCKED)
using subject = hc::locked<hc::pool, hc::cortex_m_lock>;
#define HC_PROBE_DECLARE(name) subject name{hc::region_of(g_arena), std::size_t{32}}
#elif defined(HC_SIZE_PROBE_HEAP) || defined(HC_SIZE_PROBE_HEAP_FULL)
using subject = hc::heap;
#define HC_PROBE_DECLARE(name) hc::heap name{hc::region_of(g_arena)}
#else
#error "define one HC_SIZE_PROBE_<name>"
#endif

// The call sites: the inline hot path of one acquire and one release through the concrete type.
// GCC: noipa (neither inlined into main nor specialised for its one caller). Clang has no noipa; an
// external, noinline function is never specialised for its callers there either.
#if defined(__clang__)
#define HC_PROBE_CALL_SITE [[gnu::noinline]]
#else
#define HC_PROBE_CALL_SITE [[gnu::noipa]]
#endif
extern "C" HC_PROBE_CALL_SITE void* hc_probe_acquire(subject& a) { return a.acquire(32); }
extern "C" HC_PROBE_CALL_SITE void hc_probe_release(subject& a, void* p) { a.release(p); }
#if defined(HC_SIZE_PROBE_HEAP_FULL)
extern "C" HC_PROBE_CALL_SITE void* hc_probe_resize(subject& a, void* p) { return a.resize(p, 64); }
extern "C" HC_PROBE_CALL_SITE void* hc_probe_acquire_aligned(subject& a) { return a.acquire(32, 64); }
#endif

int main() {
  HC_PROBE_DECLARE(a);
#if defined(HC_SIZE_PROBE_HEAP_FULL)
  void* const p = hc_probe_resize(a, hc_probe_acquire(a));
  hc_probe_release(a, hc_probe_acquire_aligned(a));
#else
  void* const p = hc_probe_acquire(a);
#endif
  hc_probe_release(a, p);
  hc_board_exit(p == nullptr ? 1 : 0);
}

#endif
