// pool.cpp — construction and the cold paths of hc::pool (the hot path is inline in the header).
// Everything only a sourced pool needs (taking chunks, blocks of older chunks) is reached through
// pool::k_chunking, which only the sourced constructor names: a firmware with root pools only links
// none of it.
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

// Callers guarantee block_size <= SIZE_MAX / 4 and a power-of-two alignment <= SIZE_MAX / 2 + 1, so
// rounding up cannot wrap to 0 (and the trailing-zero loop ends).
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
  if ((alignment != 0 && !is_power_of_two(alignment)) || alignment > memory.size) {
    detail::fail(error::invalid_alignment, this);
    return;
  }
  if (block_size == 0 || block_size > memory.size || block_size > SIZE_MAX / 4) {
    detail::fail(error::invalid_size, this);
    return;
  }
  init_geometry(block_size, alignment);
  const auto begin = reinterpret_cast<std::uintptr_t>(memory.begin);
  const std::size_t pad = padding(begin, block_alignment_);
  if (pad >= memory.size || memory.size - pad < block_size_) {  // not one block once rounded and aligned
    block_size_ = 0;  // every acquire is invalid_size
    detail::fail(error::invalid_size, this);
    return;
  }
  first_ = begin + pad;
  cursor_ = reinterpret_cast<unsigned char*>(first_);
  end_ = static_cast<unsigned char*>(memory.begin) + memory.size;
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
  chunking_ = &k_chunking;
  chunk_mask_ = chunk_size - 1u;
  chunk_offset_ = offset;
  per_chunk_ = (chunk_size - offset) / block_size_;
}

pool::~pool() {
  if (chunking_ == nullptr) return;
  for (chunk_header* c = chunk_list_; c != nullptr;) {
    chunk_header* const next = c->next;
    c->owner = nullptr;  // a later pool at this address must not take the chunk for its own
    source_->release(c);
    c = next;
  }
}

std::size_t pool::blocks() const noexcept {
  if (chunking_ != nullptr) return chunks_ * per_chunk_;
  return block_size_ != 0 ? static_cast<std::size_t>(end_ - reinterpret_cast<unsigned char*>(first_)) / block_size_ : 0u;
}

std::size_t pool::free_blocks() const noexcept {
  std::size_t n = 0;
  for (const node* f = free_; f != nullptr; f = f->next) ++n;
  return n;
}

void* pool::acquire_slow(std::size_t size) noexcept {
  if (size - 1u >= block_size_) return detail::fail(error::invalid_size, this);
  if (chunking_ == nullptr) return detail::fail(error::no_memory, this);
  return chunking_->grow(*this);
}

void pool::release_checked(void* block) noexcept {
  if (block == nullptr) return;
  if (chunking_ == nullptr) {
    detail::fail(error::invalid_pointer, this);
    return;
  }
  chunking_->release(*this, block);
}

// ---- sourced pools only ----------------------------------------------------------------------------

const pool::chunking pool::k_chunking = {&pool::grow_chunk, &pool::release_in_chunk, &pool::owns_in_chunk};

void* pool::grow_chunk(pool& p) noexcept {
  // The source reports its own failure (an error is told once, where it happened).
  const std::size_t chunk_size = p.chunk_mask_ + 1u;
  auto* const base = static_cast<unsigned char*>(p.source_->acquire(chunk_size, chunk_size));
  if (base == nullptr) return nullptr;
  auto* const header = reinterpret_cast<chunk_header*>(base);
  header->owner = &p;
  header->next = p.chunk_list_;
  p.chunk_list_ = header;
  ++p.chunks_;
  unsigned char* const first = base + p.chunk_offset_;
  p.first_ = reinterpret_cast<std::uintptr_t>(first);
  p.end_ = base + chunk_size;
  p.cursor_ = first + p.block_size_;
  p.carved_ = 1;
  return first;
}

bool pool::owns_in_chunk(const pool& p, const void* block) noexcept {
  const std::uintptr_t base = reinterpret_cast<std::uintptr_t>(block) & ~p.chunk_mask_;
  if (reinterpret_cast<const chunk_header*>(base)->owner != &p) return false;
  const std::uintptr_t first = base + p.chunk_offset_;
  return p.block_index(block, first) < (first == p.first_ ? p.carved_ : p.per_chunk_);
}

void pool::release_in_chunk(pool& p, void* block) noexcept {
  if (!owns_in_chunk(p, block)) {
    detail::fail(error::invalid_pointer, &p);
    return;
  }
  p.push(block);
}

}  // namespace hc
