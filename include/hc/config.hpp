// hc/config.hpp — build-time knobs shared by every hc header.
#pragma once

/// Marks an allocator's hot path (acquire/release through the concrete type) to be inlined even at -Os,
/// where GCC would otherwise call one out-of-line copy. Define it as `inline` before including hc to let
/// the compiler choose (smaller code at many call sites, a call more per acquire).
#ifndef HC_ALWAYS_INLINE
#if defined(__GNUC__)
#define HC_ALWAYS_INLINE [[gnu::always_inline]] inline
#else
#define HC_ALWAYS_INLINE inline
#endif
#endif
