# board/microbit/board.cmake — QEMU 'microbit': nRF51, Cortex-M0 (ARMv6-M), 256 KiB flash, 16 KiB RAM.
# include() this before project() (the top level does so when HC_BOARD=microbit).
set(HC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(HC_QEMU_MACHINE microbit)
set(HC_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
# 16 KiB RAM: GoogleTest's bss and heap, the 2 KiB stack and the test arena share it (see linker.ld).
set(HC_TEST_ARENA_SIZE 1536)
include("${CMAKE_CURRENT_LIST_DIR}/../common/board_common.cmake")
