#include "CCompose.h"

#include "Multiversion.h"

#include <stddef.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#pragma STDC FP_CONTRACT OFF

static inline float clamp01(float value) { return value < 0 ? 0 : (value > 1 ? 1 : value); }

/// Grid rows `top` and `bottom` of `plane_count` planes blended by `fraction` into `vertical`, plane after plane.
static inline void blend_grid_rows(const float *planes, int plane_count, int grid_width, int grid_height, int top,
                                   int bottom, float fraction, float *vertical) {
    size_t plane_size = (size_t)grid_width * (size_t)grid_height;
    for (int plane = 0; plane < plane_count; plane++) {
        const float *upper = planes + (size_t)plane * plane_size + (size_t)top * (size_t)grid_width;
        const float *lower = planes + (size_t)plane * plane_size + (size_t)bottom * (size_t)grid_width;
        float *blended = vertical + (size_t)plane * (size_t)grid_width;
        for (int x = 0; x < grid_width; x++) {
            blended[x] = upper[x] + (lower[x] - upper[x]) * fraction;
        }
    }
}

BP_MULTIVERSION
void bp_blend_grid_rows(const float *planes, int plane_count, int grid_width, int grid_height, int top, int bottom,
                        float fraction, float *vertical) {
    blend_grid_rows(planes, plane_count, grid_width, grid_height, top, bottom, fraction, vertical);
}

/// One blended grid row sampled at full-resolution column `x`, between its two grid columns.
static inline float sample_column(const float *row, const int32_t *column_left, const int32_t *column_right,
                                  const float *column_weight, int x) {
    float left = row[column_left[x]];
    return left + (row[column_right[x]] - left) * column_weight[x];
}

void bp_sample_blended(const float *vertical, int plane_count, int grid_width, const int32_t *column_left,
                       const int32_t *column_right, const float *column_weight, int x, float *output) {
    for (int plane = 0; plane < plane_count; plane++) {
        output[plane] = sample_column(vertical + (size_t)plane * (size_t)grid_width, column_left, column_right,
                                      column_weight, x);
    }
}

/// The estimated foreground value (0…1) of one channel: blur-fusion's correction of the sampled estimates `f`
/// (foreground) and `b` (background) for the photo's sample and opacity `a`.
static inline float straight(uint8_t sample, float f, float b, float a) {
    float observed = (float)sample * (1.0f / 255.0f);
    return clamp01(f + a * (observed - a * f - (1 - a) * b));
}

/// The soft pixel `x` of a row: each channel's foreground estimate from the row's blended grid (six planes:
/// foreground R G B, background R G B), over the opaque backdrop (`channels` 3) or kept straight (`channels` 4).
static inline void compose_soft(const uint8_t *pixels, uint8_t alpha, const float *vertical, int grid_width,
                                const int32_t *column_left, const int32_t *column_right, const float *column_weight,
                                int x, const float *backdrop, int channels, uint8_t *output) {
    float a = (float)alpha * (1.0f / 255.0f);
    for (int channel = 0; channel < 3; channel++) {
        float f = sample_column(vertical + (size_t)channel * (size_t)grid_width, column_left, column_right,
                                column_weight, x);
        float b = sample_column(vertical + (size_t)(channel + 3) * (size_t)grid_width, column_left, column_right,
                                column_weight, x);
        float foreground = straight(pixels[x * 3 + channel], f, b, a);
        float value = channels == 3 ? a * 255 * foreground + (1 - a) * backdrop[channel] : 255 * foreground;
        output[x * channels + channel] = (uint8_t)(value + 0.5f);
    }
}

/// How many samples from `alphas[x]` on, up to `width`, equal `value`: sixteen at a time where SSE2 is there.
static inline int run_length(const uint8_t *alphas, int x, int width, uint8_t value) {
    int end = x;
#if defined(__SSE2__)
    __m128i wanted = _mm_set1_epi8((char)value);
    while (end + 16 <= width) {
        __m128i samples = _mm_loadu_si128((const __m128i *)(alphas + end));
        int differing = ~_mm_movemask_epi8(_mm_cmpeq_epi8(samples, wanted)) & 0xFFFF;
        if (differing) {
            return end + __builtin_ctz((unsigned)differing) - x;
        }
        end += 16;
    }
#endif
    while (end < width && alphas[end] == value) {
        end++;
    }
    return end - x;
}

/// `count` opaque pixels: the photo's colour, with alpha 255 in a cut-out's fourth channel. Nothing to do when the
/// output is the photo itself.
static inline void copy_opaque(const uint8_t *pixels, int count, int channels, uint8_t *output) {
    if (channels == 3) {
        if (output != pixels) {
            memcpy(output, pixels, (size_t)count * 3);
        }
        return;
    }
    for (int x = 0; x < count; x++) {
        output[x * 4] = pixels[x * 3];
        output[x * 4 + 1] = pixels[x * 3 + 1];
        output[x * 4 + 2] = pixels[x * 3 + 2];
        output[x * 4 + 3] = 255;
    }
}

/// `count` transparent pixels: the backdrop's three bytes `behind` over and over, or nothing at all in a cut-out.
/// The backdrop is written once for up to sixteen pixels, then copied from what is already written, doubling.
static inline void fill_transparent(int count, const uint8_t *behind, int channels, uint8_t *output) {
    size_t total = (size_t)count * (size_t)channels;
    if (channels == 4) {
        memset(output, 0, total);
        return;
    }
    size_t written = total < 48 ? total : 48;
    for (size_t index = 0; index < written; index++) {
        output[index] = behind[index % 3];
    }
    while (written < total) {
        size_t chunk = written < total - written ? written : total - written;
        memcpy(output + written, output, chunk);
        written += chunk;
    }
}

BP_MULTIVERSION
void bp_compose_rows(const uint8_t *pixels, const uint8_t *alphas, int width, int first_row, int last_row,
                     const float *planes, int grid_width, int grid_height, const int32_t *row_top,
                     const int32_t *row_bottom, const float *row_fraction, const int32_t *column_left,
                     const int32_t *column_right, const float *column_weight, const float *backdrop, int channels,
                     float *scratch, uint8_t *output) {
    uint8_t behind[3];
    for (int channel = 0; channel < 3; channel++) {
        behind[channel] = (uint8_t)(backdrop[channel] + 0.5f);
    }
    for (int y = first_row; y < last_row; y++) {
        const uint8_t *alpha = alphas + (size_t)y * (size_t)width;
        const uint8_t *photo = pixels + (size_t)y * (size_t)width * 3;
        uint8_t *target = output + (size_t)y * (size_t)width * (size_t)channels;
        int blended = 0;
        int x = 0;
        while (x < width) {
            if (alpha[x] == 255) {
                int count = run_length(alpha, x, width, 255);
                copy_opaque(photo + (size_t)x * 3, count, channels, target + (size_t)x * (size_t)channels);
                x += count;
                continue;
            }
            if (alpha[x] == 0) {
                int count = run_length(alpha, x, width, 0);
                fill_transparent(count, behind, channels, target + (size_t)x * (size_t)channels);
                x += count;
                continue;
            }
            if (!blended) {
                blend_grid_rows(planes, 6, grid_width, grid_height, row_top[y], row_bottom[y], row_fraction[y],
                                scratch);
                blended = 1;
            }
            compose_soft(photo, alpha[x], scratch, grid_width, column_left, column_right, column_weight, x, backdrop,
                         channels, target);
            if (channels == 4) {
                target[x * 4 + 3] = alpha[x];
            }
            x++;
        }
    }
}

/// `a · colour + b` of one pixel in the unknown region, from the row's blended coefficient planes.
static inline uint8_t refined_value(const uint8_t *pixel, const float *vertical, int grid_width,
                                    const int32_t *column_left, const int32_t *column_right,
                                    const float *column_weight, int x) {
    size_t plane = (size_t)grid_width;
    float red = sample_column(vertical, column_left, column_right, column_weight, x);
    float green = sample_column(vertical + plane, column_left, column_right, column_weight, x);
    float blue = sample_column(vertical + 2 * plane, column_left, column_right, column_weight, x);
    float offset = sample_column(vertical + 3 * plane, column_left, column_right, column_weight, x);
    float value = (red * (float)pixel[0] + green * (float)pixel[1] + blue * (float)pixel[2]) / 255 + offset;
    float scaled = value * 255;
    scaled = scaled < 0 ? 0 : scaled;
    scaled = scaled > 255 ? 255 : scaled;
    return (uint8_t)(scaled + 0.5f);
}

/// Columns `start ..< end` of a mask row outside the band: `sharpened[value]` for each, a run of 0 or of 255 (most
/// of any mask) filled at once.
static inline void sharpen_span(const uint8_t *mask, int start, int end, const uint8_t *sharpened, uint8_t *output) {
    int x = start;
    while (x < end) {
        uint8_t value = mask[x];
        if (value != 0 && value != 255) {
            output[x] = sharpened[value];
            x++;
            continue;
        }
        int count = run_length(mask, x, end, value);
        memset(output + x, sharpened[value], (size_t)count);
        x += count;
    }
}

BP_MULTIVERSION
void bp_refine_rows(const uint8_t *pixels, const uint8_t *mask, int width, int height, int first_row, int last_row,
                    const float *planes, int grid_width, int grid_height, const uint8_t *band, const int32_t *row_top,
                    const int32_t *row_bottom, const float *row_fraction, const int32_t *column_left,
                    const int32_t *column_right, const float *column_weight, const uint8_t *sharpened, float *scratch,
                    uint8_t *output) {
    for (int y = first_row; y < last_row; y++) {
        size_t row = (size_t)y * (size_t)width;
        int64_t grid_row = (int64_t)y * grid_height / height;
        const uint8_t *band_row = band + (size_t)(grid_row < grid_height - 1 ? grid_row : grid_height - 1) * (size_t)grid_width;
        int blended = 0;
        int column = 0;
        while (column < grid_width) {
            /* A run of grid columns all in the band or all outside it, and the full-resolution columns whose grid
               column is among them: x · grid_width / width == column. */
            int first_column = column;
            int in_band = band_row[column] != 0;
            while (column < grid_width && (band_row[column] != 0) == in_band) {
                column++;
            }
            int start = (int)(((int64_t)first_column * width + grid_width - 1) / grid_width);
            int end = (int)(((int64_t)column * width + grid_width - 1) / grid_width);
            if (!in_band) {
                sharpen_span(mask + row, start, end, sharpened, output + row);
                continue;
            }
            if (!blended) {
                blend_grid_rows(planes, 4, grid_width, grid_height, row_top[y], row_bottom[y], row_fraction[y], scratch);
                blended = 1;
            }
            for (int x = start; x < end; x++) {
                output[row + (size_t)x] = refined_value(pixels + (row + (size_t)x) * 3, scratch, grid_width, column_left,
                                                        column_right, column_weight, x);
            }
        }
    }
}
