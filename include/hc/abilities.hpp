// hc/abilities.hpp — what an allocator offers beyond the protocol, detected at compile time.
//
// The protocol (hc/allocator.hpp) is acquire and release. Concrete allocators add abilities — owns(p),
// resize(p, n), max_size(), size_of(p), block_alignment() — and layers forward exactly the abilities
// their parts have: they ask these traits, so an allocator never has to stub what it cannot do.
//
// Usage:
//   static_assert(hc::has_owns_v<hc::pool>);
//   if constexpr (hc::has_size_of_v<A>) bytes += part.size_of(p);
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace hc {

/// True when `a.owns(p)` compiles for a const A and a const void* p.
template <class A, class = void>
struct has_owns : std::false_type {};
template <class A>
struct has_owns<A, std::void_t<decltype(std::declval<const A&>().owns(static_cast<const void*>(nullptr)))>>
    : std::true_type {};

/// True when `a.resize(p, n)` compiles for an A, a void* p and a std::size_t n.
template <class A, class = void>
struct has_resize : std::false_type {};
template <class A>
struct has_resize<A, std::void_t<decltype(std::declval<A&>().resize(static_cast<void*>(nullptr), std::size_t{1}))>>
    : std::true_type {};

/// True when `a.max_size()` compiles for a const A.
template <class A, class = void>
struct has_max_size : std::false_type {};
template <class A>
struct has_max_size<A, std::void_t<decltype(std::declval<const A&>().max_size())>> : std::true_type {};

/// True when `a.size_of(p)` (the usable size of a block) compiles for a const A and a const void* p.
template <class A, class = void>
struct has_size_of : std::false_type {};
template <class A>
struct has_size_of<A, std::void_t<decltype(std::declval<const A&>().size_of(static_cast<const void*>(nullptr)))>>
    : std::true_type {};

/// True when `a.block_alignment()` (one alignment for every block, e.g. hc::pool) compiles for a const A.
template <class A, class = void>
struct has_block_alignment : std::false_type {};
template <class A>
struct has_block_alignment<A, std::void_t<decltype(std::declval<const A&>().block_alignment())>>
    : std::true_type {};

template <class A>
inline constexpr bool has_owns_v = has_owns<A>::value;
template <class A>
inline constexpr bool has_resize_v = has_resize<A>::value;
template <class A>
inline constexpr bool has_max_size_v = has_max_size<A>::value;
template <class A>
inline constexpr bool has_size_of_v = has_size_of<A>::value;
template <class A>
inline constexpr bool has_block_alignment_v = has_block_alignment<A>::value;

}  // namespace hc
