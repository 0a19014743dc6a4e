/* bench/target/harness.S — the measured unit of hc_bench_count, in assembly so the instructions between
 * the two SysTick reads are fixed and known: one read, one `blx` to the function under test, one read.
 *
 *   uint32_t hc_bench_ticks(void* obj, uint32_t a, uint32_t b, void* fn);
 *     Calls fn(obj, a, b) between two reads of SYST_CVR; stores fn's result in hc_bench_result and
 *     returns the SysTick ticks that passed (the counter counts down; 24 bits).
 *   hc_bench_empty      `bx lr` only: the harness overhead (the `blx` and the return).
 *   hc_bench_nops       HC_BENCH_NOPS nops then `bx lr`: the calibration block.
 *   hc_bench_loop       a hand-counted loop: 1 + 2*100 instructions then `bx lr` (the proof).
 * Thumb-1 instructions only, so it assembles for every core from ARMv6-M up. */
  .syntax unified
  .thumb
  .text

  .global hc_bench_ticks
  .type hc_bench_ticks, %function
  .thumb_func
hc_bench_ticks:
  push {r4, r5, r6, lr}
  ldr r4, =0xE000E018       /* SYST_CVR */
  ldr r5, [r4]              /* first marker */
  blx r3
  ldr r6, [r4]              /* second marker */
  ldr r1, =hc_bench_result
  str r0, [r1]
  subs r0, r5, r6
  ldr r1, =0x00FFFFFF
  ands r0, r1
  pop {r4, r5, r6, pc}
  .ltorg
  .size hc_bench_ticks, . - hc_bench_ticks

  .global hc_bench_empty
  .type hc_bench_empty, %function
  .thumb_func
hc_bench_empty:
  bx lr
  .size hc_bench_empty, . - hc_bench_empty

  .global hc_bench_nops
  .type hc_bench_nops, %function
  .thumb_func
hc_bench_nops:
  .rept HC_BENCH_NOPS
  nop
  .endr
  bx lr
  .size hc_bench_nops, . - hc_bench_nops

  .global hc_bench_loop
  .type hc_bench_loop, %function
  .thumb_func
hc_bench_loop:
  movs r0, #100             /* 1 */
1:
  subs r0, #1               /* 100 */
  bne 1b                    /* 100 (99 taken, 1 not) */
  bx lr
  .size hc_bench_loop, . - hc_bench_loop

  .bss
  .align 2
  .global hc_bench_result
hc_bench_result:
  .space 4
