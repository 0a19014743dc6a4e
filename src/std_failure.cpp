// std_failure.cpp — storage for the std adapters' failure handler (see hc/std_failure.hpp).
//
// One pointer, read and written as a single aligned word: a relaxed atomic where the compiler calls a
// pointer always lock-free, else (ARMv6-M, where a relaxed atomic would be a call to __atomic_load_4,
// which newlib lacks) a volatile access, single-copy atomic on every Arm core (as in error.cpp).
#include "hc/std_failure.hpp"

namespace hc {
namespace {
std_failure_handler g_std_failure_handler = nullptr;
}  // namespace

std_failure_handler get_std_failure_handler() noexcept {
#if __GCC_ATOMIC_POINTER_LOCK_FREE == 2
  return __atomic_load_n(&g_std_failure_handler, __ATOMIC_RELAXED);
#else
  return *static_cast<std_failure_handler volatile*>(&g_std_failure_handler);
#endif
}

std_failure_handler set_std_failure_handler(std_failure_handler handler) noexcept {
  const std_failure_handler previous = get_std_failure_handler();
#if __GCC_ATOMIC_POINTER_LOCK_FREE == 2
  __atomic_store_n(&g_std_failure_handler, handler, __ATOMIC_RELAXED);
#else
  *static_cast<std_failure_handler volatile*>(&g_std_failure_handler) = handler;
#endif
  return previous;
}

}  // namespace hc
