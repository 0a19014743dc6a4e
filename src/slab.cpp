// slab.cpp — the slab-changing paths of hc::slab: taking and giving back slabs, large blocks, the
// failure reports (the bump within a slab and the count-down are inline in the header).
#include "hc/slab.hpp"

namespace hc {
namespace {

constexpr std::size_t min_slab_size = 64;

bool valid_slab_size(std::size_t slab_size) noexcept {
  return is_power_of_two(slab_size) && slab_size >= min_slab_size;
}

}  // namespace

slab::slab(allocator& source, std::size_t slab_size, std::size_t threshold) noexcept
    : source_(&source), large_blocks_(true) {
  if (!valid_slab_size(slab_size)) {
    large_blocks_ = false;        // every acquire is invalid_size
    mask_ = min_slab_size - 1u;   // release reads where it would for a valid slab allocator
    detail::fail(error::invalid_size, this);
    return;
  }
  set_geometry(slab_size, threshold);
}

slab::slab(region memory, std::size_t slab_size, std::size_t threshold) noexcept
    : source_(&own_),
      large_blocks_(false),
      own_(valid_slab_size(slab_size) ? pool(memory, slab_size, slab_size) : pool()) {
  if (!valid_slab_size(slab_size)) {
    mask_ = min_slab_size - 1u;  // release reads where it would for a valid slab allocator
    detail::fail(error::invalid_size, this);
    return;
  }
  set_geometry(slab_size, threshold);
}

void slab::set_geometry(std::size_t slab_size, std::size_t threshold) noexcept {
  mask_ = slab_size - 1u;
  // A slab holds any block up to the threshold, rounded up: slab_size - header_bytes is a multiple of
  // max_alignment, so a threshold up to it still fits once rounded.
  const std::size_t usable = slab_size - header_bytes;
  threshold_ = threshold == 0 ? slab_size / 8u : (threshold < usable ? threshold : usable);
}

slab::~slab() {
  if (current_ != nullptr && current_->live == 0) give_back(current_);
  if (spare_ != nullptr) give_back(spare_);
}

slab::header* slab::take_slab() noexcept {
  header* h = spare_;
  if (h != nullptr) {
    spare_ = nullptr;
    return h;
  }
  // The source reports its own failure (an error is told once, where it happened).
  h = static_cast<header*>(source_->acquire(slab_size(), slab_size()));
  if (h == nullptr) return nullptr;
  h->owner = this;
  h->live = 0;
  h->large = 0;
  ++slabs_;
  return h;
}

void slab::give_back(header* h) noexcept {
  h->owner = nullptr;
  --slabs_;
  source_->release(h);
}

void* slab::acquire_slow(std::size_t size, std::size_t alignment) noexcept {
  if (size == 0) return detail::fail(error::invalid_size, this);
  if (alignment >= slab_size() && mask_ != 0) return detail::fail(error::invalid_alignment, this);
  if (size <= threshold_) {
    const std::size_t rounded = static_cast<std::size_t>(align_up(size, max_alignment));
    // An over-aligned request may still fit in the current slab, after padding.
    if (current_ != nullptr) {
      const std::size_t pad = padding(reinterpret_cast<std::uintptr_t>(cursor_), alignment);
      if (pad + rounded <= static_cast<std::size_t>(end_ - cursor_)) {
        unsigned char* const block = cursor_ + pad;
        cursor_ = block + rounded;
        ++current_->live;
        return block;
      }
    }
    const std::size_t start = alignment > header_bytes ? alignment : header_bytes;
    if (start + rounded <= slab_size()) {
      // The current slab is full for this request: continue in a fresh one. The old one stays with
      // its live blocks (it had some, or its cursor would have been reset) until the last is released.
      header* const h = take_slab();
      if (h == nullptr) return nullptr;
      auto* const base = reinterpret_cast<unsigned char*>(h);
      current_ = h;
      end_ = base + slab_size();
      cursor_ = base + start + rounded;
      h->live = 1;
      return base + start;
    }
  }
  return acquire_large(size, alignment);
}

void* slab::acquire_large(std::size_t size, std::size_t alignment) noexcept {
  if (!large_blocks_) {
    return detail::fail(size <= threshold_ ? error::invalid_alignment : error::invalid_size, this);
  }
  // The header goes at the block's start, aligned to slab_size so that release() finds it by masking.
  const std::size_t offset = alignment > header_bytes ? alignment : header_bytes;
  if (size > SIZE_MAX - offset) return detail::fail(error::invalid_size, this);
  auto* const h = static_cast<header*>(source_->acquire(offset + size, slab_size()));
  if (h == nullptr) return nullptr;
  h->owner = this;
  h->live = 1;
  h->large = 1;
  ++slabs_;
  return reinterpret_cast<unsigned char*>(h) + offset;
}

void slab::release_slow(void* block) noexcept {
  header* const h = header_of(block);
  if (h->owner != this || h->live == 0) {
    detail::fail(error::invalid_pointer, this);
    return;
  }
  if (h->large != 0) {
    give_back(h);
    return;
  }
  h->live = 0;  // release() comes here only for the last block (or an invalid one)
  if (h == current_) {  // empty: reuse it from the start
    cursor_ = reinterpret_cast<unsigned char*>(h) + header_bytes;
    return;
  }
  if (spare_ == nullptr) {
    spare_ = h;
  } else {
    give_back(h);
  }
}

}  // namespace hc
