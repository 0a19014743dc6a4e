/* board/common/fault.c — what happens on a fault or an unexpected interrupt: print one line over
 * semihosting that starts with the exception's name (HardFault, MemManage, BusFault, UsageFault,
 * SecureFault), then the stacked PC/LR and the fault status registers, and exit nonzero (128 + the
 * exception number). The entry stub is Thumb-1, so it runs on ARMv6-M too. */
#include "cortex_m.h"
#include "hc_board.h"

_Noreturn void hc_fault_report(const uint32_t* frame, uint32_t exc_return);
void hc_default_handler(void);

/* Finds the stack frame the hardware pushed (MSP or PSP, EXC_RETURN bit 2) and reports it. */
__attribute__((naked)) void hc_fault_entry(void) {
  __asm__ volatile(
      "movs r0, #4\n\t"
      "mov  r1, lr\n\t"
      "tst  r0, r1\n\t"
      "beq  1f\n\t"
      "mrs  r0, psp\n\t"
      "b    2f\n"
      "1:\n\t"
      "mrs  r0, msp\n"
      "2:\n\t"
      "bl   hc_fault_report\n\t");
}

/* The vector table (startup.c) names these; a strong definition in the firmware wins. */
void NMI_Handler(void) __attribute__((weak, alias("hc_default_handler")));
void HardFault_Handler(void) __attribute__((weak, alias("hc_fault_entry")));
void MemManage_Handler(void) __attribute__((weak, alias("hc_fault_entry")));
void BusFault_Handler(void) __attribute__((weak, alias("hc_fault_entry")));
void UsageFault_Handler(void) __attribute__((weak, alias("hc_fault_entry")));
void SecureFault_Handler(void) __attribute__((weak, alias("hc_fault_entry")));
void SVC_Handler(void) __attribute__((weak, alias("hc_default_handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("hc_default_handler")));
void PendSV_Handler(void) __attribute__((weak, alias("hc_default_handler")));
void SysTick_Handler(void) __attribute__((weak, alias("hc_default_handler")));

static uint32_t current_exception(void) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  return ipsr & 0x1FFu;
}

static const char* exception_name(uint32_t n) {
  switch (n) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 7: return "SecureFault";
    default: return "UnexpectedException";
  }
}

static void field(const char* name, uint32_t value) {
  hc_board_puts(name);
  hc_board_put_hex(value);
}

_Noreturn void hc_fault_report(const uint32_t* frame, uint32_t exc_return) {
  uint32_t n = current_exception();
  hc_board_puts("\n");
  hc_board_puts(exception_name(n));
  field(" ipsr=", n);
  field(" pc=", frame[6]);
  field(" lr=", frame[5]);
  field(" exc_return=", exc_return);
#if defined(HC_HAS_FAULT_STATUS)
  field(" cfsr=", HC_SCB_CFSR);
  field(" hfsr=", HC_SCB_HFSR);
  field(" mmfar=", HC_SCB_MMFAR);
  field(" bfar=", HC_SCB_BFAR);
#endif
#if defined(HC_ARMV8M_MAIN)
  field(" sfsr=", HC_SAU_SFSR);
  field(" sfar=", HC_SAU_SFAR);
#endif
  hc_board_puts("\n");
  hc_board_exit(128 + (int)n);
}

/* Target of every interrupt the firmware did not claim. */
void hc_default_handler(void) {
  uint32_t n = current_exception();
  hc_board_puts("\nUnexpectedException ipsr=");
  hc_board_put_dec(n);
  hc_board_puts(n >= 16 ? " (IRQ" : " (system exception");
  if (n >= 16) {
    hc_board_puts(" ");
    hc_board_put_dec(n - 16);
  }
  hc_board_puts(")\n");
  hc_board_exit(128 + (int)(n & 0x7Fu));
}
