// print.hpp — the demo's text output over the board's semihosting console (hc_board.h), with no
// printf: newlib's printf would pull malloc into an image that must not have it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc_board.h"

namespace demo {

inline void put(const char* s) { hc_board_puts(s); }
inline void put(std::size_t v) { hc_board_put_dec(static_cast<std::uint32_t>(v)); }
inline void put_address(const void* p) { hc_board_put_hex(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p))); }

/// The largest power of two dividing the address (capped at 4096): the alignment a block really has.
inline std::size_t alignment_of(const void* p) {
  const auto v = reinterpret_cast<std::uintptr_t>(p);
  const auto low = static_cast<std::size_t>(v & (0u - v));
  return low == 0 || low > 4096 ? 4096 : low;
}

}  // namespace demo
