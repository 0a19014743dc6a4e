/* board/common/semihosting.h — private to board/common: the Arm semihosting call and operation numbers. */
#ifndef HC_SEMIHOSTING_H
#define HC_SEMIHOSTING_H

#include <stdint.h>

enum {
  HC_SYS_OPEN = 0x01,
  HC_SYS_WRITE = 0x05,
  HC_SYS_GET_CMDLINE = 0x15,
  HC_SYS_EXIT = 0x18,
  HC_SYS_EXIT_EXTENDED = 0x20,
};

enum {
  HC_ADP_STOPPED_RUNTIME_ERROR_UNKNOWN = 0x20023,
  HC_ADP_STOPPED_APPLICATION_EXIT = 0x20026,
};

/* Performs semihosting operation `op` with parameter `arg` (usually a pointer to a block of words);
 * returns the host's r0. */
static inline uintptr_t hc_semihost(uint32_t op, uintptr_t arg) {
  register uintptr_t r0 __asm__("r0") = op;
  register uintptr_t r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

#endif /* HC_SEMIHOSTING_H */
