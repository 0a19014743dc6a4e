# board/microbit/board.cmake — QEMU 'microbit': nRF51, Cortex-M0 (ARMv6-M), 256 KiB flash, 16 KiB RAM.
# include() this before project() (the top level does so when HC_BOARD=microbit).
set(HC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(HC_QEMU_MACHINE microbit)
set(HC_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
# 16 KiB RAM. With the lean C++ runtime (board/common/lean_runtime.cpp) a GoogleTest image has ~3.5 KiB
# of .data+.bss; registering typed test suites takes ~2.8 KiB of stack (measured on M3), so the stack
# reserve is 3 KiB (linker.ld). GoogleTest's heap is ~6-7.5 KiB for a passing image and ~9 KiB once a
# failure is reported, which leaves 768 B for the test arena (the suites need ~400 B).
set(HC_TEST_ARENA_SIZE 768)
# The margins every GoogleTest image must leave free at its high-water marks (gtest_main.cpp prints
# them and fails the run with "hc_board: MARGIN LOW" below). When chosen, the tightest runs left 648 B
# of heap (target.proof.four_mod_eight_caught, which prints a failure report; the core image 804 B) and
# 272 B of stack (the conformance images, peak 2800 B of 3 KiB). A new suite that does not fit goes
# into a new image (tests/target/CMakeLists.txt).
set(HC_MIN_HEAP_MARGIN 512)
set(HC_MIN_STACK_MARGIN 256)
# No %f in printf (the ~10 KiB _printf_float): GoogleTest firmware here must not print float/double.
set(HC_PRINTF_FLOAT OFF)
include("${CMAKE_CURRENT_LIST_DIR}/../common/board_common.cmake")
