/* board/common/startup.c — vector table and Reset_Handler for every Cortex-M board: copies .data,
 * zeroes .bss (never .hc_arena), enables the FPU and the configurable faults, paints the stack,
 * runs static constructors, turns on the unaligned-access trap, passes the semihosting command line
 * to main() and exits with its result.
 * Compiled with -fno-tree-loop-distribute-patterns so its loops stay loops, not memcpy/memset calls. */
#include "cortex_m.h"
#include "hc_board.h"

#ifndef HC_BOARD_CMDLINE_MAX
#define HC_BOARD_CMDLINE_MAX 256 /* bytes of command line kept for argv */
#endif
#ifndef HC_BOARD_MAX_ARGS
#define HC_BOARD_MAX_ARGS 16
#endif
#define HC_STACK_PAINT 0x5AC3A55Cu

/* Linker script symbols (board/common/sections.ld). */
extern uint32_t __data_start__[], __data_end__[], __data_load__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern uint32_t __stack_top[], __stack_limit[];
typedef void (*hc_init_fn)(void);
extern hc_init_fn __preinit_array_start[], __preinit_array_end[];
extern hc_init_fn __init_array_start[], __init_array_end[];

int main(int argc, char** argv);
void Reset_Handler(void);
void hc_default_handler(void);

/* Exception handlers: weak, defined in fault.c; a firmware may override any of them. */
void NMI_Handler(void);
void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);
void SecureFault_Handler(void);
void SVC_Handler(void);
void DebugMon_Handler(void);
void PendSV_Handler(void);
void SysTick_Handler(void);

typedef union {
  void (*handler)(void);
  void* stack;
} hc_vector;

#define HC_IRQ4 hc_default_handler, hc_default_handler, hc_default_handler, hc_default_handler
#define HC_IRQ16 {HC_IRQ4}, {HC_IRQ4}, {HC_IRQ4}, {HC_IRQ4}

/* Exceptions 0..15, then 32 external interrupts that all report as unexpected. */
__attribute__((section(".vectors"), used)) const hc_vector hc_vector_table[16 + 32] = {
    {.stack = __stack_top},
    {Reset_Handler},
    {NMI_Handler},
    {HardFault_Handler},
    {MemManage_Handler},  /* reserved on ARMv6-M */
    {BusFault_Handler},   /* reserved on ARMv6-M */
    {UsageFault_Handler}, /* reserved on ARMv6-M */
    {SecureFault_Handler}, /* ARMv8-M with Security Extension; reserved before */
    {0},
    {0},
    {0},
    {SVC_Handler},
    {DebugMon_Handler},
    {0},
    {PendSV_Handler},
    {SysTick_Handler},
#define HC_I {hc_default_handler}
    HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I,
    HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I, HC_I,
#undef HC_I
};

static void enable_core_features(void) {
#if defined(HC_HAS_FAULT_STATUS)
  HC_SCB_VTOR = (uint32_t)(uintptr_t)hc_vector_table;
  uint32_t shcsr = HC_SHCSR_MEMFAULTENA | HC_SHCSR_BUSFAULTENA | HC_SHCSR_USGFAULTENA;
#if defined(HC_ARMV8M_MAIN)
  shcsr |= HC_SHCSR_SECUREFAULTENA; /* RES0 without the Security Extension */
#endif
  HC_SCB_SHCSR |= shcsr;
#endif
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  HC_SCB_CPACR |= HC_CPACR_CP10_CP11_FULL;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
}

/* Fills the unused main stack with a pattern so hc_board_stack_peak() can find the deepest use. */
static void paint_stack(void) {
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (uint32_t* p = __stack_limit; p < sp - 16; ++p) *p = HC_STACK_PAINT;
}

size_t hc_board_stack_peak(void) {
  const uint32_t* p = __stack_limit;
  while (p < __stack_top && *p == HC_STACK_PAINT) ++p;
  return (size_t)((const char*)__stack_top - (const char*)p);
}

size_t hc_board_stack_size(void) {
  return (size_t)((const char*)__stack_top - (const char*)__stack_limit);
}

static void init_ram(void) {
  const uint32_t* src = __data_load__;
  for (uint32_t* dst = __data_start__; dst < __data_end__;) *dst++ = *src++;
  for (uint32_t* dst = __bss_start__; dst < __bss_end__;) *dst++ = 0;
}

static void run_constructors(void) {
  for (hc_init_fn* f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (hc_init_fn* f = __init_array_start; f < __init_array_end; ++f) (*f)();
}

static char cmdline[HC_BOARD_CMDLINE_MAX];
static char* argv_table[HC_BOARD_MAX_ARGS + 1];

/* Splits the semihosting command line on spaces: argv[0] is the ELF path QEMU reports. */
static int build_argv(void) {
  if (hc_board_cmdline(cmdline, sizeof cmdline) == 0) {
    hc_board_puts("hc_board: no semihosting command line (longer than "
                  "HC_BOARD_CMDLINE_MAX bytes?)\n");
    hc_board_exit(125);
  }
  int argc = 0;
  for (char* p = cmdline; *p != '\0';) {
    while (*p == ' ' || *p == '\t') *p++ = '\0';
    if (*p == '\0') break;
    if (argc == HC_BOARD_MAX_ARGS) {
      hc_board_puts("hc_board: more than HC_BOARD_MAX_ARGS arguments\n");
      hc_board_exit(125);
    }
    argv_table[argc++] = p;
    while (*p != '\0' && *p != ' ' && *p != '\t') ++p;
  }
  argv_table[argc] = 0;
  return argc;
}

__attribute__((noreturn, used, section(".text.Reset_Handler"))) void Reset_Handler(void) {
  paint_stack();
  init_ram();
  enable_core_features();
  run_constructors();
  /* Only now: static constructors of the prebuilt libstdc++ (its classic locale) load words from odd
   * addresses. From here on, unaligned LDR/STR/LDRH/STRH raise UsageFault on ARMv7-M/v8-M;
   * ARMv6-M needs nothing, every unaligned access faults there. */
  (void)hc_board_unaligned_trap(1);
  int argc = build_argv();
  hc_board_exit(main(argc, argv_table));
}
