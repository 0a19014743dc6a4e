// board/common/lean_runtime.cpp — a lean replacement for the parts of libstdc++'s locale and iostream
// start-up that GoogleTest firmware links (object library hc_lean_runtime, linked as an object into
// every hc_gtest_target consumer, so the linker never reads the libstdc++ archive members it replaces).
//
// WHY: libstdc++'s "C" locale (locale_init.o) constructs every standard facet for char AND wchar_t,
// for both string ABIs (plus char16_t/char32_t codecvts), and ios_init.o constructs the wide standard
// streams; locale.o references the dual-ABI facet shims. Together they keep ~150 KB of wide / money /
// time / messages / collate / fstream code alive. GoogleTest only needs narrow streams, numbers and
// stringstreams, i.e. ctype<char>, numpunct<char>, num_get<char>, num_put<char> (+ codecvt<char>).
//
// WHAT this file defines (every global symbol of locale_init.o and ios_init.o, so those members are
// never extracted, and the two shim functions, so cow-/cxx11-shim_facets.o are never extracted):
//   std::locale::locale(), classic(), global(), _S_initialize(), _S_initialize_once(),
//   _S_twinned_facets (empty), _Impl::_Impl(size_t), _Impl::_S_id_*[], _Impl::_S_facet_categories,
//   std::locale::facet::_M_cow_shim / _M_sso_shim (return null; unreachable with no twinned facets),
//   std::ios_base::Init::Init() / ~Init(), std::ios_base::sync_with_stdio().
//
// LIMITS of the resulting runtime (fine for GoogleTest, not a general-purpose C++ runtime):
//   - The classic ("C") locale holds only ctype<char>, codecvt<char, char, mbstate_t>, numpunct<char>,
//     num_get<char>, num_put<char>. use_facet<> of anything else (wchar_t facets, collate, money, time,
//     messages, the new-ABI std::__cxx11::numpunct) fails (bad_cast -> abort). Named locales
//     (std::locale("xx")) are not supported.
//   - Only cout, cin, cerr, clog are constructed (on unbuffered stdio); wcout/wcin/wcerr/wclog are NOT
//     (using them is undefined). sync_with_stdio(false) is recorded but the streams stay on stdio.
//   - Single-threaded (no locking); checked below.
//
// LIBSTDC++-12-SPECIFIC: this relies on the private layout and internals of libstdc++ 12
// (locale::_Impl's members, _M_init_facet_unchecked, the dual-ABI twinned-facet scheme,
// ios_base::Init's counters). It is written from the declarations in libstdc++ 12's headers and is
// used with GCC 12 and with Clang (14 and 19 tested) compiling against those headers. Any other
// libstdc++ release must fail to build here (see the checks below) and have this file re-validated,
// not silently used.
//
// Compiled with the OLD (COW) string ABI on purpose: num_get<char>/num_put<char> (shared by both ABIs)
// read the numeric punctuation through the old-ABI std::numpunct<char>, so that is the one installed.
#define _GLIBCXX_USE_CXX11_ABI 0

#include <cstdio>
#include <cstring>
#include <istream>
#include <locale>
#include <new>
#include <ostream>
#include <streambuf>
#include <type_traits>

#if !defined(__GLIBCXX__) || !defined(_GLIBCXX_RELEASE)
#error "lean_runtime.cpp replaces libstdc++ internals: it must be built against libstdc++ 12"
#endif
// What this file depends on is the library: the layout and internals its headers declare, and the
// Itanium C++ ABI that GCC and Clang share. So the guard is the libstdc++ release whose headers are in
// use (Clang with the arm-none-eabi sysroot compiles against the same libstdc++ 12 headers and links
// the same libstdc++_nano.a), not the compiler.
#if _GLIBCXX_RELEASE != 12
#error "lean_runtime.cpp is written for libstdc++ 12 only: re-validate it for this libstdc++ release"
#endif
#if defined(_GLIBCXX_HAS_GTHREADS)
#error "lean_runtime.cpp is single-threaded (no locale mutex): not for a threaded libstdc++"
#endif
#if !_GLIBCXX_USE_DUAL_ABI
#error "lean_runtime.cpp expects libstdc++'s dual-ABI configuration (the twinned-facet symbols)"
#endif

namespace std {
// Declared by <iostream>, defined (as raw storage) by libstdc++'s globals_io.o. Not including
// <iostream> keeps its static ios_base::Init object out of this file.
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
}  // namespace std

namespace {

// Uninitialised, suitably aligned storage for an object constructed later with placement new and never
// destroyed (no static constructor or destructor is generated for it).
template <typename T>
struct Storage {
  alignas(T) unsigned char bytes[sizeof(T)];
  template <typename... Args>
  T* construct(Args... args) {
    return ::new (static_cast<void*>(bytes)) T(args...);
  }
};

using NumGet = std::num_get<char>;
using NumPut = std::num_put<char>;
using Codecvt = std::codecvt<char, char, std::mbstate_t>;

// Slots in the classic locale's facet and cache arrays. Facet ids are handed out on first use, so only
// the facets a program touches take one; libstdc++'s __use_cache indexes the cache array unchecked, so
// keep this above the number of distinct facet types a program can ask for (GoogleTest: < 10).
constexpr std::size_t kFacetSlots = 32;

// Constructed by locale members (their constructors are private).
alignas(std::locale::_Impl) unsigned char classic_impl[sizeof(std::locale::_Impl)];
alignas(std::locale) unsigned char classic_locale[sizeof(std::locale)];
const std::locale::facet* facet_slots[kFacetSlots];
const std::locale::facet* cache_slots[kFacetSlots];
char* category_names[6 + _GLIBCXX_NUM_CATEGORIES];  // locale::_S_categories_size (private)
char c_name[2];

Storage<std::ctype<char>> ctype_c;
Storage<Codecvt> codecvt_c;
Storage<std::__numpunct_cache<char>> numpunct_cache_c;
Storage<std::numpunct<char>> numpunct_c;
Storage<NumGet> num_get_c;
Storage<NumPut> num_put_c;

// The standard narrow streams' buffer: unbuffered, straight onto a C stdio FILE, so output through
// std::cout and printf (which GoogleTest mixes) stays in order.
class StdioBuf final : public std::streambuf {
 public:
  explicit StdioBuf(std::FILE* file) : file_(file) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    return std::fputc(c, file_) == EOF ? traits_type::eof() : c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    return static_cast<std::streamsize>(std::fwrite(s, 1, static_cast<std::size_t>(n), file_));
  }
  int sync() override { return std::fflush(file_) == 0 ? 0 : -1; }
  int_type underflow() override {
    const int c = std::getc(file_);
    if (c == EOF) return traits_type::eof();
    std::ungetc(c, file_);
    return c;
  }
  int_type uflow() override {
    const int c = std::getc(file_);
    return c == EOF ? traits_type::eof() : c;
  }
  int_type pbackfail(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::eof();
    return std::ungetc(c, file_) == EOF ? traits_type::eof() : c;
  }

 private:
  std::FILE* file_;
};

Storage<StdioBuf> buf_cout;
Storage<StdioBuf> buf_cin;
Storage<StdioBuf> buf_cerr;

}  // namespace

// ---- locale ----------------------------------------------------------------------------------------

// std::locale::_S_twinned_facets: the (old-ABI id, new-ABI id) pairs of facets that exist in both
// string ABIs, null-terminated. No facet has a twin here, so locale.o's _M_install_facet and
// _M_replace_facet never ask for a shim. The member is declared only in new-ABI translation units,
// so it is defined under its mangled name.
extern const std::locale::id* const lean_twinned_facets[2] __asm__("_ZNSt6locale17_S_twinned_facetsE");
const std::locale::id* const lean_twinned_facets[2] = {nullptr, nullptr};

namespace std {

const locale::facet* locale::facet::_M_cow_shim(const locale::id*) const { return nullptr; }
const locale::facet* locale::facet::_M_sso_shim(const locale::id*) const { return nullptr; }

// The facets of each category this runtime knows (used when combining locales by category).
const locale::id* const locale::_Impl::_S_id_ctype[] = {&std::ctype<char>::id, &Codecvt::id, nullptr};
const locale::id* const locale::_Impl::_S_id_numeric[] = {&NumGet::id, &NumPut::id,
                                                          &std::numpunct<char>::id, nullptr};
const locale::id* const locale::_Impl::_S_id_collate[] = {nullptr};
const locale::id* const locale::_Impl::_S_id_time[] = {nullptr};
const locale::id* const locale::_Impl::_S_id_monetary[] = {nullptr};
const locale::id* const locale::_Impl::_S_id_messages[] = {nullptr};
// Order of the category bits: ctype, numeric, collate, time, monetary, messages.
const locale::id* const* const locale::_Impl::_S_facet_categories[] = {
    _S_id_ctype, _S_id_numeric, _S_id_collate, _S_id_time, _S_id_monetary, _S_id_messages, nullptr};

// The classic "C" locale, built once in static storage (never freed: its facets hold a reference).
locale::_Impl::_Impl(size_t refs) throw()
    : _M_refcount(static_cast<_Atomic_word>(refs)),
      _M_facets(facet_slots),
      _M_facets_size(kFacetSlots),
      _M_caches(cache_slots),
      _M_names(category_names) {
  std::memcpy(c_name, locale::facet::_S_get_c_name(), sizeof c_name);
  _M_names[0] = c_name;  // "C" for every category (a null entry past [0] means "same as [0]")
  for (size_t i = 1; i < _S_categories_size; ++i) _M_names[i] = nullptr;

  // Refcount 1 on each facet (and 2 on the cache, owned by numpunct and by _M_caches): never deleted.
  auto install = [this](auto* facet) {
    using Facet = std::remove_pointer_t<decltype(facet)>;
    const size_t index = Facet::id._M_id();
    if (index >= _M_facets_size) __builtin_trap();  // cannot happen: these are the first ids handed out
    facet->_M_add_reference();
    _M_facets[index] = facet;
    return index;
  };
  install(ctype_c.construct(static_cast<const ctype_base::mask*>(nullptr), false, size_t{1}));
  install(codecvt_c.construct(size_t{1}));
  auto* const numpunct_cache = numpunct_cache_c.construct(size_t{2});
  const size_t numpunct_index = install(numpunct_c.construct(numpunct_cache, size_t{1}));
  _M_caches[numpunct_index] = numpunct_cache;
  install(num_get_c.construct(size_t{1}));
  install(num_put_c.construct(size_t{1}));
}

void locale::_S_initialize_once() throw() {
  // Two references: one for _S_classic, one for _S_global.
  _S_classic = ::new (static_cast<void*>(classic_impl)) _Impl(2);
  _S_global = _S_classic;
  ::new (static_cast<void*>(classic_locale)) locale(_S_classic);
}

void locale::_S_initialize() {
  if (_S_classic == nullptr) _S_initialize_once();
}

locale::locale() throw() : _M_impl(nullptr) {
  _S_initialize();
  _M_impl = _S_global;
  if (_M_impl != _S_classic) _M_impl->_M_add_reference();
}

const locale& locale::classic() {
  _S_initialize();
  return *reinterpret_cast<const locale*>(classic_locale);
}

// Only the C++ global locale changes: the C library's locale stays "C" (no setlocale call).
locale locale::global(const locale& other) {
  _S_initialize();
  _Impl* const old = _S_global;
  if (other._M_impl != _S_classic) other._M_impl->_M_add_reference();
  _S_global = other._M_impl;
  return locale(old);  // takes over _S_global's former reference
}

// ---- standard streams ------------------------------------------------------------------------------

ios_base::Init::Init() {
  if (_S_refcount++ == 0) {
    _S_synced_with_stdio = true;
    StdioBuf* const out = buf_cout.construct(stdout);
    StdioBuf* const in = buf_cin.construct(stdin);
    StdioBuf* const err = buf_cerr.construct(stderr);
    ::new (static_cast<void*>(&cout)) ostream(out);
    ::new (static_cast<void*>(&cin)) istream(in);
    ::new (static_cast<void*>(&cerr)) ostream(err);
    ::new (static_cast<void*>(&clog)) ostream(err);
    cin.tie(&cout);
    cerr.setf(ios_base::unitbuf);
    cerr.tie(&cout);
    // One extra count: the streams are constructed once and never destroyed.
    ++_S_refcount;
  }
}

ios_base::Init::~Init() {
  if (--_S_refcount == 1) {
    cout.flush();
    cerr.flush();
    clog.flush();
  }
}

// The streams always write through C stdio here; the setting is only remembered.
bool ios_base::sync_with_stdio(bool sync) {
  const bool previous = Init::_S_synced_with_stdio;
  Init::_S_synced_with_stdio = sync;
  return previous;
}

}  // namespace std
