// heap_bench.cpp — hc::heap on the host (issue 6), in the same run and executable as the other rows:
//   heap_w1_<size>  the field's W1 random walk (../shared/notes/field.md; the exact draws are those of
//                   bench/target/heap_main.cpp: xorshift32 seed 1, 3,000 operations, at most 256 live,
//                   sizes 16 + r % S) on regions of 4 KiB, 64 KiB, 1 MiB, 64 MiB and 1 GiB, each heap
//                   holding its own control block. S = 1009 (16..1024 bytes) on 64 KiB and up; on the
//                   4 KiB region S = 1009 * 4096 / 65536 / 2 = 31 (16..46 bytes): scaled to the region,
//                   and halved because a 64-bit heap's headers and granule are twice a Cortex-M's.
//                   Cost per operation must not grow with the region: ratios.py prints ns per
//                   operation and whether all five are within 10% of each other.
//   heap_w2r        W2 (N = 128, seed 1, sizes 16..1024) with resize: after each batch, every live block
//                   is resized to 16 + r % 1009 one time in four (r % 4 == 0), then the batch's releases;
//                   on a 1 MiB region, where it never runs out of memory.
//   malloc_w2r      the same trace with glibc malloc / realloc / free.
// The traces are generated once, outside the timing; each iteration replays one whole trace and leaves
// the heap as one free block again (W1 releases what is still live at its end, counted as operations).
// The "ops" counter is the operations per iteration: ratios.py turns times into ns per 1000 operations.
#include <benchmark/benchmark.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "hc/error.hpp"
#include "hc/heap.hpp"

namespace {

struct xorshift32 {
  std::uint32_t x;
  std::uint32_t operator()() {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }
};

// One operation of a trace: acquire `arg` bytes into a new slot (the slot count grows by one); release
// slot `slot` (the last slot moves into it); resize slot `slot` to `arg` bytes.
enum class op_kind : std::uint8_t { acquire, release, resize };
struct op {
  op_kind kind;
  std::uint32_t slot;
  std::uint32_t arg;
};
struct trace {
  std::vector<op> ops;
  std::size_t max_live = 0;
};

// W1 with sizes 16 + r % mod, then a release of every block still live (last slot first).
trace make_w1(std::uint32_t mod) {
  trace t;
  xorshift32 rnd{1};
  std::uint32_t live = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::uint32_t r = rnd();
    if (live == 0 || ((r >> 31) == 0 && live < 256)) {
      t.ops.push_back({op_kind::acquire, live, 16 + rnd() % mod});
      ++live;
      if (live > t.max_live) t.max_live = live;
    } else {
      t.ops.push_back({op_kind::release, r % live, 0});
      --live;
    }
  }
  while (live != 0) t.ops.push_back({op_kind::release, --live, 0});
  return t;
}

// W2 (N = 128) with resize, as if memory never ran out.
trace make_w2r() {
  trace t;
  xorshift32 rnd{1};
  std::uint32_t live = 0;
  int acquires = 0, releases = 0;
  std::vector<std::uint32_t> order;
  while (acquires < 3000 || releases < 3000) {
    const std::uint32_t cap = 128 - live;
    const std::uint32_t m = cap < 32 ? cap : 32;
    const std::uint32_t batch = m + rnd() % (cap - m + 1);
    for (std::uint32_t k = 0; k < batch; ++k) {
      t.ops.push_back({op_kind::acquire, live, 16 + rnd() % 1009});
      ++live;
      ++acquires;
    }
    if (live > t.max_live) t.max_live = live;
    for (std::uint32_t i = 0; i < live; ++i) {
      if (rnd() % 4 == 0) t.ops.push_back({op_kind::resize, i, 16 + rnd() % 1009});
    }
    const std::uint32_t keep = rnd() % 4 == 0 ? rnd() % (live / 4 + 1) : 0;
    // Release all but `keep` random blocks: slot r % live each time (the last slot moves into it).
    while (live > keep) {
      t.ops.push_back({op_kind::release, rnd() % live, 0});
      --live;
      ++releases;
    }
  }
  while (live != 0) t.ops.push_back({op_kind::release, --live, 0});
  return t;
}

const trace& w1_trace(std::uint32_t mod) {
  static const trace big = make_w1(1009);
  static const trace small = make_w1(31);
  return mod == 1009 ? big : small;
}
const trace& w2r_trace() {
  static const trace t = make_w2r();
  return t;
}

// Replays a trace; returns the number of null results.
template <class A>
std::size_t replay(A& a, const trace& t, void** slots) {
  std::size_t nulls = 0;
  std::uint32_t live = 0;
  for (const op& o : t.ops) {
    switch (o.kind) {
      case op_kind::acquire:
        slots[live] = a.acquire(o.arg);
        nulls += slots[live] == nullptr;
        ++live;
        break;
      case op_kind::release:
        a.release(slots[o.slot]);
        slots[o.slot] = slots[--live];
        break;
      case op_kind::resize: {
        void* const q = a.resize(slots[o.slot], o.arg);
        nulls += q == nullptr;
        if (q != nullptr) slots[o.slot] = q;
        break;
      }
    }
  }
  benchmark::DoNotOptimize(slots);
  return nulls;
}

struct malloc_realloc {
  void* acquire(std::size_t n) noexcept { return std::malloc(n); }
  void release(void* p) noexcept { std::free(p); }
  void* resize(void* p, std::size_t n) noexcept { return std::realloc(p, n); }
};

// Memory for the regions: mapped on demand (a 1 GiB heap touches only the pages its blocks use).
struct mapping {
  void* base;
  std::size_t size;
  explicit mapping(std::size_t n)
      : base(mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)), size(n) {}
  ~mapping() {
    if (base != MAP_FAILED) munmap(base, size);
  }
  mapping(const mapping&) = delete;
  mapping& operator=(const mapping&) = delete;
};

template <class A>
void run(benchmark::State& state, A& a, const trace& t) {
  std::vector<void*> slots(t.max_live + 1);
  hc::clear_error();
  if (replay(a, t, slots.data()) != 0 || hc::last_error() != hc::error::none) {  // untimed first pass
    state.SkipWithError("a request failed");
    return;
  }
  for (auto _ : state) replay(a, t, slots.data());
  state.counters["ops"] = static_cast<double>(t.ops.size());
}

template <std::size_t bytes>
void heap_w1(benchmark::State& state) {
  mapping m{bytes};
  if (m.base == MAP_FAILED) {
    state.SkipWithError("mmap failed");
    return;
  }
  hc::heap h{hc::region{m.base, bytes}};
  run(state, h, w1_trace(bytes >= 65536 ? 1009 : 31));
  if (h.check() || h.free_blocks() != 1) state.SkipWithError("the heap is not one free block after the run");
}

void heap_w2r(benchmark::State& state) {
  mapping m{std::size_t{1} << 20};
  hc::heap h{hc::region{m.base, m.size}};
  run(state, h, w2r_trace());
  if (h.check() || h.free_blocks() != 1) state.SkipWithError("the heap is not one free block after the run");
}

void malloc_w2r(benchmark::State& state) {
  malloc_realloc a;
  run(state, a, w2r_trace());
}

// Short runs: ./hc bench repeats every row 9 times and should stay within about two minutes.
BENCHMARK(heap_w1<std::size_t{4} << 10>)->Name("heap_w1_4K")->MinTime(0.2);
BENCHMARK(heap_w1<std::size_t{64} << 10>)->Name("heap_w1_64K")->MinTime(0.2);
BENCHMARK(heap_w1<std::size_t{1} << 20>)->Name("heap_w1_1M")->MinTime(0.2);
BENCHMARK(heap_w1<std::size_t{64} << 20>)->Name("heap_w1_64M")->MinTime(0.2);
BENCHMARK(heap_w1<std::size_t{1} << 30>)->Name("heap_w1_1G")->MinTime(0.2);
BENCHMARK(heap_w2r)->MinTime(0.2);
BENCHMARK(malloc_w2r)->MinTime(0.2);

}  // namespace
