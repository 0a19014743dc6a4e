/* tests/target/atomic_proof.c — deliberately needs an out-of-line atomic: no Cortex-M has a lock-free
 * 8-byte atomic (no LDREXD/STREXD in the M profile), so GCC and Clang both compile this relaxed load to
 * a call to __atomic_load_8, on every core. Built as the library hc_atomic_proof (-w: Clang warns that
 * the operation is not lock-free, which is the point), whose archive cmake/hc_check_no_atomic_calls.cmake
 * must reject (test target.proof.atomic_check_catches_a_call). */
#include <stdint.h>

uint64_t hc_atomic_proof_word;

uint64_t hc_atomic_proof_load(void) { return __atomic_load_n(&hc_atomic_proof_word, __ATOMIC_RELAXED); }
