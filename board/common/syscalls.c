/* board/common/syscalls.c — newlib retarget (library hc_board_syscalls) for firmware that uses stdio
 * or malloc, such as the GoogleTest suites: stdout/stderr go to the semihosting console, the heap
 * grows from `end` up to the stack reserve, exit() ends QEMU with the status. There is no filesystem. */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>

#include "hc_board.h"

#undef errno
extern int errno;

extern char end[];           /* first free byte after .bss/.hc_arena (sections.ld) */
extern char __hc_free_end[]; /* bottom of the stack reserve */
static char* heap_break = end;

/* Weak: an allocator that replaces newlib's (hc::newlib, which never calls _sbrk) defines its own figure
 * for the margin report, its overhead plus its peak, over the same range (hc_board_heap_size()). */
__attribute__((weak)) size_t hc_board_heap_used(void) { return (size_t)(heap_break - end); }

size_t hc_board_heap_size(void) { return (size_t)(__hc_free_end - end); }

/* Grows (or shrinks) the heap by increment bytes; returns the old break, or (void*)-1 with ENOMEM.
 * A refused growth is reported on the console first (newlib and GoogleTest then fail silently or
 * abort): with the board's semihosting output only, as malloc's lock is held and stdio may be busy. */
void* _sbrk(ptrdiff_t increment) {
  char* old = heap_break;
  if (increment > __hc_free_end - old || increment < end - old) {
    if (increment > 0) {
      hc_board_puts("hc_board: heap exhausted: asked ");
      hc_board_put_dec((uint32_t)increment);
      hc_board_puts(" B, ");
      hc_board_put_dec((uint32_t)(__hc_free_end - old));
      hc_board_puts(" B free of ");
      hc_board_put_dec((uint32_t)hc_board_heap_size());
      hc_board_puts(" B (the heap ends at the stack reserve; on a small board, put new suites in a "
                    "new image)\n");
    }
    errno = ENOMEM;
    return (void*)-1;
  }
  heap_break = old + increment;
  return old;
}

int _write(int fd, const char* buf, int len) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  hc_board_write(buf, (size_t)len);
  return len;
}

int _read(int fd, char* buf, int len) {
  (void)fd;
  (void)buf;
  (void)len;
  return 0; /* end of file */
}

int _open(const char* path, int flags, ...) {
  (void)path;
  (void)flags;
  errno = ENOENT;
  return -1;
}

int _close(int fd) {
  (void)fd;
  errno = EBADF;
  return -1;
}

int _fstat(int fd, struct stat* st) {
  (void)fd;
  st->st_mode = S_IFCHR; /* a terminal: newlib line-buffers stdout */
  return 0;
}

int _stat(const char* path, struct stat* st) {
  (void)path;
  (void)st;
  errno = ENOENT;
  return -1;
}

int _isatty(int fd) { return fd >= 0 && fd <= 2; }

int _lseek(int fd, int offset, int whence) {
  (void)fd;
  (void)offset;
  (void)whence;
  return 0;
}

int _unlink(const char* path) {
  (void)path;
  errno = ENOENT;
  return -1;
}

int _link(const char* from, const char* to) {
  (void)from;
  (void)to;
  errno = EMLINK;
  return -1;
}

int mkdir(const char* path, mode_t mode) {
  (void)path;
  (void)mode;
  errno = ENOSYS;
  return -1;
}

_Noreturn void _exit(int status) { hc_board_exit(status); }

int _kill(int pid, int sig) {
  (void)pid;
  (void)sig;
  errno = EINVAL;
  return -1;
}

int _getpid(void) { return 1; }

/* No clock on the board: time stands still at the epoch. */
int _gettimeofday(struct timeval* tv, void* tz) {
  (void)tz;
  if (tv != 0) {
    tv->tv_sec = 0;
    tv->tv_usec = 0;
  }
  return 0;
}

clock_t _times(struct tms* t) {
  if (t != 0) t->tms_utime = t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
  return 0;
}
