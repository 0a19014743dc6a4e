/* board/common/unaligned_trap.c — switching the ARMv7-M/v8-M unaligned-access trap (CCR.UNALIGN_TRP)
 * at run time. The startup turns it on; code built without -mno-unaligned-access (the prebuilt
 * libstdc++ locale setup, for one) needs it off while it runs. ARMv6-M always traps. */
#include "cortex_m.h"
#include "hc_board.h"

int hc_board_unaligned_trap(int on) {
#if defined(HC_HAS_FAULT_STATUS)
  const int was = (HC_SCB_CCR & HC_CCR_UNALIGN_TRP) != 0;
  if (on) {
    HC_SCB_CCR |= HC_CCR_UNALIGN_TRP;
  } else {
    HC_SCB_CCR &= ~HC_CCR_UNALIGN_TRP;
  }
  __asm__ volatile("dsb\n\tisb" ::: "memory");
  return was;
#else
  (void)on;
  return 1;
#endif
}
