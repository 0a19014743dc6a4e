// conformance_test.cpp — runs the conformance suite on every allocator of the library.
// HC_TEST_SUBJECTS narrows the list (the 256 KiB-flash M0 builds one image per allocator).
#include "conformance.hpp"
#include "support/subjects.hpp"

#ifndef HC_TEST_SUBJECTS
#define HC_TEST_SUBJECTS \
  root_bump, sourced_bump, bump_via_protocol, root_pool, sourced_pool, sourced_memo, sourced_slab, root_slab, \
      root_heap, sourced_heap
#endif

namespace hc_test {
using library_allocators = ::testing::Types<HC_TEST_SUBJECTS>;
INSTANTIATE_TYPED_TEST_SUITE_P(Library, Conformance, library_allocators);
INSTANTIATE_TYPED_TEST_SUITE_P(Library, ConformanceSequence, library_allocators);
}  // namespace hc_test
