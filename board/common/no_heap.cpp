// board/common/no_heap.cpp — library hc_board_no_heap, for firmware that must not contain malloc/free:
// replaces the global operator delete. Every class with a virtual destructor has a "deleting
// destructor" in its vtable that names operator delete, and libsupc++'s operator delete calls free(),
// which pulls in newlib's malloc and _sbrk. Here deleting is a fatal error instead (nothing in such a
// firmware is ever allocated with new). Linked as an OBJECT library so it wins over libsupc++.
#include <cstddef>
#include <new>

#include "hc_board.h"

namespace {
[[noreturn]] void no_heap() {
  hc_board_puts("\nhc_board: operator delete called in a firmware without heap\n");
  hc_board_exit(134);
}
}  // namespace

void operator delete(void*) noexcept { no_heap(); }
void operator delete(void*, std::size_t) noexcept { no_heap(); }
void operator delete(void*, std::align_val_t) noexcept { no_heap(); }
void operator delete(void*, std::size_t, std::align_val_t) noexcept { no_heap(); }
void operator delete[](void*) noexcept { no_heap(); }
void operator delete[](void*, std::size_t) noexcept { no_heap(); }
void operator delete[](void*, std::align_val_t) noexcept { no_heap(); }
void operator delete[](void*, std::size_t, std::align_val_t) noexcept { no_heap(); }
