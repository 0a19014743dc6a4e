// error.cpp — storage and reporting for hc's one error channel (see hc/error.hpp).
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

error last_error() noexcept { return g_channel.last; }

void clear_error() noexcept { g_channel.last = error::none; }

error_hook set_error_hook(error_hook hook) noexcept {
  const error_hook previous = g_channel.hook;
  g_channel.hook = hook;
  return previous;
}

void* detail::fail(error code, const void* allocator) noexcept {
  g_channel.last = code;
  if (const error_hook hook = g_channel.hook) hook(code, allocator);
  return nullptr;
}

}  // namespace hc
