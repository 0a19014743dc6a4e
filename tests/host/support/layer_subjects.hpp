// layer_subjects.hpp — subjects of the conformance suite for the composition layers (fallback,
// segregator, stats, guard, locked), and the test locks and helpers they need. One section per layer,
// each self-contained (its own includes), appended by the layer's author.
#pragma once

// ==== locked (hc/locked.hpp) ===========================================================================
// Subjects of the conformance suite for hc::locked over two parts (a root pool and a sourced memo), the
// lock they use, and the hook that lets a transparent layer pass the suite's reporter check.

#include <cstdint>

#include "hc/cortex_m_lock.hpp"
#include "hc/locked.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "support/recording_source.hpp"
#include "support/subjects.hpp"

namespace hc_test {

/// A token lock (hc/locked.hpp) that counts: sections entered, the depth now and at most, and unlocks
/// given another section's token (LIFO broken). On Cortex-M it also really masks interrupts through
/// hc::cortex_m_lock, so the target runs of the suite use the real critical section.
struct counting_lock {
  struct token {
    std::uint32_t saved;  // PRIMASK as the section found it (Cortex-M), else 0
    int depth;            // this section's depth, 1 for the outermost
  };
  static inline int depth = 0;
  static inline int max_depth = 0;
  static inline long sections = 0;
  static inline long mismatched = 0;
  static void reset() noexcept { depth = max_depth = 0, sections = mismatched = 0; }

  token lock() noexcept {
#ifdef HC_HAS_CORTEX_M_LOCK
    const std::uint32_t saved = hc::cortex_m_lock::lock();
#else
    const std::uint32_t saved = 0;
#endif
    ++sections;
    if (++depth > max_depth) max_depth = depth;
    return {saved, depth};
  }
  void unlock(token t) noexcept {
    if (t.depth != depth) ++mismatched;
    --depth;
#ifdef HC_HAS_CORTEX_M_LOCK
    hc::cortex_m_lock::unlock(t.saved);
#endif
  }
};

/// A transparent layer reports no failure itself: the part reports it, where it happened
/// (hc/error.hpp), and names itself. The conformance suite expects the allocator it calls (or its
/// source) to be named. While a layer subject lives, this renames its part to the layer before the
/// installed hook (hook_log) sees the report; code and count are untouched. Subjects nest (LIFO).
class renamed_reporter {
 public:
  renamed_reporter(const void* part, const void* layer) noexcept
      : part_(part), layer_(layer), outer_(top_), previous_(hc::set_error_hook(&hook)) {
    top_ = this;
  }
  ~renamed_reporter() {
    hc::set_error_hook(previous_);
    top_ = outer_;
  }
  renamed_reporter(const renamed_reporter&) = delete;
  renamed_reporter& operator=(const renamed_reporter&) = delete;

 private:
  static void hook(hc::error code, const void* who) {
    const renamed_reporter* r = top_;  // installed only while one lives
    for (;; r = r->outer_) {
      if (who == r->part_) who = r->layer_;
      if (r->outer_ == nullptr) break;
    }
    if (r->previous_ != nullptr) r->previous_(code, who);  // the hook installed before any renamer
  }
  static inline const renamed_reporter* top_ = nullptr;
  const void* part_;
  const void* layer_;
  const renamed_reporter* outer_;
  hc::error_hook previous_;
};

/// hc::locked over a root pool of 64-byte blocks over the whole arena (compare root_pool).
class locked_root_pool {
 public:
  static constexpr bool releases = true;
  using layer = hc::locked<hc::pool, counting_lock>;
  explicit locked_root_pool(hc::region r) noexcept : a_(r, pool_block), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.part().capacity(); }
  std::size_t state() const noexcept { return a_.part().available() * 7919u + a_.part().blocks(); }
  std::size_t max_request() const noexcept { return a_.part().block_size(); }
  std::size_t max_alignment() const noexcept { return a_.part().block_alignment(); }
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return &foreign_; }
  bool recovered() noexcept { return hand_out_again(a_, a_.part().blocks(), a_.part().block_size()); }

 private:
  layer a_;
  renamed_reporter rename_{&a_.part(), &a_};
  hc::region block_;
  int foreign_ = 0;
};

/// hc::locked over a memo over a (recording) source over the arena (compare sourced_memo).
class locked_sourced_memo {
 public:
  static constexpr bool releases = true;
  static constexpr std::size_t reserve = 64;
  using layer = hc::locked<hc::memo, counting_lock>;
  explicit locked_sourced_memo(hc::region r) noexcept : source_(after_reserve(r, reserve)), a_(source_), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - reserve; }
  std::size_t state() const noexcept {
    return source_.used() * 7919u + a_.part().held() * 31u + a_.part().cached();
  }
  std::size_t max_request() const noexcept { return capacity(); }
  static constexpr std::size_t max_alignment() noexcept { return 256; }
  const void* reporter() const noexcept { return source_.reporter(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + reserve / 2; }
  bool recovered() noexcept { return a_.part().held() > 0 && a_.part().cached() == a_.part().held(); }

 private:
  recording_source source_;
  layer a_;
  renamed_reporter rename_{&a_.part(), &a_};
  hc::region block_;
};

}  // namespace hc_test
// ==== end of locked ====================================================================================

// ==== guard (hc/guard.hpp) =============================================================================
// Subjects of the conformance suite for hc::guard over three parts: a root pool (blocks large enough
// for the largest request plus the guard's overhead), a memo over a recording source, and a root bump.
// Each keeps a zeroed reserve at the start of the arena for foreign() pointers, which the guard reads
// header_size bytes before. The part reports what it finds itself (reporter()); the guard names itself.

#include "hc/bump.hpp"
#include "hc/guard.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "support/recording_source.hpp"
#include "support/subjects.hpp"

namespace hc_test {

/// Reserve at the start of the arena that the guard subjects leave out (foreign() points into it).
inline constexpr std::size_t guard_reserve = 64;

/// hc::guard over a root pool whose blocks hold pool_block bytes plus the guard's overhead.
class guarded_root_pool {
 public:
  static constexpr bool releases = true;
  using layer = hc::guard<hc::pool>;
  explicit guarded_root_pool(hc::region r) noexcept
      : a_(after_reserve(r, guard_reserve), pool_block + hc::guard_overhead), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.part().capacity(); }
  std::size_t state() const noexcept {
    return a_.part().available() * 7919u + a_.part().blocks() + a_.quarantined() * 31u;
  }
  std::size_t max_request() const noexcept { return a_.max_size(); }
  std::size_t max_alignment() const noexcept { return a_.part().block_alignment(); }
  const void* reporter() const noexcept { return &a_.part(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + guard_reserve / 2; }
  /// Every block of the pool can be handed out again through the guard, each once.
  bool recovered() noexcept { return hand_out_again(a_, a_.part().blocks(), a_.max_size()); }

 private:
  layer a_;
  hc::region block_;
};

/// hc::guard over a memo over a (recording) source over the arena.
class guarded_sourced_memo {
 public:
  static constexpr bool releases = true;
  using layer = hc::guard<hc::memo>;
  explicit guarded_sourced_memo(hc::region r) noexcept
      : source_(after_reserve(r, guard_reserve)), a_(source_), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - guard_reserve; }
  std::size_t state() const noexcept {
    return source_.used() * 7919u + a_.part().held() * 31u + a_.part().cached() + a_.quarantined() * 3u;
  }
  std::size_t max_request() const noexcept { return capacity() - 128; }  // room for headers
  static constexpr std::size_t max_alignment() noexcept { return 256; }
  const void* reporter() const noexcept { return source_.reporter(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + guard_reserve / 2; }
  /// Every block the memo holds from the source is back in its cache.
  bool recovered() noexcept { return a_.part().held() > 0 && a_.part().cached() == a_.part().held(); }

 private:
  recording_source source_;
  layer a_;
  hc::region block_;
};

/// hc::guard over a root bump over the arena (release checks and poisons; the bump reuses nothing).
class guarded_root_bump : public bump_traits {
 public:
  using layer = hc::guard<hc::bump>;
  explicit guarded_root_bump(hc::region r) noexcept : a_(after_reserve(r, guard_reserve)), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.part().capacity(); }
  std::size_t state() const noexcept { return a_.part().used() + a_.quarantined() * 7919u; }
  std::size_t max_request() const noexcept { return capacity() - 64; }
  const void* reporter() const noexcept { return &a_.part(); }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + guard_reserve / 2; }

 private:
  layer a_;
  hc::region block_;
};

}  // namespace hc_test
// ==== end of guard =====================================================================================

// ==== fallback, segregator, stats (hc/fallback.hpp, hc/segregator.hpp, hc/stats.hpp) ====================
// Subjects of the conformance suite for the three routing/counting layers, two different parts each.
// Layout: the arena is split between the parts (at offsets that keep every piece 256-aligned, so slab
// pieces stay slab-aligned), after a zeroed reserve where the subject needs foreign() pointers whose
// headers a part (memo, slab) or the stats layer reads. A fallback reports a failure of both parts
// itself; a segregator passes each failure through from the part that the request went to, so its
// reporter() is "whichever of its parts reported" (part_reporter); stats reports its own rejections.

#include <cstddef>

#include "hc/bump.hpp"
#include "hc/fallback.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/segregator.hpp"
#include "hc/slab.hpp"
#include "hc/stats.hpp"
#include "support/hook_log.hpp"
#include "support/recording_source.hpp"
#include "support/subjects.hpp"

namespace hc_test {

/// The piece [offset, offset + size) of r.
inline hc::region piece_of(hc::region r, std::size_t offset, std::size_t size) noexcept {
  return {static_cast<unsigned char*>(r.begin) + offset, size};
}

/// For a layer whose failures are reported by its parts: the part (or part's source) the last report
/// named, if it is one of `candidates`, else null (then the suite expects the layer itself).
template <std::size_t N>
const void* part_reporter(const void* const (&candidates)[N]) noexcept {
  for (const void* c : candidates) {
    if (c != nullptr && hook_log::who == c) return c;
  }
  return nullptr;
}

/// Bytes of the arena given to the primary of fallback_pool_bump: a quarter of it, at least 256 (the
/// rest goes to the bump); and to the small part of segregator_pool_bump, which has no other part for
/// small requests: half of it, at least 512 (eight 64-byte blocks, as the suite needs).
inline constexpr std::size_t layer_small_piece = arena_size / 4 >= 256 ? arena_size / 4 / 256 * 256 : 256;
inline constexpr std::size_t layer_half_piece = arena_size / 2 >= 512 ? arena_size / 2 / 256 * 256 : 512;

/// hc::fallback<pool, bump>: a root pool of 64-byte blocks over a quarter of the arena, else a root bump
/// over the rest. Every failure of both is reported by the fallback.
class fallback_pool_bump {
 public:
  static constexpr bool releases = true;
  using layer = hc::fallback<hc::pool, hc::bump>;
  explicit fallback_pool_bump(hc::region r) noexcept
      : a_(std::forward_as_tuple(piece_of(r, 0, layer_small_piece), pool_block),
           std::forward_as_tuple(piece_of(r, layer_small_piece, r.size - layer_small_piece))),
        block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.primary().capacity() + a_.secondary().capacity(); }
  std::size_t state() const noexcept {
    return a_.primary().available() * 7919u + a_.primary().blocks() + a_.secondary().used() * 31u;
  }
  std::size_t max_request() const noexcept { return a_.secondary().capacity(); }
  static constexpr std::size_t max_alignment() noexcept { return 256; }  // the bump gives any
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return &foreign_; }
  /// Every block of the pool can be handed out again (the bump reuses nothing).
  bool recovered() noexcept {
    return hand_out_again(a_.primary(), a_.primary().blocks(), a_.primary().block_size());
  }

 private:
  layer a_;
  hc::region block_;
  int foreign_ = 0;
};

/// hc::fallback<bump, memo>: a root bump over 256 bytes first, then a memo over the rest of the arena
/// (its own bump), past a 64-byte zeroed reserve for foreign() (the memo reads before a pointer).
class fallback_bump_memo {
 public:
  static constexpr bool releases = true;
  static constexpr std::size_t reserve = 64;
  static constexpr std::size_t bump_bytes = 256;
  using layer = hc::fallback<hc::bump, hc::memo>;
  explicit fallback_bump_memo(hc::region r) noexcept
      : a_(std::forward_as_tuple(piece_of(after_reserve(r, reserve), 0, bump_bytes)),
           std::forward_as_tuple(piece_of(r, reserve + bump_bytes, r.size - reserve - bump_bytes))),
        block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - reserve; }
  std::size_t state() const noexcept {
    return a_.primary().used() * 7919u + memo_bump().used() * 31u + a_.secondary().held() * 3u +
           a_.secondary().cached();
  }
  std::size_t max_request() const noexcept { return memo_bump().capacity() / 2; }  // room for headers, alignment
  static constexpr std::size_t max_alignment() noexcept { return 256; }
  const void* reporter() const noexcept { return nullptr; }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + reserve / 2; }
  /// Every block the memo holds is back in its cache.
  bool recovered() noexcept { return a_.secondary().held() > 0 && a_.secondary().cached() == a_.secondary().held(); }

 private:
  const hc::bump& memo_bump() const noexcept { return *static_cast<const hc::bump*>(a_.secondary().source()); }
  layer a_;
  hc::region block_;
};

/// hc::segregator<64, pool, bump>: requests up to 64 B from a root pool of 64-byte blocks over half
/// the arena, larger ones from a root bump over the rest.
class segregator_pool_bump {
 public:
  static constexpr bool releases = true;
  using layer = hc::segregator<pool_block, hc::pool, hc::bump>;
  explicit segregator_pool_bump(hc::region r) noexcept
      : a_(std::forward_as_tuple(piece_of(r, 0, layer_half_piece), pool_block),
           std::forward_as_tuple(piece_of(r, layer_half_piece, r.size - layer_half_piece))),
        block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return a_.small().capacity() + a_.large().capacity(); }
  std::size_t state() const noexcept {
    return a_.small().available() * 7919u + a_.small().blocks() + a_.large().used() * 31u;
  }
  std::size_t max_request() const noexcept { return a_.large().capacity(); }
  std::size_t max_alignment() const noexcept { return a_.small().block_alignment(); }  // sizes <= 64
  const void* reporter() const noexcept {
    const void* const parts[] = {&a_.small(), &a_.large()};
    return part_reporter(parts);
  }
  void* foreign() noexcept { return &foreign_; }
  bool recovered() noexcept { return hand_out_again(a_.small(), a_.small().blocks(), a_.small().block_size()); }

 private:
  layer a_;
  hc::region block_;
  int foreign_ = 0;
};

/// hc::segregator<64, slab, memo>: requests up to 64 B from a slab allocator over (about) half the
/// arena (its own pool of slabs), larger ones from a memo over the rest; past a slab-sized zeroed
/// reserve at the (slab-aligned) start, for foreign() (the slab and the memo read before a pointer).
class segregator_slab_memo {
 public:
  static constexpr bool releases = true;
  using layer = hc::segregator<slab_threshold, hc::slab, hc::memo>;
  static constexpr std::size_t slab_region(std::size_t size) noexcept {
    return (size - slab_bytes) / 2 / slab_bytes * slab_bytes;
  }
  explicit segregator_slab_memo(hc::region r) noexcept
      : a_(std::forward_as_tuple(piece_of(after_reserve(r, slab_bytes), 0, slab_region(r.size)), slab_bytes,
                                 slab_threshold),
           std::forward_as_tuple(piece_of(r, slab_bytes + slab_region(r.size),
                                          r.size - slab_bytes - slab_region(r.size)))),
        block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - slab_bytes; }
  std::size_t state() const noexcept {
    return slab_pool().available() * 7919u + a_.small().slabs() * 31u + a_.small().remaining() +
           memo_bump().used() * 131u + a_.large().held() * 3u + a_.large().cached() * 5u;
  }
  std::size_t max_request() const noexcept { return memo_bump().capacity() / 2; }  // room for headers, alignment
  std::size_t max_alignment() const noexcept { return a_.small().slab_size() / 2; }
  const void* reporter() const noexcept {
    const void* const parts[] = {&a_.small(), a_.small().source(), &a_.large(), a_.large().source()};
    return part_reporter(parts);
  }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + slab_bytes / 2; }
  /// Every slab is free again (the suite's sizes all go to the slab part).
  bool recovered() noexcept {
    const std::size_t per_slab = (a_.small().slab_size() - hc::slab::header_size) / a_.small().threshold();
    return hand_out_again(a_, slab_pool().blocks() * per_slab, a_.small().threshold());
  }

 private:
  const hc::pool& slab_pool() const noexcept { return *static_cast<const hc::pool*>(a_.small().source()); }
  const hc::bump& memo_bump() const noexcept { return *static_cast<const hc::bump*>(a_.large().source()); }
  layer a_;
  hc::region block_;
};

/// hc::stats<memo>: a memo over a (recording) source over the arena, past a zeroed reserve for
/// foreign() (compare sourced_memo), counted. (A stats<pool> is not a subject: for an alignment above
/// max_alignment the prefix grows to that alignment, so a pool near its block size reports the request
/// as invalid_size before it would judge the alignment — the focused tests cover stats<pool>.)
class stats_sourced_memo {
 public:
  static constexpr bool releases = true;
  static constexpr std::size_t reserve = 64;
  using layer = hc::stats<hc::memo>;
  explicit stats_sourced_memo(hc::region r) noexcept : source_(after_reserve(r, reserve)), a_(source_), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - reserve; }
  std::size_t state() const noexcept {
    const hc::statistics s = a_.snapshot();  // failures excluded: a failed call changes nothing else
    return source_.used() * 7919u + a_.part().held() * 31u + a_.part().cached() + s.acquires * 131u +
           s.releases * 137u + s.bytes_live;
  }
  std::size_t max_request() const noexcept { return capacity() / 2; }  // room for headers and alignment
  static constexpr std::size_t max_alignment() noexcept { return 256; }
  const void* reporter() const noexcept {
    const void* const parts[] = {&a_.part(), source_.reporter()};
    return part_reporter(parts);
  }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + reserve / 2; }
  bool recovered() noexcept {
    return a_.snapshot().bytes_live == 0 && a_.part().held() > 0 && a_.part().cached() == a_.part().held();
  }

 private:
  recording_source source_;
  layer a_;
  hc::region block_;
};

/// hc::stats<slab>: a slab allocator over a (recording) source over the arena, past a slab-sized
/// zeroed reserve (compare sourced_slab), counted.
class stats_sourced_slab {
 public:
  static constexpr bool releases = true;
  using layer = hc::stats<hc::slab>;
  explicit stats_sourced_slab(hc::region r) noexcept
      : source_(after_reserve(r, slab_bytes)), a_(source_, slab_bytes, slab_threshold), block_(r) {}
  layer& get() noexcept { return a_; }
  hc::region block() const noexcept { return block_; }
  std::size_t capacity() const noexcept { return block_.size - slab_bytes; }
  std::size_t state() const noexcept {
    const hc::statistics s = a_.snapshot();
    return source_.used() * 7919u + a_.part().slabs() * 31u + a_.part().remaining() + s.acquires * 131u +
           s.releases * 137u + s.bytes_live;
  }
  std::size_t max_request() const noexcept { return capacity() / 2; }  // a large block leaves room
  std::size_t max_alignment() const noexcept { return a_.part().slab_size() / 2; }
  const void* reporter() const noexcept {
    const void* const parts[] = {&a_.part(), source_.reporter()};
    return part_reporter(parts);
  }
  void* foreign() noexcept { return static_cast<unsigned char*>(block_.begin) + slab_bytes / 2; }
  bool recovered() noexcept {
    return a_.snapshot().bytes_live == 0 && a_.part().slabs() <= 2 && source_.live() == a_.part().slabs();
  }

 private:
  recording_source source_;
  layer a_;
  hc::region block_;
};

}  // namespace hc_test
// ==== end of fallback, segregator, stats ================================================================
