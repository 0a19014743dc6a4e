// tests/package/consumer/main.cpp — a program outside hc that uses hc::hc as a user would, on the host
// (printf) and as firmware (the board's semihosting console; no heap). It exits 0 only if every check
// holds, and prints "hc consumer (<mode>): all checks passed" last (tests/package/hc_package_test.cmake
// looks for that line). HC_CONSUMER_FAIL makes it fail on purpose: the proof that a failure is noticed.
#include <cstddef>
#include <cstdint>

#include "hc/hc.hpp"

#ifndef HC_WITH_MALLOC
#error "hc::hc must give its users HC_WITH_MALLOC (a public compile definition)"
#endif
#if HC_WITH_MALLOC
#include "hc/malloc_allocator.hpp"
#endif
#if __has_include("hc/hc.h")
#include "hc/hc.h"  // the C API's header, when this hc has one: installed and usable from C++ too
#endif

#ifdef HC_CONSUMER_FIRMWARE
#include "hc_board.h"
#else
#include <cstdio>
#endif

#ifndef HC_CONSUMER_MODE
#define HC_CONSUMER_MODE "unknown"
#endif

namespace {

void put(const char* s) {
#ifdef HC_CONSUMER_FIRMWARE
  hc_board_puts(s);
#else
  std::fputs(s, stdout);
#endif
}

int g_failed = 0;
int g_errors = 0;

void check(bool ok, const char* what) {
  put(ok ? "  ok      " : "  FAILED  ");
  put(what);
  put("\n");
  if (!ok) ++g_failed;
}

void count_error(hc::error, const void*) { ++g_errors; }

HC_ARENA(g_arena, 4096);

struct message {
  std::uint32_t id;
  std::uint16_t length;
  std::uint8_t payload[26];
};

}  // namespace

int main() {
  put("hc consumer (" HC_CONSUMER_MODE "), ");
#ifdef HC_CONSUMER_FIRMWARE
  put("firmware\n");
#else
  put("host program\n");
#endif
  hc::set_error_hook(&count_error);

  hc::bump root{hc::region_of(g_arena)};
  check(root.capacity() == sizeof g_arena, "bump root over an HC_ARENA");

  hc::pool messages{root, sizeof(message), 256};
  auto* a = static_cast<message*>(messages.acquire(sizeof(message)));
  auto* b = static_cast<message*>(messages.acquire(sizeof(message)));
  check(a != nullptr && b != nullptr && a != b, "pool over the root hands out two blocks");
  if (a != nullptr) a->id = 1;
  messages.release(a);
  check(messages.acquire(sizeof(message)) == a, "a released pool block comes back first");

  hc::stats<hc::memo> recycler{root};
  void* text = recycler.acquire(40);
  recycler.release(text);
  check(recycler.acquire(40) == text && recycler.snapshot().acquires == 2, "memo under stats recycles");

  check(root.acquire(1u << 20) == nullptr && hc::last_error() == hc::error::invalid_size && g_errors == 1,
        "a failure is reported through the hook");

#if HC_WITH_MALLOC
  hc::malloc_allocator heap;
  void* p = heap.acquire(64);
  check(p != nullptr && hc::is_aligned(p, 8), "malloc_allocator (HC_WITH_MALLOC=1)");
  heap.release(p);
#else
  put("  (HC_WITH_MALLOC=0: no malloc root)\n");
#endif
#ifdef HC_CONSUMER_FAIL
  check(false, "HC_CONSUMER_FAIL: failing on purpose");
#endif

  if (g_failed != 0) {
    put("hc consumer (" HC_CONSUMER_MODE "): checks FAILED\n");
    return 1;
  }
  put("hc consumer (" HC_CONSUMER_MODE "): all checks passed\n");
  return 0;
}
