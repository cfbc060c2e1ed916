#include "CVipsShim.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <vips/vips.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static int start_result = 0;
static int start_concurrency = 0;

static void drop_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

static void start_vips(void) {
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, drop_message, NULL);
    start_result = VIPS_INIT("bookplate");
    if (start_result == 0) {
        vips_block_untrusted_set(TRUE);
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
        vips_cache_set_max_files(0);
        if (start_concurrency > 0) {
            vips_concurrency_set(start_concurrency);
        }
    }
}

int bp_vips_start(int concurrency) {
    start_concurrency = concurrency;
    pthread_once(&start_once, start_vips);
    return start_result;
}

void bp_vips_take_error(char *buffer, size_t capacity) {
    if (capacity == 0) {
        return;
    }
    char *message = vips_error_buffer_copy();
    strncpy(buffer, message ? message : "", capacity - 1);
    buffer[capacity - 1] = '\0';
    g_free(message);
}

static VipsImage *as_vips(const bp_image *image) { return (VipsImage *)image; }

/// The loader libvips would pick for `data` when it is one of the photo formats Bookplate reads (JPEG, PNG, WebP,
/// GIF, TIFF, HEIF), else NULL: every other loader Debian's libvips carries (ImageMagick, PDF, SVG, FITS, Matlab…)
/// never sees an upload.
static const char *photo_loader(const void *data, size_t length) {
    static const char *const accepted[] = {"jpegload_buffer", "pngload_buffer", "webpload_buffer",
                                           "gifload_buffer",  "tiffload_buffer", "heifload_buffer"};
    const char *loader = vips_foreign_find_load_buffer(data, length);
    if (loader == NULL) {
        vips_error_clear();
        return NULL;
    }
    const char *nickname = vips_nickname_find(g_type_from_name(loader));
    for (size_t index = 0; nickname != NULL && index < sizeof(accepted) / sizeof(accepted[0]); index++) {
        if (strcmp(nickname, accepted[index]) == 0) {
            return loader;
        }
    }
    return NULL;
}

int bp_vips_read_header(const void *data, size_t length, bp_header *header) {
    const char *loader = photo_loader(data, length);
    if (loader == NULL) {
        return BP_VIPS_UNRECOGNISED;
    }
    VipsImage *image = vips_image_new_from_buffer(data, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (image == NULL) {
        return -1;
    }
    memset(header, 0, sizeof(*header));
    header->width = vips_image_get_width(image);
    header->height = vips_image_get_height(image);
    header->bands = vips_image_get_bands(image);
    header->pages = vips_image_get_n_pages(image);
    header->orientation = vips_image_get_orientation(image);
    header->bits_per_sample = (int)(vips_format_sizeof(vips_image_get_format(image)) * 8);
    const char *nickname = vips_nickname_find(g_type_from_name(loader));
    strncpy(header->loader, nickname ? nickname : loader, sizeof(header->loader) - 1);
    g_object_unref(image);
    return 0;
}

int bp_vips_decode(const void *data, size_t length, bp_image **out) {
    if (photo_loader(data, length) == NULL) {
        vips_error("bookplate", "not a photo format Bookplate reads");
        return -1;
    }
    VipsImage *image = vips_image_new_from_buffer(data, length, "", "fail_on", VIPS_FAIL_ON_ERROR, "access",
                                                  VIPS_ACCESS_SEQUENTIAL, NULL);
    if (image == NULL) {
        return -1;
    }
    *out = (bp_image *)image;
    return 0;
}

int bp_vips_decode_fitting(const void *data, size_t length, int max_width, int max_height, bp_image **out) {
    if (photo_loader(data, length) == NULL) {
        vips_error("bookplate", "not a photo format Bookplate reads");
        return -1;
    }
    VipsImage *image = NULL;
    if (vips_thumbnail_buffer((void *)data, length, &image, max_width, "height", max_height, "size", VIPS_SIZE_DOWN,
                              "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0) {
        return -1;
    }
    *out = (bp_image *)image;
    return 0;
}

int bp_vips_to_srgb8(bp_image *in, bp_image **out) {
    VipsImage *image = as_vips(in);
    g_object_ref(image);
    VipsImage *next = NULL;

    VipsInterpretation interpretation = vips_image_guess_interpretation(image);
    if (interpretation != VIPS_INTERPRETATION_sRGB) {
        if (vips_colourspace(image, &next, VIPS_INTERPRETATION_sRGB, NULL) != 0) {
            g_object_unref(image);
            return -1;
        }
        g_object_unref(image);
        image = next;
    }

    if (vips_image_get_bands(image) > 3) {
        if (vips_extract_band(image, &next, 0, "n", 3, NULL) != 0) {
            g_object_unref(image);
            return -1;
        }
        g_object_unref(image);
        image = next;
    }

    if (vips_image_get_format(image) != VIPS_FORMAT_UCHAR) {
        if (vips_cast(image, &next, VIPS_FORMAT_UCHAR, NULL) != 0) {
            g_object_unref(image);
            return -1;
        }
        g_object_unref(image);
        image = next;
    }

    if (vips_image_get_bands(image) != 3) {
        g_object_unref(image);
        vips_error("bookplate", "the image could not be brought to three sRGB bands");
        return -1;
    }
    *out = (bp_image *)image;
    return 0;
}

int bp_vips_width(const bp_image *image) { return vips_image_get_width(as_vips(image)); }

int bp_vips_height(const bp_image *image) { return vips_image_get_height(as_vips(image)); }

int bp_vips_bands(const bp_image *image) { return vips_image_get_bands(as_vips(image)); }

/// Where `bp_vips_copy_rows` puts each strip: the destination, the whole stored picture's size, the orientation, the
/// stored row of the decoded image's first row, and the decoded rows that are kept.
typedef struct {
    uint8_t *destination;
    int width;
    int height;
    int bands;
    int orientation;
    int first_row;
    int keep_from;
    int keep_to;
} upright_target;

/// The destination pixel of stored pixel (x, y) for the target's orientation, as libvips's `autorot` turns: 2 and 4
/// mirror, 3 half-turns, 5 and 7 transpose (7 across the other diagonal), 6 and 8 quarter-turn clockwise and
/// anticlockwise; anything else is upright already.
static size_t upright_index(const upright_target *target, int x, int y) {
    int last_x = target->width - 1;
    int last_y = target->height - 1;
    size_t wide = (size_t)target->width;
    size_t tall = (size_t)target->height;
    switch (target->orientation) {
    case 2: return (size_t)y * wide + (size_t)(last_x - x);
    case 3: return (size_t)(last_y - y) * wide + (size_t)(last_x - x);
    case 4: return (size_t)(last_y - y) * wide + (size_t)x;
    case 5: return (size_t)x * tall + (size_t)y;
    case 6: return (size_t)x * tall + (size_t)(last_y - y);
    case 7: return (size_t)(last_x - x) * tall + (size_t)(last_y - y);
    case 8: return (size_t)(last_x - x) * tall + (size_t)y;
    default: return (size_t)y * wide + (size_t)x;
    }
}

/// Copies one pixel of `bands` samples (three, for a decoded photo, copied as such).
static inline void copy_pixel(uint8_t *to, const uint8_t *from, int bands) {
    if (bands == 3) {
        to[0] = from[0];
        to[1] = from[1];
        to[2] = from[2];
    } else {
        memcpy(to, from, (size_t)bands);
    }
}

/// For orientations 5–8, which turn stored columns into upright rows: copies the pixels of `part` (a rectangle of
/// the whole stored picture inside `area`, whose first row starts at `first_row`) one by one down each column, in
/// blocks of 64 columns, `step` bytes apart in the destination.
static void turn_columns(const upright_target *target, const uint8_t *first_row, size_t line, const VipsRect *area,
                         const VipsRect *part, ptrdiff_t step) {
    int bands = target->bands;
    for (int block = part->left; block < VIPS_RECT_RIGHT(part); block += 64) {
        int block_end = VIPS_MIN(block + 64, VIPS_RECT_RIGHT(part));
        for (int x = block; x < block_end; x++) {
            const uint8_t *from =
                first_row + (size_t)(part->top - area->top) * line + (size_t)(x - area->left) * (size_t)bands;
            uint8_t *to = target->destination + upright_index(target, x, part->top) * (size_t)bands;
            for (int y = 0; y < part->height; y++) {
                copy_pixel(to, from, bands);
                from += line;
                to += step;
            }
        }
    }
}

#if defined(__x86_64__)
/// Four 3-byte pixels from `from` into the low 12 bytes of a vector, reading nothing beyond them.
__attribute__((target("ssse3"))) static inline __m128i load_four_pixels(const uint8_t *from) {
    uint32_t last;
    memcpy(&last, from + 8, 4);
    return _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)from), _mm_cvtsi32_si128((int)last));
}

/// The low 12 bytes of `pixels` to `to`, writing nothing beyond them.
__attribute__((target("ssse3"))) static inline void store_four_pixels(uint8_t *to, __m128i pixels) {
    _mm_storel_epi64((__m128i *)to, pixels);
    uint32_t last = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(pixels, 8));
    memcpy(to + 8, &last, 4);
}

/// `turn_columns` for 3-byte pixels, four by four: the 4 × 4 tiles of the `tiles_wide × tiles_tall` tiles from the
/// area's top left corner, each read as four rows, spread to 32-bit lanes, transposed, packed back and written as
/// four upright rows of four pixels, in reverse order where upright rows run against the stored columns
/// (`descending`: orientations 6 and 7).
__attribute__((target("ssse3"))) static void turn_tiles_rgb(const upright_target *target, const uint8_t *first_row,
                                                             size_t line, const VipsRect *area, int tiles_wide,
                                                             int tiles_tall, int descending) {
    const __m128i spread = _mm_setr_epi8(0, 1, 2, -128, 3, 4, 5, -128, 6, 7, 8, -128, 9, 10, 11, -128);
    const __m128i gather = _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -128, -128, -128, -128);
    for (int tile_x = 0; tile_x < tiles_wide; tile_x++) {
        int x = area->left + 4 * tile_x;
        for (int tile_y = 0; tile_y < tiles_tall; tile_y++) {
            int y = area->top + 4 * tile_y;
            const uint8_t *from = first_row + (size_t)(4 * tile_y) * line + (size_t)(4 * tile_x) * 3;
            __m128i row0 = _mm_shuffle_epi8(load_four_pixels(from), spread);
            __m128i row1 = _mm_shuffle_epi8(load_four_pixels(from + line), spread);
            __m128i row2 = _mm_shuffle_epi8(load_four_pixels(from + 2 * line), spread);
            __m128i row3 = _mm_shuffle_epi8(load_four_pixels(from + 3 * line), spread);
            __m128i low01 = _mm_unpacklo_epi32(row0, row1);
            __m128i low23 = _mm_unpacklo_epi32(row2, row3);
            __m128i high01 = _mm_unpackhi_epi32(row0, row1);
            __m128i high23 = _mm_unpackhi_epi32(row2, row3);
            __m128i columns[4] = {_mm_unpacklo_epi64(low01, low23), _mm_unpackhi_epi64(low01, low23),
                                  _mm_unpacklo_epi64(high01, high23), _mm_unpackhi_epi64(high01, high23)};
            for (int column = 0; column < 4; column++) {
                __m128i pixels = descending ? _mm_shuffle_epi32(columns[column], 0x1B) : columns[column];
                size_t index = upright_index(target, x + column, descending ? y + 3 : y);
                store_four_pixels(target->destination + index * 3, _mm_shuffle_epi8(pixels, gather));
            }
        }
    }
}
#endif

/// Copies the kept rows of one computed strip, as rows of the whole stored picture, to their upright place: whole
/// rows for orientations 1 and 4, pixel by pixel along the row for 2 and 3, and for 5–8, which turn rows into
/// columns, in 4 × 4 tiles of 3-byte pixels with SSSE3 shuffles where the processor has them, the rest in blocks
/// of 64 columns, so that each column's pixels land next to each other along an output row.
static int write_upright_strip(VipsRegion *region, VipsRect *computed, void *user) {
    const upright_target *target = user;
    int bands = target->bands;
    size_t line = (size_t)VIPS_REGION_LSKIP(region);
    VipsRect kept = {computed->left, target->keep_from, computed->width, target->keep_to - target->keep_from};
    VipsRect clipped;
    vips_rect_intersectrect(computed, &kept, &clipped);
    if (vips_rect_isempty(&clipped)) {
        return 0;
    }
    const uint8_t *first_row = (const uint8_t *)VIPS_REGION_ADDR(region, clipped.left, clipped.top);
    VipsRect stored = {clipped.left, clipped.top + target->first_row, clipped.width, clipped.height};
    const VipsRect *area = &stored;
    switch (target->orientation) {
    case 2:
    case 3:
        for (int y = area->top; y < VIPS_RECT_BOTTOM(area); y++) {
            const uint8_t *row = first_row + (size_t)(y - area->top) * line;
            uint8_t *to = target->destination + upright_index(target, area->left, y) * (size_t)bands;
            for (int x = 0; x < area->width; x++) {
                copy_pixel(to - (size_t)x * (size_t)bands, row + (size_t)x * (size_t)bands, bands);
            }
        }
        return 0;
    case 5:
    case 6:
    case 7:
    case 8: {
        ptrdiff_t step = (target->orientation == 5 || target->orientation == 8 ? 1 : -1) * (ptrdiff_t)bands;
        int tiled_width = 0;
        int tiled_height = 0;
#if defined(__x86_64__)
        if (bands == 3 && __builtin_cpu_supports("ssse3")) {
            tiled_width = area->width / 4 * 4;
            tiled_height = area->height / 4 * 4;
            turn_tiles_rgb(target, first_row, line, area, tiled_width / 4, tiled_height / 4, step < 0);
        }
#endif
        VipsRect right = {area->left + tiled_width, area->top, area->width - tiled_width, area->height};
        VipsRect below = {area->left, area->top + tiled_height, tiled_width, area->height - tiled_height};
        turn_columns(target, first_row, line, area, &right, step);
        turn_columns(target, first_row, line, area, &below, step);
        return 0;
    }
    default:
        for (int y = area->top; y < VIPS_RECT_BOTTOM(area); y++) {
            memcpy(target->destination + upright_index(target, area->left, y) * (size_t)bands,
                   first_row + (size_t)(y - area->top) * line, (size_t)area->width * (size_t)bands);
        }
        return 0;
    }
}

int bp_vips_copy_pixels(bp_image *image, int orientation, void *destination, size_t capacity) {
    VipsImage *source = as_vips(image);
    int height = vips_image_get_height(source);
    return bp_vips_copy_rows(image, height, 0, 0, height, orientation, destination, capacity);
}

int bp_vips_copy_rows(bp_image *image, int full_height, int first_row, int keep_from, int keep_to, int orientation,
                      void *destination, size_t capacity) {
    VipsImage *source = as_vips(image);
    int width = vips_image_get_width(source);
    int bands = vips_image_get_bands(source);
    size_t expected = (size_t)width * (size_t)full_height * (size_t)bands;
    bool fits = full_height > 0 && first_row >= 0 && 0 <= keep_from && keep_from < keep_to &&
                keep_to <= vips_image_get_height(source) && first_row + keep_to <= full_height;
    if (vips_image_get_format(source) != VIPS_FORMAT_UCHAR || expected != capacity || !fits) {
        vips_error("bookplate", "pixel buffer size does not match the image");
        return -1;
    }
    upright_target target = {destination, width, full_height, bands, orientation, first_row, keep_from, keep_to};
    return vips_sink_disc(source, write_upright_strip, &target);
}

int bp_vips_from_pixels(const void *pixels, int width, int height, int bands, bp_image **out) {
    size_t length = (size_t)width * (size_t)height * (size_t)bands;
    VipsImage *image = vips_image_new_from_memory_copy(pixels, length, width, height, bands, VIPS_FORMAT_UCHAR);
    if (image == NULL) {
        return -1;
    }
    VipsInterpretation interpretation = bands < 3 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
    image->Type = interpretation;
    *out = (bp_image *)image;
    return 0;
}

int bp_vips_encode_jpeg(bp_image *image, int quality, void **buffer, size_t *length) {
    return vips_jpegsave_buffer(as_vips(image), buffer, length, "Q", quality, "strip", TRUE, NULL);
}

int bp_vips_encode_webp(bp_image *image, int quality, int lossless, void **buffer, size_t *length) {
    return vips_webpsave_buffer(as_vips(image), buffer, length, "Q", quality, "lossless", lossless ? TRUE : FALSE,
                                "strip", TRUE, NULL);
}

int bp_vips_resize(bp_image *in, double hscale, double vscale, bp_image **out) {
    VipsImage *image = NULL;
    if (vips_resize(as_vips(in), &image, hscale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL) != 0) {
        return -1;
    }
    *out = (bp_image *)image;
    return 0;
}

void bp_vips_release(bp_image *image) {
    if (image != NULL) {
        g_object_unref(as_vips(image));
    }
}

void bp_vips_free_buffer(void *buffer) { g_free(buffer); }
