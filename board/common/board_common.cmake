# board/common/board_common.cmake — shared tail of every board/<machine>/board.cmake.
#
# Included before project(). Expects the including board.cmake to have set:
#   HC_BOARD_DIR        folder of that board (holds linker.ld)
#   HC_CPU_FLAGS        list: -mcpu/-mthumb/-mfpu/-mfloat-abi for the core
#   HC_QEMU_MACHINE     value for `qemu-system-arm -M`
#   HC_TEST_ARENA_SIZE  bytes the on-target test suite may use as its test arena
# and may set (defaults below, generous for boards with RAM to spare):
#   HC_MIN_HEAP_MARGIN   bytes of heap a GoogleTest image must leave free at its high-water mark
#   HC_MIN_STACK_MARGIN  bytes of the stack reserve it must leave unused at its peak
#   (board/common/gtest_main.cpp prints both margins and fails the run with "MARGIN LOW" below them)
# Sets HC_LINKER_SCRIPT and the CMAKE_<LANG>_FLAGS_INIT / CMAKE_EXE_LINKER_FLAGS_INIT that project()
# turns into the cached CMAKE_<LANG>_FLAGS. Those are ABI flags: every object must share them.

foreach(_hc_var HC_BOARD_DIR HC_CPU_FLAGS HC_QEMU_MACHINE HC_TEST_ARENA_SIZE)
  if(NOT DEFINED ${_hc_var})
    message(FATAL_ERROR "board.cmake must set ${_hc_var} before including board_common.cmake")
  endif()
endforeach()

# GCC assumes unaligned LDR/STR are allowed on ARMv7-M/v8-M and emits them for packed data and inline
# memcpy. The startup turns on CCR.UNALIGN_TRP so the library's own misaligned accesses fault; this flag
# keeps the compiler from producing ones the source never asked for. (ARMv6-M never emits them.)
list(APPEND HC_CPU_FLAGS -mno-unaligned-access)

if(NOT DEFINED HC_MIN_HEAP_MARGIN)
  set(HC_MIN_HEAP_MARGIN 16384)
endif()
if(NOT DEFINED HC_MIN_STACK_MARGIN)
  set(HC_MIN_STACK_MARGIN 8192)
endif()

set(HC_LINKER_SCRIPT "${HC_BOARD_DIR}/linker.ld")
set(HC_BOARD_COMMON_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The *_FLAGS_INIT values only seed the cache on the first configure of a build folder, so a folder
# is tied to one board: refuse to silently keep another board's CPU flags.
if(DEFINED CACHE{HC_BOARD_CONFIGURED_FOR} AND NOT HC_BOARD_CONFIGURED_FOR STREQUAL HC_QEMU_MACHINE)
  message(FATAL_ERROR "This build folder was configured for board '${HC_BOARD_CONFIGURED_FOR}'; "
                      "use a fresh build folder for '${HC_QEMU_MACHINE}'.")
endif()
set(HC_BOARD_CONFIGURED_FOR "${HC_QEMU_MACHINE}" CACHE INTERNAL "board this build folder was made for")

list(JOIN HC_CPU_FLAGS " " _hc_cpu_flags)
set(CMAKE_C_FLAGS_INIT "${_hc_cpu_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_hc_cpu_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_hc_cpu_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_hc_cpu_flags}")
unset(_hc_cpu_flags)
unset(_hc_var)
