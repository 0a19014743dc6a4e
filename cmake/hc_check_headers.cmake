# cmake/hc_check_headers.cmake — compiles every public header on its own (a translation unit that only
# includes it) with one compiler in one C++ standard, with hc's strict warnings as errors (plus
# -Wpedantic): each header must be self-contained and warning-free wherever a user includes it.
#
#   cmake -DCXX=<compiler> -DSTD=<17|20|23> -DHC_INCLUDE=<folder holding hc/> -DOUT=<scratch folder>
#         ["-DDEFINES=<NAME=VALUE>[;...]"] -P hc_check_headers.cmake
# The headers are found when the check runs (<HC_INCLUDE>/hc/*.hpp), so new ones are covered. For
# C++23 a compiler that does not know -std=c++23 yet (Clang < 17) is given -std=c++2b. Fails naming
# every header that does not compile, with the compiler's messages.
cmake_minimum_required(VERSION 3.25)

foreach(var CXX STD HC_INCLUDE OUT)
  if(NOT ${var})
    message(FATAL_ERROR "hc_check_headers: ${var} is not set (compiler not found?)")
  endif()
endforeach()
file(GLOB headers LIST_DIRECTORIES false RELATIVE "${HC_INCLUDE}" "${HC_INCLUDE}/hc/*.hpp")
list(SORT headers)
if(NOT headers)
  message(FATAL_ERROR "hc_check_headers: no header under ${HC_INCLUDE}/hc")
endif()
file(MAKE_DIRECTORY "${OUT}")

# The standard's flag as this compiler spells it.
set(std_flag "-std=c++${STD}")
file(WRITE "${OUT}/empty.cpp" "int hc_empty;\n")
execute_process(COMMAND "${CXX}" ${std_flag} -fsyntax-only "${OUT}/empty.cpp"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0 AND STD STREQUAL "23")
  set(std_flag "-std=c++2b")
  execute_process(COMMAND "${CXX}" ${std_flag} -fsyntax-only "${OUT}/empty.cpp"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hc_check_headers: ${CXX} accepts neither -std=c++${STD} nor an older spelling")
endif()

set(defines "")
foreach(d IN LISTS DEFINES)
  list(APPEND defines "-D${d}")
endforeach()
set(failed "")
foreach(header IN LISTS headers)
  string(MAKE_C_IDENTIFIER "${header}" name)
  set(source "${OUT}/${name}.cpp")
  file(WRITE "${source}" "#include \"${header}\"\n")
  execute_process(COMMAND "${CXX}" ${std_flag} -fsyntax-only -I "${HC_INCLUDE}" ${defines}
                          -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror "${source}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0)
    message("ok      ${header}")
  else()
    message("FAILED  ${header}\n${out}")
    list(APPEND failed "${header}")
  endif()
endforeach()
list(LENGTH headers count)
if(failed)
  message(FATAL_ERROR "${CXX} ${std_flag}: not self-contained or not warning-free: ${failed}")
endif()
message("${CXX} ${std_flag}: all ${count} headers compile on their own")
