// pool.cpp — construction, chunk growth and the full release check of hc::pool (the hot path is
// inline in the header).
#include "hc/pool.hpp"

namespace hc {
namespace {

// The inverse of odd `m` modulo 2^N (Newton's iteration doubles the correct low bits each step:
// 3 bits from m itself, then 6, 12, 24, 48, 96).
std::uintptr_t odd_inverse(std::uintptr_t m) noexcept {
  std::uintptr_t inv = m;
  for (int i = 0; i < 5; ++i) inv *= 2u - m * inv;
  return inv;
}

}  // namespace

void pool::init_geometry(std::size_t block_size, std::size_t alignment) noexcept {
  std::size_t size = block_size < sizeof(node) ? sizeof(node) : block_size;
  const std::size_t natural = natural_alignment(size);
  if (alignment < natural) alignment = natural;
  size = static_cast<std::size_t>(align_up(size, alignment));
  unsigned shift = 0;
  while (((size >> shift) & 1u) == 0) ++shift;
  block_size_ = size;
  block_alignment_ = alignment;
  shift_ = shift;
  inverse_ = odd_inverse(size >> shift);
}

pool::pool(region memory, std::size_t block_size, std::size_t alignment) noexcept {
  if (block_size == 0 || block_size > memory.size) {
    detail::fail(error::invalid_size, this);
    return;
  }
  if (alignment != 0 && !is_power_of_two(alignment)) {
    detail::fail(error::invalid_alignment, this);
    return;
  }
  init_geometry(block_size, alignment);
  const auto begin = reinterpret_cast<std::uintptr_t>(memory.begin);
  const std::size_t pad = padding(begin, block_alignment_);
  const std::size_t blocks = pad < memory.size ? (memory.size - pad) / block_size_ : 0;
  first_ = begin + pad;
  cursor_ = reinterpret_cast<unsigned char*>(first_);
  end_ = cursor_ + blocks * block_size_;
  blocks_ = blocks;
}

pool::pool(allocator& source, std::size_t block_size, std::size_t chunk_size, std::size_t alignment) noexcept
    : source_(&source) {
  if (alignment != 0 && !is_power_of_two(alignment)) {
    detail::fail(error::invalid_alignment, this);
    return;
  }
  if (block_size == 0 || !is_power_of_two(chunk_size) || block_size >= chunk_size) {
    detail::fail(error::invalid_size, this);
    return;
  }
  init_geometry(block_size, alignment);
  const std::size_t offset = static_cast<std::size_t>(align_up(sizeof(chunk_header), block_alignment_));
  if (offset >= chunk_size || (chunk_size - offset) / block_size_ == 0) {
    block_size_ = 0;  // every acquire is invalid_size
    detail::fail(error::invalid_size, this);
    return;
  }
  chunk_mask_ = chunk_size - 1u;
  chunk_offset_ = offset;
  per_chunk_ = (chunk_size - offset) / block_size_;
}

pool::~pool() {
  for (chunk_header* c = chunk_list_; c != nullptr;) {
    chunk_header* const next = c->next;
    source_->release(c);
    c = next;
  }
}

void* pool::refill() noexcept {
  if (chunk_mask_ == 0) return detail::fail(error::no_memory, this);
  // A new chunk; the source reports its own failure (the error is told once, where it happened).
  auto* const base = static_cast<unsigned char*>(source_->acquire(chunk_mask_ + 1u, chunk_mask_ + 1u));
  if (base == nullptr) return nullptr;
  auto* const header = reinterpret_cast<chunk_header*>(base);
  header->owner = this;
  header->next = chunk_list_;
  chunk_list_ = header;
  ++chunks_;
  blocks_ += per_chunk_;
  unsigned char* const first = base + chunk_offset_;
  first_ = reinterpret_cast<std::uintptr_t>(first);
  end_ = first + per_chunk_ * block_size_;
  cursor_ = first + block_size_;
  carved_ = 1;
  return first;
}

const pool::chunk_header* pool::chunk_of(const void* p) const noexcept {
  const auto* const header =
      reinterpret_cast<const chunk_header*>(reinterpret_cast<std::uintptr_t>(p) & ~chunk_mask_);
  return header->owner == this ? header : nullptr;
}

bool pool::owns(const void* p) const noexcept {
  if (chunk_mask_ == 0) return block_index(p, first_) < carved_;
  if (p == nullptr || chunk_of(p) == nullptr) return false;
  const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(p) & ~chunk_mask_) + chunk_offset_;
  return block_index(p, first) < (first == first_ ? carved_ : per_chunk_);
}

void pool::release_checked(void* block) noexcept {
  if (block == nullptr) return;
  if (!owns(block)) {
    detail::fail(error::invalid_pointer, this);
    return;
  }
  push(block);
}

std::size_t pool::free_blocks() const noexcept {
  std::size_t n = 0;
  for (const node* f = free_; f != nullptr; f = f->next) ++n;
  return n;
}

}  // namespace hc
