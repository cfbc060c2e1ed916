#include "CVipsTestImages.h"

#include <vips/vips.h>

static VipsImage *gradient(int width, int height, int bands) {
    VipsImage *ramp = NULL;
    VipsImage *scaled = NULL;
    VipsImage *joined = NULL;
    if (vips_xyz(&ramp, width, height, NULL) != 0) {
        return NULL;
    }
    VipsImage *x = NULL;
    if (vips_extract_band(ramp, &x, 0, NULL) != 0) {
        g_object_unref(ramp);
        return NULL;
    }
    g_object_unref(ramp);
    if (vips_linear1(x, &scaled, 255.0 / (width > 1 ? width - 1 : 1), 0.0, "uchar", TRUE, NULL) != 0) {
        g_object_unref(x);
        return NULL;
    }
    g_object_unref(x);
    VipsImage *copies[4] = {scaled, scaled, scaled, scaled};
    if (vips_bandjoin(copies, &joined, bands, NULL) != 0) {
        g_object_unref(scaled);
        return NULL;
    }
    g_object_unref(scaled);
    return joined;
}

int bp_test_cmyk_jpeg(int width, int height, void **buffer, size_t *length) {
    VipsImage *image = gradient(width, height, 4);
    if (image == NULL) {
        return -1;
    }
    VipsImage *tagged = NULL;
    int result = vips_copy(image, &tagged, "interpretation", VIPS_INTERPRETATION_CMYK, NULL);
    g_object_unref(image);
    if (result != 0) {
        return -1;
    }
    result = vips_jpegsave_buffer(tagged, buffer, length, "Q", 90, NULL);
    g_object_unref(tagged);
    return result;
}

int bp_test_png16(int width, int height, void **buffer, size_t *length) {
    VipsImage *image = gradient(width, height, 3);
    if (image == NULL) {
        return -1;
    }
    VipsImage *wide = NULL;
    int result = vips_linear1(image, &wide, 257.0, 0.0, NULL);
    g_object_unref(image);
    if (result != 0) {
        return -1;
    }
    VipsImage *cast = NULL;
    result = vips_cast(wide, &cast, VIPS_FORMAT_USHORT, NULL);
    g_object_unref(wide);
    if (result != 0) {
        return -1;
    }
    VipsImage *tagged = NULL;
    result = vips_copy(cast, &tagged, "interpretation", VIPS_INTERPRETATION_RGB16, NULL);
    g_object_unref(cast);
    if (result != 0) {
        return -1;
    }
    result = vips_pngsave_buffer(tagged, buffer, length, "bitdepth", 16, NULL);
    g_object_unref(tagged);
    return result;
}

int bp_test_animated_gif(int width, int height, int frames, void **buffer, size_t *length) {
    VipsImage *black = NULL;
    if (vips_black(&black, width, height * frames, "bands", 3, NULL) != 0) {
        return -1;
    }
    VipsImage *bright = NULL;
    int result = vips_linear1(black, &bright, 1.0, 120.0, "uchar", TRUE, NULL);
    g_object_unref(black);
    if (result != 0) {
        return -1;
    }
    VipsImage *paged = NULL;
    result = vips_copy(bright, &paged, NULL);
    g_object_unref(bright);
    if (result != 0) {
        return -1;
    }
    vips_image_set_int(paged, "page-height", height);
    result = vips_gifsave_buffer(paged, buffer, length, NULL);
    g_object_unref(paged);
    return result;
}

int bp_test_oriented_jpeg(int width, int height, int orientation, void **buffer, size_t *length) {
    VipsImage *ramp = gradient(width, height, 3);
    if (ramp == NULL) {
        return -1;
    }
    VipsImage *halves = NULL;
    int result = vips_moreeq_const1(ramp, &halves, 128.0, NULL);
    g_object_unref(ramp);
    if (result != 0) {
        return -1;
    }
    VipsImage *copy = NULL;
    result = vips_copy(halves, &copy, NULL);
    g_object_unref(halves);
    if (result != 0) {
        return -1;
    }
    vips_image_set_int(copy, "orientation", orientation);
    result = vips_jpegsave_buffer(copy, buffer, length, "Q", 95, NULL);
    g_object_unref(copy);
    return result;
}

/// A JPEG of `width × height` RGB samples carrying EXIF `orientation`, written with the given jpegsave options.
static int jpeg_of_samples(const void *pixels, int width, int height, int orientation, int quality,
                           int restart_interval, VipsForeignSubsample subsample, int progressive, void **buffer,
                           size_t *length) {
    VipsImage *image = vips_image_new_from_memory_copy(pixels, (size_t)width * (size_t)height * 3, width, height, 3,
                                                       VIPS_FORMAT_UCHAR);
    if (image == NULL) {
        return -1;
    }
    image->Type = VIPS_INTERPRETATION_sRGB;
    vips_image_set_int(image, "orientation", orientation);
    int result = vips_jpegsave_buffer(image, buffer, length, "Q", quality, "restart_interval", restart_interval,
                                      "subsample_mode", subsample, "interlace", progressive ? TRUE : FALSE, NULL);
    g_object_unref(image);
    return result;
}

int bp_test_jpeg_of(const void *pixels, int width, int height, int orientation, void **buffer, size_t *length) {
    return jpeg_of_samples(pixels, width, height, orientation, 95, 0, VIPS_FOREIGN_SUBSAMPLE_AUTO, 0, buffer, length);
}

int bp_test_restart_jpeg(const void *pixels, int width, int height, int orientation, int restart_interval,
                         int subsample, int progressive, void **buffer, size_t *length) {
    VipsForeignSubsample mode = subsample ? VIPS_FOREIGN_SUBSAMPLE_ON : VIPS_FOREIGN_SUBSAMPLE_OFF;
    return jpeg_of_samples(pixels, width, height, orientation, 90, restart_interval, mode, progressive, buffer, length);
}

/// Writes `image`'s samples into a new buffer at `*pixels` with its size, and releases `image`; -1 when that fails.
static int take_samples(VipsImage *image, int *width, int *height, void **pixels) {
    size_t size = 0;
    *pixels = vips_image_write_to_memory(image, &size);
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    g_object_unref(image);
    return *pixels == NULL ? -1 : 0;
}

int bp_test_alpha_band(const void *data, size_t length, int *width, int *height, void **pixels) {
    VipsImage *image = vips_image_new_from_buffer(data, length, "", NULL);
    if (image == NULL) {
        return -1;
    }
    if (!vips_image_hasalpha(image)) {
        g_object_unref(image);
        return -1;
    }
    VipsImage *alpha = NULL;
    int result = vips_extract_band(image, &alpha, vips_image_get_bands(image) - 1, NULL);
    g_object_unref(image);
    if (result != 0) {
        return -1;
    }
    VipsImage *samples = NULL;
    result = vips_cast_uchar(alpha, &samples, NULL);
    g_object_unref(alpha);
    if (result != 0) {
        return -1;
    }
    return take_samples(samples, width, height, pixels);
}

int bp_test_libvips_upright(const void *data, size_t length, int *width, int *height, void **pixels) {
    VipsImage *image = vips_image_new_from_buffer(data, length, "", NULL);
    if (image == NULL) {
        return -1;
    }
    VipsImage *upright = NULL;
    int result = vips_autorot(image, &upright, NULL);
    g_object_unref(image);
    if (result != 0) {
        return -1;
    }
    VipsImage *colours = NULL;
    result = vips_extract_band(upright, &colours, 0, "n", 3, NULL);
    g_object_unref(upright);
    if (result != 0) {
        return -1;
    }
    return take_samples(colours, width, height, pixels);
}

void bp_test_free(void *buffer) { g_free(buffer); }
