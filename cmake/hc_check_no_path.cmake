# cmake/hc_check_no_path.cmake — fails if a firmware image holds the absolute path of the source (or
# build) folder: such an image depends on where the checkout lives (e.g. GoogleTest's copies of
# __FILE__ grow the M0's heap with the path's length). The top-level CMakeLists.txt strips the folders
# with -ffile-prefix-map; this check is its test (tests/target/CMakeLists.txt).
#
#   cmake "-DHC_PATHS=<folder>[;<folder>...]" -DHC_DIR=<build folder> -P hc_check_no_path.cmake
#     checks every *.elf and *.bin under HC_DIR, found when the check runs (CMake's own probes under
#     CMakeFiles/ excepted); fails if there is none.
#   cmake "-DHC_PATHS=<folder>" "-DHC_FILES=<file>[;<file>...]" -P hc_check_no_path.cmake
#     checks exactly those files (the proof that the check can fail).
#
# A hit counts only where a path starts: the byte before it is not a file-name character, so a
# source folder such as /src is not found inside GoogleTest's /usr/src/googletest/... names.
# Fails naming every image that holds a path, with the first offset.
cmake_minimum_required(VERSION 3.25)  # script mode: today's policies (while(TRUE), if(... IN_LIST ...))

if(NOT HC_PATHS)
  message(FATAL_ERROR "hc_check_no_path: HC_PATHS is not set")
endif()
if(DEFINED HC_FILES)
  set(images ${HC_FILES})
elseif(HC_DIR)
  file(GLOB_RECURSE images LIST_DIRECTORIES false "${HC_DIR}/*.elf" "${HC_DIR}/*.bin")
  list(FILTER images EXCLUDE REGEX "/CMakeFiles/")
  list(SORT images)
else()
  message(FATAL_ERROR "hc_check_no_path: set HC_DIR or HC_FILES")
endif()
if(NOT images)
  message(FATAL_ERROR "hc_check_no_path: no firmware image (*.elf, *.bin) under '${HC_DIR}': "
                      "build before running the tests")
endif()

# The bytes (as hex digit pairs) that may precede a path's first byte inside a longer file name.
string(HEX "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-./_~" name_hex)
string(REGEX MATCHALL ".." name_hex "${name_hex}")

# Sets <out> to the byte offset of the first place in <hex> (a file read as hex digits) where
# <needle> (hex too) starts a path, or to -1.
function(hc_find_path_start hex needle out)
  set(base 0)    # file offset, in hex digits, of the first digit of hex
  set(carry "")  # the 2 digits just before hex ("" at the start of the file)
  while(TRUE)
    string(FIND "${hex}" "${needle}" pos)
    if(pos EQUAL -1)
      set(${out} -1 PARENT_SCOPE)
      return()
    endif()
    string(LENGTH "${carry}" carry_length)
    math(EXPR at "${base} + ${pos}")
    math(EXPR odd "${at} % 2")
    if(NOT odd)  # an odd offset straddles two bytes: not the string
      set(previous "")
      if(at GREATER 0)
        math(EXPR from "${pos} - 2 + ${carry_length}")
        string(SUBSTRING "${carry}${hex}" ${from} 2 previous)
      endif()
      if(NOT previous IN_LIST name_hex)
        math(EXPR byte "${at} / 2")
        set(${out} ${byte} PARENT_SCOPE)
        return()
      endif()
    endif()
    # Not a path start: search on after the hit's first digit, remembering the 2 digits before.
    math(EXPR cut "${pos} + 1")
    math(EXPR from "${cut} - 2 + ${carry_length}")
    string(SUBSTRING "${carry}${hex}" ${from} 2 carry)
    string(SUBSTRING "${hex}" ${cut} -1 hex)
    math(EXPR base "${base} + ${cut}")
  endwhile()
endfunction()

set(bad "")
foreach(image IN LISTS images)
  if(NOT EXISTS "${image}")
    message(FATAL_ERROR "hc_check_no_path: '${image}' does not exist")
  endif()
  file(READ "${image}" hex HEX)
  foreach(path IN LISTS HC_PATHS)
    string(HEX "${path}" needle)
    hc_find_path_start("${hex}" "${needle}" at)
    if(NOT at EQUAL -1)
      message("hc_check_no_path: ${image} holds '${path}' (first at byte ${at}; "
              "look with: strings -a <image> | grep -F <path>)")
      list(APPEND bad "${image}")
      break()
    endif()
  endforeach()
endforeach()

list(LENGTH images count)
if(bad)
  list(LENGTH bad bad_count)
  list(JOIN bad "\n  " bad_list)
  message(FATAL_ERROR "hc_check_no_path: ${bad_count} of ${count} images hold an absolute path of "
                      "the checkout or build folder (compiled without -ffile-prefix-map? a stale "
                      "image of an old build?):\n  ${bad_list}")
endif()
list(JOIN HC_PATHS "', '" shown)
message("hc_check_no_path: none of ${count} images holds '${shown}'")
