# cmake/hc_qemu_check.cmake — runs one firmware image in QEMU and decides whether the test passed.
# Called by tests made with hc_add_qemu_test() (board/common/hc_firmware.cmake):
#   cmake -DHC_QEMU=<qemu-system-arm> -DHC_QEMU_MACHINE=<machine> -DHC_FIRMWARE=<elf>
#         [-DHC_ARGS=<string for -append>] [-DHC_EXPECT_FAILURE=ON] [-DHC_MATCH=<regex>]
#         [-DHC_TIMEOUT=<seconds>] [-DHC_QEMU_EXTRA=<more QEMU arguments, space-separated>]
#         -P hc_qemu_check.cmake
#
# All QEMU output (semihosting text arrives on stderr) is echoed so `ctest --output-on-failure` shows it.
# Normal:          pass iff QEMU exits 0, prints no fault line and no GoogleTest "[  FAILED  ]", and
#                  the output matches HC_MATCH if given.
# EXPECT_FAILURE:  pass iff QEMU exits nonzero (not by timeout) and the output matches HC_MATCH if given.
# Both:            fail if the board reported a margin below its minimum ("hc_board: MARGIN LOW",
#                  board/common/gtest_main.cpp) or a refused heap growth ("hc_board: heap exhausted",
#                  board/common/syscalls.c): an expected failure must not be one for lack of RAM.

foreach(var HC_QEMU HC_QEMU_MACHINE HC_FIRMWARE)
  if(NOT ${var})
    message(FATAL_ERROR "hc_qemu_check: ${var} is not set")
  endif()
endforeach()
if(NOT HC_TIMEOUT)
  set(HC_TIMEOUT 60)
endif()

# Run from the firmware's folder with a bare file name: the target sees it as argv[0], and GoogleTest
# keeps copies of argv on the heap, so the build folder's depth must not eat the M0's 16 KiB of RAM.
get_filename_component(firmware_dir "${HC_FIRMWARE}" DIRECTORY)
get_filename_component(firmware_name "${HC_FIRMWARE}" NAME)
set(command "${HC_QEMU}" -M "${HC_QEMU_MACHINE}" -nographic -monitor none -serial null
            -semihosting-config enable=on,target=native -kernel "${firmware_name}")
if(NOT "${HC_QEMU_EXTRA}" STREQUAL "")
  separate_arguments(extra UNIX_COMMAND "${HC_QEMU_EXTRA}")
  list(APPEND command ${extra})
endif()
if(NOT HC_ARGS STREQUAL "")
  list(APPEND command -append "${HC_ARGS}")
endif()

list(JOIN command " " shown)
message("hc_qemu_check: ${shown}")
execute_process(COMMAND ${command}
  WORKING_DIRECTORY "${firmware_dir}"
  TIMEOUT ${HC_TIMEOUT}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
message("${output}")
message("hc_qemu_check: QEMU result: ${rc}")

# A fault report is a line starting with the exception's name (board/common/fault.c).
set(fault_regex "(^|\n)(HardFault|UsageFault|BusFault|MemManage|SecureFault|UnexpectedException)")
set(gtest_failed_regex "\\[  FAILED  \\]")

if(rc MATCHES "timeout")
  message(FATAL_ERROR "hc_qemu_check: QEMU still ran after ${HC_TIMEOUT} s (hang?)")
endif()
# Anything else that is not a number (e.g. QEMU killed by a signal after a lockup) is a nonzero exit.

# In every mode: running short of RAM is never the failure a test expects.
if(output MATCHES "hc_board: MARGIN LOW")
  message(FATAL_ERROR "hc_qemu_check: the image left less RAM than the board's stated margin")
endif()
if(output MATCHES "hc_board: heap exhausted")
  message(FATAL_ERROR "hc_qemu_check: the image ran out of heap")
endif()

if(HC_EXPECT_FAILURE)
  if(rc STREQUAL "0")
    message(FATAL_ERROR "hc_qemu_check: expected a failure, but QEMU exited 0")
  endif()
  if(NOT HC_MATCH STREQUAL "" AND NOT output MATCHES "${HC_MATCH}")
    message(FATAL_ERROR "hc_qemu_check: failed as expected (exit ${rc}), "
                        "but the output does not match '${HC_MATCH}'")
  endif()
else()
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "hc_qemu_check: QEMU exited ${rc}")
  endif()
  if(output MATCHES "${fault_regex}")
    message(FATAL_ERROR "hc_qemu_check: QEMU exited 0 but the output reports a fault")
  endif()
  if(output MATCHES "${gtest_failed_regex}")
    message(FATAL_ERROR "hc_qemu_check: QEMU exited 0 but GoogleTest reports [  FAILED  ]")
  endif()
  if(NOT HC_MATCH STREQUAL "" AND NOT output MATCHES "${HC_MATCH}")
    message(FATAL_ERROR "hc_qemu_check: QEMU exited 0 but the output does not match '${HC_MATCH}'")
  endif()
endif()
