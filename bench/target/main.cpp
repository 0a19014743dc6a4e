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
#include <cstddef>
#include <cstdint>

#include "hc/hc.hpp"
#include "hc_board.h"

using unit = std::uintptr_t (*)(void*, std::uintptr_t, std::uintptr_t);

extern "C" {
std::uint32_t hc_bench_ticks(void* obj, std::uintptr_t a, std::uintptr_t b, unit fn);
std::uintptr_t hc_bench_empty(void*, std::uintptr_t, std::uintptr_t);
std::uintptr_t hc_bench_nops(void*, std::uintptr_t, std::uintptr_t);
std::uintptr_t hc_bench_loop(void*, std::uintptr_t, std::uintptr_t);
extern std::uintptr_t hc_bench_result;
}

#define HC_BENCH_STR2(x) #x
#define HC_BENCH_STR(x) HC_BENCH_STR2(x)

namespace {

constexpr std::uint32_t k_loop_instructions = 1 + 2 * 100;  // hand count of hc_bench_loop (harness.S)
constexpr int k_calls = 1000;                                // calls per row and pass

volatile std::uint32_t& reg(std::uintptr_t address) { return *reinterpret_cast<volatile std::uint32_t*>(address); }
volatile std::uint32_t& syst_csr = reg(0xE000E010u);
volatile std::uint32_t& syst_rvr = reg(0xE000E014u);
volatile std::uint32_t& syst_cvr = reg(0xE000E018u);

std::uintptr_t as_word(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
void* as_ptr(std::uintptr_t w) { return reinterpret_cast<void*>(w); }

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

unit as_unit(void (*f)(void*, std::uintptr_t, std::uintptr_t)) {
  return reinterpret_cast<unit>(reinterpret_cast<void (*)()>(f));  // via void(*)(): the generic type
}

// ---- counting -------------------------------------------------------------------------------------
struct calibration {
  std::uint32_t ticks_per_block = 0;  // SysTick ticks for HC_BENCH_NOPS instructions
  std::uint32_t harness = 0;          // instructions between the markers around an empty call
};
calibration g_cal;

std::uint32_t ticks(void* obj, std::uintptr_t a, std::uintptr_t b, unit fn) {
  syst_cvr = 0;  // restart from the reload value: no wrap inside one measurement
  return hc_bench_ticks(obj, a, b, fn);
}

// Ticks to instructions, rounded to nearest (one instruction is >16 ticks on every board).
std::uint32_t instructions(std::uint32_t t) {
  return (t * HC_BENCH_NOPS + g_cal.ticks_per_block / 2) / g_cal.ticks_per_block;
}

// Instructions of fn's body without its return: the measured count less the harness.
std::int32_t net(void* obj, std::uintptr_t a, std::uintptr_t b, unit fn) {
  return static_cast<std::int32_t>(instructions(ticks(obj, a, b, fn))) - static_cast<std::int32_t>(g_cal.harness);
}

bool calibrate() {
  syst_rvr = 0x00FFFFFFu;
  syst_cvr = 0;
  syst_csr = 5u;  // ENABLE | CLKSOURCE=processor clock, no interrupt
  const std::uint32_t empty = ticks(nullptr, 0, 0, &hc_bench_empty);
  const std::uint32_t block = ticks(nullptr, 0, 0, &hc_bench_nops);
  if (block <= empty || empty == 0) return false;
  g_cal.ticks_per_block = block - empty;
  g_cal.harness = instructions(empty);
  return true;
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

struct stats {
  std::int32_t min, max;
};

HC_ARENA(g_arena, 1024);
HC_ARENA(g_tiny, 64);

std::uint32_t g_rng;
std::uintptr_t next_size() {  // xorshift32: 1..64
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return (g_rng & 63u) + 1u;
}

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
  out = {INT32_MAX, INT32_MIN};
  for (int i = 0; i < k_calls; ++i) {
    const std::uintptr_t n = r.random_size ? next_size() : 32u;
    if (r.what != kind::fail && b.remaining() < 128u) b.reset();  // outside the measurement
    if (base.end - base.cursor < 128u) base.cursor = base.begin;
    std::uintptr_t p = 0;
    if (r.what == kind::release) p = as_word(b.acquire(n));
    hc::clear_error();

    const std::int32_t count = net(obj, n, p, r.fn);
    if (count < out.min) out.min = count;
    if (count > out.max) out.max = count;

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

bool measure_all(stats (&table)[k_row_count]) {
  g_rng = 0x2545F491u;
  hc::clear_error();
  for (int i = 0; i < k_row_count; ++i) {
    if (!measure(k_rows[i], table[i])) {
      hc_board_puts("wrong result from: ");
      hc_board_puts(k_rows[i].name);
      hc_board_puts("\n");
      return false;
    }
  }
  return true;
}

void put_padded(const char* s, std::size_t width) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  hc_board_puts(s);
  for (; n < width; ++n) hc_board_puts(" ");
}

void put_number(std::int32_t v, std::size_t width) {
  char buf[12];
  std::size_t i = sizeof buf;
  buf[--i] = '\0';
  auto u = static_cast<std::uint32_t>(v < 0 ? -v : v);
  do {
    buf[--i] = static_cast<char>('0' + u % 10u);
    u /= 10u;
  } while (u != 0);
  if (v < 0) buf[--i] = '-';
  for (std::size_t len = sizeof buf - 1 - i; len < width; ++len) hc_board_puts(" ");
  hc_board_puts(&buf[i]);
}

const char* core_name(std::uint32_t cpuid) {
  switch ((cpuid >> 4) & 0xFFFu) {
    case 0xC20: return "Cortex-M0";
    case 0xC23: return "Cortex-M3";
    case 0xC24: return "Cortex-M4";
    case 0xC27: return "Cortex-M7";
    case 0xD21: return "Cortex-M33";
    case 0xD22: return "Cortex-M55";
    default: return "unknown core";
  }
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

  static stats first[k_row_count], second[k_row_count];
  if (!measure_all(first) || !measure_all(second)) return 1;

  hc_board_puts("\nnet instructions per call (wrapper call and return excluded), ");
  hc_board_put_dec(static_cast<std::uint32_t>(k_calls));
  hc_board_puts(" calls each\n");
  put_padded("call", 40);
  hc_board_puts("   min   max\n");
  for (int i = 0; i < k_row_count; ++i) {
    put_padded(k_rows[i].name, 40);
    put_number(first[i].min, 6);
    put_number(first[i].max, 6);
    if (first[i].min != second[i].min || first[i].max != second[i].max) {
      hc_board_puts("  NOT DETERMINISTIC: second pass ");
      put_number(second[i].min, 0);
      hc_board_puts("/");
      put_number(second[i].max, 0);
      ok = false;
    }
    hc_board_puts("\n");
  }
  hc_board_puts(ok ? "instruction counts: exact and deterministic\n" : "instruction counts: FAIL\n");
  return ok ? 0 : 1;
}
