# board/mps3-an547/board.cmake — QEMU 'mps3-an547': Cortex-M55 (ARMv8.1-M, MVE), hard-float ABI.
# include() this before project() (the top level does so when HC_BOARD=mps3-an547).
set(HC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(HC_QEMU_MACHINE mps3-an547)
set(HC_CPU_FLAGS -mcpu=cortex-m55 -mthumb -mfloat-abi=hard)
set(HC_TEST_ARENA_SIZE 65536)
include("${CMAKE_CURRENT_LIST_DIR}/../common/board_common.cmake")
