# cmake/hc_check_no_atomic_calls.cmake — fails if an object, archive or image defines or references
# any __atomic_* or __sync_* function: the out-of-line atomics a compiler calls when the core has no
# lock-free atomic of that size (Clang on ARMv6-M does so even for a relaxed load or store). newlib
# provides none of them, and hc's error channel must never need them (src/error.cpp: real __atomic
# builtins where the compiler reports them lock-free, single volatile accesses elsewhere).
#
#   cmake -DNM=<nm> "-DHC_FILES=<file>[;<file>...]" [-DHC_DIR=<build folder>] -P hc_check_no_atomic_calls.cmake
#     checks HC_FILES and, with HC_DIR, every *.elf under it found when the check runs (CMake's own
#     probes under CMakeFiles/ excepted), so images added later are covered too.
# Fails naming every file (and archive member) with each such symbol.
cmake_minimum_required(VERSION 3.25)

if(NOT NM)
  message(FATAL_ERROR "hc_check_no_atomic_calls: NM is not set")
endif()
set(files ${HC_FILES})
if(HC_DIR)
  file(GLOB_RECURSE images LIST_DIRECTORIES false "${HC_DIR}/*.elf")
  list(FILTER images EXCLUDE REGEX "/CMakeFiles/")
  list(SORT images)
  list(APPEND files ${images})
endif()
if(NOT files)
  message(FATAL_ERROR "hc_check_no_atomic_calls: nothing to check (set HC_FILES or HC_DIR)")
endif()

set(found "")
foreach(file IN LISTS files)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "hc_check_no_atomic_calls: '${file}' does not exist")
  endif()
  # -A: every line names its file (and archive member): "<file>[:<member>]: <addr> <type> <name>".
  execute_process(COMMAND "${NM}" -A "${file}" OUTPUT_VARIABLE symbols ERROR_VARIABLE errors
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "hc_check_no_atomic_calls: ${NM} -A ${file} failed (${rc}): ${errors}")
  endif()
  string(REPLACE "\n" ";" lines "${symbols}")
  foreach(line IN LISTS lines)
    if(line MATCHES " [A-Za-z] (__atomic_[A-Za-z0-9_]*|__sync_[A-Za-z0-9_]*)$")
      list(APPEND found "${line}")
    endif()
  endforeach()
endforeach()
list(LENGTH files count)
if(found)
  list(JOIN found "\n  " found)
  message(FATAL_ERROR "out-of-line atomics (newlib has none; hc must not need them):\n  ${found}")
endif()
message("no __atomic_* or __sync_* symbol in ${count} file(s): ${files}")
