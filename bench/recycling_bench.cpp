// recycling_bench.cpp — the allocators that release (hc::slab, hc::memo, hc::pool) against glibc
// malloc/free on the seed series' own workload and on a steady-state churn (workloads.hpp), in the same
// run and executable as bump_bench.cpp. "seed_*" rows acquire the 1000 seed sizes into a fixed array and
// release them from it in acquisition order (bump_bench.cpp's glibc_malloc_free is the malloc row);
// "churn_*" rows keep 256 blocks live and replay 1000 release-then-acquire steps. Every row does one
// untimed pass first (it fills caches and checks that no acquire fails and no error is reported), calls
// the allocators through their concrete types and times 1000 blocks or steps per iteration. The memo
// rows also carry the model of memo_model.hpp — bytes held with size classes of 8 versus exact sizes —
// checked against the real memo's held(). Run: build/host/bench/hc_bench (or `./hc bench`, with ratios).
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdlib>

#include "hc/bump.hpp"
#include "hc/error.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/slab.hpp"
#include "memo_model.hpp"
#include "workloads.hpp"

namespace {

using hc_bench::churn;
using hc_bench::churn_live;
using hc_bench::churn_step;
using hc_bench::churn_steps;
using hc_bench::seed_count;
using hc_bench::seed_sizes;

constexpr std::size_t slab_bytes = 4096;  // slab size; default threshold (512 B) serves every request
constexpr std::size_t pool_block = 64;    // the largest request of both workloads
constexpr std::size_t cortex_m_header = 8;  // hc::memo's header on Cortex-M (max_alignment 8)

// One arena for every row: rows run one after another and each row's allocators are gone before the
// next starts. 1 MiB: 256 slabs of 4 KiB, or 16384 pool blocks; both workloads need far less.
alignas(slab_bytes) unsigned char g_arena[1024 * 1024];

// The blocks of a seed iteration and the live set of the churn, released from these arrays.
std::array<void*, seed_count> g_blocks;
std::array<void*, churn_live> g_live;

// glibc malloc/free with the allocators' interface, for the churn row.
struct malloc_free {
  void* acquire(std::size_t size) noexcept { return std::malloc(size); }
  void release(void* block) noexcept { std::free(block); }
};

// The seed workload once: acquire every size, publish the array, release in acquisition order.
template <class A>
void seed_pass(A& a) {
  const auto& sizes = seed_sizes();
  for (std::size_t i = 0; i < seed_count; ++i) g_blocks[i] = a.acquire(sizes[i]);
  benchmark::DoNotOptimize(g_blocks.data());
  for (void* b : g_blocks) a.release(b);
}

// The churn: fill the live set, replay the steps (one iteration), release what is left.
template <class A>
void churn_fill(A& a) {
  const auto& t = churn();
  for (std::size_t i = 0; i < churn_live; ++i) g_live[i] = a.acquire(t.initial[i]);
}
template <class A>
void churn_pass(A& a) {
  for (const churn_step& st : churn().steps) {
    a.release(g_live[st.slot]);
    g_live[st.slot] = a.acquire(st.size);
  }
  benchmark::DoNotOptimize(g_live.data());
}
template <class A>
void churn_drain(A& a) {
  for (void*& b : g_live) {
    a.release(b);
    b = nullptr;
  }
}

// After the untimed pass: every acquire gave a block and nothing reported an error; else skips the row.
template <std::size_t N>
bool verified(benchmark::State& state, const std::array<void*, N>& blocks) {
  for (const void* b : blocks) {
    if (b == nullptr) {
      state.SkipWithError("an acquire failed in the untimed pass");
      return false;
    }
  }
  if (hc::last_error() != hc::error::none) {
    state.SkipWithError(hc::message(hc::last_error()));
    return false;
  }
  return true;
}

// After the timed loop: no error reported during it; items = blocks or steps.
void finish(benchmark::State& state, std::size_t per_iteration) {
  if (hc::last_error() != hc::error::none) state.SkipWithError(hc::message(hc::last_error()));
  state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(per_iteration));
}

void counter(benchmark::State& state, const char* name, std::size_t value) {
  state.counters[name] = static_cast<double>(value);
}

// Bytes the real memo holds from its source: per class, its cached blocks plus the live blocks of that
// class (`live` sizes), each the class's full size plus hc::memo::header_size.
template <std::size_t N>
std::size_t memo_held_bytes(const hc::memo& m, const std::array<std::size_t, N>& live) {
  std::size_t bytes = 0;
  for (std::size_t c = 0; c * hc::memo::granule < hc_bench::max_request; ++c) {
    std::size_t blocks = m.cached(c * hc::memo::granule + 1u);
    for (std::size_t s : live) blocks += (s - 1u) / hc::memo::granule == c ? 1u : 0u;
    bytes += blocks * ((c + 1u) * hc::memo::granule + hc::memo::header_size);
  }
  return bytes;
}

// The memo rows' counters: the real memo (host header) and the model, classes of 8 vs exact sizes
// (Cortex-M header, 8 B); the model with the host header must reproduce the real memo exactly.
template <std::size_t N>
void memo_counters(benchmark::State& state, const hc::memo& m, const hc::bump& root,
                   const hc_bench::held_model& classes, const hc_bench::held_model& exact,
                   const std::array<std::size_t, N>& live) {
  const std::size_t real_bytes = memo_held_bytes(m, live);
  if (classes.blocks() != m.held() || classes.bytes(hc::memo::header_size) != real_bytes) {
    state.SkipWithError("the held-bytes model disagrees with hc::memo");
  }
  counter(state, "held_blocks_real", m.held());
  counter(state, "held_bytes_real_host", real_bytes);
  counter(state, "source_used_host", root.used());
  counter(state, "blocks_classes_model", classes.blocks());
  counter(state, "blocks_exact_model", exact.blocks());
  counter(state, "held_bytes_classes", classes.bytes(cortex_m_header));
  counter(state, "held_bytes_exact_model", exact.bytes(cortex_m_header));
}

// ---- seed workload: 1000 blocks acquired, then all released, per iteration ----

// hc::slab over a root hc::bump, as composed in firmware. A bump cannot take back the slabs the slab
// allocator returns when they empty, so each iteration builds the slab allocator and resets the root
// afterwards (like bump_concrete's reset): the ~9 slabs come from the bump every iteration.
void seed_slab(benchmark::State& state) {
  hc::clear_error();
  hc::bump root{hc::region_of(g_arena)};
  const auto iteration = [&root] {
    {
      hc::slab a{root, slab_bytes};
      seed_pass(a);
    }  // gives its current and spare slab back to the root
    root.reset();
  };
  iteration();
  if (!verified(state, g_blocks)) return;
  for (auto _ : state) iteration();
  finish(state, seed_count);
}

// hc::slab over a region (its own pool of 4 KiB slabs), alive across iterations: slabs are recycled.
void seed_slab_region(benchmark::State& state) {
  hc::clear_error();
  hc::slab a{hc::region_of(g_arena), slab_bytes};
  seed_pass(a);
  if (!verified(state, g_blocks)) return;
  for (auto _ : state) seed_pass(a);
  finish(state, seed_count);
  counter(state, "slabs_held", a.slabs());
}

// hc::memo over a root hc::bump: the untimed pass takes every block from the root, then all hits.
void seed_memo(benchmark::State& state) {
  hc::clear_error();
  hc::bump root{hc::region_of(g_arena)};
  hc::memo a{root};
  seed_pass(a);
  if (!verified(state, g_blocks)) return;
  for (auto _ : state) seed_pass(a);
  finish(state, seed_count);
  memo_counters(state, a, root, hc_bench::model_seed(hc::memo::granule), hc_bench::model_seed(1),
                std::array<std::size_t, 0>{});
}

// hc::pool of 64-byte blocks over a region: every request takes one block.
void seed_pool(benchmark::State& state) {
  hc::clear_error();
  hc::pool a{hc::region_of(g_arena), pool_block};
  seed_pass(a);
  if (!verified(state, g_blocks)) return;
  for (auto _ : state) seed_pass(a);
  finish(state, seed_count);
}

// ---- churn workload: 256 live blocks, 1000 release-then-acquire steps per iteration ----

void churn_slab(benchmark::State& state) {  // over a region: a bump source would lose emptied slabs
  hc::clear_error();
  hc::slab a{hc::region_of(g_arena), slab_bytes};
  churn_fill(a);
  churn_pass(a);
  if (verified(state, g_live)) {
    for (auto _ : state) churn_pass(a);
    finish(state, churn_steps);
    counter(state, "slabs_held", a.slabs());
    counter(state, "held_bytes", a.slabs() * a.slab_size());
  }
  churn_drain(a);
}

void churn_memo(benchmark::State& state) {
  hc::clear_error();
  hc::bump root{hc::region_of(g_arena)};
  hc::memo a{root};
  churn_fill(a);
  churn_pass(a);
  if (verified(state, g_live)) {
    for (auto _ : state) churn_pass(a);
    finish(state, churn_steps);
    memo_counters(state, a, root, hc_bench::model_churn(hc::memo::granule), hc_bench::model_churn(1),
                  churn().after);
  }
  churn_drain(a);
}

void churn_pool(benchmark::State& state) {
  hc::clear_error();
  hc::pool a{hc::region_of(g_arena), pool_block};
  churn_fill(a);
  churn_pass(a);
  if (verified(state, g_live)) {
    for (auto _ : state) churn_pass(a);
    finish(state, churn_steps);
    const std::size_t uncarved = a.available() - a.free_blocks();
    counter(state, "held_bytes", (a.blocks() - uncarved) * a.block_size());
  }
  churn_drain(a);
}

void churn_malloc(benchmark::State& state) {
  hc::clear_error();
  malloc_free a;
  churn_fill(a);
  churn_pass(a);
  if (verified(state, g_live)) {
    for (auto _ : state) churn_pass(a);
    finish(state, churn_steps);
  }
  churn_drain(a);
}

}  // namespace

BENCHMARK(seed_slab);
BENCHMARK(seed_slab_region);
BENCHMARK(seed_memo);
BENCHMARK(seed_pool);
BENCHMARK(churn_slab);
BENCHMARK(churn_memo);
BENCHMARK(churn_pool);
BENCHMARK(churn_malloc);
