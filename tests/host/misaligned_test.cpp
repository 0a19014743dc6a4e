// misaligned_test.cpp — the conformance suite on deliberately misaligning allocators. Disabled: the
// build runs it on purpose (--gtest_also_run_disabled_tests) and requires it to FAIL, proving that a
// misaligned pointer, including a 4-mod-8 one that no Cortex-M access faults on, is caught, and that
// the shadow model catches a block handed out twice.
#include "conformance.hpp"
#include "support/subjects.hpp"

namespace hc_test {
INSTANTIATE_TYPED_TEST_SUITE_P(DISABLED_OffByOne, Conformance, misaligned_subject<1>);
INSTANTIATE_TYPED_TEST_SUITE_P(DISABLED_FourModEight, Conformance, misaligned_subject<4>);
// A pool that hands a released block out twice: the sequence's shadow model must see the overlap.
INSTANTIATE_TYPED_TEST_SUITE_P(DISABLED_DoubleHanding, ConformanceSequence, double_handing_subject);
}  // namespace hc_test
