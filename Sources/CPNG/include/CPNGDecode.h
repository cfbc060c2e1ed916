#ifndef BOOKPLATE_CPNG_DECODE_H
#define BOOKPLATE_CPNG_DECODE_H

#include <stddef.h>
#include <stdint.h>

/// What `bp_png_decode_rgb8` did with a file.
enum {
    /// The pixels were written.
    BP_PNG_DECODED = 0,
    /// The file is intact as far as this reader checks, or not one it checks: leave it to libvips.
    BP_PNG_DECLINED = 1,
    /// The image data cannot be read whole: refuse the file with the message.
    BP_PNG_DAMAGED = 2,
};

/// Checks a PNG held in memory and, when it is the common photo layout (8-bit RGB or RGBA, not interlaced) and
/// `width × height`, decodes it: writes `width × height × 3` RGB samples, alpha dropped, into `pixels` (`capacity`
/// bytes) and returns `BP_PNG_DECODED`. The samples equal what libvips loads; no EXIF orientation is applied (the
/// caller takes this path only for upright files).
///
/// Returns `BP_PNG_DAMAGED`, with a message in `message`, for a file of any layout whose image data is not exactly
/// what its header promises: cut short (IEND missing or cut, even after whole image data), a chunk after the header
/// with an invalid length or type, a critical chunk failing its CRC, IDAT chunks interrupted by another chunk or
/// followed by a critical one, a broken zlib stream, less or more data than the rows need, bytes after the stream,
/// a row with an unknown filter type. On such files libvips 8.14 (libpng) fails only some of the time, and otherwise
/// returns the picture with rows it never wrote. Returns `BP_PNG_DECLINED` for every other file: other layouts, a
/// header or chunk order libpng refuses up front, and files whose image data would inflate to over 256 MiB, which
/// are not checked (libvips decodes them or says why not).
int bp_png_decode_rgb8(const uint8_t *data, size_t length, int width, int height, uint8_t *pixels,
                       size_t capacity, char *message, size_t message_capacity);

#endif
