// std_support.cpp — the object library hc::std_support, for firmware that uses std::pmr or std
// containers and must link no heap: it cuts the chains by which libstdc++ (arm-none-eabi, newlib) pulls
// operator new/delete, malloc, free, _sbrk and abort into an image (../shared/notes/libstdcxx-arm.md):
//
//  1. std::pmr::memory_resource's destructor is its key function, defined out of line in libstdc++'s
//     memory_resource.o together with new_delete_resource (aligned operator new → malloc, _sbrk) and
//     the default resource; any class derived from memory_resource references it. Defined here, with
//     the default-resource functions, so that member is never read. The default resource is
//     null_memory_resource() until set_default_resource() names another (there is no heap to default
//     to); set_default_resource(nullptr) restores that. Its allocate reports no_memory (the allocator
//     it names is the null resource) and takes the std failure path.
//  2. Deleting destructors: the null resource here and hc::pmr_resource declare a class-scope
//     operator delete, so no vtable names the global one (→ free).
//  3. std::__throw_*: with -fno-exceptions libstdc++'s versions (functexcept.o) call abort (and newlib's
//     abort → raise → signal → _malloc_r → _sbrk: a plain std::vector is enough to need this). All of that
//     member's functions are defined here, so none of it is linked (a missing one would pull it and
//     clash). The allocation failures are reported through hc's channel (allocator: null, meaning the
//     C++ library): __throw_length_error and __throw_bad_array_new_length as invalid_size,
//     __throw_bad_alloc as no_memory. The others (out_of_range from at(), ...) report nothing and
//     pass error::none. All then take the std failure path: the handler, else a trap (never abort).
//
// Limits: built only when cross-compiling (on a host it would replace libstdc++'s own definitions: an
// ODR clash), with -fno-rtti (firmware built with RTTI would need memory_resource's type_info from
// libstdc++). Not compatible in one image with libstdc++'s new_delete_resource, monotonic_buffer_resource
// and the pool resources: they live in the same libstdc++ member, and using one is a link error
// (multiple definition of std::pmr::memory_resource::~memory_resource) — use hc's allocators through
// hc::pmr_resource instead. Costs nothing unless used: each function is in its own section and the
// null resource is built on first use (no static constructor). Checked on every core by
// tests/target (target.std.no_heap_links_no_heap), at -Os; also verified at -O0 to -O2 with GCC 12.
// Everything here is O(1) (plus the handler).
//
// Usage (CMake):  target_link_libraries(firmware PRIVATE hc::hc hc::std_support)
#include <bits/functexcept.h>

#include <cstddef>
#include <memory_resource>
#include <new>

#include "hc/error.hpp"
#include "hc/std_failure.hpp"

namespace {

[[noreturn]] void report_and_fail(hc::error code, const char* what) {
  hc::detail::fail(code, nullptr);
  hc::detail::std_failure(code, what);
}

[[noreturn]] void fail_quietly(const char* what) { hc::detail::std_failure(hc::error::none, what); }

// The resource that has no memory: every allocate fails; deallocate has nothing to take back.
class null_resource final : public std::pmr::memory_resource {
 public:
  static void operator delete(void*) noexcept {}  // see chain 2; never reached

 private:
  void* do_allocate(std::size_t, std::size_t) override {
    hc::detail::fail(hc::error::no_memory, this);
    hc::detail::std_failure(hc::error::no_memory, "std::pmr::null_memory_resource: allocate");
  }
  void do_deallocate(void*, std::size_t, std::size_t) override {}
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

// Built on first use in static storage that is never destroyed: a global object would register its
// destructor at start-up and keep all of this file in every image that links it, used or not. Two
// contexts that race here both store the same vtable pointer.
alignas(null_resource) unsigned char g_null_storage[sizeof(null_resource)];
std::pmr::memory_resource* volatile g_null = nullptr;

std::pmr::memory_resource* null_instance() noexcept {
  std::pmr::memory_resource* resource = g_null;
  if (resource == nullptr) g_null = resource = ::new (static_cast<void*>(g_null_storage)) null_resource();
  return resource;
}

// The default resource, or null for the null resource: one word (set it before other contexts use it).
std::pmr::memory_resource* volatile g_default = nullptr;

}  // namespace

namespace std::pmr {

memory_resource::~memory_resource() = default;

memory_resource* null_memory_resource() noexcept { return null_instance(); }

memory_resource* get_default_resource() noexcept {
  memory_resource* const resource = g_default;
  return resource != nullptr ? resource : null_instance();
}

memory_resource* set_default_resource(memory_resource* resource) noexcept {
  memory_resource* const previous = get_default_resource();
  g_default = resource;
  return previous;
}

}  // namespace std::pmr

namespace std {

void __throw_bad_alloc() { report_and_fail(hc::error::no_memory, "std::bad_alloc"); }
void __throw_bad_array_new_length() { report_and_fail(hc::error::invalid_size, "std::bad_array_new_length"); }
void __throw_length_error(const char* what) { report_and_fail(hc::error::invalid_size, what); }

void __throw_bad_exception() { fail_quietly("std::bad_exception"); }
void __throw_bad_cast() { fail_quietly("std::bad_cast"); }
void __throw_bad_typeid() { fail_quietly("std::bad_typeid"); }
void __throw_logic_error(const char* what) { fail_quietly(what); }
void __throw_domain_error(const char* what) { fail_quietly(what); }
void __throw_invalid_argument(const char* what) { fail_quietly(what); }
void __throw_out_of_range(const char* what) { fail_quietly(what); }
void __throw_out_of_range_fmt(const char* format, ...) { fail_quietly(format); }
void __throw_runtime_error(const char* what) { fail_quietly(what); }
void __throw_range_error(const char* what) { fail_quietly(what); }
void __throw_overflow_error(const char* what) { fail_quietly(what); }
void __throw_underflow_error(const char* what) { fail_quietly(what); }

}  // namespace std
