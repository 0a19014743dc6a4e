// hc/region.hpp — raw memory for the root allocator: a static arena in a linker section, or the RAM
// between two linker symbols. No heap is involved; the board's linker script places the memory.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc/align.hpp"

namespace hc {

/// A span of raw bytes that no allocator owns yet: what a root allocator is built on.
struct region {
  void* begin;       ///< first byte (any alignment; allocators pad as needed)
  std::size_t size;  ///< number of bytes
};

/// The region covering a byte array, e.g. one declared with HC_ARENA. O(1).
template <std::size_t N>
constexpr region region_of(unsigned char (&bytes)[N]) noexcept {
  return region{bytes, N};
}

/// The region [start, end) between two linker symbols, e.g. `__hc_free_start` and `__hc_free_end`
/// (all free RAM on hc's boards). An empty region if end <= start. O(1).
inline region linker_region(void* start, void* end) noexcept {
  const auto s = reinterpret_cast<std::uintptr_t>(start);
  const auto e = reinterpret_cast<std::uintptr_t>(end);
  return region{start, e > s ? static_cast<std::size_t>(e - s) : 0u};
}

}  // namespace hc

/// The linker section HC_ARENA places its buffer in. hc's board scripts map it NOLOAD, after .bss,
/// so startup code neither copies nor zeroes it. Define it before including hc to use another section.
#ifndef HC_ARENA_SECTION
#define HC_ARENA_SECTION ".hc_arena"
#endif

/// The attributes HC_ARENA gives its array: max_alignment, and the arena section on ELF targets.
#if defined(__ELF__)
#define HC_ARENA_ATTRIBUTES __attribute__((section(HC_ARENA_SECTION), aligned(::hc::max_alignment)))
#else
#define HC_ARENA_ATTRIBUTES __attribute__((aligned(::hc::max_alignment)))
#endif

/// Declares `unsigned char name[bytes]`, max_alignment-aligned, in the HC_ARENA_SECTION linker section.
/// Use at namespace scope, with `static` in front for internal linkage. Its contents start undefined.
#define HC_ARENA(name, bytes) unsigned char name[bytes] HC_ARENA_ATTRIBUTES
