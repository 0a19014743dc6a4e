// error.cpp — storage and reporting for hc's one error channel (see hc/error.hpp).
//
// Both fields are read and written with relaxed loads and stores that compile to a single LDR/STR(B)
// on every Cortex-M with GCC and Clang, with no lock and no library call (checked on the target by
// the CTest test target.no_atomic_library_calls, tests/target/CMakeLists.txt):
//  - where the compiler reports the field's size always lock-free (hosts, ARMv7-M, ARMv8-M), the real
//    __atomic builtins on an integer or pointer object: relaxed atomics, defined behaviour when thread
//    code and interrupts race;
//  - where it does not (ARMv6-M: no exclusives, so no atomic read-modify-write; Clang would lower even
//    a relaxed load to a call to __atomic_load_1/4, which newlib lacks), a volatile access of the
//    aligned byte or word between compiler barriers. A naturally aligned byte, halfword or word access
//    is single-copy atomic on every Arm core (Armv6-M ARM, A3.5.1), volatile makes it exactly one
//    access that is neither elided, merged nor split, and on a single-core M0 nothing else can tear or
//    reorder it: the same guarantee as a relaxed atomic there.
#include "hc/error.hpp"

#include <type_traits>

namespace hc {
namespace {

template <typename T>
constexpr bool always_lock_free = __atomic_always_lock_free(sizeof(T), 0);

template <typename T>
[[gnu::always_inline]] inline T load_relaxed(const T& object) noexcept {
  static_assert(std::is_integral_v<T> || std::is_pointer_v<T>, "atomic builtins need an integer or a pointer");
  if constexpr (always_lock_free<T>) {
    return __atomic_load_n(&object, __ATOMIC_RELAXED);
  } else {
#if !defined(__arm__)
    static_assert(always_lock_free<T>, "hc: volatile fallback relies on Arm's single-copy atomicity");
#endif
    __asm__ volatile("" ::: "memory");
    const T value = *static_cast<const volatile T*>(&object);
    __asm__ volatile("" ::: "memory");
    return value;
  }
}

template <typename T>
[[gnu::always_inline]] inline void store_relaxed(T& object, T value) noexcept {
  static_assert(std::is_integral_v<T> || std::is_pointer_v<T>, "atomic builtins need an integer or a pointer");
  if constexpr (always_lock_free<T>) {
    __atomic_store_n(&object, value, __ATOMIC_RELAXED);
  } else {
#if !defined(__arm__)
    static_assert(always_lock_free<T>, "hc: volatile fallback relies on Arm's single-copy atomicity");
#endif
    __asm__ volatile("" ::: "memory");
    *static_cast<volatile T*>(&object) = value;
    __asm__ volatile("" ::: "memory");
  }
}

using code_type = std::underlying_type_t<error>;  // the builtins take integers, not enums (Clang)

// One object, so the failure path addresses both fields through a single base (smaller on Thumb).
// `used` keeps it one object with Clang too, whose global optimiser would otherwise split an internal
// struct into one global per field (two literal-pool addresses: detail::fail 34 B instead of 26 on M4).
struct channel {
  error_hook hook;
  code_type last;
};
[[gnu::used]] channel g_channel = {nullptr, static_cast<code_type>(error::none)};

constexpr const char* k_messages[] = {
    "no error",
    "invalid size: zero, or larger than the allocator can ever provide",
    "invalid alignment: not a power of two, or more than the allocator can provide",
    "out of memory",
    "invalid pointer: not owned by this allocator",
    "canary overrun: a write past the end of the block",
    "canary underrun: a write before the start of the block",
    "double release: the block was already released",
};
static_assert(sizeof k_messages / sizeof k_messages[0] > static_cast<unsigned>(error::double_release),
              "a message for every code");
}  // namespace

const char* message(error code) noexcept {
  const auto i = static_cast<unsigned>(code);
  return i < sizeof k_messages / sizeof k_messages[0] ? k_messages[i] : "unknown error";
}

error last_error() noexcept { return static_cast<error>(load_relaxed(g_channel.last)); }

void clear_error() noexcept { store_relaxed(g_channel.last, static_cast<code_type>(error::none)); }

error_hook set_error_hook(error_hook hook) noexcept {
  // Load then store, not an exchange (which the M0 can only do through libatomic): installing hooks
  // from two contexts at once is the caller's to avoid; failures racing with it are fine.
  const error_hook previous = load_relaxed(g_channel.hook);
  store_relaxed(g_channel.hook, hook);
  return previous;
}

void* detail::fail(error code, const void* allocator) noexcept {
  if (detail::silence(code)) return nullptr;  // inside a quiet attempt (issue 7, hc/fallback.hpp)
  store_relaxed(g_channel.last, static_cast<code_type>(code));
  if (const error_hook hook = load_relaxed(g_channel.hook)) hook(code, allocator);
  return nullptr;
}

}  // namespace hc
