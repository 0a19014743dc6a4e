// main.cpp — hc's demo firmware: a short tour of a composition rooted in a linker-section arena,
// printed over semihosting. Links no malloc, free, _sbrk, abort or __cxa_throw (a test checks).
#include <cstddef>

#include "hc/hc.hpp"
#include "print.hpp"

namespace {

// The root's memory: 8 KiB in the .hc_arena section (NOLOAD: startup neither copies nor zeroes it).
HC_ARENA(g_arena, 8 * 1024);

// The error hook: where firmware would log, count or trap. Here it prints.
void on_error(hc::error code, const void* allocator) {
  demo::put("    hook: ");
  demo::put(hc::message(code));
  demo::put(" (allocator at ");
  demo::put_address(allocator);
  demo::put(")\n");
}

// One line per block: what was asked, where it landed, the alignment owed and the alignment it has.
void show_block(const char* what, std::size_t size, std::size_t owed, const void* p) {
  demo::put("  ");
  demo::put(what);
  demo::put(size);
  demo::put(" B -> ");
  demo::put_address(p);
  demo::put("  owed alignment ");
  demo::put(owed);
  demo::put(", address alignment ");
  demo::put(demo::alignment_of(p));
  demo::put(p != nullptr && hc::is_aligned(p, owed) ? "  ok\n" : "  MISALIGNED\n");
}

void show_usage(const char* name, const hc::bump& a) {
  demo::put("  ");
  demo::put(name);
  demo::put(": used ");
  demo::put(a.used());
  demo::put(" of ");
  demo::put(a.capacity());
  demo::put(", remaining ");
  demo::put(a.remaining());
  demo::put("\n");
}

}  // namespace

// The board's free RAM, between two linker symbols: the other way to root hc.
extern "C" unsigned char __hc_free_start[];
extern "C" unsigned char __hc_free_end[];

int main() {
  hc::set_error_hook(&on_error);
  bool ok = true;

  demo::put("hc demo: composable allocators, no heap\n\n");
  demo::put("1. The root: a bump allocator over an 8 KiB arena in section .hc_arena at ");
  demo::put_address(g_arena);
  demo::put("\n");
  hc::bump root{hc::region_of(g_arena)};
  show_usage("root", root);
  const hc::region free_ram = hc::linker_region(__hc_free_start, __hc_free_end);
  demo::put("   (also available: ");
  demo::put(free_ram.size);
  demo::put(" B of free RAM between __hc_free_start and __hc_free_end)\n\n");

  demo::put("2. A 1 KiB frame allocator stacked on the root (its source):\n");
  hc::bump frame{root, 1024};
  show_usage("root", root);
  const std::size_t sizes[] = {1, 2, 3, 8, 24, 100, 5};
  for (std::size_t size : sizes) {
    void* p = frame.acquire(size);
    ok = ok && p != nullptr && hc::is_aligned(p, hc::natural_alignment(size));
    show_block("frame.acquire ", size, hc::natural_alignment(size), p);
  }
  void* page = frame.acquire(32, 256);
  ok = ok && hc::is_aligned(page, 256);
  show_block("frame.acquire(.., 256) ", 32, 256, page);
  show_usage("frame", frame);
  demo::put("\n");

  demo::put("3. Scratch work, then rewind to a marker:\n");
  const hc::bump::marker m = frame.mark();
  void* scratch = frame.acquire(300);
  show_block("frame.acquire ", 300, hc::natural_alignment(300), scratch);
  show_usage("frame", frame);
  ok = frame.rewind(m) && ok;
  demo::put("  frame.rewind(marker)\n");
  show_usage("frame", frame);
  demo::put("\n");

  demo::put("4. Errors come through one channel; nothing changes on failure:\n");
  const std::size_t before = frame.used();
  demo::put("  frame.acquire(4096): more than the frame could ever give\n");
  ok = frame.acquire(4096) == nullptr && hc::last_error() == hc::error::invalid_size && ok;
  demo::put("  frame.acquire(1000): fits the frame, but not what is left\n");
  ok = frame.acquire(1000) == nullptr && hc::last_error() == hc::error::no_memory && ok;
  demo::put("  frame.acquire(16, 24): 24 is not a power of two\n");
  ok = frame.acquire(16, 24) == nullptr && hc::last_error() == hc::error::invalid_alignment && ok;
  ok = frame.used() == before && ok;
  show_usage("frame", frame);
  demo::put("\n");

  demo::put(ok ? "tour complete: every block aligned, every failure reported\n"
               : "tour FAILED: see above\n");
  return ok ? 0 : 1;
}
