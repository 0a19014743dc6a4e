# cmake -DNM=<nm> -DELF=<image> -DMAP=<link map> -DHC_CHECK_SYMBOLS=<cmake/hc_check_symbols.cmake>
#       -P check_no_newlib_allocator.cmake
# Fails if the image links any of newlib's allocator code: an allocator member of libc/libg (nano or
# not) named in the link map, or one of those members' private symbols (through hc_check_symbols.cmake);
# also fails if the image defines no malloc at all (then the check would prove nothing).
if(NOT EXISTS "${MAP}")
  message(FATAL_ERROR "no link map ${MAP}")
endif()
file(READ "${MAP}" map)
# newlib-nano's members (lib_a-nano-mallocr.o, nano-freer, nano-callocr, ...), full newlib's
# (lib_a-mallocr.o, ...), the thin wrappers over them (lib_a-malloc.o: malloc/free, calloc, realloc,
# malign, msize, aligned_alloc), the lock (mlock) and _sbrk_r (sbrkr). GNU ld and lld both name a
# member as "lib...a(lib_a-nano-mallocr.o)" in the map.
string(REGEX MATCHALL
  "lib_a-(nano-)?(malloc|free|calloc|realloc|malign|msize|mallinfo|mallstats|mallopt|valloc|pvalloc|mtrim|cfree)r\\.o|lib_a-(malloc|calloc|realloc|malign|msize|aligned_alloc|mlock|sbrkr)\\.o"
  members "${map}")
if(members)
  list(REMOVE_DUPLICATES members)
  message(FATAL_ERROR "${ELF} links newlib's allocator: ${members}")
endif()
# nano-mallocr.o's free list and sbrk start, nano-mallinfor.o's statistics, sbrkr.o's _sbrk_r.
set(FORBIDDEN __malloc_free_list __malloc_sbrk_start __malloc_current_mallinfo _sbrk_r)
include(${HC_CHECK_SYMBOLS})  # fails on any of them; leaves nm's output in `symbols`
foreach(name malloc free _malloc_r _free_r)
  if(NOT symbols MATCHES "[ \n]T ${name}\n")
    message(FATAL_ERROR "${ELF} defines no ${name}: nothing to check")
  endif()
endforeach()
message("${ELF}: defines malloc, free, _malloc_r, _free_r; links no newlib allocator member")
