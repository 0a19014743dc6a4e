/* board/common/cortex_m.h — private to board/common: which Cortex-M architecture we are compiled for,
 * and the System Control Block registers the startup and fault handler touch. */
#ifndef HC_CORTEX_M_H
#define HC_CORTEX_M_H

#include <stdint.h>

#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
#define HC_ARMV8M_MAIN 1 /* has SecureFault, SFSR/SFAR */
#endif
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || defined(HC_ARMV8M_MAIN)
#define HC_HAS_FAULT_STATUS 1 /* ARMv7-M and later Mainline: CFSR/HFSR/MMFAR/BFAR, configurable faults */
#endif

#define HC_REG(addr) (*(volatile uint32_t*)(addr))
#define HC_SCB_VTOR HC_REG(0xE000ED08u)
#define HC_SCB_CCR HC_REG(0xE000ED14u)
#define HC_SCB_SHCSR HC_REG(0xE000ED24u)
#define HC_SCB_CFSR HC_REG(0xE000ED28u)
#define HC_SCB_HFSR HC_REG(0xE000ED2Cu)
#define HC_SCB_MMFAR HC_REG(0xE000ED34u)
#define HC_SCB_BFAR HC_REG(0xE000ED38u)
#define HC_SCB_CPACR HC_REG(0xE000ED88u)
#define HC_SAU_SFSR HC_REG(0xE000EDE4u)
#define HC_SAU_SFAR HC_REG(0xE000EDE8u)

#define HC_CCR_UNALIGN_TRP (1u << 3)
#define HC_SHCSR_MEMFAULTENA (1u << 16)
#define HC_SHCSR_BUSFAULTENA (1u << 17)
#define HC_SHCSR_USGFAULTENA (1u << 18)
#define HC_SHCSR_SECUREFAULTENA (1u << 19)
#define HC_CPACR_CP10_CP11_FULL (0xFu << 20)

#endif /* HC_CORTEX_M_H */
