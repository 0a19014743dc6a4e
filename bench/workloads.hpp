// workloads.hpp — the two host workloads of the recycling benchmarks, generated once from fixed seeds so
// every row of a run replays exactly the same requests and no random-number cost is timed. "seed" is the
// seed series' workload: 1000 random sizes 1..64 (std::mt19937 seed 42, the same draws as bump_bench.cpp's
// sizes()), all acquired, then all released. "churn" is a steady state of 256 live blocks: 256 initial
// sizes, then 1000 steps that each release the block in a random slot and acquire a new random size 1..64
// into it (std::mt19937 seed 43). Replaying the steps leaves every slot with the same size as before the
// replay began once it has run once, so every replay after the first sees the same live set.
#pragma once

#include <array>
#include <cstddef>
#include <random>

namespace hc_bench {

/// Blocks per iteration of the seed workload.
constexpr std::size_t seed_count = 1000;
/// Live blocks in the churn workload, and steps (one release + one acquire each) per iteration.
constexpr std::size_t churn_live = 256;
constexpr std::size_t churn_steps = 1000;
/// Every request of both workloads is 1..max_request bytes.
constexpr std::size_t max_request = 64;

/// The seed workload's sizes: mt19937 seed 42, uniform 1..64 (bump_bench.cpp's sizes(), drawn alike).
inline const std::array<std::size_t, seed_count>& seed_sizes() {
  static const std::array<std::size_t, seed_count> s = [] {
    std::mt19937 rng{42};
    std::uniform_int_distribution<std::size_t> dist{1, max_request};
    std::array<std::size_t, seed_count> v{};
    for (auto& x : v) x = dist(rng);
    return v;
  }();
  return s;
}

/// One churn step: release the block in `slot`, acquire `size` bytes into it.
struct churn_step {
  std::size_t slot;
  std::size_t size;
};

/// The churn workload: the initial live sizes and the steps replayed every iteration.
struct churn_trace {
  std::array<std::size_t, churn_live> initial;
  std::array<churn_step, churn_steps> steps;
  /// Slot sizes after one or more replays of the steps (the live set every later replay starts from).
  std::array<std::size_t, churn_live> after;
};

inline const churn_trace& churn() {
  static const churn_trace t = [] {
    std::mt19937 rng{43};
    std::uniform_int_distribution<std::size_t> size{1, max_request};
    std::uniform_int_distribution<std::size_t> slot{0, churn_live - 1};
    churn_trace c{};
    for (auto& x : c.initial) x = size(rng);
    for (auto& st : c.steps) {
      st.slot = slot(rng);
      st.size = size(rng);
    }
    c.after = c.initial;
    for (const auto& st : c.steps) c.after[st.slot] = st.size;
    return c;
  }();
  return t;
}

}  // namespace hc_bench
