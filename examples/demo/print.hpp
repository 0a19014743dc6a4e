// print.hpp — tiny text output for the demo over the board's semihosting console, with no printf
// (newlib's printf would pull malloc into an image that must not have it).
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc_board.h"

namespace demo {

inline void put(const char* s) { hc_board_puts(s); }

/// Unsigned decimal.
inline void put(std::size_t v) {
  char buf[24];
  char* p = buf + sizeof buf;
  *--p = '\0';
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  hc_board_puts(p);
}

/// 0x-prefixed, 8 hex digits.
inline void put_address(const void* ptr) {
  auto v = reinterpret_cast<std::uintptr_t>(ptr);
  char buf[11] = "0x";
  for (int i = 0; i < 8; ++i) buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xfu];
  buf[10] = '\0';
  hc_board_puts(buf);
}

/// The largest power of two dividing the address (capped at 4096): the alignment a block really has.
inline std::size_t alignment_of(const void* ptr) {
  const auto v = reinterpret_cast<std::uintptr_t>(ptr);
  const std::size_t low = static_cast<std::size_t>(v & (0u - v));
  return low == 0 || low > 4096 ? 4096 : low;
}

}  // namespace demo
