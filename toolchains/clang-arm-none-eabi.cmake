# toolchains/clang-arm-none-eabi.cmake — CMake toolchain file for Clang targeting bare-metal Arm
# (--target=arm-none-eabi), over the newlib, newlib-nano and libstdc++ that the GNU Arm Embedded
# packages install, linked by lld. The GNU toolchain must be installed too: it supplies the C and C++
# libraries, libgcc (Debian ships no compiler-rt builtins for bare-metal Arm) and the binutils used for
# objcopy/size/nm/ar.
#
# Like toolchains/arm-none-eabi.cmake it holds no CPU flags: they come from the board
# (board/<machine>/board.cmake sets HC_CPU_FLAGS before project()). Unlike GCC, Clang does not pick the
# multilib of its libraries from those flags, so this file asks arm-none-eabi-gcc for the folders that
# the same flags select and hands them to Clang:
#   compile (C++)  -isystem <libstdc++ headers, with the multilib's bits/c++config.h> (GCC's own list,
#                  from `arm-none-eabi-g++ <cpu flags> -E -v`), searched before anything Clang adds
#                  (its bare-metal default would be <sysroot>/include/c++/v1, libc++, which the GNU
#                  packages do not install; -nostdinc++ is not used because CMake passes the compile
#                  flags to the link too, where Clang 14 warns it is unused)
#   compile (all)  --sysroot=<newlib prefix> (newlib's headers after Clang's own stddef.h, stdint.h, ...)
#                  -fomit-frame-pointer (GCC's default when optimising; Clang keeps r7 as frame pointer)
#   link           -fuse-ld=lld -nostdlib -L<libgcc folder> -L<newlib/libstdc++ multilib folder>, and as
#                  the standard libraries what arm-none-eabi-g++ --specs=nano.specs links:
#                  -lstdc++_nano -lm --start-group -lgcc -lc_nano --end-group (C: without -lstdc++_nano).
#                  -nostdlib also drops the start files, as -nostartfiles does for GCC (the board has its
#                  own startup). HC_NEWLIB_NANO=OFF links the full newlib and libstdc++ instead.
#
# Optional cache inputs:
#   HC_CLANG, HC_CLANGXX     the Clang C and C++ drivers (default: clang-19/clang++-19, else clang/clang++)
#   HC_ARM_TOOLCHAIN_DIR     a folder holding the arm-none-eabi-* programs, when they are not on PATH
#   HC_NEWLIB_NANO           link newlib-nano and libstdc++_nano (default ON; GCC builds get --specs=nano.specs
#                            from board/CMakeLists.txt)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

# Bare metal: try_compile() cannot link an executable without a startup file and a linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(HC_ARM_TOOLCHAIN_DIR "" CACHE PATH "Folder holding arm-none-eabi-* programs (empty: search PATH)")
set(_hc_hints "")
if(HC_ARM_TOOLCHAIN_DIR)
  set(_hc_hints HINTS "${HC_ARM_TOOLCHAIN_DIR}" "${HC_ARM_TOOLCHAIN_DIR}/bin")
endif()

find_program(HC_CLANG NAMES clang-19 clang REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_CLANGXX NAMES clang++-19 clang++ REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_ARM_GCC arm-none-eabi-gcc ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_ARM_GXX arm-none-eabi-g++ ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_OBJCOPY arm-none-eabi-objcopy ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_SIZE arm-none-eabi-size ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_NM arm-none-eabi-nm ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_AR arm-none-eabi-ar ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_RANLIB arm-none-eabi-ranlib ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
unset(_hc_hints)

set(CMAKE_C_COMPILER "${HC_CLANG}")
set(CMAKE_CXX_COMPILER "${HC_CLANGXX}")
set(CMAKE_ASM_COMPILER "${HC_CLANG}")
set(CMAKE_C_COMPILER_TARGET arm-none-eabi)
set(CMAKE_CXX_COMPILER_TARGET arm-none-eabi)
set(CMAKE_ASM_COMPILER_TARGET arm-none-eabi)
# Archives need an Arm symbol index for lld: the GNU Arm ar, not the host's.
set(CMAKE_AR "${HC_AR}" CACHE FILEPATH "ar for the target" FORCE)
set(CMAKE_RANLIB "${HC_RANLIB}" CACHE FILEPATH "ranlib for the target" FORCE)
set(CMAKE_OBJCOPY "${HC_OBJCOPY}" CACHE FILEPATH "objcopy for the target" FORCE)
set(CMAKE_SIZE "${HC_SIZE}" CACHE FILEPATH "size for the target" FORCE)

option(HC_NEWLIB_NANO "Link newlib-nano and libstdc++_nano (as --specs=nano.specs does for GCC)" ON)

# The multilib folders for the board's CPU flags. HC_CPU_FLAGS is set by board.cmake before project()
# reads this file; try_compile() projects inherit the resulting CMAKE_<LANG>_FLAGS instead.
get_property(_hc_in_try_compile GLOBAL PROPERTY IN_TRY_COMPILE)
if(NOT _hc_in_try_compile)
  if(NOT DEFINED HC_CPU_FLAGS)
    message(FATAL_ERROR "clang-arm-none-eabi.cmake: set HC_CPU_FLAGS (e.g. -mcpu=cortex-m4 -mthumb "
                        "-mfpu=fpv4-sp-d16 -mfloat-abi=hard) before project(); board/<machine>/board.cmake does")
  endif()
  # libgcc, and the folder of the newlib/libstdc++ archives, of the multilib these flags select.
  execute_process(COMMAND "${HC_ARM_GCC}" ${HC_CPU_FLAGS} -print-libgcc-file-name
                  OUTPUT_VARIABLE _hc_libgcc OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND "${HC_ARM_GCC}" ${HC_CPU_FLAGS} -print-file-name=libc_nano.a
                  OUTPUT_VARIABLE _hc_libc OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  # The newlib prefix: -print-sysroot when the toolchain has one (Arm's releases), else the folder
  # holding include/ and lib/ (Debian: /usr/lib/arm-none-eabi), found from the default libc.a.
  execute_process(COMMAND "${HC_ARM_GCC}" -print-sysroot
                  OUTPUT_VARIABLE _hc_sysroot OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  if(NOT _hc_sysroot)
    execute_process(COMMAND "${HC_ARM_GCC}" -print-file-name=libc.a
                    OUTPUT_VARIABLE _hc_libc_default OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    get_filename_component(_hc_sysroot "${_hc_libc_default}/../.." ABSOLUTE)
  endif()
  foreach(_hc_file IN ITEMS "${_hc_libgcc}" "${_hc_libc}" "${_hc_sysroot}/include/stdlib.h")
    if(NOT IS_ABSOLUTE "${_hc_file}" OR NOT EXISTS "${_hc_file}")
      message(FATAL_ERROR "clang-arm-none-eabi.cmake: '${_hc_file}' not found: are gcc-arm-none-eabi, "
                          "libnewlib-arm-none-eabi and libstdc++-arm-none-eabi-newlib installed?")
    endif()
  endforeach()
  get_filename_component(_hc_libgcc_dir "${_hc_libgcc}" DIRECTORY)
  get_filename_component(_hc_lib_dir "${_hc_libc}" DIRECTORY)
  get_filename_component(_hc_libgcc_dir "${_hc_libgcc_dir}" ABSOLUTE)
  get_filename_component(_hc_lib_dir "${_hc_lib_dir}" ABSOLUTE)

  # libstdc++'s header folders, in GCC's order (the generic headers, the multilib's bits/c++config.h,
  # backward/): every folder of GCC's search list with /c++/ in it. GCC's own stddef.h etc. are left out.
  execute_process(COMMAND "${HC_ARM_GXX}" ${HC_CPU_FLAGS} -x c++ -E -v -
                  INPUT_FILE /dev/null OUTPUT_QUIET ERROR_VARIABLE _hc_gxx_v COMMAND_ERROR_IS_FATAL ANY)
  string(REGEX REPLACE ".*#include <...> search starts here:\n(.*)\nEnd of search list.*" "\\1"
         _hc_gxx_dirs "${_hc_gxx_v}")
  string(REPLACE "\n" ";" _hc_gxx_dirs "${_hc_gxx_dirs}")
  set(_hc_cxx_includes "")
  foreach(_hc_dir IN LISTS _hc_gxx_dirs)
    string(STRIP "${_hc_dir}" _hc_dir)
    if(_hc_dir MATCHES "/c\\+\\+/")
      get_filename_component(_hc_dir "${_hc_dir}" ABSOLUTE)
      string(APPEND _hc_cxx_includes " -isystem ${_hc_dir}")
    endif()
  endforeach()
  if(NOT _hc_cxx_includes)
    message(FATAL_ERROR "clang-arm-none-eabi.cmake: no libstdc++ headers in arm-none-eabi-g++'s search list")
  endif()

  # Appended to the board's *_FLAGS_INIT (board_common.cmake sets them before project()), which seed
  # the cached CMAKE_<LANG>_FLAGS that try_compile() projects are given too.
  set(_hc_common " --sysroot=${_hc_sysroot} -fomit-frame-pointer")
  if(NOT CMAKE_C_FLAGS_INIT MATCHES "--sysroot=")
    string(APPEND CMAKE_C_FLAGS_INIT "${_hc_common}")
    string(APPEND CMAKE_CXX_FLAGS_INIT "${_hc_common}${_hc_cxx_includes}")
    string(APPEND CMAKE_ASM_FLAGS_INIT "${_hc_common}")
    string(APPEND CMAKE_EXE_LINKER_FLAGS_INIT
           " -fuse-ld=lld -nostdlib -L${_hc_libgcc_dir} -L${_hc_lib_dir}")
  endif()
  if(HC_NEWLIB_NANO)
    set(_hc_nano "_nano")
  else()
    set(_hc_nano "")
  endif()
  set(CMAKE_C_STANDARD_LIBRARIES_INIT "-lm -Wl,--start-group -lgcc -lc${_hc_nano} -Wl,--end-group")
  set(CMAKE_CXX_STANDARD_LIBRARIES_INIT "-lstdc++${_hc_nano} ${CMAKE_C_STANDARD_LIBRARIES_INIT}")
  set(CMAKE_ASM_STANDARD_LIBRARIES_INIT "${CMAKE_C_STANDARD_LIBRARIES_INIT}")
  set(HC_CLANG_MULTILIB_DIRS "${_hc_libgcc_dir};${_hc_lib_dir}" CACHE INTERNAL "libgcc and newlib folders used")
endif()
unset(_hc_in_try_compile)

# Programs run on the build machine; libraries, headers and packages must be for the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
