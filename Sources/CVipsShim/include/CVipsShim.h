/// Non-variadic wrappers around the libvips calls Bookplate needs, so that Swift can call them.
#ifndef BOOKPLATE_CVIPSSHIM_H
#define BOOKPLATE_CVIPSSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque handle to a libvips image.
typedef struct bp_image bp_image;

/// What the header of an encoded image promises, read without decoding pixels.
typedef struct {
    int width;
    int height;
    int bands;
    int pages;
    int orientation;
    int bits_per_sample;
    char loader[64];
} bp_header;

/// Starts libvips once per process and sets its worker thread count (0 keeps the default).
int bp_vips_start(int concurrency);

/// Copies libvips's error text into `buffer` and clears it, in one step under libvips's lock: a read and a clear
/// apart would race with another thread's error (the text is one buffer for the whole process). When two threads
/// fail at once, one may still take both messages, and the other none.
void bp_vips_take_error(char *buffer, size_t capacity);

/// Returned by bp_vips_read_header when no loader recognises the data.
#define BP_VIPS_UNRECOGNISED (-2)

/// Reads only the header of an encoded image held in memory.
int bp_vips_read_header(const void *data, size_t length, bp_header *header);

/// Decodes the first frame of an encoded image, failing on truncated or corrupt data. The image is read top to
/// bottom once (sequential access, straight into the caller's buffer), so it can be converted and copied out but
/// not turned: the caller applies the EXIF orientation itself.
int bp_vips_decode(const void *data, size_t length, bp_image **out);

/// Decodes an image shrunk on load so that it fits within `max_width` x `max_height`, turned upright by its EXIF
/// orientation (libvips's thumbnail turns it and drops the tag).
int bp_vips_decode_fitting(const void *data, size_t length, int max_width, int max_height, bp_image **out);

/// Converts the image to 8-bit sRGB with three bands (alpha dropped); it does not turn it.
int bp_vips_to_srgb8(bp_image *in, bp_image **out);

/// The width of an image in pixels.
int bp_vips_width(const bp_image *image);

/// The height of an image in pixels.
int bp_vips_height(const bp_image *image);

/// The number of bands of an image.
int bp_vips_bands(const bp_image *image);

/// Writes the pixels of an 8-bit image into `destination`, which holds exactly width x height x bands bytes, turned
/// upright for EXIF `orientation` (2–8; any other value copies as stored) as libvips's `autorot` would: the picture
/// is computed top to bottom in strips on libvips's threads while each finished strip is put in place, so the turn
/// costs no pass of its own. Orientations 5–8 swap width and height.
int bp_vips_copy_pixels(bp_image *image, int orientation, void *destination, size_t capacity);

/// Like `bp_vips_copy_pixels` for a band of a taller stored picture `full_height` rows high and as wide as `image`:
/// row y of `image` is stored row `first_row` + y, and only its rows `keep_from` to `keep_to` (exclusive) are
/// written, each to its upright place in the whole picture's `destination`.
int bp_vips_copy_rows(bp_image *image, int full_height, int first_row, int keep_from, int keep_to, int orientation,
                      void *destination, size_t capacity);

/// Wraps interleaved 8-bit pixels (1, 3 or 4 bands) as an image; the pixels are copied.
int bp_vips_from_pixels(const void *pixels, int width, int height, int bands, bp_image **out);

/// Encodes an image as baseline JPEG at the given quality (1-100).
int bp_vips_encode_jpeg(bp_image *image, int quality, void **buffer, size_t *length);

/// Encodes an image as WebP at the given quality (1-100), or lossless when `lossless` is non-zero.
int bp_vips_encode_webp(bp_image *image, int quality, int lossless, void **buffer, size_t *length);

/// Resizes an image by the given horizontal and vertical scale with a Lanczos-3 kernel.
int bp_vips_resize(bp_image *in, double hscale, double vscale, bp_image **out);

/// Releases an image handle.
void bp_vips_release(bp_image *image);

/// Releases a buffer returned by an encoder.
void bp_vips_free_buffer(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
