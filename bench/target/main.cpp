// main.cpp — hc_bench_count: instructions executed per allocator call on the target, counted with
// SysTick under `qemu-system-arm -icount shift=10` (virtual time advances a fixed 1024 ns per
// instruction, so SysTick ticks measure instructions). No clock constant: the firmware calibrates ticks
// per instruction on a block of HC_BENCH_NOPS nops, then proves the method on a hand-counted loop.
//
// Every measured call is one `blx` from harness.S to a noinline wrapper holding the call. A row's count
// is net: the harness (marker reads, `blx`, the wrapper's return) is measured with an empty function and
// subtracted, so it is the wrapper's instructions except its return — what the call costs inline.
// The whole table is measured twice from the same state; the firmware exits 1 if the two differ, if
// the hand-counted loop is not counted exactly, or if a call returns a wrong result. No speed limits.
//
// Every call is measured on its own (SysTick runs at >16 ticks per instruction on every board, so one
// call's count is exact), and each row reports the min, mean and max over its k_calls calls. The rows
// of hc::bump (and the same calls through hc::allocator&) are followed by those of hc::pool, hc::memo
// and hc::slab through their concrete types: the hot cases alone (a free-list hit, a carve, a cache
// hit, a bump inside a slab, a count-down release), then memo and slab under a random workload
// (k_live live blocks of sizes 1..64 from a fixed-seed xorshift; each step releases a random one and
// acquires a new one), which includes whatever slow paths that workload reaches (misses, new slabs,
// slabs given back).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <tuple>
#include <type_traits>

#include "hc/cortex_m_lock.hpp"
#include "hc/hc.hpp"
#include "hc_board.h"
#include "counter.hpp"
#include "print.hpp"


namespace {

using namespace hc_bench;

constexpr int k_calls = 1000;                                // calls per row and pass


// ---- the wrappers: one measurable unit each -------------------------------------------------------
// They have the harness's signature; those that return nothing are void (no result register to set)
// and reach harness.S through a cast pointer — only assembly calls them.
#define HC_WRAPPER(name, result, type, body)                            \
  [[gnu::noinline]] result name(void* o, std::uintptr_t a, std::uintptr_t b) { \
    type& x = *static_cast<type*>(o);                                   \
    (void)a;                                                            \
    (void)b;                                                            \
    body;                                                               \
  }
// Through allocator& each is a real indirect call: the build passes -fno-devirtualize-speculatively, else
// GCC -O2 guesses that the one implementation it sees (hc::bump) is called and inlines it behind a compare.

HC_WRAPPER(c_acquire, std::uintptr_t, hc::bump, return as_word(x.acquire(a)))
HC_WRAPPER(c_acquire32, std::uintptr_t, hc::bump, return as_word(x.acquire(32)))
HC_WRAPPER(c_acquire64, std::uintptr_t, hc::bump, return as_word(x.acquire(a, 64)))
HC_WRAPPER(c_release, void, hc::bump, x.release(as_ptr(b)))
HC_WRAPPER(v_acquire, std::uintptr_t, hc::allocator, return as_word(x.acquire(a)))
HC_WRAPPER(v_acquire32, std::uintptr_t, hc::allocator, return as_word(x.acquire(32)))
HC_WRAPPER(v_acquire64, std::uintptr_t, hc::allocator, return as_word(x.acquire(a, 64)))
HC_WRAPPER(v_release, void, hc::allocator, x.release(as_ptr(b)))

// The reference: a plain inline bump, cursor rounded up to 8 then advanced, with an end check.
struct plain {
  std::uintptr_t begin, cursor, end;
};
inline std::uintptr_t plain_acquire(plain& s, std::uintptr_t n) {
  const std::uintptr_t p = (s.cursor + 7u) & ~std::uintptr_t{7};
  if (p + n > s.end) return 0;
  s.cursor = p + n;
  return p;
}
HC_WRAPPER(p_acquire, std::uintptr_t, plain, return plain_acquire(x, a))
HC_WRAPPER(p_acquire32, std::uintptr_t, plain, return plain_acquire(x, 32))
HC_WRAPPER(p_free, void, plain, static_cast<void>(x))  // freeing in a plain bump: nothing

// pool, memo and slab through their concrete types.
HC_WRAPPER(pool_acquire32, std::uintptr_t, hc::pool, return as_word(x.acquire(32)))
HC_WRAPPER(pool_release, void, hc::pool, x.release(as_ptr(b)))
HC_WRAPPER(memo_acquire, std::uintptr_t, hc::memo, return as_word(x.acquire(a)))
HC_WRAPPER(memo_acquire32, std::uintptr_t, hc::memo, return as_word(x.acquire(32)))
HC_WRAPPER(memo_release, void, hc::memo, x.release(as_ptr(b)))
HC_WRAPPER(slab_acquire, std::uintptr_t, hc::slab, return as_word(x.acquire(a)))
HC_WRAPPER(slab_acquire32, std::uintptr_t, hc::slab, return as_word(x.acquire(32)))
HC_WRAPPER(slab_release, void, hc::slab, x.release(as_ptr(b)))

// The composition layers over a pool, through their concrete types (hc/<layer>.hpp); compared with the
// pool rows in the same run, the difference is what each layer adds per call.
using stats_pool = hc::stats<hc::pool>;
using guard_pool = hc::guard<hc::pool>;
using locked_pool = hc::locked<hc::pool, hc::cortex_m_lock>;
using fallback_pool_bump = hc::fallback<hc::pool, hc::bump>;
using segregator_pool_bump = hc::segregator<64, hc::pool, hc::bump>;
template <class A>
[[gnu::noinline]] std::uintptr_t layer_acquire32(void* o, std::uintptr_t, std::uintptr_t) {
  return as_word(static_cast<A*>(o)->acquire(32));
}
template <class A>
[[gnu::noinline]] void layer_release(void* o, std::uintptr_t, std::uintptr_t b) {
  static_cast<A*>(o)->release(as_ptr(b));
}

// ---- the rows -------------------------------------------------------------------------------------
enum class kind { acquire, acquire_aligned64, release, fail, free_noop };

struct row {
  const char* name;
  unit fn;
  bool virtual_call;  // obj is the bump seen as hc::allocator&
  bool plain_state;   // obj is the plain baseline
  kind what;
  bool random_size;   // n from the sequence 1..64, else 32
};

const row k_rows[] = {
    {"bump.acquire(n)      n=1..64", &c_acquire, false, false, kind::acquire, true},
    {"bump.acquire(32)     constant", &c_acquire32, false, false, kind::acquire, false},
    {"bump.acquire(n, 64)  n=1..64", &c_acquire64, false, false, kind::acquire_aligned64, true},
    {"bump.release(p)", as_unit(&c_release), false, false, kind::release, true},
    {"bump.acquire(n) fails: no_memory", &c_acquire, false, false, kind::fail, true},
    {"allocator&.acquire(n)      n=1..64", &v_acquire, true, false, kind::acquire, true},
    {"allocator&.acquire(32)     constant", &v_acquire32, true, false, kind::acquire, false},
    {"allocator&.acquire(n, 64)  n=1..64", &v_acquire64, true, false, kind::acquire_aligned64, true},
    {"allocator&.release(p)", as_unit(&v_release), true, false, kind::release, true},
    {"allocator&.acquire(n) fails: no_memory", &v_acquire, true, false, kind::fail, true},
    {"plain inline bump(n)  n=1..64", &p_acquire, false, true, kind::acquire, true},
    {"plain inline bump(32) constant", &p_acquire32, false, true, kind::acquire, false},
    {"plain free (no-op)", as_unit(&p_free), false, true, kind::free_noop, false},
};
constexpr int k_row_count = static_cast<int>(sizeof k_rows / sizeof k_rows[0]);

// Net instructions of the calls of one row: min, max and their sum (for the mean).
struct stats {
  std::int32_t min = 0, max = 0, sum = 0, calls = 0;  // all zero: in .bss, not .data
  void add(std::int32_t count) {
    if (calls == 0 || count < min) min = count;
    if (calls == 0 || count > max) max = count;
    sum += count;
    ++calls;
  }
  bool operator!=(const stats& o) const {
    return min != o.min || max != o.max || sum != o.sum || calls != o.calls;
  }
};

HC_ARENA(g_arena, 1024);
HC_ARENA(g_tiny, 64);
// The memory of the pool, memo and slab rows (one row at a time). Its size bounds what the random
// workload may hold; the firmware prints what it took (small enough for the M0's 16 KiB of RAM).
constexpr std::size_t k_work_bytes = 4096;
HC_ARENA(g_work, k_work_bytes);

std::uint32_t g_rng;
std::uint32_t next_random() {  // xorshift32
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}
std::uintptr_t next_size() { return (next_random() & 63u) + 1u; }  // 1..64

// Measures one row k_calls times; returns false if a call gave a wrong result.
bool measure(const row& r, stats& out) {
  hc::bump main_bump{hc::region_of(g_arena)};
  hc::bump full{hc::region_of(g_tiny)};
  if (full.acquire(sizeof g_tiny) == nullptr) return false;  // nothing left: every acquire fails
  plain base{as_word(g_arena), as_word(g_arena), as_word(g_arena) + sizeof g_arena};

  hc::bump& b = r.what == kind::fail ? full : main_bump;
  void* obj = r.plain_state ? static_cast<void*>(&base)
              : r.virtual_call ? static_cast<void*>(static_cast<hc::allocator*>(&b))
                               : static_cast<void*>(&b);
  out = stats{};
  for (int i = 0; i < k_calls; ++i) {
    const std::uintptr_t n = r.random_size ? next_size() : 32u;
    if (r.what != kind::fail && b.remaining() < 128u) b.reset();  // outside the measurement
    if (base.end - base.cursor < 128u) base.cursor = base.begin;
    std::uintptr_t p = 0;
    if (r.what == kind::release) p = as_word(b.acquire(n));
    hc::clear_error();

    out.add(net(obj, n, p, r.fn));

    const std::uintptr_t got = hc_bench_result;
    switch (r.what) {
      case kind::acquire:
        if (got == 0 || !hc::is_aligned(got, r.plain_state ? 8u : hc::natural_alignment(n))) return false;
        break;
      case kind::acquire_aligned64:
        if (got == 0 || !hc::is_aligned(got, 64u)) return false;
        break;
      case kind::release:
        if (p == 0 || hc::last_error() != hc::error::none) return false;
        break;
      case kind::fail:
        if (got != 0 || hc::last_error() != hc::error::no_memory) return false;
        break;
      case kind::free_noop:
        break;
    }
  }
  return true;
}

// ---- pool, memo and slab -------------------------------------------------------------------------
// Each function below measures one row: k_calls calls of one kind, with whatever set-up each call
// needs done outside the measurement, and returns false if a call gave a wrong result.

// Measures fn(obj, a, b) once into `s` and returns its result (meaningless for void functions).
std::uintptr_t measured(stats& s, void* obj, std::uintptr_t a, std::uintptr_t b, unit fn) {
  s.add(net(obj, a, b, fn));
  return hc_bench_result;
}

constexpr std::size_t k_block = 32;         // pool block size (a natural alignment of 8 on Cortex-M)
constexpr std::size_t k_carve_bytes = 512;  // region of the carve row: 16 blocks, then a fresh pool
constexpr std::size_t k_chunk = 256;        // chunks of the sourced pool
constexpr std::size_t k_slab = 256;         // slabs of the slab allocator
constexpr std::size_t k_threshold = 64;     // its largest slab request: every size of 1..64
constexpr int k_live = 16;                  // live blocks of the random workload (a power of two)
constexpr std::uint32_t k_workload_seed = 0x9E3779B9u;

hc::region work() { return hc::region_of(g_work); }
bool clean() { return hc::last_error() == hc::error::none; }

// The hot acquire of a pool: the block just released heads the free list, and comes back first.
bool pool_hits(hc::pool& p, stats& s) {
  for (int i = 0; i < k_calls; ++i) {
    void* const q = p.acquire(k_block);
    if (q == nullptr) return false;
    p.release(q);
    if (measured(s, &p, 0, 0, &pool_acquire32) != as_word(q)) return false;
    p.release(q);
  }
  return clean();
}

// A valid release into a pool: the block released is the next one acquired.
bool pool_releases(hc::pool& p, stats& s) {
  for (int i = 0; i < k_calls; ++i) {
    void* const q = p.acquire(k_block);
    if (q == nullptr) return false;
    measured(s, &p, 0, as_word(q), as_unit(&pool_release));
    if (!clean() || p.acquire(k_block) != q) return false;
    p.release(q);
  }
  return clean();
}

// The same two measurements through a layer over a pool: the pool's free list keeps them LIFO.
template <class A>
bool layer_hits(A& a, stats& s) {
  for (int i = 0; i < k_calls; ++i) {
    void* const q = a.acquire(k_block);
    if (q == nullptr) return false;
    a.release(q);
    if (measured(s, &a, 0, 0, &layer_acquire32<A>) != as_word(q)) return false;
    a.release(q);
  }
  return clean();
}
template <class A>
bool layer_releases(A& a, stats& s) {
  for (int i = 0; i < k_calls; ++i) {
    void* const q = a.acquire(k_block);
    if (q == nullptr) return false;
    measured(s, &a, 0, as_word(q), as_unit(&layer_release<A>));
    if (!clean() || a.acquire(k_block) != q) return false;
    a.release(q);
  }
  return clean();
}
// Each layer's part(s): a pool of k_block-byte blocks (a guard's and a stats' pool blocks hold their
// prefix too) over the first half of the work arena; the second part (a bump) over the second half.
hc::region work_half(int i) {
  const std::size_t half = sizeof g_work / 2;
  return hc::region{g_work + static_cast<std::size_t>(i) * half, half};
}
template <class A>
bool layer_row(stats& s, bool release) {
  if constexpr (std::is_same_v<A, fallback_pool_bump> || std::is_same_v<A, segregator_pool_bump>) {
    A a{std::forward_as_tuple(work_half(0), k_block), std::forward_as_tuple(work_half(1))};
    return release ? layer_releases(a, s) : layer_hits(a, s);
  } else if constexpr (std::is_same_v<A, guard_pool>) {
    A a{work_half(0), k_block + hc::guard_overhead};
    return release ? layer_releases(a, s) : layer_hits(a, s);
  } else if constexpr (std::is_same_v<A, stats_pool>) {
    A a{work_half(0), k_block + hc::max_alignment};
    return release ? layer_releases(a, s) : layer_hits(a, s);
  } else {
    A a{work_half(0), k_block};
    return release ? layer_releases(a, s) : layer_hits(a, s);
  }
}
template <class A>
bool layer_hit_row(stats& s) { return layer_row<A>(s, false); }
template <class A>
bool layer_release_row(stats& s) { return layer_row<A>(s, true); }

bool pool_hit_row(stats& s) {
  hc::pool p{work(), k_block};
  return pool_hits(p, s);
}

// Carving: the free list is empty, the region has room. Blocks come in address order.
bool pool_carve_row(stats& s) {
  std::optional<hc::pool> p;
  std::uintptr_t expect = 0;
  for (int i = 0; i < k_calls; ++i) {
    if (!p || p->available() == 0) {
      p.emplace(hc::region{g_work, k_carve_bytes}, k_block);
      expect = as_word(g_work);  // max_alignment-aligned, so the first block
    }
    if (measured(s, &*p, 0, 0, &pool_acquire32) != expect) return false;
    expect += k_block;
  }
  return clean();
}

bool pool_release_row(stats& s) {
  hc::pool p{work(), k_block};
  return pool_releases(p, s);
}

bool sourced_pool_hit_row(stats& s) {
  hc::bump root{work()};
  hc::pool p{root, k_block, k_chunk};
  return pool_hits(p, s) && p.chunks() == 1;
}

bool sourced_pool_release_row(stats& s) {
  hc::bump root{work()};
  hc::pool p{root, k_block, k_chunk};
  return pool_releases(p, s) && p.chunks() == 1;
}

// A release into a sourced pool's older chunk (not the one it carves from now): the block of the first
// chunk released is the next one acquired.
bool sourced_pool_older_chunk_row(stats& s) {
  hc::bump root{work()};
  hc::pool p{root, k_block, k_chunk};
  void* const old = p.acquire(k_block);  // the first chunk's first block
  if (old == nullptr) return false;
  while (p.chunks() < 2) {  // carve on until a second chunk is taken
    if (p.acquire(k_block) == nullptr) return false;
  }
  for (int i = 0; i < k_calls; ++i) {
    measured(s, &p, 0, as_word(old), as_unit(&pool_release));
    if (!clean() || p.acquire(k_block) != old) return false;
  }
  return clean() && p.chunks() == 2;
}

// A memo cache hit: the block of size n's class released just before comes back.
bool memo_hits(stats& s, bool random_size) {
  hc::bump root{work()};
  hc::memo m{root};
  for (int i = 0; i < k_calls; ++i) {
    const std::uintptr_t n = random_size ? next_size() : 32u;
    void* const q = m.acquire(n);
    if (q == nullptr) return false;
    m.release(q);
    if (measured(s, &m, n, 0, random_size ? &memo_acquire : &memo_acquire32) != as_word(q)) return false;
    m.release(q);
  }
  return clean() && m.held() <= 8u;  // one block per class of 1..64
}
bool memo_hit32_row(stats& s) { return memo_hits(s, false); }
bool memo_hit_row(stats& s) { return memo_hits(s, true); }

// A release into the memo's cache: the block released is the next one acquired.
bool memo_release_row(stats& s) {
  hc::bump root{work()};
  hc::memo m{root};
  for (int i = 0; i < k_calls; ++i) {
    void* const q = m.acquire(32);
    if (q == nullptr) return false;
    measured(s, &m, 0, as_word(q), as_unit(&memo_release));
    if (!clean() || m.acquire(32) != q) return false;
    m.release(q);
  }
  return clean() && m.held() == 1u;
}

// The slab allocator of the slab rows: over the work region, fresh (its first slab taken) and holding
// one block, the anchor, so that releases of later blocks count down and never empty the slab.
struct slab_with_anchor {
  std::optional<hc::slab> s;
  void* anchor = nullptr;

  // Makes a fresh allocator, after checking that the current one's slab holds the anchor alone: its
  // release empties the slab, and a second one is refused.
  bool renew() {
    if (s) {
      s->release(anchor);
      if (!clean()) return false;
      s->release(anchor);
      if (hc::last_error() != hc::error::invalid_pointer) return false;
      hc::clear_error();
    }
    s.emplace(work(), k_slab, k_threshold);
    anchor = s->acquire(1);
    return anchor != nullptr;
  }
  bool in_anchor_slab(std::uintptr_t p) const { return (p & ~(k_slab - 1u)) == (as_word(anchor) & ~(k_slab - 1u)); }
};

// A bump within the current slab (which has room: pad + n < n + max_alignment).
bool slab_bumps(stats& s, bool random_size) {
  slab_with_anchor a;
  for (int i = 0; i < k_calls; ++i) {
    const std::uintptr_t n = random_size ? next_size() : 32u;
    if (!a.s || a.s->remaining() < n + hc::max_alignment) {
      if (!a.renew()) return false;
    }
    const std::uintptr_t got = measured(s, &*a.s, n, 0, random_size ? &slab_acquire : &slab_acquire32);
    if (got == 0 || !hc::is_aligned(got, hc::natural_alignment(n)) || !a.in_anchor_slab(got)) return false;
    a.s->release(as_ptr(got));  // counts down; the anchor keeps the slab
  }
  return clean() && a.renew();
}
bool slab_bump32_row(stats& s) { return slab_bumps(s, false); }
bool slab_bump_row(stats& s) { return slab_bumps(s, true); }

// A count-down release: the block's slab keeps the anchor. renew() proves the counts reached 1.
bool slab_release_row(stats& s) {
  slab_with_anchor a;
  for (int i = 0; i < k_calls; ++i) {
    if (!a.s || a.s->remaining() < k_block) {
      if (!a.renew()) return false;
    }
    void* const q = a.s->acquire(k_block);
    if (q == nullptr || !a.in_anchor_slab(as_word(q))) return false;
    measured(s, &*a.s, 0, as_word(q), as_unit(&slab_release));
    if (!clean()) return false;
  }
  return a.renew();
}

// ---- the random workload ----
// k_live live blocks (sizes 1..64); each step releases a random one and acquires one of a new size
// in its place. Every block is filled with its own byte and checked before its release, so blocks
// handed out twice or overlapping are caught. The same workload runs for the acquire row and the
// release row of an allocator (the measured calls are the same calls, through the harness).
std::uint32_t g_memo_took;  // bytes the memo workload took from its source
std::size_t g_slab_peak;    // most slabs the slab workload held at once

void fill(void* p, std::uintptr_t n, unsigned char tag) {
  auto* const b = static_cast<volatile unsigned char*>(p);
  for (std::uintptr_t i = 0; i < n; ++i) b[i] = tag;
}
bool intact(const void* p, std::uintptr_t n, unsigned char tag) {
  const auto* const b = static_cast<const volatile unsigned char*>(p);
  for (std::uintptr_t i = 0; i < n; ++i) {
    if (b[i] != tag) return false;
  }
  return true;
}

// The allocators of the workload: the object the wrappers get, and what the workload tracks.
struct memo_subject {
  hc::bump root{work()};
  hc::memo m{root};
  void* obj() { return &m; }
  void* acquire(std::uintptr_t n) { return m.acquire(n); }
  void release(void* p) { m.release(p); }
  std::size_t slabs() const { return 0; }
};
struct slab_subject {
  hc::slab sl{work(), k_slab, k_threshold};
  void* obj() { return &sl; }
  void* acquire(std::uintptr_t n) { return sl.acquire(n); }
  void release(void* p) { sl.release(p); }
  std::size_t slabs() const { return sl.slabs(); }
};

template <class A>
bool workload(A& a, bool measure_release, unit acquire_fn, unit release_fn, stats& s) {
  g_rng = k_workload_seed;
  void* live[k_live];
  std::uintptr_t size[k_live];
  unsigned char tag[k_live];
  unsigned char serial = 0;
  for (int i = 0; i < k_live; ++i) {  // warm-up, not measured
    size[i] = next_size();
    live[i] = a.acquire(size[i]);
    if (live[i] == nullptr) return false;
    tag[i] = ++serial;
    fill(live[i], size[i], tag[i]);
  }
  for (int step = 0; step < k_calls; ++step) {
    const auto i = static_cast<int>(next_random() & (k_live - 1u));
    if (!intact(live[i], size[i], tag[i])) return false;
    if (measure_release) {
      measured(s, a.obj(), 0, as_word(live[i]), release_fn);
    } else {
      a.release(live[i]);
    }
    if (!clean()) return false;
    const std::uintptr_t n = next_size();
    void* const q = measure_release ? a.acquire(n) : as_ptr(measured(s, a.obj(), n, 0, acquire_fn));
    if (q == nullptr || !hc::is_aligned(q, hc::natural_alignment(n))) return false;
    live[i] = q;
    size[i] = n;
    tag[i] = ++serial;
    fill(q, n, tag[i]);
    if (g_slab_peak < a.slabs()) g_slab_peak = a.slabs();
  }
  for (int i = 0; i < k_live; ++i) {
    if (!intact(live[i], size[i], tag[i])) return false;
    a.release(live[i]);
  }
  return clean();
}

bool memo_workload(stats& s, bool measure_release) {
  memo_subject a;
  if (!workload(a, measure_release, &memo_acquire, as_unit(&memo_release), s)) return false;
  g_memo_took = static_cast<std::uint32_t>(a.root.used());
  return a.m.cached() == a.m.held();  // every block is back, in the cache
}
bool memo_workload_acquire_row(stats& s) { return memo_workload(s, false); }
bool memo_workload_release_row(stats& s) { return memo_workload(s, true); }

bool slab_workload(stats& s, bool measure_release) {
  slab_subject a;
  if (!workload(a, measure_release, &slab_acquire, as_unit(&slab_release), s)) return false;
  return a.sl.slabs() <= 2u;  // every block is back: at most the current slab and the spare
}
bool slab_workload_acquire_row(stats& s) { return slab_workload(s, false); }
bool slab_workload_release_row(stats& s) { return slab_workload(s, true); }

struct custom_row {
  const char* name;
  bool (*measure)(stats&);
};

const custom_row k_more[] = {
    {"pool.acquire(32)     free-list hit", &pool_hit_row},
    {"pool.acquire(32)     carve", &pool_carve_row},
    {"pool.release(p)", &pool_release_row},
    {"pool(sourced).acquire(32) free-list hit", &sourced_pool_hit_row},
    {"pool(sourced).release(p) current chunk", &sourced_pool_release_row},
    {"pool(sourced).release(p) older chunk", &sourced_pool_older_chunk_row},
    {"memo.acquire(32)     cache hit", &memo_hit32_row},
    {"memo.acquire(n)      cache hit n=1..64", &memo_hit_row},
    {"memo.release(p)      to the cache", &memo_release_row},
    {"memo.acquire(n)      random workload", &memo_workload_acquire_row},
    {"memo.release(p)      random workload", &memo_workload_release_row},
    {"slab.acquire(32)     bump in slab", &slab_bump32_row},
    {"slab.acquire(n)      bump n=1..64", &slab_bump_row},
    {"slab.release(p)      count-down", &slab_release_row},
    {"slab.acquire(n)      random workload", &slab_workload_acquire_row},
    {"slab.release(p)      random workload", &slab_workload_release_row},
    {"fallback<pool,bump>.acquire(32) hit", &layer_hit_row<fallback_pool_bump>},
    {"fallback<pool,bump>.release(p)", &layer_release_row<fallback_pool_bump>},
    {"segregator<64,pool,bump>.acquire(32)", &layer_hit_row<segregator_pool_bump>},
    {"segregator<64,pool,bump>.release(p)", &layer_release_row<segregator_pool_bump>},
    {"stats<pool>.acquire(32) hit", &layer_hit_row<stats_pool>},
    {"stats<pool>.release(p)", &layer_release_row<stats_pool>},
    {"locked<pool>.acquire(32) hit", &layer_hit_row<locked_pool>},
    {"locked<pool>.release(p)", &layer_release_row<locked_pool>},
    {"guard<pool>.acquire(32) hit", &layer_hit_row<guard_pool>},
    {"guard<pool>.release(p) (poisons 32 B)", &layer_release_row<guard_pool>},
};
constexpr int k_more_count = static_cast<int>(sizeof k_more / sizeof k_more[0]);
constexpr int k_all_count = k_row_count + k_more_count;

const char* row_name(int i) { return i < k_row_count ? k_rows[i].name : k_more[i - k_row_count].name; }

bool measure_all(stats (&table)[k_all_count]) {
  g_rng = 0x2545F491u;
  g_slab_peak = 0;
  hc::clear_error();
  for (int i = 0; i < k_all_count; ++i) {
    table[i] = stats{};
    const bool ok = i < k_row_count ? measure(k_rows[i], table[i]) : k_more[i - k_row_count].measure(table[i]);
    if (!ok || table[i].calls != k_calls) {
      hc_board_puts("wrong result from: ");
      hc_board_puts(row_name(i));
      hc_board_puts("\n");
      return false;
    }
  }
  return true;
}



// The mean of a row, rounded to one decimal ("21.5"), right-aligned in `width`.
void put_mean(const stats& st, std::size_t width) {
  hc_bench::put_mean(st.sum, st.calls, width);
}

}  // namespace

int main() {
  hc::set_error_hook(nullptr);  // the failure rows measure the path with no hook installed
  const std::uint32_t cpuid = reg(0xE000ED00u);
  hc_board_puts("hc_bench_count: instructions per call on ");
  hc_board_puts(core_name(cpuid));
  hc_board_puts(" (" HC_BENCH_MACHINE ", CPUID ");
  hc_board_put_hex(cpuid);
  hc_board_puts(")\n");

  if (!calibrate()) {
    hc_board_puts("FAIL: SysTick does not count (run QEMU with -icount shift=10)\n");
    return 1;
  }
  // SysTick clock implied at 1024 ns per instruction: ticks * 1e6 / (NOPS * 1024) kHz = ticks * 15625 / (NOPS * 16).
  hc_board_puts("calibration: ");
  hc_board_put_dec(g_cal.ticks_per_block);
  hc_board_puts(" ticks per " HC_BENCH_STR(HC_BENCH_NOPS) " nops (SysTick ~");
  hc_board_put_dec((g_cal.ticks_per_block * 15625u + HC_BENCH_NOPS * 8u) / (HC_BENCH_NOPS * 16u));
  hc_board_puts(" kHz at shift=10); harness ");
  hc_board_put_dec(g_cal.harness);
  hc_board_puts(" instructions between the markers (blx + wrapper return + 1 marker load), subtracted\n");

  bool ok = true;
  for (int pass = 0; pass < 2; ++pass) {  // the hand-counted proof, twice
    const std::int32_t loop = net(nullptr, 0, 0, &hc_bench_loop);
    if (loop != static_cast<std::int32_t>(k_loop_instructions)) ok = false;
    if (pass == 0) {
      hc_board_puts("proof: hand-counted loop of ");
      hc_board_put_dec(k_loop_instructions);
      hc_board_puts(" instructions counted as ");
      put_number(loop, 0);
      hc_board_puts(loop == static_cast<std::int32_t>(k_loop_instructions) ? "  exact\n" : "  WRONG\n");
    }
  }

  static stats first[k_all_count], second[k_all_count];
  if (!measure_all(first) || !measure_all(second)) return 1;

  hc_board_puts("\nnet instructions per call (wrapper call and return excluded), ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_calls));
  hc_board_puts(" calls each, every call counted on its own\n");
  put_padded("call", 40);
  hc_board_puts("   min  mean   max\n");
  for (int i = 0; i < k_all_count; ++i) {
    if (i == k_row_count) {
      hc_board_puts("-- concrete types; pool: block 32, over a region (sourced: 256-B chunks from a bump);\n"
                    "-- memo: over a bump; slab: 256-B slabs over a region, threshold 64; random workload:\n-- ");
      hc_board_put_dec(static_cast<std::uint32_t>(k_live));
      hc_board_puts(" live blocks, sizes 1..64, each step releases a random one and acquires one\n");
    }
    put_padded(row_name(i), 40);
    put_number(first[i].min, 6);
    put_mean(first[i], 6);
    put_number(first[i].max, 6);
    if (first[i] != second[i]) {
      hc_board_puts("  NOT DETERMINISTIC: second pass ");
      put_number(second[i].min, 0);
      hc_board_puts("/");
      put_mean(second[i], 0);
      hc_board_puts("/");
      put_number(second[i].max, 0);
      ok = false;
    }
    hc_board_puts("\n");
  }
  hc_board_puts("random workload: the memo took ");
  hc_board_put_dec(g_memo_took);
  hc_board_puts(" B from its bump, the slab allocator held at most ");
  hc_board_put_dec(static_cast<std::uint32_t>(g_slab_peak));
  hc_board_puts(" slabs at once (work arena ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_work_bytes));
  hc_board_puts(" B)\n");
  hc_board_puts(ok ? "instruction counts: exact and deterministic\n" : "instruction counts: FAIL\n");
  return ok ? 0 : 1;
}
