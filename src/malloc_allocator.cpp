// malloc_allocator.cpp — the host-only malloc/free root (see hc/malloc_allocator.hpp).
#include "hc/malloc_allocator.hpp"

#include <stdlib.h>

namespace hc {

void* malloc_allocator::acquire_aligned(std::size_t size, std::size_t alignment) noexcept {
  if (size == 0 || size > max_size()) return detail::fail(error::invalid_size, this);
  void* p = nullptr;
  if (alignment <= max_alignment) {
    p = ::malloc(size);
  } else if (::posix_memalign(&p, alignment, size) != 0) {
    p = nullptr;
  }
  return p != nullptr ? p : detail::fail(error::no_memory, this);
}

void malloc_allocator::release(void* block) noexcept { ::free(block); }

}  // namespace hc
