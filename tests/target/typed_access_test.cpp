// typed_access_test.cpp — the target access suite on every allocator of the library.
#include "typed_access.hpp"

namespace hc_test {
using library_allocators = ::testing::Types<root_bump, sourced_bump, bump_via_protocol>;
INSTANTIATE_TYPED_TEST_SUITE_P(Library, TargetAccess, library_allocators);
}  // namespace hc_test
