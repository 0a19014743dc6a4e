// test_arena.cpp — defines the test arena in the linker section the board scripts reserve for hc.
#include "support/test_arena.hpp"

namespace {
alignas(hc_test::arena_alignment) HC_ARENA(g_arena, hc_test::arena_size);
}

hc::region hc_test::arena() noexcept { return hc::region_of(g_arena); }
