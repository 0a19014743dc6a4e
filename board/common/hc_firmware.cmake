# board/common/hc_firmware.cmake — CMake functions for on-target programs (included by board/CMakeLists.txt).
#
#   hc_add_firmware(<target>)
#     Turns an existing add_executable(<target> ...) into firmware for the current board: <target>.elf
#     linked with hc_board (startup, linker script, map file <target>.map), then <target>.bin,
#     <target>.hex and <target>.size.txt beside it (the size is also printed).
#
#   hc_add_qemu_test(NAME <name> FIRMWARE <target> [ARGS <string>] [EXPECT_FAILURE] [MATCH <regex>]
#                    [TIMEOUT <seconds>] [QEMU_ARGS <arg>...])
#     A CTest test that boots the firmware in qemu-system-arm -M ${HC_QEMU_MACHINE}, passing ARGS
#     with -append (they reach main's argv after the ELF path) and QEMU_ARGS to QEMU itself (e.g.
#     -icount shift=10; arguments without spaces). It passes when QEMU exits 0 and prints
#     no fault line and no GoogleTest "[  FAILED  ]"; with EXPECT_FAILURE, when QEMU exits nonzero and
#     (if given) the output matches MATCH. TIMEOUT defaults to 60 s. See cmake/hc_qemu_check.cmake.

function(hc_add_firmware target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "hc_add_firmware: no target named '${target}'")
  endif()
  set_target_properties(${target} PROPERTIES SUFFIX ".elf")
  target_link_libraries(${target} PRIVATE hc_board)
  target_compile_options(${target} PRIVATE -ffunction-sections -fdata-sections)
  set(dir "$<TARGET_FILE_DIR:${target}>")
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${HC_OBJCOPY}" -O binary "$<TARGET_FILE:${target}>" "${dir}/${target}.bin"
    COMMAND "${HC_OBJCOPY}" -O ihex "$<TARGET_FILE:${target}>" "${dir}/${target}.hex"
    COMMAND "${CMAKE_COMMAND}" "-DHC_SIZE=${HC_SIZE}" "-DELF=$<TARGET_FILE:${target}>"
            "-DOUT=${dir}/${target}.size.txt" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/hc_size_report.cmake"
    VERBATIM)
endfunction()

function(hc_add_qemu_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "EXPECT_FAILURE" "NAME;FIRMWARE;ARGS;MATCH;TIMEOUT" "QEMU_ARGS")
  if(NOT arg_NAME OR NOT arg_FIRMWARE)
    message(FATAL_ERROR "hc_add_qemu_test: NAME and FIRMWARE are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "hc_add_qemu_test: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 60)
  endif()
  set(expect_failure OFF)
  if(arg_EXPECT_FAILURE)
    set(expect_failure ON)
  endif()
  list(JOIN arg_QEMU_ARGS " " qemu_extra)  # a list would split on the command line; the script re-splits
  add_test(NAME ${arg_NAME}
    COMMAND "${CMAKE_COMMAND}"
            "-DHC_QEMU=${HC_QEMU}"
            "-DHC_QEMU_MACHINE=${HC_QEMU_MACHINE}"
            "-DHC_FIRMWARE=$<TARGET_FILE:${arg_FIRMWARE}>"
            "-DHC_ARGS=${arg_ARGS}"
            "-DHC_EXPECT_FAILURE=${expect_failure}"
            "-DHC_MATCH=${arg_MATCH}"
            "-DHC_TIMEOUT=${arg_TIMEOUT}"
            "-DHC_QEMU_EXTRA=${qemu_extra}"
            -P "${HC_QEMU_CHECK_SCRIPT}")
  math(EXPR ctest_timeout "${arg_TIMEOUT} + 30")
  set_tests_properties(${arg_NAME} PROPERTIES TIMEOUT ${ctest_timeout} LABELS "target;${HC_QEMU_MACHINE}")
endfunction()
