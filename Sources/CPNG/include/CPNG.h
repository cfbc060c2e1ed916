#ifndef BOOKPLATE_CPNG_H
#define BOOKPLATE_CPNG_H

#include <stddef.h>
#include <stdint.h>

#include "CPNGDecode.h"

/// Encodes `width × height` 8-bit pixels with `bands` interleaved samples (1 grey, 2 grey + alpha, 3 RGB,
/// 4 RGBA) as a PNG file in memory. Every row uses PNG's "Up" filter; the rows are split into `strips` bands
/// compressed at `level` as independent raw deflate streams joined with sync flushes (the technique of pigz),
/// so the result is one ordinary zlib stream that any PNG reader accepts. Level 1, the pipeline's default, is
/// compressed by ISA-L's igzip; levels 0 and 2 to 9 by zlib at that level. `threads` threads (the caller's among
/// them) take strips until none is left.
/// On success returns 0 and sets `*out` (free it with `bp_png_free`) and `*length`; on failure returns -1 and
/// writes a message into `message`.
int bp_png_encode(const uint8_t *pixels, int width, int height, int bands, int level, int strips, int threads,
                  uint8_t **out, size_t *length, char *message, size_t message_capacity);

/// Frees a buffer returned by `bp_png_encode`.
void bp_png_free(uint8_t *buffer);

#endif
