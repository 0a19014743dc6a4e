/* board/common/include/hc_board.h — what a firmware may ask of the board support (hc_board library):
 * console output and process exit through Arm semihosting, the host command line, stack measurement.
 * Usable from C and C++. Nothing here allocates or uses newlib stdio. */
#ifndef HC_BOARD_H
#define HC_BOARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define HC_BOARD_NORETURN [[noreturn]]
extern "C" {
#else
#define HC_BOARD_NORETURN _Noreturn
#endif

/* Writes the n bytes at s to the host console (semihosting SYS_WRITE to ":tt"); no buffering. */
void hc_board_write(const char* s, size_t n);

/* Writes the NUL-terminated string s to the host console; adds no newline. */
void hc_board_puts(const char* s);

/* Writes v in decimal (no padding) to the host console. */
void hc_board_put_dec(uint32_t v);

/* Writes v as "0x" and 8 hex digits to the host console. */
void hc_board_put_hex(uint32_t v);

/* Ends the program: status 0 makes QEMU exit 0, any other status makes it exit nonzero
 * (status mod 256, with 0 mapped to 1). Never returns. */
HC_BOARD_NORETURN void hc_board_exit(int status);

/* Copies the host command line ("<elf path> <args>") with a NUL into buf; returns its length, or 0 if
 * the host gave none or it needs more than cap bytes. */
size_t hc_board_cmdline(char* buf, size_t cap);

/* Turns the unaligned-access trap on (on != 0) or off and returns whether it was on. The startup
 * turns it on before main. ARMv6-M cannot switch it: unaligned accesses always fault; returns 1. */
int hc_board_unaligned_trap(int on);

/* Deepest main-stack use so far in bytes, found by scanning the pattern the startup paints below SP.
 * Equals hc_board_stack_size() when the whole reserve was used (or overflowed). */
size_t hc_board_stack_peak(void);

/* Bytes of the main stack reserve (the linker script's __hc_stack_size). */
size_t hc_board_stack_size(void);

/* Bytes newlib's heap has taken through _sbrk so far: its break, which newlib-nano never lowers, so
 * also its high-water mark. Defined (weak) only by the hc_board_syscalls library; hc::newlib overrides
 * it with its heap's overhead plus peak, as it never calls _sbrk. */
size_t hc_board_heap_used(void);

/* Bytes the heap may take in all: from `end` to the stack reserve. Defined only by hc_board_syscalls. */
size_t hc_board_heap_size(void);

#ifdef __cplusplus
}
#endif

#endif /* HC_BOARD_H */
