// error.cpp — storage and reporting for hc's one error channel (see hc/error.hpp).
//
// Both fields are read and written with relaxed atomic loads and stores: plain LDR/STR(B) on every
// Cortex-M (no lock, no libatomic call), but defined behaviour when thread code and interrupts race.
#include "hc/error.hpp"

namespace hc {
namespace {
// One object, so the failure path addresses both fields through a single base (smaller on Thumb).
struct channel {
  error_hook hook;
  error last;
};
channel g_channel = {nullptr, error::none};

constexpr const char* k_messages[] = {
    "no error",
    "invalid size: zero, or larger than the allocator can ever provide",
    "invalid alignment: not a power of two",
    "out of memory",
    "invalid pointer: not owned by this allocator",
};
}  // namespace

const char* message(error code) noexcept {
  const auto i = static_cast<unsigned>(code);
  return i < sizeof k_messages / sizeof k_messages[0] ? k_messages[i] : "unknown error";
}

error last_error() noexcept { return __atomic_load_n(&g_channel.last, __ATOMIC_RELAXED); }

void clear_error() noexcept { __atomic_store_n(&g_channel.last, error::none, __ATOMIC_RELAXED); }

error_hook set_error_hook(error_hook hook) noexcept {
  // Load then store, not an exchange (which the M0 can only do through libatomic): installing hooks
  // from two contexts at once is the caller's to avoid; failures racing with it are fine.
  const error_hook previous = __atomic_load_n(&g_channel.hook, __ATOMIC_RELAXED);
  __atomic_store_n(&g_channel.hook, hook, __ATOMIC_RELAXED);
  return previous;
}

void* detail::fail(error code, const void* allocator) noexcept {
  __atomic_store_n(&g_channel.last, code, __ATOMIC_RELAXED);
  if (const error_hook hook = __atomic_load_n(&g_channel.hook, __ATOMIC_RELAXED)) hook(code, allocator);
  return nullptr;
}

}  // namespace hc
