// interrupt_test.cpp — hc_interrupt_test: the main loop and the SysTick handler share one allocator
// through hc::locked<..., hc::cortex_m_lock>, on the real core under QEMU. A standalone firmware (no
// GoogleTest, no heap): all of the M0's RAM it needs is the arenas and two tables.
//
// Each context (main loop, SysTick handler) keeps its own table of held blocks. One operation picks
// a random slot of its table: a held block is checked byte for byte against the pattern written when
// it was acquired (derived from its address and a sequence number) and released; an empty slot gets a
// new block of a random size, which must lie inside the arena at its natural alignment, and is filled.
// The handler does one operation per interrupt and reprograms SysTick to a random period of 32..95
// ticks, so interrupts land all over the main loop's calls (run under `-icount shift=2`: every few
// hundred instructions, deterministic). A phase runs until both contexts together did
// k_ops_per_phase operations; then, interrupts off, it checks every held block's contents, that no
// two held blocks overlap, and the allocator's own state: the pool hands out each of its blocks
// exactly once again (none lost, none twice); the memo owns every held block and, once they are
// released, caches every block it holds. Any error other than no_memory fails the run too.
//
// Command line (-append): "<locked|unlocked> [pool|memo]" — both phases by default. "unlocked" is
// the negative control: the same run with a lock that does nothing; it must report
// "interrupt_test: CORRUPTION" and exit nonzero (tests/target/CMakeLists.txt expects exactly that).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "hc/align.hpp"
#include "hc/cortex_m_lock.hpp"
#include "hc/error.hpp"
#include "hc/locked.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"
#include "hc_board.h"

namespace {

constexpr std::uint32_t k_ops_per_phase = 100000;  // both contexts together, per allocator
constexpr std::size_t k_main_slots = 24;
constexpr std::size_t k_isr_slots = 8;
constexpr std::size_t k_pool_block = 32;
constexpr std::size_t k_pool_bytes = 2048;  // 64 blocks; at most 32 held
constexpr std::size_t k_memo_bytes = 3072;
constexpr std::uint32_t k_max_size = 32;    // requests of 1..32 bytes

alignas(hc::max_alignment) HC_ARENA(g_pool_arena, k_pool_bytes);
alignas(hc::max_alignment) HC_ARENA(g_memo_arena, k_memo_bytes);

/// The negative control's lock: the same code path, no critical section.
struct no_lock {
  static int lock() noexcept { return 0; }
  static void unlock(int) noexcept {}
};

volatile std::uint32_t& reg(std::uintptr_t address) { return *reinterpret_cast<volatile std::uint32_t*>(address); }
volatile std::uint32_t& syst_csr = reg(0xE000E010u);
volatile std::uint32_t& syst_rvr = reg(0xE000E014u);
volatile std::uint32_t& syst_cvr = reg(0xE000E018u);
volatile std::uint32_t& scb_icsr = reg(0xE000ED04u);
constexpr std::uint32_t k_icsr_pendstclr = 1u << 25;

std::uint32_t load(const std::uint32_t& v) { return *static_cast<const volatile std::uint32_t*>(&v); }

std::uint32_t next(std::uint32_t& x) {  // xorshift32
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

struct slot {
  unsigned char* p;
  std::uint32_t n;
  std::uint32_t stamp;
};

struct context {
  const char* name;
  slot* slots;
  std::size_t count;
  std::uint32_t rng;
  std::uint32_t seq;
  std::uint32_t ops, no_memory;
};

slot g_main_slots[k_main_slots];
slot g_isr_slots[k_isr_slots];
context g_main{"main loop", g_main_slots, k_main_slots, 0, 0, 0, 0};
context g_isr{"SysTick handler", g_isr_slots, k_isr_slots, 0, 0, 0, 0};

// The first failure seen, by either context; the main loop reports it.
const char* volatile g_failure = nullptr;
const char* volatile g_failure_context = nullptr;
volatile std::uintptr_t g_failure_at = 0;

void fail(const context& c, const char* what, const void* at) {
  if (g_failure != nullptr) return;
  g_failure_context = c.name;
  g_failure_at = reinterpret_cast<std::uintptr_t>(at);
  g_failure = what;
}

void on_error(hc::error code, const void* who) {
  if (code == hc::error::no_memory) return;
  if (g_failure != nullptr) return;
  g_failure_context = "allocator";
  g_failure_at = reinterpret_cast<std::uintptr_t>(who);
  g_failure = hc::message(code);
}

// Interrupt bookkeeping.
volatile bool g_main_in_call = false;      // the main loop is inside acquire/release
volatile std::uint32_t g_interrupts = 0;   // SysTick entries in this phase
volatile std::uint32_t g_interleaved = 0;  // ... that found the main loop inside a call
volatile std::uint32_t g_ticks = 0;        // SysTick ticks elapsed (sum of the periods)
std::uint32_t g_period = 0;                // the period now loaded
std::uint32_t g_period_rng = 0x1234567u;
void (*volatile g_isr_step)() = nullptr;   // the handler's operation for this phase

// The pattern of a block. Its first word (or, below 4 bytes, its first bytes) holds the block's own
// address: where a free block keeps its free-list link, so that when an unlocked run corrupts a free
// list, the link it leaves still points into RAM and the damage is caught by these checks rather than
// as a fault. Word k >= 1 of the n / 4 whole words is stamp + k * golden, then tail bytes. Blocks of
// 4 bytes and more are at least 4-aligned (checked before the first fill), so word accesses are typed
// accesses at their natural alignment, as in firmware.
std::uint32_t word_at(const slot& s, std::uint32_t k) {
  return k == 0 ? static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(s.p)) : s.stamp + k * 0x9E3779B9u;
}
unsigned char byte_at(const slot& s, std::uint32_t k) {
  const std::uint32_t source = k < 4 ? static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(s.p)) : s.stamp ^ k;
  return static_cast<unsigned char>(source >> (8u * (k & 3u)));
}
void fill(const slot& s) {
  auto* const w = reinterpret_cast<std::uint32_t*>(s.p);
  const std::uint32_t words = s.n / 4u;
  for (std::uint32_t k = 0; k < words; ++k) w[k] = word_at(s, k);
  for (std::uint32_t k = words * 4u; k < s.n; ++k) s.p[k] = byte_at(s, k);
}
bool intact(const slot& s) {
  const auto* const w = reinterpret_cast<const std::uint32_t*>(s.p);
  const std::uint32_t words = s.n / 4u;
  for (std::uint32_t k = 0; k < words; ++k) {
    if (w[k] != word_at(s, k)) return false;
  }
  for (std::uint32_t k = words * 4u; k < s.n; ++k) {
    if (s.p[k] != byte_at(s, k)) return false;
  }
  return true;
}

bool inside(const void* p, std::size_t n, hc::region r) {
  const auto a = reinterpret_cast<std::uintptr_t>(p), b = reinterpret_cast<std::uintptr_t>(r.begin);
  return a >= b && a + n <= b + r.size;
}

// One operation of context c on allocator a (memory in r).
template <bool Main, class A>
void step(context& c, A& a, hc::region r) {
  const std::uint32_t x = next(c.rng);
  slot& s = c.slots[x % c.count];
  if (s.p != nullptr) {
    if (!intact(s)) fail(c, "a held block's contents changed", s.p);
    if (Main) g_main_in_call = true;
    a.release(s.p);
    if (Main) g_main_in_call = false;
    s.p = nullptr;
  } else {
    const std::uint32_t n = 1u + (x >> 8) % k_max_size;
    if (Main) g_main_in_call = true;
    auto* p = static_cast<unsigned char*>(a.acquire(n));
    if (Main) g_main_in_call = false;
    if (p == nullptr) {
      ++c.no_memory;
    } else if (!inside(p, n, r) || !hc::is_aligned(p, hc::natural_alignment(n))) {
      fail(c, "a block outside the arena or misaligned", p);  // never written to
    } else {
      s = {p, n, reinterpret_cast<std::uintptr_t>(p) * 2654435761u ^ ++c.seq * 0x9E3779B9u};
      fill(s);
    }
  }
  ++c.ops;
}

void* g_alloc = nullptr;  // the allocator of this phase
hc::region g_region{nullptr, 0};
template <class A>
void isr_step() {
  step<false>(g_isr, *static_cast<A*>(g_alloc), g_region);
}

void start_systick() {
  g_period = 32u + (next(g_period_rng) & 63u);
  syst_rvr = g_period - 1u;
  syst_cvr = 0;
  syst_csr = 7u;  // ENABLE | TICKINT | CLKSOURCE (processor clock)
}
void stop_systick() {
  syst_csr = 0;
  scb_icsr = k_icsr_pendstclr;
}

void put(const char* s) { hc_board_puts(s); }
void put(std::uint32_t v) { hc_board_put_dec(v); }

// Checks after the run, interrupts off: contents of every held block and no two overlapping.
bool check_held() {
  const context* contexts[] = {&g_main, &g_isr};
  for (const context* c : contexts) {
    for (std::size_t i = 0; i < c->count; ++i) {
      const slot& s = c->slots[i];
      if (s.p != nullptr && !intact(s)) fail(*c, "a held block's contents changed (final check)", s.p);
      for (const context* d : contexts) {
        for (std::size_t j = 0; j < d->count; ++j) {
          const slot& t = d->slots[j];
          if (&s == &t || s.p == nullptr || t.p == nullptr) continue;
          if (s.p < t.p + t.n && t.p < s.p + s.n) fail(*c, "two held blocks overlap", s.p);
        }
      }
    }
  }
  return g_failure == nullptr;
}

template <class A>
void release_held(A& a) {
  for (context* c : {&g_main, &g_isr}) {
    for (std::size_t i = 0; i < c->count; ++i) {
      a.release(c->slots[i].p);
      c->slots[i].p = nullptr;
    }
  }
}

// The pool's own invariant: every one of its blocks can be handed out again, each exactly once.
template <class Lock>
void check_state(hc::locked<hc::pool, Lock>& a) {
  release_held(a);
  const hc::pool& p = a.part();
  const std::size_t blocks = p.blocks();
  static unsigned char seen[k_pool_bytes / k_pool_block];
  std::memset(seen, 0, sizeof seen);
  void* list = nullptr;
  std::size_t got = 0;
  for (; got <= blocks; ++got) {
    auto* b = static_cast<unsigned char*>(a.acquire(p.block_size()));
    if (b == nullptr) break;
    const auto offset = reinterpret_cast<std::uintptr_t>(b) - reinterpret_cast<std::uintptr_t>(g_pool_arena);
    const std::size_t index = offset / k_pool_block;
    if (!inside(b, p.block_size(), hc::region_of(g_pool_arena)) || offset % k_pool_block != 0) {
      fail(g_main, "the pool handed out a block outside its region (final check)", b);
      return;
    }
    if (seen[index] != 0) fail(g_main, "the pool handed out a block twice (final check)", b);
    seen[index] = 1;
    std::memcpy(b, &list, sizeof list);
    list = b;
  }
  if (got != blocks) fail(g_main, "the pool lost blocks: fewer than blocks() handed out again", nullptr);
  hc::clear_error();
  while (list != nullptr) {
    void* n = nullptr;
    std::memcpy(&n, list, sizeof n);
    a.release(list);
    list = n;
  }
  put(" every one of its ");
  put(static_cast<std::uint32_t>(blocks));
  put(" blocks handed out again exactly once;");
}

// The memo's: it owns every held block, and once they are back it caches every block it holds.
template <class Lock>
void check_state(hc::locked<hc::memo, Lock>& a) {
  for (const context* c : {&g_main, &g_isr}) {
    for (std::size_t i = 0; i < c->count; ++i) {
      if (c->slots[i].p != nullptr && !a.owns(c->slots[i].p)) fail(*c, "the memo does not own a held block", c->slots[i].p);
    }
  }
  if (g_failure != nullptr) return;
  release_held(a);
  const hc::memo& m = a.part();
  if (m.cached() != m.held()) fail(g_main, "the memo lost blocks: cached() != held() once all are back", nullptr);
  put(" every one of its ");
  put(static_cast<std::uint32_t>(m.held()));
  put(" blocks back in its cache;");
}

// Prints "interrupt_test: <mode> <kind>".
void put_phase(const char* mode, const char* kind) {
  put("interrupt_test: ");
  put(mode);
  put(" ");
  put(kind);
}

template <class A>
bool run_phase(const char* mode, const char* kind, A& a, hc::region r, std::uint32_t seed) {
  g_main.rng = seed;
  g_isr.rng = seed ^ 0x5bd1e995u;
  g_main.ops = g_isr.ops = g_main.no_memory = g_isr.no_memory = 0;
  g_interrupts = g_interleaved = g_ticks = 0;
  g_alloc = &a;
  g_region = r;
  g_isr_step = &isr_step<A>;
  start_systick();
  while (g_failure == nullptr && g_main.ops + load(g_isr.ops) < k_ops_per_phase) step<true>(g_main, a, r);
  stop_systick();
  g_isr_step = nullptr;
  put_phase(mode, kind);
  put(": ");
  put(g_main.ops + g_isr.ops);
  put(" operations (main loop ");
  put(g_main.ops);
  put(", SysTick handler ");
  put(g_isr.ops);
  put("), ");
  put(g_interrupts);
  put(" interrupts, ");
  put(g_interleaved);
  put(" of them while the main loop was in acquire/release, ");
  put(g_ticks);
  put(" SysTick ticks, ");
  put(g_main.no_memory + g_isr.no_memory);
  put(" no_memory\n");
  if (g_failure == nullptr && check_held()) {
    put_phase(mode, kind);
    put(": every held block intact, none overlapping;");
    check_state(a);
    put("\n");
  }
  if (g_failure != nullptr) {
    put("interrupt_test: CORRUPTION (");
    put(mode);
    put(" ");
    put(kind);
    put("): ");
    put(g_failure);
    put(" [");
    put(g_failure_context);
    put(", at ");
    hc_board_put_hex(static_cast<std::uint32_t>(g_failure_at));
    put("]\n");
    return false;
  }
  put_phase(mode, kind);
  put(": OK\n");
  return true;
}

bool equal(const char* a, const char* b) { return std::strcmp(a, b) == 0; }

template <class Lock>
int run(const char* mode, const char* which) {
  int failures = 0;
  if (which == nullptr || equal(which, "pool")) {
    hc::locked<hc::pool, Lock> pool{hc::region_of(g_pool_arena), k_pool_block};
    failures += run_phase(mode, "pool", pool, hc::region_of(g_pool_arena), 2463534242u) ? 0 : 1;
    g_failure = nullptr;
  }
  if (which == nullptr || equal(which, "memo")) {
    hc::locked<hc::memo, Lock> memo{hc::region_of(g_memo_arena)};
    failures += run_phase(mode, "memo", memo, hc::region_of(g_memo_arena), 88675123u) ? 0 : 1;
    g_failure = nullptr;
  }
  return failures;
}

}  // namespace

extern "C" void SysTick_Handler(void) {
  g_ticks = g_ticks + g_period;
  g_interrupts = g_interrupts + 1u;
  if (g_main_in_call) g_interleaved = g_interleaved + 1u;
  g_period = 32u + (next(g_period_rng) & 63u);  // from the next reload on
  syst_rvr = g_period - 1u;
  void (*const work)() = g_isr_step;
  if (work != nullptr && g_failure == nullptr) work();
}

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "locked";
  const char* which = argc > 2 ? argv[2] : nullptr;
  hc::set_error_hook(&on_error);
  int failures = 0;
  if (equal(mode, "locked")) {
    failures = run<hc::cortex_m_lock>(mode, which);
  } else if (equal(mode, "unlocked")) {
    failures = run<no_lock>(mode, which);
  } else {
    put("interrupt_test: unknown mode (locked or unlocked)\n");
    return 2;
  }
  put(failures == 0 ? "interrupt_test: PASSED\n" : "interrupt_test: FAILED\n");
  return failures;
}
