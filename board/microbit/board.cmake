# board/microbit/board.cmake — QEMU 'microbit': nRF51, Cortex-M0 (ARMv6-M), 256 KiB flash, 16 KiB RAM.
# include() this before project() (the top level does so when HC_BOARD=microbit).
set(HC_BOARD_DIR "${CMAKE_CURRENT_LIST_DIR}")
set(HC_QEMU_MACHINE microbit)
set(HC_CPU_FLAGS -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
# 16 KiB RAM, measured with a GoogleTest firmware: .data+.bss 7.1 KiB (GoogleTest/libstdc++ 6.4 KiB),
# stack reserve 2 KiB (peak 1.3 KiB), leaving 7.1 KiB for newlib's heap and the arena. GoogleTest's heap
# is ~3.3 KiB + ~240 B per registered test, ~6.5 KiB once a failure is reported: 1 KiB is what is left.
set(HC_TEST_ARENA_SIZE 1024)
# GoogleTest with libstdc++ iostreams nearly fills the 256 KiB flash: no %f support in printf (the
# ~12 KiB _printf_float), so GoogleTest firmware here must not print float/double values.
set(HC_PRINTF_FLOAT OFF)
include("${CMAKE_CURRENT_LIST_DIR}/../common/board_common.cmake")
