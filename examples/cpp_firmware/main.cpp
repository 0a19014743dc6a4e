// examples/cpp_firmware/main.cpp — a small sensor-logging firmware on hc, with no heap.
//
// The memory plan: one 4 KiB arena in the .hc_arena section, split by a bump allocator (the root):
//   - a 512 B budget for log lines, recycled by an hc::memo (lines of any length, O(1) both ways);
//   - the rest feeds an hc::pool of fixed-size messages, taken in 256 B chunks as the queue grows.
// Sensors post messages to a FIFO; the main loop drains it, formats each message into a line, prints it
// and gives both back. After warm-up the root never moves again: the pool and the memo reuse what they
// have. A burst that outgrows the arena is refused through hc's error hook (no exception, no abort),
// the message is dropped, and the loop carries on.
//
// Output goes through the board's semihosting console (hc_board.h); on your board, a UART or RTT.
// Exit status 0 when every check holds (QEMU exits with it).
#include <cstddef>
#include <cstdint>

#include "hc/hc.hpp"
#include "hc_board.h"

namespace {

// --- Console ------------------------------------------------------------------------------------

void put(const char* s) { hc_board_puts(s); }
void put(std::size_t v) { hc_board_put_dec(static_cast<std::uint32_t>(v)); }

// --- Memory ---------------------------------------------------------------------------------------

HC_ARENA(g_arena, 4 * 1024);  // NOLOAD: startup neither copies nor zeroes it

hc::bump g_root{hc::region_of(g_arena)};
hc::bump g_line_budget{g_root, 512};
hc::memo g_lines{g_line_budget};

struct message {
  message* next;        // the FIFO's link, inside the block: the queue needs no memory of its own
  std::uint32_t tick;
  std::uint16_t sensor;
  std::int16_t value;   // tenths of a degree
};
hc::pool g_messages{g_root, sizeof(message), 256};

// --- Errors: one channel, a hook called where the failure happened ------------------------------

std::size_t g_errors = 0;

const char* name_of(const void* allocator) {
  if (allocator == &g_root) return "root";
  if (allocator == &g_line_budget) return "line budget";
  if (allocator == &g_lines) return "lines";
  if (allocator == &g_messages) return "messages";
  return "?";
}

void on_error(hc::error code, const void* allocator) {
  ++g_errors;
  put("  [hc] ");
  put(hc::message(code));
  put(" in ");
  put(name_of(allocator));
  put("\n");
}

// --- The message queue --------------------------------------------------------------------------

message* g_head = nullptr;
message* g_tail = nullptr;
std::size_t g_posted = 0;
std::size_t g_dropped = 0;

// What an interrupt handler would do: take a block, fill it, queue it. False if memory ran out.
bool post(std::uint32_t tick, std::uint16_t sensor, std::int16_t value) {
  auto* m = static_cast<message*>(g_messages.acquire(sizeof(message)));
  if (m == nullptr) {
    ++g_dropped;
    return false;
  }
  *m = message{nullptr, tick, sensor, value};
  (g_tail != nullptr ? g_tail->next : g_head) = m;
  g_tail = m;
  ++g_posted;
  return true;
}

message* take() {
  message* m = g_head;
  if (m != nullptr) {
    g_head = m->next;
    if (g_head == nullptr) g_tail = nullptr;
  }
  return m;
}

// --- Formatting a line into a block of exactly its length ----------------------------------------

std::size_t decimal(char* out, std::uint32_t v) {  // writes v, returns the digits written
  char digits[10];
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (std::size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return n;
}

// "t=<tick> sensor <id>: <value/10>.<value%10> C[, frost]\n", in a memo block (null if none).
char* format(const message& m) {
  char text[48];
  std::size_t n = 0;
  auto append = [&](const char* s) {
    while (*s != '\0') text[n++] = *s++;
  };
  append("t=");
  n += decimal(text + n, m.tick);
  append(" sensor ");
  n += decimal(text + n, m.sensor);
  append(": ");
  const std::int32_t v = m.value;
  if (v < 0) append("-");
  const auto magnitude = static_cast<std::uint32_t>(v < 0 ? -v : v);
  n += decimal(text + n, magnitude / 10);
  append(".");
  n += decimal(text + n, magnitude % 10);
  append(v < 0 ? " C, frost\n" : " C\n");  // a longer line: another of the memo's size classes

  auto* line = static_cast<char*>(g_lines.acquire(n + 1));  // lines of different lengths: size classes
  if (line != nullptr) {
    for (std::size_t i = 0; i < n; ++i) line[i] = text[i];
    line[n] = '\0';
  }
  return line;
}

// The main loop's work: print and give back everything queued. Returns the messages handled.
std::size_t drain(bool print) {
  std::size_t handled = 0;
  while (message* m = take()) {
    if (char* line = format(*m)) {
      if (print) put(line);
      g_lines.release(line);
    }
    g_messages.release(m);
    ++handled;
  }
  return handled;
}

// A reading that changes from tick to tick.
std::int16_t reading(std::uint32_t tick, std::uint16_t sensor) {
  return static_cast<std::int16_t>(215 + 7 * static_cast<int>(sensor) - 3 * static_cast<int>(tick % 5) -
                                   (sensor == 2 ? 260 : 0));
}

void report(const char* when) {
  put(when);
  put(": root used ");
  put(g_root.used());
  put(" of ");
  put(g_root.capacity());
  put(" B, message chunks ");
  put(g_messages.chunks());
  put(", free messages ");
  put(g_messages.available());
  put(", line blocks ");
  put(g_lines.held());
  put("\n");
}

}  // namespace

int main() {
  // hc's boards trap unaligned accesses from reset on (hc's own tests use it to catch misaligned
  // blocks). newlib's memcpy for ARMv7-M copies a 3-byte tail as a byte then an unaligned halfword, so
  // a firmware that copies strings turns the trap off again, as a real chip has it out of reset.
  (void)hc_board_unaligned_trap(0);
  hc::set_error_hook(&on_error);
  bool ok = true;
  put("cpp_firmware: sensor log on hc, 4 KiB arena, no heap\n");
  report("boot");

  // 1. Normal running: 1 to 3 readings per tick, drained every tick.
  std::size_t handled = 0;
  std::size_t used_after_warm_up = 0;
  for (std::uint32_t tick = 0; tick < 6; ++tick) {
    for (std::uint16_t sensor = 0; sensor <= tick % 3; ++sensor) ok = post(tick, sensor, reading(tick, sensor)) && ok;
    handled += drain(true);
    if (tick == 2) used_after_warm_up = g_root.used();
  }
  report("after 6 ticks");
  ok = ok && g_root.used() == used_after_warm_up && g_errors == 0;

  // 2. A burst: the main loop stalls while sensors keep posting, until the arena runs out.
  put("burst: posting without draining\n");
  std::uint32_t tick = 6;
  while (post(tick, 3, reading(tick, 3))) ++tick;
  put("burst: ");
  put(tick - 6);
  put(" messages queued, then one dropped\n");
  ok = ok && g_dropped == 1 && g_errors == 1 && hc::last_error() == hc::error::no_memory;
  handled += drain(false);
  report("after the burst");
  const std::size_t used_after_burst = g_root.used();

  // 3. Back to normal: every message block and line block is reused; the root does not move.
  for (std::uint32_t t = tick; t < tick + 3; ++t) {
    ok = post(t, 0, reading(t, 0)) && post(t, 1, reading(t, 1)) && ok;
    handled += drain(true);
  }
  report("after 3 more ticks");
  ok = ok && g_root.used() == used_after_burst && g_errors == 1 && handled == g_posted &&
       g_head == nullptr;

  put(ok ? "cpp_firmware: done, " : "cpp_firmware: FAILED, ");
  put(handled);
  put(" messages handled, ");
  put(g_dropped);
  put(" dropped\n");
  return ok ? 0 : 1;
}
