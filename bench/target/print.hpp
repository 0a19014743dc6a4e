// bench/target/print.hpp — fixed-width output through the board's console for the bench firmware
// (no printf: the images stay small and allocation-free).
#pragma once

#include <cstddef>
#include <cstdint>

#include "hc_board.h"

namespace hc_bench {

/// Prints `s`, then spaces up to `width` characters. O(width).
inline void put_padded(const char* s, std::size_t width) {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  hc_board_puts(s);
  for (; n < width; ++n) hc_board_puts(" ");
}

/// Prints `v` in decimal, right-aligned in `width` characters. O(width).
inline void put_number(std::int32_t v, std::size_t width) {
  char buf[12];
  std::size_t i = sizeof buf;
  buf[--i] = '\0';
  auto u = static_cast<std::uint32_t>(v < 0 ? -v : v);
  do {
    buf[--i] = static_cast<char>('0' + u % 10u);
    u /= 10u;
  } while (u != 0);
  if (v < 0) buf[--i] = '-';
  for (std::size_t len = sizeof buf - 1 - i; len < width; ++len) hc_board_puts(" ");
  hc_board_puts(&buf[i]);
}

}  // namespace hc_bench
