# toolchains/arm-none-eabi.cmake — CMake toolchain file for the GNU Arm Embedded compiler
# (arm-none-eabi-gcc/g++). Compilers and binutils only: CPU, FPU and ABI flags come from the board
# (board/<machine>/board.cmake), so one toolchain file serves every Cortex-M core.
#
# Optional cache input: HC_ARM_TOOLCHAIN_DIR — a folder holding the arm-none-eabi-* programs, when they
# are not on PATH.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

# Bare metal: try_compile() cannot link an executable without a startup file and a linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(HC_ARM_TOOLCHAIN_DIR "" CACHE PATH "Folder holding arm-none-eabi-* programs (empty: search PATH)")
set(_hc_hints "")
if(HC_ARM_TOOLCHAIN_DIR)
  set(_hc_hints HINTS "${HC_ARM_TOOLCHAIN_DIR}" "${HC_ARM_TOOLCHAIN_DIR}/bin")
endif()

find_program(HC_ARM_GCC arm-none-eabi-gcc ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_ARM_GXX arm-none-eabi-g++ ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_OBJCOPY arm-none-eabi-objcopy ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_SIZE arm-none-eabi-size ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
find_program(HC_NM arm-none-eabi-nm ${_hc_hints} REQUIRED NO_CMAKE_FIND_ROOT_PATH)
unset(_hc_hints)

set(CMAKE_C_COMPILER "${HC_ARM_GCC}")
set(CMAKE_CXX_COMPILER "${HC_ARM_GXX}")
set(CMAKE_ASM_COMPILER "${HC_ARM_GCC}")
set(CMAKE_OBJCOPY "${HC_OBJCOPY}" CACHE FILEPATH "objcopy for the target" FORCE)
set(CMAKE_SIZE "${HC_SIZE}" CACHE FILEPATH "size for the target" FORCE)

# Programs run on the build machine; libraries, headers and packages must be for the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
