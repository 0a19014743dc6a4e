# board/mps2-an385/board.cmake — QEMU 'mps2-an385': Cortex-M3 (ARMv7-M), no FPU, 4 MiB flash, 4 MiB RAM.
# include() this before project() (the top level does so when HC_BOARD=mps2-an385).
set(HC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(HC_QEMU_MACHINE mps2-an385)
set(HC_CPU_FLAGS -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
set(HC_TEST_ARENA_SIZE 65536)
include("${CMAKE_CURRENT_LIST_DIR}/../common/board_common.cmake")
