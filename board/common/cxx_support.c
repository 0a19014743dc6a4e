/* board/common/cxx_support.c — the few C++ ABI hooks a -fno-exceptions -fno-rtti program needs when
 * linked with -nostartfiles, defined here so that libsupc++'s versions (which reach std::terminate,
 * abort and the exception machinery) are never pulled in. Single-threaded: no locking. */
#include <stdint.h>

#include "hc_board.h"

/* Identifies this "shared object" to __cxa_atexit; normally from crtbegin.o. */
void* __dso_handle = &__dso_handle;

static _Noreturn void cxx_fatal(const char* what) {
  hc_board_puts("\nhc_board: ");
  hc_board_puts(what);
  hc_board_puts("\n");
  hc_board_exit(134);
}

void __cxa_pure_virtual(void) { cxx_fatal("pure virtual function called"); }
void __cxa_deleted_virtual(void) { cxx_fatal("deleted virtual function called"); }

/* Static destructors never run on this board (main's result goes straight to hc_board_exit), so
 * registering one needs no storage: this keeps newlib's atexit tables out of the image. */
int __cxa_atexit(void (*destructor)(void*), void* object, void* dso) {
  (void)destructor;
  (void)object;
  (void)dso;
  return 0;
}

/* Guards of function-local statics (ARM C++ ABI: a 32-bit word, bit 0 = constructed). Byte 1 marks
 * "construction in progress" so recursive initialisation is reported instead of looping. */
int __cxa_guard_acquire(uint32_t* guard) {
  volatile uint8_t* g = (volatile uint8_t*)guard;
  if (g[0] & 1u) return 0;
  if (g[1] != 0) cxx_fatal("recursive initialisation of a function-local static");
  g[1] = 1;
  return 1;
}

void __cxa_guard_release(uint32_t* guard) { *(volatile uint32_t*)guard = 1; }

void __cxa_guard_abort(uint32_t* guard) { *(volatile uint32_t*)guard = 0; }
