// test_arena.hpp — the static arena every test allocator is rooted in, sized per target by the build.
#pragma once

#include <cstddef>

#include "hc/region.hpp"

#ifndef HC_TEST_ARENA_SIZE
#define HC_TEST_ARENA_SIZE 65536
#endif

namespace hc_test {

/// Bytes in the test arena (HC_TEST_ARENA_SIZE; small on the 16 KiB M0 board).
inline constexpr std::size_t arena_size = HC_TEST_ARENA_SIZE;

/// The largest size the natural-alignment sweep tries: 4096, or less where the arena is small.
inline constexpr std::size_t max_sweep_size = arena_size / 2 < 4096 ? arena_size / 2 : 4096;

/// The test arena's alignment: enough for the slab subjects' slab-aligned reserve.
inline constexpr std::size_t arena_alignment = arena_size >= 16384 ? 1024 : 256;

/// The whole test arena (an HC_ARENA in the .hc_arena section), aligned to arena_alignment.
hc::region arena() noexcept;

}  // namespace hc_test
