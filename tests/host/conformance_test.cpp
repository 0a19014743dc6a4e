// conformance_test.cpp — runs the conformance suite on every allocator of the library.
#include "conformance.hpp"
#include "support/subjects.hpp"

namespace hc_test {
using library_allocators = ::testing::Types<root_bump, sourced_bump, bump_via_protocol>;
INSTANTIATE_TYPED_TEST_SUITE_P(Library, Conformance, library_allocators);
}  // namespace hc_test
