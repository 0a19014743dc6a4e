# board/mps2-an386/board.cmake — QEMU 'mps2-an386': Cortex-M4F (ARMv7E-M), single-precision FPU, hard-float ABI.
# include() this before project() (the top level does so when HC_BOARD=mps2-an386).
set(HC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(HC_QEMU_MACHINE mps2-an386)
set(HC_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard)
set(HC_TEST_ARENA_SIZE 65536)
include("${CMAKE_CURRENT_LIST_DIR}/../common/board_common.cmake")
