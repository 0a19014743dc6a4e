// tests/c/cpp_side.cpp — the C++ half of the C tests: C++ allocators built here (in static storage, no
// heap), handed to the C tests as struct hc_malloc through hc::c_view; one of them takes its memory
// from a C allocator through hc::c_allocator. The checks are all in c_api_test.c.
#include "hc/hc.h"  // first: the header is self-contained as C++17 too

#include <cstddef>
#include <new>

#include "c_test.h"
#include "hc/memo.hpp"
#include "hc/pool.hpp"
#include "hc/region.hpp"
#include "hc/stats.hpp"

namespace {

using stats_memo = hc::stats<hc::memo>;

// Each object is built in place and destroyed by cpp_destroy(), so a test controls its lifetime.
template <class T>
struct holder {
  alignas(T) unsigned char bytes[sizeof(T)];
  T* object = nullptr;
  template <class... Args>
  T& make(Args&&... args) {
    destroy();
    object = ::new (static_cast<void*>(bytes)) T(static_cast<Args&&>(args)...);
    return *object;
  }
  void destroy() {
    if (object != nullptr) object->~T();
    object = nullptr;
  }
};

holder<stats_memo> g_stats;
holder<hc::c_view> g_stats_view;
holder<hc::c_allocator> g_source;
holder<hc::pool> g_pool;
holder<hc::c_view> g_pool_view;

}  // namespace

extern "C" hc_malloc* cpp_stats_memo(void* begin, std::size_t size) {
  g_stats_view.destroy();
  stats_memo& s = g_stats.make(hc::region{begin, size});
  return g_stats_view.make(s).get();
}

extern "C" std::size_t cpp_stats_live(void) {
  const hc::statistics st = g_stats.object->snapshot();
  return st.acquires - st.releases;
}

extern "C" hc_malloc* cpp_pool_over(hc_malloc* source, std::size_t block_size, std::size_t chunk_size) {
  g_pool_view.destroy();
  g_pool.destroy();
  hc::c_allocator& from = g_source.make(source);
  hc::pool& p = g_pool.make(from, block_size, chunk_size);
  return g_pool_view.make(p).get();
}

extern "C" std::size_t cpp_pool_chunks(void) { return g_pool.object->chunks(); }

extern "C" void cpp_destroy(void) {
  g_stats_view.destroy();
  g_stats.destroy();
  g_pool_view.destroy();
  g_pool.destroy();
  g_source.destroy();
}
