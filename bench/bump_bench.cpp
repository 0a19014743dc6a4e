// bump_bench.cpp — bump acquire of 1000 random sizes 1..64 (the seed series' workload), against
// std::pmr::monotonic_buffer_resource over the same buffer and glibc malloc/free, in one run.
// Run: build/host/bench/hc_bench  (or `./hc bench`, which also prints the ratios).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory_resource>
#include <random>
#include <vector>

#include "hc/bump.hpp"

namespace {

constexpr std::size_t count = 1000;
alignas(hc::max_alignment) unsigned char g_buffer[128 * 1024];  // room for 1000 x 64 B plus padding

// Every returned pointer is folded into a sink that is published once per round, so the allocator's
// state can live in registers (no per-call memory clobber measuring store-forwarding instead).
std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

const std::vector<std::size_t>& sizes() {
  static const std::vector<std::size_t> s = [] {
    std::mt19937 rng{42};
    std::uniform_int_distribution<std::size_t> dist{1, 64};
    std::vector<std::size_t> v(count);
    for (auto& x : v) x = dist(rng);
    return v;
  }();
  return s;
}

// hc::bump through its concrete type: the inline hot path.
void bump_concrete(benchmark::State& state) {
  hc::bump a{hc::region_of(g_buffer)};
  const auto& s = sizes();
  for (auto _ : state) {
    std::uintptr_t sink = 0;
    for (std::size_t n : s) sink ^= address(a.acquire(n));
    benchmark::DoNotOptimize(sink);
    a.reset();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(count));
}

// hc::bump through hc::allocator& (one virtual call per acquire).
void bump_protocol(benchmark::State& state) {
  hc::bump a{hc::region_of(g_buffer)};
  hc::allocator* p = &a;
  benchmark::DoNotOptimize(p);  // opaque from here: the compiler cannot devirtualise the calls
  const auto& s = sizes();
  for (auto _ : state) {
    std::uintptr_t sink = 0;
    for (std::size_t n : s) sink ^= address(p->acquire(n));
    benchmark::DoNotOptimize(sink);
    a.reset();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(count));
}

// std::pmr::monotonic_buffer_resource over the same buffer, same (natural) alignments; it never
// reaches its null upstream because the buffer holds the whole workload.
void pmr_monotonic(benchmark::State& state) {
  std::pmr::monotonic_buffer_resource r{g_buffer, sizeof g_buffer, std::pmr::null_memory_resource()};
  const auto& s = sizes();
  for (auto _ : state) {
    std::uintptr_t sink = 0;
    for (std::size_t n : s) sink ^= address(r.allocate(n, hc::natural_alignment(n)));
    benchmark::DoNotOptimize(sink);
    r.release();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(count));
}

// glibc malloc for every block, then free for every block (the seed series' baseline).
void glibc_malloc_free(benchmark::State& state) {
  const auto& s = sizes();
  std::vector<void*> blocks(count);
  for (auto _ : state) {
    for (std::size_t i = 0; i < count; ++i) blocks[i] = std::malloc(s[i]);
    benchmark::DoNotOptimize(blocks.data());
    for (void* b : blocks) std::free(b);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(count));
}

}  // namespace

BENCHMARK(bump_concrete);
BENCHMARK(bump_protocol);
BENCHMARK(pmr_monotonic);
BENCHMARK(glibc_malloc_free);
BENCHMARK_MAIN();
