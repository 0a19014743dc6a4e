# tests/package/hc_package_test.cmake — one package test: configures a consumer project in a fresh
# folder, builds its program, runs its CTest tests (host program or firmware in QEMU), and passes only
# if every step succeeds and the output holds EXPECT. Registered by tests/package/CMakeLists.txt.
#
#   cmake -DMODE=<add_subdirectory|find_package|FetchContent|standalone> -DHC_SOURCE_DIR=<hc checkout>
#         -DPROJECT=<consumer source folder> -DWORK=<scratch folder, wiped first> -DTARGET=<target>
#         -DEXPECT=<regex> -DGENERATOR=<generator> -DCTEST=<ctest> [-DBUILD_TYPE=<type>]
#         [-DC_COMPILER=<cc> -DCXX_COMPILER=<c++>]                   host: the outer build's compilers
#         [-DTOOLCHAIN_FILE=<file> -DHC_BOARD=<board>]                firmware: its toolchain and board
#         [-DINSTALL_FROM=<hc build folder>]                          find_package: installed from there
#         [-DMAKE_PROGRAM=<make>] [-DARM_TOOLCHAIN_DIR=<folder>] [-DFAIL=ON] -P hc_package_test.cmake
#
# find_package: `cmake --install <INSTALL_FROM> --prefix <WORK>/prefix`, then the consumer is given
#   CMAKE_PREFIX_PATH=<prefix> on the host, CMAKE_FIND_ROOT_PATH=<prefix> for firmware (hc's toolchain
#   files, like most cross toolchain files, look for packages only under the root path); the test
#   fails if the configure did not report hc found in <prefix>.
# FetchContent: an archive of the checkout's top-level entries (without .git, build folders, tests,
#   bench, examples and scripts: what a dependency needs) at <WORK>/hc.tar.gz, given as a file:// URL
#   with its SHA256.
# Firmware builds get tests/package/no_paths.cmake as CMAKE_PROJECT_INCLUDE: their images, written
#   under hc's build folder, must pass its check that no image holds a checkout or build path.
# Every step's command and duration are printed; nothing is reused from an earlier run.
cmake_minimum_required(VERSION 3.25)

foreach(var MODE HC_SOURCE_DIR PROJECT WORK TARGET EXPECT GENERATOR CTEST)
  if("${${var}}" STREQUAL "")
    message(FATAL_ERROR "hc_package_test: ${var} is not set")
  endif()
endforeach()

string(TIMESTAMP started "%s")
set(last_step ${started})

# Runs one command, echoing it and its output; stops the test if it fails. Output in <out> if given.
function(step what)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT;WORKING_DIRECTORY" "COMMAND")
  list(JOIN arg_COMMAND " " shown)
  message("hc_package_test: ${what}: ${shown}")
  set(wd "${WORK}")
  if(arg_WORKING_DIRECTORY)
    set(wd "${arg_WORKING_DIRECTORY}")
  endif()
  execute_process(COMMAND ${arg_COMMAND} WORKING_DIRECTORY "${wd}" RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  message("${out}")
  string(TIMESTAMP now "%s")
  math(EXPR seconds "${now} - ${last_step}")
  set(last_step ${now} PARENT_SCOPE)
  message("hc_package_test: ${what}: exit ${rc}, ${seconds} s")
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "hc_package_test (${MODE}): ${what} failed (${rc})")
  endif()
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(build "${WORK}/b")

set(args -S "${PROJECT}" -B "${build}" -G "${GENERATOR}" --no-warn-unused-cli "-DHC_SOURCE_DIR=${HC_SOURCE_DIR}"
    "-DHC_CONSUMER_MODE=${MODE}" -DHC_BUILD_TESTS=OFF -DHC_BUILD_EXAMPLES=OFF -DHC_BUILD_BENCH=OFF)
if(BUILD_TYPE)
  list(APPEND args "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
endif()
if(MAKE_PROGRAM)
  list(APPEND args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(TOOLCHAIN_FILE)
  list(APPEND args "-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN_FILE}" "-DHC_BOARD=${HC_BOARD}"
       "-DCMAKE_PROJECT_INCLUDE=${CMAKE_CURRENT_LIST_DIR}/no_paths.cmake")
  if(ARM_TOOLCHAIN_DIR)
    list(APPEND args "-DHC_ARM_TOOLCHAIN_DIR=${ARM_TOOLCHAIN_DIR}")
  endif()
else()
  list(APPEND args "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(FAIL)
  list(APPEND args -DHC_CONSUMER_FAIL=ON)
endif()

if(MODE STREQUAL "find_package")
  if(NOT INSTALL_FROM)
    message(FATAL_ERROR "hc_package_test: find_package needs INSTALL_FROM (a build folder of hc)")
  endif()
  set(prefix "${WORK}/prefix")
  step("install" COMMAND "${CMAKE_COMMAND}" --install "${INSTALL_FROM}" --prefix "${prefix}")
  file(GLOB_RECURSE config LIST_DIRECTORIES false "${prefix}/*/hcConfig.cmake")
  if(NOT config)
    message(FATAL_ERROR "hc_package_test: no hcConfig.cmake under ${prefix}")
  endif()
  # As a user would point at it: the prefix, re-rooted for a cross build.
  if(TOOLCHAIN_FILE)
    list(APPEND args "-DCMAKE_FIND_ROOT_PATH=${prefix}")
  else()
    list(APPEND args "-DCMAKE_PREFIX_PATH=${prefix}")
  endif()
elseif(MODE STREQUAL "FetchContent")
  # The archive holds the checkout's top-level entries a dependency needs, not build folders.
  file(GLOB entries LIST_DIRECTORIES true RELATIVE "${HC_SOURCE_DIR}" "${HC_SOURCE_DIR}/*")
  set(packed "")
  foreach(entry IN LISTS entries)
    if(entry MATCHES "^(\\..*|build.*|tests|bench|examples|scripts)$"
       OR EXISTS "${HC_SOURCE_DIR}/${entry}/CMakeCache.txt")
      continue()
    endif()
    list(APPEND packed "${entry}")
  endforeach()
  set(archive "${WORK}/hc.tar.gz")
  step("pack" COMMAND "${CMAKE_COMMAND}" -E tar czf "${archive}" -- ${packed}
       WORKING_DIRECTORY "${HC_SOURCE_DIR}")
  file(SHA256 "${archive}" hash)
  list(APPEND args "-DHC_CONSUMER_URL=file://${archive}" "-DHC_CONSUMER_URL_HASH=SHA256=${hash}")
endif()

step("configure" COMMAND "${CMAKE_COMMAND}" ${args} OUTPUT configure_output)
if(MODE STREQUAL "find_package")
  # The package just installed, not another hc found elsewhere (consumer/CMakeLists.txt prints hc_DIR).
  string(FIND "${configure_output}" " from ${prefix}/" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "hc_package_test: find_package(hc) did not find the package in ${prefix}")
  endif()
endif()
step("build" COMMAND "${CMAKE_COMMAND}" --build "${build}" --target "${TARGET}" --parallel 2)
step("run" COMMAND "${CTEST}" --test-dir "${build}" --no-tests=error -V OUTPUT run_output)
if(NOT run_output MATCHES "${EXPECT}")
  message(FATAL_ERROR "hc_package_test (${MODE}): the program ran, but its output does not match '${EXPECT}'")
endif()
string(TIMESTAMP now "%s")
math(EXPR seconds "${now} - ${started}")
message("hc_package_test (${MODE}): passed in ${seconds} s")
