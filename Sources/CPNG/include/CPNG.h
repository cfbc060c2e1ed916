#ifndef BOOKPLATE_CPNG_H
#define BOOKPLATE_CPNG_H

#include <stddef.h>
#include <stdint.h>

#include "CPNGDecode.h"

/// A picture compressed by `bp_png_compress`, waiting for `bp_png_write`.
typedef struct bp_png_encoding bp_png_encoding;

/// Compresses `width × height` 8-bit pixels with `bands` interleaved samples (1 grey, 2 grey + alpha, 3 RGB,
/// 4 RGBA) for a PNG file. Every row uses PNG's "Up" filter; the rows are split into `strips` bands compressed at
/// `level` as independent raw deflate streams joined with sync flushes (the technique of pigz), so the result is
/// one ordinary zlib stream that any PNG reader accepts. Level 1, the pipeline's default, is compressed by ISA-L's
/// igzip; levels 0 and 2 to 9 by zlib at that level. `threads` threads (the caller's among them) take strips until
/// none is left.
/// On success returns the encoding and sets `*length` to the file's size, so that the caller can make room for it
/// and have `bp_png_write` write it there; on failure returns NULL and writes a message into `message`.
bp_png_encoding *bp_png_compress(const uint8_t *pixels, int width, int height, int bands, int level, int strips,
                                 int threads, size_t *length, char *message, size_t message_capacity);

/// Writes the whole PNG file of `encoding` — signature, header, the one image-data chunk, end — into `file`, which
/// holds the length `bp_png_compress` gave, and frees the encoding.
void bp_png_write(bp_png_encoding *encoding, uint8_t *file);

#endif
