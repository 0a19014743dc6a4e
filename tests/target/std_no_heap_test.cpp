// std_no_heap_test.cpp — hc_std_no_heap: std containers over hc in a firmware that links no heap.
//
// A standalone firmware (no GoogleTest, no newlib stdio or malloc): a std::pmr::vector and a std::pmr
// list on hc::pmr_resource over an hc::memo, a std::pmr::vector on the default resource (set to that
// resource), a std::vector and a std::list with hc::std_allocator over an hc::slab and an hc::pool, and
// an hc::unique_ptr from hc::make_unique; every result is checked, and every block must be back at the
// end. Linked with hc::std_support and without hc_board_no_heap: tests/target/CMakeLists.txt checks
// that the image holds no malloc, free, _sbrk, abort, __cxa_throw or operator new/delete at all.
//
// Command line (-append), the failure paths (each must end the run nonzero, for its stated reason):
//   "trap"     a pmr::vector asks for more than the arena has left, no handler: hc reports no_memory
//              through the hook, then the std failure path traps (a fault, not abort()).
//   "handler"  the same through hc::std_allocator, with a handler installed: it prints and exits 3.
//   "length"   pmr::vector::reserve(max_size() + 1): libstdc++'s __throw_length_error, routed by
//              hc::std_support to hc's channel (invalid_size) and the handler.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <list>
#include <memory_resource>
#include <vector>

#include "hc/bump.hpp"
#include "hc/error.hpp"
#include "hc/make.hpp"
#include "hc/memo.hpp"
#include "hc/pmr.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"
#include "hc/slab.hpp"
#include "hc/std_allocator.hpp"
#include "hc/std_failure.hpp"
#include "hc_board.h"

namespace {

alignas(1024) HC_ARENA(g_arena, 4096);

void put(const char* s) { hc_board_puts(s); }

int g_failures = 0;
void check(bool ok, const char* what) {
  if (ok) return;
  ++g_failures;
  put("std_no_heap: FAILED: ");
  put(what);
  put("\n");
}

void on_error(hc::error code, const void*) {
  put("std_no_heap: hc error: ");
  put(hc::message(code));
  put("\n");
}

[[noreturn]] void on_std_failure(hc::error code, const char* what) {
  put("std_no_heap: std failure handler: ");
  put(hc::message(code));
  put(" (");
  put(what);
  put(")\n");
  hc_board_exit(3);
}

struct point {
  point(int x_, int y_) noexcept : x(x_), y(y_) {}
  int x, y;
};

bool aligned(const void* p, std::size_t alignment) {
  return reinterpret_cast<std::uintptr_t>(p) % alignment == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "";
  hc::set_error_hook(&on_error);

  hc::bump root{hc::region_of(g_arena)};
  hc::memo recycler{root};
  hc::pmr_resource resource{recycler};
  hc::slab objects{root, 512};
  hc::pool nodes{root, 16, 256};

  if (std::strcmp(mode, "trap") == 0) {
    std::pmr::vector<std::uint32_t> v{&resource};
    (void)root.acquire(2048);
    v.reserve(800);  // 3200 bytes: within the arena, more than is left: never returns
    put("std_no_heap: the trap did not happen\n");
    return 1;
  }
  if (std::strcmp(mode, "handler") == 0) {
    hc::set_std_failure_handler(&on_std_failure);
    std::vector<std::uint32_t, hc::std_allocator<std::uint32_t, hc::slab>> v{
        hc::std_allocator<std::uint32_t, hc::slab>{objects}};
    (void)root.acquire(2048);
    v.reserve(800);
    put("std_no_heap: the handler was not called\n");
    return 1;
  }
  if (std::strcmp(mode, "length") == 0) {
    hc::set_std_failure_handler(&on_std_failure);
    std::pmr::vector<std::uint32_t> v{&resource};
    v.reserve(v.max_size() + 1);
    put("std_no_heap: the length error was not raised\n");
    return 1;
  }

  {  // std::pmr::vector over hc::memo: growth, contents, alignment.
    std::pmr::vector<std::uint32_t> v{&resource};
    std::uint32_t sum = 0;
    for (std::uint32_t i = 0; i < 100; ++i) {
      v.push_back(i * i);
      sum += i * i;
    }
    std::uint32_t total = 0;
    for (const std::uint32_t x : v) total += x;
    check(v.size() == 100 && total == sum && v[99] == 99u * 99u, "pmr::vector contents");
    check(aligned(v.data(), alignof(std::uint32_t)), "pmr::vector alignment");
    check(recycler.held() > 0, "the memo holds the vector's blocks");
    std::pmr::vector<std::uint64_t> w{&resource};
    w.assign({1u, 2u, 3u});
    check(aligned(w.data(), alignof(std::uint64_t)) && w[2] == 3u, "pmr::vector<uint64_t> alignment");
  }
  check(recycler.cached() == recycler.held(), "every pmr block back in the memo");

  {  // The default resource, set to hc's: default-constructed pmr containers use it.
    std::pmr::memory_resource* const previous = std::pmr::set_default_resource(&resource);
    check(previous == std::pmr::null_memory_resource(), "the default resource starts as the null one");
    std::pmr::list<int> l;
    for (int i = 0; i < 10; ++i) l.push_front(i);
    check(l.size() == 10 && l.front() == 9 && l.back() == 0, "pmr::list on the default resource");
    check(l.get_allocator().resource() == &resource, "pmr::list uses the default resource");
    std::pmr::set_default_resource(nullptr);
    check(std::pmr::get_default_resource() == std::pmr::null_memory_resource(), "default reset to null");
  }
  check(recycler.cached() == recycler.held(), "every pmr::list node back in the memo");

  {  // std::vector with hc::std_allocator over hc::slab, std::list over hc::pool (rebound to its nodes).
    using u16_alloc = hc::std_allocator<std::uint16_t, hc::slab>;
    std::vector<std::uint16_t, u16_alloc> v{u16_alloc{objects}};
    for (std::uint16_t i = 0; i < 60; ++i) v.push_back(static_cast<std::uint16_t>(i * 3u));
    check(v.size() == 60 && v[59] == 177u && aligned(v.data(), 2), "std::vector with std_allocator");
    std::list<int, hc::std_allocator<int, hc::pool>> l{hc::std_allocator<int, hc::pool>{nodes}};
    for (int i = 0; i < 8; ++i) l.push_back(i);
    int sum = 0;
    for (const int x : l) sum += x;
    check(sum == 28, "std::list with std_allocator over a pool");
    check(nodes.blocks() - nodes.available() == 8, "the list's nodes come from the pool");
  }
  check(objects.slabs() <= 1, "the slab gave its slabs back");

  {  // hc::make_unique / hc::make / hc::destroy over the pool.
    hc::unique_ptr<point, hc::pool> p = hc::make_unique<point>(nodes, 3, 4);
    check(p && p->x == 3 && p->y == 4, "make_unique");
    point* q = hc::make<point>(nodes, 5, 6);
    check(q != nullptr && q->y == 6, "make");
    hc::destroy(nodes, q);
  }

  check(hc::last_error() == hc::error::none, "no hc error on the passing path");
  if (g_failures != 0) return 1;
  put("std_no_heap: PASSED\n");
  return 0;
}
