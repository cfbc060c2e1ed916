/// Makers of unusual image files for the tests (CMYK JPEG, 16-bit PNG, animated GIF, EXIF-rotated JPEG),
/// written with libvips so that the tests need no other tool.
#ifndef BOOKPLATE_CVIPSTESTIMAGES_H
#define BOOKPLATE_CVIPSTESTIMAGES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A CMYK JPEG of the given size whose pixels are a horizontal gradient.
int bp_test_cmyk_jpeg(int width, int height, void **buffer, size_t *length);

/// A 16-bit RGB PNG of the given size whose pixels are a horizontal gradient.
int bp_test_png16(int width, int height, void **buffer, size_t *length);

/// An animated GIF with `frames` frames of the given size, each a different grey.
int bp_test_animated_gif(int width, int height, int frames, void **buffer, size_t *length);

/// A JPEG of the given stored size carrying EXIF orientation `orientation`; its left half is black, the right
/// half white (as stored).
int bp_test_oriented_jpeg(int width, int height, int orientation, void **buffer, size_t *length);

/// A JPEG (quality 95) of `width × height` RGB samples `pixels`, carrying EXIF orientation `orientation`.
int bp_test_jpeg_of(const void *pixels, int width, int height, int orientation, void **buffer, size_t *length);

/// A JPEG (quality 90) of `width × height` RGB samples `pixels`, carrying EXIF orientation `orientation`, with a
/// restart marker every `restart_interval` MCUs (none for 0), chroma at half resolution both ways (4:2:0) when
/// `subsample` is non-zero and at full resolution otherwise, progressive when `progressive` is non-zero.
int bp_test_restart_jpeg(const void *pixels, int width, int height, int orientation, int restart_interval,
                         int subsample, int progressive, void **buffer, size_t *length);
/// The last band (the alpha of an RGBA or grey-alpha file) of the encoded image `data`, as 8-bit samples in
/// `*pixels` (free with bp_test_free); -1 when the file cannot be decoded or has no alpha band.
int bp_test_alpha_band(const void *data, size_t length, int *width, int *height, void **pixels);

/// The first three bands of the encoded image `data` turned upright by libvips's own `autorot` from the whole
/// decoded picture, as Bookplate decoded every photo before it turned them itself: the reference for that turn.
/// Sets `*pixels` (free with bp_test_free) and the upright size; -1 when the file cannot be decoded.
int bp_test_libvips_upright(const void *data, size_t length, int *width, int *height, void **pixels);

/// Frees a buffer returned by the makers above.
void bp_test_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
