// memo.cpp — the source-facing paths of hc::memo: misses, uncached blocks, trim and the failure
// report of release (the hits are inline in the header).
#include "hc/memo.hpp"

namespace hc {

void* memo::acquire_miss(std::size_t c) noexcept {
  // The source reports its own failure (an error is told once, where it happened).
  auto* const base = static_cast<unsigned char*>(source_->acquire(header_size + (c + 1u) * granule, max_alignment));
  if (base == nullptr) return nullptr;
  void* const block = base + header_size;
  header* const h = header_of(block);
  h->info = static_cast<std::uint32_t>(c);
  h->tag = live_tag(block);
  ++held_;
  return block;
}

void* memo::acquire_uncached(std::size_t size, std::size_t alignment) noexcept {
  const std::size_t offset = alignment > header_size ? alignment : header_size;
  if (size == 0 || size > SIZE_MAX - offset) return detail::fail(error::invalid_size, this);
  if (offset != static_cast<std::uint32_t>(offset)) return detail::fail(error::invalid_alignment, this);
  auto* const base = static_cast<unsigned char*>(source_->acquire(offset + size, offset));
  if (base == nullptr) return nullptr;
  void* const block = base + offset;
  header* const h = header_of(block);
  h->info = static_cast<std::uint32_t>(offset);
  h->tag = uncached_tag(block);
  ++held_;
  return block;
}

void memo::release_slow(void* block) noexcept {
  header* const h = header_of(block);
  if (!is_aligned(block, max_alignment) || h->tag != uncached_tag(block)) {
    detail::fail(error::invalid_pointer, this);
    return;
  }
  const std::size_t offset = h->info;
  h->tag = 0;  // a second release of it no longer matches
  --held_;
  source_->release(static_cast<unsigned char*>(block) - offset);
}

void memo::trim() noexcept {
  if (source_ == &own_) return;  // a bump cannot take blocks back: keep them cached
  for (node*& head : heads_) {
    for (node* n = head; n != nullptr;) {
      node* const next = n->next;
      header* const h = header_of(n);
      h->tag = 0;
      --held_;
      source_->release(h);  // a cached block's header starts the source's block
      n = next;
    }
    head = nullptr;
  }
}

std::size_t memo::cached() const noexcept {
  std::size_t count = 0;
  for (const node* head : heads_) {
    for (const node* n = head; n != nullptr; n = n->next) ++count;
  }
  return count;
}

std::size_t memo::cached(std::size_t size) const noexcept {
  const std::size_t c = (size - 1u) / granule;
  if (c >= classes) return 0;
  std::size_t count = 0;
  for (const node* n = heads_[c]; n != nullptr; n = n->next) ++count;
  return count;
}

}  // namespace hc
