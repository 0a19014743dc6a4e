// hc/hc.hpp — everything in hc that every build has. Separate: the malloc root (hc/malloc_allocator.hpp),
// the std adapters that pull in the standard library (hc/pmr.hpp, hc/std_allocator.hpp, hc/make.hpp),
// the C API (hc/hc.h).
#pragma once

#include "hc/abilities.hpp"
#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/bump.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"
#include "hc/heap.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"
#include "hc/slab.hpp"
#include "hc/locked.hpp"
#include "hc/guard.hpp"
#include "hc/fallback.hpp"
#include "hc/segregator.hpp"
#include "hc/stats.hpp"
