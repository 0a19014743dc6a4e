// bump.cpp — the cold and the source-facing parts of hc::bump (the hot path is inline in the header).
#include "hc/bump.hpp"

namespace hc {

bump::bump(allocator& source, std::size_t capacity) noexcept
    : source_(&source),
      begin_(static_cast<unsigned char*>(source.acquire(capacity, max_alignment))),
      cursor_(begin_),
      end_(begin_ != nullptr ? begin_ + capacity : nullptr) {}

bump::~bump() {
  if (source_ != nullptr && begin_ != nullptr) source_->release(begin_);
}

bool bump::rewind(marker m) noexcept {
  const auto at = reinterpret_cast<std::uintptr_t>(m.at_);
  if (at < reinterpret_cast<std::uintptr_t>(begin_) || at > reinterpret_cast<std::uintptr_t>(cursor_)) {
    detail::fail(error::invalid_pointer, this);
    return false;
  }
  cursor_ = m.at_;
  return true;
}

void* bump::fail_acquire(std::size_t size) noexcept {
  // size - 1 wraps for 0, so one compare catches both "zero" and "more than the whole block".
  return detail::fail(size - 1u >= capacity() ? error::invalid_size : error::no_memory, this);
}

}  // namespace hc
