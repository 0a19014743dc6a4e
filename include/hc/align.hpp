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
static_assert(max_alignment <= 128, "natural_alignment()'s table holds alignments in a byte");

/// True when `x` is a power of two (0 is not). O(1). Always inlined: at -Os GCC would otherwise call
/// one out-of-line copy from every allocator's acquire(size, alignment).
[[gnu::always_inline]] constexpr bool is_power_of_two(std::size_t x) noexcept {
  return x != 0 && (x & (x - 1)) == 0;
}

namespace detail {
// natural_alignment() of every size below max_alignment (8 or 16 entries), computed at compile time.
struct natural_alignment_table {
  unsigned char of[max_alignment];
};
constexpr natural_alignment_table make_natural_alignment_table() noexcept {
  natural_alignment_table t{};
  for (std::size_t size = 0; size < max_alignment; ++size) {
    std::size_t a = 1;
    while (a * 2 <= size) a *= 2;
    t.of[size] = static_cast<unsigned char>(a);
  }
  return t;
}
inline constexpr natural_alignment_table k_natural_alignment = make_natural_alignment_table();
}  // namespace detail

/// The natural alignment of a block of `size` bytes: the largest power of two <= size, capped at
/// max_alignment; 1 for size 0. O(1): one compare and, for small sizes, one load from a
/// max_alignment-byte table — no loop over bits, no count-leading-zeros (absent on the M0).
constexpr std::size_t natural_alignment(std::size_t size) noexcept {
  return size < max_alignment ? detail::k_natural_alignment.of[size] : max_alignment;
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
