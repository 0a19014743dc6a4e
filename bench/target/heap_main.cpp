// heap_main.cpp — hc_bench_heap: instructions per call of hc::heap on the target, counted like
// hc_bench_count (main.cpp): SysTick under `qemu-system-arm -icount shift=10`, calibrated on a block of
// HC_BENCH_NOPS nops, proven on a hand-counted loop, every call one `blx` from harness.S to a noinline
// wrapper holding the call through the concrete type, net of an empty call. Each row gives the min, mean
// and max over its calls; the whole table is measured twice and must come out the same.
//
// The workloads are those of ../shared/notes/field.md ("Heap workloads"), with these exact choices
// where the note leaves room. PRNG xorshift32 (x ^= x<<13; x ^= x>>17; x ^= x<<5), seed 1; each `r`
// below is a fresh draw; sizes are 16 + r % S with S = 1009 on a 64 KiB arena (16..1024 bytes).
//   W1  3,000 operations: r; allocate when none is live, or when r's top bit is 0 and fewer than 256
//       are live (size from a fresh r), else release live[r % live] (its slot takes the last one).
//   W1+resize  as W1, but first r; if r % 4 == 0 and a block is live: resize live[r' % live] to
//       16 + r'' % S (this counts as one of the 3,000 operations); else a W1 step with a fresh r.
//   W2(N)  until 3,000 acquires and 3,000 releases were made: cap = N - live, m = min(cap, 32); a
//       batch of m + r % (cap - m + 1) acquires, stopping at the first null (one out-of-memory event,
//       no retry); then keep = r' % (live / 4 + 1) if r % 4 == 0, else 0; Fisher-Yates shuffle of the
//       live blocks (for i = live-1 .. 1: swap i with r % (i + 1)); release all but the first `keep`.
//   W3  1,000 x acquire(16), release every other one (the odd ones: ~500 holes), then 10 x
//       acquire(1024) and 10 x release of those.
//   FIT W2 over seeds 1..20 (uncounted): the total out-of-memory events, per N and per basic_heap<B>.
// Every workload's heap holds its own control block (hc::heap h{hc::region{arena, bytes}}). Every
// block carries a tag in its first word, checked before it is released or resized; after each workload
// check() must pass and the drained heap must be one free block again, else the firmware fails.
//
// Board limits: HC_BENCH_HEAP_ARENA (the arena of W1, W2, W3; 64 KiB where RAM allows) and
// HC_BENCH_HEAP_MAX_ARENA (the largest arena of the scale series). On an arena below 64 KiB the sizes
// are scaled: S = 1009 * arena / 65536, and W3 uses W3_SMALL blocks of 16 and big blocks of W3_BIG.
// Resize: a call that returns its own pointer resized in place; one that returns another block moved
// (acquire + copy + release). "moved - copy" subtracts, call by call, a memcpy of the same length
// between the same two addresses measured right after through its own wrapper (the copy's count).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hc/error.hpp"
#include "hc/heap.hpp"
#include "hc/region.hpp"
#include "hc_board.h"
#include "counter.hpp"
#include "print.hpp"

#ifndef HC_BENCH_HEAP_ARENA
#define HC_BENCH_HEAP_ARENA 65536
#endif
#ifndef HC_BENCH_HEAP_MAX_ARENA
#define HC_BENCH_HEAP_MAX_ARENA HC_BENCH_HEAP_ARENA
#endif
#ifndef HC_BENCH_HEAP_OPT
#define HC_BENCH_HEAP_OPT "?"
#endif


namespace {

using namespace hc_bench;

constexpr std::size_t k_arena = HC_BENCH_HEAP_ARENA;
constexpr std::size_t k_max_arena = HC_BENCH_HEAP_MAX_ARENA > HC_BENCH_HEAP_ARENA ? HC_BENCH_HEAP_MAX_ARENA
                                                                                  : HC_BENCH_HEAP_ARENA;
constexpr int k_ops = 3000;
constexpr unsigned k_w1_live = 256;
constexpr unsigned k_w2_max_n = 256;
constexpr unsigned k_w3_small = k_arena >= 65536 ? 1000 : static_cast<unsigned>(k_arena / 24 / 2 * 2 * 3 / 4);
constexpr std::uintptr_t k_w3_big = k_arena >= 65536 ? 1024 : 1024 * k_arena / 65536;
constexpr int k_w3_big_count = 10;

HC_ARENA(g_mem, k_max_arena);

// ---- the wrappers: one measurable unit each, through the concrete type -----------------------------
using heap_t = hc::heap;
[[gnu::noinline]] std::uintptr_t w_acquire(void* o, std::uintptr_t a, std::uintptr_t) {
  return as_word(static_cast<heap_t*>(o)->acquire(a));
}
[[gnu::noinline]] void w_release(void* o, std::uintptr_t, std::uintptr_t b) { static_cast<heap_t*>(o)->release(as_ptr(b)); }
[[gnu::noinline]] std::uintptr_t w_resize(void* o, std::uintptr_t a, std::uintptr_t b) {
  return as_word(static_cast<heap_t*>(o)->resize(as_ptr(b), a));
}
// The copy a moving resize makes (o = destination, b = source, a = length).
[[gnu::noinline]] void w_memcpy(void* o, std::uintptr_t a, std::uintptr_t b) { std::memcpy(o, as_ptr(b), a); }


struct stats {
  std::int32_t min = 0, max = 0, sum = 0, calls = 0;
  void add(std::int32_t count) {
    if (calls == 0 || count < min) min = count;
    if (calls == 0 || count > max) max = count;
    sum += count;
    ++calls;
  }
  bool operator!=(const stats& o) const { return min != o.min || max != o.max || sum != o.sum || calls != o.calls; }
};

std::uint32_t g_rng;
std::uint32_t rnd() {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}

bool g_ok = true;
const char* g_why = nullptr;
void fail(const char* why) {
  if (g_ok) g_why = why;
  g_ok = false;
}

// A live block's first word: its address, scrambled.
std::uint32_t tag_of(const void* p) { return static_cast<std::uint32_t>(as_word(p)) * 0x9E3779B1u ^ 0xA5A5A5A5u; }

// ---- the subject: direct calls (Count = false) or counted calls through the wrappers ----------------
// Tags: each live block's first word holds its tag, checked before release/resize.
template <class H, bool Count>
struct subject {
  H h;
  stats* acq = nullptr;       // successful acquires
  stats* acq_fail = nullptr;  // acquires that returned null
  stats* rel = nullptr;
  stats* rs_in = nullptr;     // resizes in place
  stats* rs_moved = nullptr;  // resizes that moved (copy included)
  stats* rs_net = nullptr;    // moved, less the copy measured alone
  stats* copy = nullptr;      // the copy alone
  unsigned oom = 0;

  explicit subject(hc::region r) : h{r} {}

  void* acquire(std::uintptr_t n) {
    void* p;
    if constexpr (Count) {
      const std::int32_t c = net(&h, n, 0, &w_acquire);
      p = as_ptr(hc_bench_result);
      if (p != nullptr && acq != nullptr) acq->add(c);
      if (p == nullptr && acq_fail != nullptr) acq_fail->add(c);
    } else {
      p = h.acquire(n);
    }
    if (p == nullptr) {
      ++oom;
      if (hc::last_error() != hc::error::no_memory) fail("a null acquire did not report no_memory");
      hc::clear_error();
      return nullptr;
    }
    if (as_word(p) % hc::natural_alignment(n) != 0) fail("a block is not naturally aligned");
    *static_cast<std::uint32_t*>(p) = tag_of(p);
    return p;
  }
  void release(void* p) {
    if (*static_cast<std::uint32_t*>(p) != tag_of(p)) fail("a block's contents changed while it was live");
    if constexpr (Count) {
      const std::int32_t c = net(&h, 0, as_word(p), as_unit(&w_release));
      if (rel != nullptr) rel->add(c);
    } else {
      h.release(p);
    }
    if (hc::last_error() != hc::error::none) fail("a release reported an error");
  }
  // Returns the block after resize (the old one if it failed).
  void* resize(void* p, std::uintptr_t n) {
    const std::uint32_t tag = tag_of(p);
    if (*static_cast<std::uint32_t*>(p) != tag) fail("a block's contents changed while it was live");
    const std::size_t old_usable = h.size_of(p);
    void* q;
    std::int32_t c = 0;
    if constexpr (Count) {
      c = net(&h, n, as_word(p), &w_resize);
      q = as_ptr(hc_bench_result);
    } else {
      q = h.resize(p, n);
    }
    if (q == nullptr) {
      ++oom;
      if (hc::last_error() != hc::error::no_memory) fail("a failed resize did not report no_memory");
      hc::clear_error();
      return p;
    }
    if (*static_cast<std::uint32_t*>(q) != tag) fail("resize lost a block's contents");
    if constexpr (Count) {
      if (q == p) {
        if (rs_in != nullptr) rs_in->add(c);
      } else {
        const std::uintptr_t len = old_usable < n ? old_usable : n;
        const std::int32_t cc = net(q, len, as_word(p), as_unit(&w_memcpy));  // same addresses, same length
        if (rs_moved != nullptr) rs_moved->add(c);
        if (copy != nullptr) copy->add(cc);
        if (rs_net != nullptr) rs_net->add(c - cc);
      }
    }
    *static_cast<std::uint32_t*>(q) = tag_of(q);  // after the copy above, which rewrote it
    return q;
  }
  // The end of a workload: every invariant holds, and once drained the heap is one free block.
  void verify_drained() {
    if (h.check()) fail("check() found a broken invariant");
    if (h.in_use() != 0 || h.free_blocks() != 1) fail("the drained heap is not one free block");
  }
};

std::uintptr_t size_mod(std::size_t arena) {
  if (arena >= 65536) return 1009;
  const std::uintptr_t s = 1009 * arena / 65536;
  return s == 0 ? 1 : s;
}

struct live_set {
  void* p[k_w1_live > k_w2_max_n ? k_w1_live : k_w2_max_n];
  unsigned n = 0;
};
live_set g_live;

// W1 (with_resize: W1+resize). Returns the peak number of live blocks.
template <class S>
unsigned w1(S& s, std::uintptr_t mod, bool with_resize) {
  g_rng = 1;
  live_set& L = g_live;
  L.n = 0;
  unsigned peak = 0;
  for (int op = 0; op < k_ops; ++op) {
    std::uint32_t r = rnd();
    if (with_resize) {
      if (r % 4 == 0 && L.n != 0) {
        const unsigned i = rnd() % L.n;
        L.p[i] = s.resize(L.p[i], 16 + rnd() % mod);
        continue;
      }
      r = rnd();
    }
    if (L.n == 0 || ((r >> 31) == 0 && L.n < k_w1_live)) {
      void* const p = s.acquire(16 + rnd() % mod);
      if (p != nullptr) {
        L.p[L.n] = p;
        ++L.n;
        if (L.n > peak) peak = L.n;
      }
    } else {
      const unsigned i = r % L.n;
      s.release(L.p[i]);
      --L.n;
      L.p[i] = L.p[L.n];
    }
  }
  auto* const saved = s.rel;  // draining is not part of the workload
  s.rel = nullptr;
  while (L.n != 0) {
    --L.n;
    s.release(L.p[L.n]);
  }
  s.rel = saved;
  s.verify_drained();
  return peak;
}

template <class S>
void w2(S& s, unsigned n_max, std::uint32_t seed, std::uintptr_t mod) {
  g_rng = seed;
  live_set& L = g_live;
  L.n = 0;
  int acquires = 0, releases = 0;
  while (acquires < k_ops || releases < k_ops) {
    const unsigned cap = n_max - L.n;
    const unsigned m = cap < 32 ? cap : 32;
    const unsigned batch = m + rnd() % (cap - m + 1);
    for (unsigned k = 0; k < batch; ++k) {
      void* const p = s.acquire(16 + rnd() % mod);
      if (p == nullptr) break;
      L.p[L.n] = p;
      ++L.n;
      ++acquires;
    }
    const unsigned keep = rnd() % 4 == 0 ? rnd() % (L.n / 4 + 1) : 0;
    for (unsigned i = L.n; i-- > 1;) {
      const unsigned j = rnd() % (i + 1);
      void* const tp = L.p[i];
      L.p[i] = L.p[j];
      L.p[j] = tp;
    }
    for (unsigned i = keep; i < L.n; ++i) {
      s.release(L.p[i]);
      ++releases;
    }
    L.n = keep;
  }
  auto* const saved = s.rel;
  s.rel = nullptr;
  while (L.n != 0) {
    --L.n;
    s.release(L.p[L.n]);
  }
  s.rel = saved;
  s.verify_drained();
}

// W3: acq gets every acquire, big the 10 big ones too.
template <class S>
void w3(S& s, stats* big) {
  live_set& L = g_live;
  static void* small[k_w3_small];
  for (unsigned i = 0; i < k_w3_small; ++i) {
    small[i] = s.acquire(16);
    if (small[i] == nullptr) fail("W3: out of memory on the small blocks");
  }
  for (unsigned i = 1; i < k_w3_small; i += 2) s.release(small[i]);
  stats* const all = s.acq;
  L.n = 0;
  for (int k = 0; k < k_w3_big_count; ++k) {
    stats one;
    s.acq = &one;
    void* const p = s.acquire(k_w3_big);
    if (p == nullptr) {
      fail("W3: out of memory on the big blocks");
      continue;
    }
    if (all != nullptr) all->add(one.min);
    if (big != nullptr) big->add(one.min);
    L.p[L.n] = p;
    ++L.n;
  }
  s.acq = all;
  for (unsigned i = 0; i < L.n; ++i) s.release(L.p[i]);
  L.n = 0;
  s.rel = nullptr;
  for (unsigned i = 0; i < k_w3_small; i += 2) s.release(small[i]);
  s.verify_drained();
}

// ---- the table ----------------------------------------------------------------------------------------
enum row_id {
  r_w1_acq, r_w1_rel,
  r_w2_acq, r_w2_fail, r_w2_rel,
  r_w2b_acq, r_w2b_fail, r_w2b_rel,
  r_w3_acq, r_w3_big, r_w3_rel,
  r_w1r_acq, r_w1r_rel, r_w1r_in, r_w1r_moved, r_w1r_copy, r_w1r_net,
  r_count
};
const char* const k_row_names[r_count] = {
    "heap W1 acquire",
    "heap W1 release",
    "heap W2/128 acquire",
    "heap W2/128 acquire null (no_memory)",
    "heap W2/128 release",
    "heap W2/256 acquire",
    "heap W2/256 acquire null (no_memory)",
    "heap W2/256 release",
    "heap W3 acquire (all)",
    "heap W3 acquire(big) among holes",
    "heap W3 release",
    "heap W1+resize acquire",
    "heap W1+resize release",
    "heap W1+resize resize in place",
    "heap W1+resize resize moved (with copy)",
    "heap W1+resize   the copy alone (memcpy)",
    "heap W1+resize resize moved - copy",
};

struct extra {
  unsigned w1_peak = 0, w1_oom = 0, w2_oom = 0, w2b_oom = 0, w1r_oom = 0, w1r_peak = 0;
};

void measure_table(stats (&t)[r_count], extra& x) {
  const hc::region arena{g_mem, k_arena};
  const std::uintptr_t mod = size_mod(k_arena);
  for (auto& s : t) s = stats{};
  hc::clear_error();
  {
    subject<heap_t, true> s{arena};
    s.acq = &t[r_w1_acq];
    s.acq_fail = &t[r_w1_acq];
    s.rel = &t[r_w1_rel];
    x.w1_peak = w1(s, mod, false);
    x.w1_oom = s.oom;
  }
  {
    subject<heap_t, true> s{arena};
    s.acq = &t[r_w2_acq];
    s.acq_fail = &t[r_w2_fail];
    s.rel = &t[r_w2_rel];
    w2(s, 128, 1, mod);
    x.w2_oom = s.oom;
  }
  {
    subject<heap_t, true> s{arena};
    s.acq = &t[r_w2b_acq];
    s.acq_fail = &t[r_w2b_fail];
    s.rel = &t[r_w2b_rel];
    w2(s, 256, 1, mod);
    x.w2b_oom = s.oom;
  }
  {
    subject<heap_t, true> s{arena};
    s.acq = &t[r_w3_acq];
    s.rel = &t[r_w3_rel];
    w3(s, &t[r_w3_big]);
  }
  {
    subject<heap_t, true> s{arena};
    s.acq = &t[r_w1r_acq];
    s.acq_fail = &t[r_w1r_acq];
    s.rel = &t[r_w1r_rel];
    s.rs_in = &t[r_w1r_in];
    s.rs_moved = &t[r_w1r_moved];
    s.copy = &t[r_w1r_copy];
    s.rs_net = &t[r_w1r_net];
    x.w1r_peak = w1(s, mod, true);
    x.w1r_oom = s.oom;
  }
}

// FIT: total out-of-memory events of W2 over seeds 1..20.
template <unsigned B>
unsigned fit(unsigned n_max) {
  unsigned total = 0;
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    subject<hc::basic_heap<B>, false> s{hc::region{g_mem, k_arena}};
    w2(s, n_max, seed, size_mod(k_arena));
    total += s.oom;
  }
  return total;
}

// The scale series: W1 on arenas from 4 KiB up, sizes scaled below 64 KiB.
constexpr std::size_t k_scales[] = {4096, 8192, 16384, 32768, 65536, 262144, 1048576, 2097152};
struct scale_result {
  std::size_t arena;
  std::uintptr_t mod;
  stats acq, rel;
  unsigned oom;
};

// ---- printing -------------------------------------------------------------------------------------------
void put_mean(const stats& st, std::size_t width) {
  if (st.calls == 0) {
    for (std::size_t len = 1; len < width; ++len) hc_board_puts(" ");
    hc_board_puts("-");
    return;
  }
  hc_bench::put_mean(st.sum, st.calls, width);
}
void put_row(const char* name, const stats& s) {
  put_padded(name, 42);
  if (s.calls == 0) {
    hc_board_puts("     -     -     -  (no calls)\n");
    return;
  }
  put_number(s.min, 6);
  put_mean(s, 6);
  put_number(s.max, 6);
  hc_board_puts("  (");
  put_number(s.calls, 0);
  hc_board_puts(" calls)\n");
}
void put_kib(std::size_t bytes) {
  if (bytes % 1048576 == 0) {
    hc_board_put_dec(static_cast<std::uint32_t>(bytes / 1048576));
    hc_board_puts(" MiB");
  } else {
    hc_board_put_dec(static_cast<std::uint32_t>(bytes / 1024));
    hc_board_puts(" KiB");
  }
}

template <unsigned B>
void put_fit_row(unsigned lists) {
  constexpr std::size_t control = hc::basic_heap<B>::control_bytes(65536) + sizeof(hc::basic_heap<B>);
  hc_board_puts("fit basic_heap<");
  hc_board_put_dec(B);
  hc_board_puts("> (");
  hc_board_put_dec(lists);
  hc_board_puts(" lists per class)  oom N=128 ");
  const unsigned a = fit<B>(128);
  put_number(static_cast<std::int32_t>(a), 5);
  hc_board_puts("  N=256 ");
  const unsigned b = fit<B>(256);
  put_number(static_cast<std::int32_t>(b), 5);
  hc_board_puts("  control_bytes(65536) + sizeof ");
  hc_board_put_dec(static_cast<std::uint32_t>(hc::basic_heap<B>::control_bytes(65536)));
  hc_board_puts(" + ");
  hc_board_put_dec(static_cast<std::uint32_t>(sizeof(hc::basic_heap<B>)));
  hc_board_puts(" = ");
  hc_board_put_dec(static_cast<std::uint32_t>(control));
  hc_board_puts(" B\n");
}

}  // namespace

int main() {
  hc::set_error_hook(nullptr);  // failing acquires measure the path with no hook installed
  const std::uint32_t cpuid = reg(0xE000ED00u);
  hc_board_puts("hc_bench_heap: hc::heap instructions per call on ");
  hc_board_puts(core_name(cpuid));
  hc_board_puts(" (" HC_BENCH_MACHINE ", heap code " HC_BENCH_HEAP_OPT ")\n");
  if (!calibrate()) {
    hc_board_puts("FAIL: SysTick does not count (run QEMU with -icount shift=10)\n");
    return 1;
  }
  const std::int32_t loop = net(nullptr, 0, 0, &hc_bench_loop);
  hc_board_puts("proof: hand-counted loop of ");
  hc_board_put_dec(k_loop_instructions);
  hc_board_puts(" instructions counted as ");
  put_number(loop, 0);
  hc_board_puts(loop == static_cast<std::int32_t>(k_loop_instructions) ? "  exact\n" : "  WRONG\n");
  if (loop != static_cast<std::int32_t>(k_loop_instructions)) g_ok = false;

  hc_board_puts("arena ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_arena));
  hc_board_puts(" B (control block inside), sizes 16 + r % ");
  hc_board_put_dec(static_cast<std::uint32_t>(size_mod(k_arena)));
  hc_board_puts(", W3: ");
  hc_board_put_dec(k_w3_small);
  hc_board_puts(" x 16 B then ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_w3_big_count));
  hc_board_puts(" x ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_w3_big));
  hc_board_puts(" B\n");

  static stats first[r_count], second[r_count];
  extra x1, x2;
  measure_table(first, x1);
  measure_table(second, x2);

  hc_board_puts("\nnet instructions per call (wrapper call and return excluded), every call counted on its own\n");
  put_padded("call", 40);
  hc_board_puts("   min  mean   max\n");
  for (int i = 0; i < r_count; ++i) {
    put_row(k_row_names[i], first[i]);
    if (first[i] != second[i]) {
      hc_board_puts("  NOT DETERMINISTIC (second pass differs)\n");
      g_ok = false;
    }
  }
  hc_board_puts("W1: peak ");
  hc_board_put_dec(x1.w1_peak);
  hc_board_puts(" live, ");
  hc_board_put_dec(x1.w1_oom);
  hc_board_puts(" out-of-memory; W2/128 seed 1: ");
  hc_board_put_dec(x1.w2_oom);
  hc_board_puts(" out-of-memory; W2/256: ");
  hc_board_put_dec(x1.w2b_oom);
  hc_board_puts("; W1+resize: peak ");
  hc_board_put_dec(x1.w1r_peak);
  hc_board_puts(" live, ");
  hc_board_put_dec(x1.w1r_oom);
  hc_board_puts(" out-of-memory\n");

  // Scale: W1 on every arena the board holds.
  hc_board_puts("\nscale: W1 on arenas of growing size (net instructions, min/mean/max)\n");
  hc_board_puts("arena      sizes        acquire min/mean/max   release min/mean/max   oom\n");
  for (std::size_t k = 0; k <= sizeof k_scales / sizeof k_scales[0]; ++k) {
    // Every listed arena the board holds, then the largest it holds if that is not listed.
    const std::size_t a = k < sizeof k_scales / sizeof k_scales[0] ? k_scales[k] : k_max_arena;
    if (a > k_max_arena) continue;
    if (k == sizeof k_scales / sizeof k_scales[0] && (a == 2097152 || a == 1048576 || a == 262144)) break;
    scale_result r{a, size_mod(a), {}, {}, 0};
    {
      subject<heap_t, true> s{hc::region{g_mem, a}};
      s.acq = &r.acq;
      s.acq_fail = &r.acq;
      s.rel = &r.rel;
      w1(s, r.mod, false);
      r.oom = s.oom;
    }
    hc_board_puts("scale ");
    put_kib(a);
    hc_board_puts("  16..");
    hc_board_put_dec(static_cast<std::uint32_t>(15 + r.mod));
    hc_board_puts("   ");
    put_number(r.acq.min, 5);
    put_mean(r.acq, 7);
    put_number(r.acq.max, 5);
    hc_board_puts("        ");
    put_number(r.rel.min, 5);
    put_mean(r.rel, 7);
    put_number(r.rel.max, 5);
    hc_board_puts("       ");
    hc_board_put_dec(r.oom);
    hc_board_puts("\n");
  }

#if HC_BENCH_HEAP_FIT
  hc_board_puts("\nFIT: W2 over seeds 1..20, total out-of-memory events (uncounted calls), arena ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_arena));
  hc_board_puts(" B\n");
  put_fit_row<1>(2);
  put_fit_row<2>(4);
  put_fit_row<3>(8);
#endif

  hc_board_puts("stack: ");
  hc_board_put_dec(static_cast<std::uint32_t>(hc_board_stack_peak()));
  hc_board_puts(" of ");
  hc_board_put_dec(static_cast<std::uint32_t>(hc_board_stack_size()));
  hc_board_puts(" B used\n");
  if (hc_board_stack_peak() >= hc_board_stack_size()) fail("the stack reserve overflowed");
  if (!g_ok) {
    hc_board_puts("FAIL: ");
    hc_board_puts(g_why != nullptr ? g_why : "counts not exact or not deterministic");
    hc_board_puts("\n");
  }
  hc_board_puts(g_ok ? "heap counts: exact and deterministic\n" : "heap counts: FAIL\n");
  return g_ok ? 0 : 1;
}
