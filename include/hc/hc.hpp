// hc/hc.hpp — everything in hc that every build has (the malloc root is separate: hc/malloc_allocator.hpp).
#pragma once

#include "hc/abilities.hpp"
#include "hc/align.hpp"
#include "hc/allocator.hpp"
#include "hc/bump.hpp"
#include "hc/config.hpp"
#include "hc/error.hpp"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"
#include "hc/slab.hpp"
#include "hc/locked.hpp"
#include "hc/guard.hpp"
#include "hc/fallback.hpp"
#include "hc/segregator.hpp"
#include "hc/stats.hpp"
