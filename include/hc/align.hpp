// hc/align.hpp — alignment arithmetic: natural alignment of a size and aligning addresses up.
//
// Natural alignment (from the seed article): the largest power of two <= size, capped at
// alignof(std::max_align_t) of the target. Everything here is constexpr and branch-light; nothing loops.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hc {

/// The strongest alignment any fundamental type needs on this target (8 on Cortex-M, 16 on x86-64).
inline constexpr std::size_t max_alignment = alignof(std::max_align_t);

static_assert((max_alignment & (max_alignment - 1)) == 0, "max_align_t alignment is a power of two");
static_assert(max_alignment <= 128, "natural_alignment() folds at most 8 bits");

/// True when `x` is a power of two (0 is not). O(1).
constexpr bool is_power_of_two(std::size_t x) noexcept { return x != 0 && (x & (x - 1)) == 0; }

/// The natural alignment of a block of `size` bytes: the largest power of two <= size, capped at
/// max_alignment; 1 for size 0. O(1): three shift-or folds, no loop, no count-leading-zeros (absent on M0).
constexpr std::size_t natural_alignment(std::size_t size) noexcept {
  if (size >= max_alignment) return max_alignment;
  std::size_t x = size | 1u;  // size < 128 here; | 1 maps 0 to 1 and leaves the top bit of others alone
  x |= x >> 1;
  x |= x >> 2;
  x |= x >> 4;
  return x - (x >> 1);
}

/// Bytes to add to `address` to reach a multiple of `alignment` (a power of two). Never overflows. O(1).
constexpr std::size_t padding(std::uintptr_t address, std::size_t alignment) noexcept {
  return static_cast<std::size_t>((0u - address) & (alignment - 1u));
}

/// `address` rounded up to a multiple of `alignment` (a power of two).
/// Undefined unless address + alignment - 1 does not overflow. O(1).
constexpr std::uintptr_t align_up(std::uintptr_t address, std::size_t alignment) noexcept {
  return address + padding(address, alignment);
}

/// True when `address` is a multiple of `alignment` (a power of two). O(1).
constexpr bool is_aligned(std::uintptr_t address, std::size_t alignment) noexcept {
  return (address & (alignment - 1u)) == 0;
}

/// Pointer forms of the above. O(1).
inline void* align_up(void* p, std::size_t alignment) noexcept {
  return static_cast<unsigned char*>(p) + padding(reinterpret_cast<std::uintptr_t>(p), alignment);
}
inline bool is_aligned(const void* p, std::size_t alignment) noexcept {
  return is_aligned(reinterpret_cast<std::uintptr_t>(p), alignment);
}

}  // namespace hc
