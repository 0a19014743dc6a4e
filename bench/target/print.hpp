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

/// Prints sum / calls (calls > 0) rounded to one decimal ("21.5"), right-aligned in `width`. O(width).
inline void put_mean(std::int32_t sum, std::int32_t calls, std::size_t width) {
  const std::int32_t tenths = (sum * 10 + (sum >= 0 ? calls / 2 : -calls / 2)) / calls;
  const std::int32_t whole = tenths / 10;
  const std::int32_t frac = tenths % 10 < 0 ? -(tenths % 10) : tenths % 10;
  std::size_t len = 2;  // ".d"
  for (std::int32_t v = whole < 0 ? -whole : whole;; v /= 10) {
    ++len;
    if (v < 10) break;
  }
  if (tenths < 0) ++len;
  for (; len < width; ++len) hc_board_puts(" ");
  if (tenths < 0 && whole == 0) hc_board_puts("-");
  put_number(whole, 0);
  hc_board_puts(".");
  put_number(frac, 0);
}

}  // namespace hc_bench
