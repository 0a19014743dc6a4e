// heap_layout.cpp — hc_heap_layout: the RAM a 64 KiB hc::heap needs besides its blocks, for
// scripts/size-report.sh. Each symbol's size is control_bytes(65536) + sizeof(hc::basic_heap<B>) on this
// target (the control block at the start of the region, plus the heap object itself); nm -S reads it.
// Never linked into a firmware.
#include "hc/heap.hpp"

#define HC_HEAP_LAYOUT(name, B) \
  extern "C" const unsigned char name[hc::basic_heap<B>::control_bytes(65536) + sizeof(hc::basic_heap<B>)] = {}

HC_HEAP_LAYOUT(hc_heap_layout_64k_1, 1);
HC_HEAP_LAYOUT(hc_heap_layout_64k_2, 2);  // hc::heap
HC_HEAP_LAYOUT(hc_heap_layout_64k_3, 3);
