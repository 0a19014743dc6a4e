// guard.cpp — the bookkeeping of hc::guard that does not depend on its part (see hc/guard.hpp):
// sealing a block (header and suffix canary), checking and poisoning it on release, the fault reports.
// One copy serves every guard<A> in a firmware.
#include "hc/guard.hpp"

namespace hc {
namespace detail {
namespace {

struct header {
  std::uint32_t offset;  // from the part's block to the user block
  std::uint32_t size;    // the user block's size: where the suffix canary is
  std::uint32_t tag;     // live_tag while handed out, released_tag after
  std::uint32_t canary;  // k_front: an underrun smashes it first
};
static_assert(sizeof(header) == guard_core::header_size, "the header fills the prefix");

constexpr std::uint32_t k_front = 0xC3A53C5Au;
// The suffix, written and checked a byte at a time through volatile: the block's end has any alignment,
// and a word access there faults on the M0 (and with the unaligned trap on, on every core); GCC merges
// plain byte stores into one word store on ARMv7-M (measured: -O2, Cortex-M4).
constexpr unsigned char k_back[guard_core::suffix_size] = {0x5A, 0x3C, 0xA5, 0xC3};

inline header* header_of(const void* block) noexcept {
  return reinterpret_cast<header*>(reinterpret_cast<std::uintptr_t>(block) - guard_core::header_size);
}
inline std::uint32_t low_bits(const void* block) noexcept {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(block));
}

}  // namespace

void* guard_core::seal(void* base, std::size_t offset, std::size_t size) const noexcept {
  unsigned char* const block = static_cast<unsigned char*>(base) + offset;
  header* const h = header_of(block);
  const auto off = static_cast<std::uint32_t>(offset);
  const auto n = static_cast<std::uint32_t>(size);
  h->offset = off;
  h->size = n;
  h->tag = low_bits(block) ^ key_ ^ n ^ off;
  h->canary = k_front;
  volatile unsigned char* const suffix = block + size;
  for (std::size_t i = 0; i < suffix_size; ++i) suffix[i] = k_back[i];
  return block;
}

void* guard_core::open(void* block, const void* who) noexcept {
  // Every block is max_alignment-aligned: anything else is not one, and is rejected before any read.
  if (!is_aligned(block, max_alignment)) return fail(error::invalid_pointer, who);
  header* const h = header_of(block);
  const std::uint32_t released = ~(low_bits(block) ^ key_);
  const std::uint32_t tag = h->tag;
  const std::uint32_t n = h->size;
  const std::uint32_t off = h->offset;
  if (tag != (low_bits(block) ^ key_ ^ n ^ off)) {
    return fail(tag == released ? error::double_release : error::invalid_pointer, who);
  }
  h->tag = released;  // from now on a release of it is a double release
  auto* const p = static_cast<unsigned char*>(block);
  error fault = error::none;
  if (h->canary != k_front) {
    fault = error::canary_underrun;
  } else {
    const volatile unsigned char* const suffix = p + n;
    for (std::size_t i = 0; i < suffix_size; ++i) {
      if (suffix[i] != k_back[i]) fault = error::canary_overrun;
    }
  }
  if (fault != error::none) {
    ++quarantined_;  // never given back: the part does not hand out corrupted memory again
    return fail(fault, who);
  }
  __builtin_memset(p, poison, n);
  return p - off;
}

void* guard_core::acquire_slow(allocator& part, std::size_t size, std::size_t alignment,
                               std::size_t part_alignment, const void* who) noexcept {
  if (size - 1u >= limit) return fail(error::invalid_size, who);
  std::size_t offset = header_size;
  if (alignment > max_alignment || alignment > part_alignment) {
    if (alignment > limit || alignment > part_alignment) return fail(error::invalid_alignment, who);
    offset = alignment;  // > max_alignment, so >= header_size: the header fits before the block
  } else {
    alignment = max_alignment;
  }
  void* const base = part.acquire(size + offset + suffix_size, alignment);
  return base != nullptr ? seal(base, offset, size) : nullptr;
}

void guard_core::release_slow(allocator& part, void* block, const void* who) noexcept {
  if (block == nullptr) return;
  if (void* const base = open(block, who)) part.release(base);
}

const void* guard_core::live_base(const void* block) const noexcept {
  if (block == nullptr || !is_aligned(block, max_alignment)) return nullptr;
  const header* const h = header_of(block);
  if (h->tag != (low_bits(block) ^ key_ ^ h->size ^ h->offset)) return nullptr;
  return static_cast<const unsigned char*>(block) - h->offset;
}

}  // namespace detail
}  // namespace hc
