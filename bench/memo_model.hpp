// memo_model.hpp — a model, not an allocator: how much memory a recycler like hc::memo holds from its
// source for a workload when it caches blocks by size classes of `granule` bytes (hc::memo: 8) versus by
// exact size (granule 1). A recycler that never trims holds, per class, as many blocks as were ever live
// in that class at once — a cached block serves any size of its class — each of the class's full size
// plus a header. The model counts exactly that, replaying the benchmark's own workloads (workloads.hpp);
// the recycling benchmark checks it against the real hc::memo's held() and reports both figures as
// counters, so "exact sizes or size classes" is answered by the same run that times the memo.
#pragma once

#include <array>
#include <cstddef>

#include "workloads.hpp"

namespace hc_bench {

/// Blocks and bytes a never-trimming recycler with classes of `granule` bytes holds for a workload.
class held_model {
 public:
  explicit held_model(std::size_t granule) noexcept : granule_(granule) {}

  void acquire(std::size_t size) noexcept {
    const std::size_t c = (size - 1u) / granule_;
    if (++live_[c] > peak_[c]) peak_[c] = live_[c];
  }
  void release(std::size_t size) noexcept { --live_[(size - 1u) / granule_]; }

  /// Blocks taken from the source (= misses: a block is taken only when its class's cache is empty).
  std::size_t blocks() const noexcept {
    std::size_t n = 0;
    for (std::size_t p : peak_) n += p;
    return n;
  }
  /// Bytes taken from the source, each block being its class's full size plus `header` bytes (the
  /// source's own alignment padding is not counted).
  std::size_t bytes(std::size_t header) const noexcept {
    std::size_t n = 0;
    for (std::size_t c = 0; c < peak_.size(); ++c) n += peak_[c] * ((c + 1u) * granule_ + header);
    return n;
  }

 private:
  std::size_t granule_;
  std::array<std::size_t, max_request> live_{};  // granule 1 needs max_request classes, more need fewer
  std::array<std::size_t, max_request> peak_{};
};

/// The seed workload: all 1000 blocks live at once, then all released (every later iteration alike).
inline held_model model_seed(std::size_t granule) noexcept {
  held_model m{granule};
  for (std::size_t s : seed_sizes()) m.acquire(s);
  for (std::size_t s : seed_sizes()) m.release(s);
  return m;
}

/// The churn workload as the benchmark runs it: the initial fill, then the steps replayed; two replays
/// suffice, since every replay after the first starts from the same live set (churn_trace::after).
inline held_model model_churn(std::size_t granule) noexcept {
  const churn_trace& t = churn();
  held_model m{granule};
  std::array<std::size_t, churn_live> size = t.initial;
  for (std::size_t s : size) m.acquire(s);
  for (int pass = 0; pass < 2; ++pass) {
    for (const churn_step& st : t.steps) {
      m.release(size[st.slot]);
      size[st.slot] = st.size;
      m.acquire(st.size);
    }
  }
  return m;
}

}  // namespace hc_bench
