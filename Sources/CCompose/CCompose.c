#include "CCompose.h"

#include <stddef.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__linux__)
#define BP_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define BP_MULTIVERSION
#endif

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

/// One row as if it had no soft pixels: the photo where opaque, the backdrop (or nothing) elsewhere, and the alpha
/// itself in a cut-out's fourth channel.
static inline void copy_hard(const uint8_t *pixels, const uint8_t *alphas, int width, const float *backdrop,
                             int channels, uint8_t *output) {
    for (int x = 0; x < width; x++) {
        int opaque = alphas[x] == 255;
        for (int channel = 0; channel < 3; channel++) {
            uint8_t behind = channels == 3 ? (uint8_t)(backdrop[channel] + 0.5f) : 0;
            output[x * channels + channel] = opaque ? pixels[x * 3 + channel] : behind;
        }
        if (channels == 4) {
            output[x * 4 + 3] = alphas[x];
        }
    }
}

BP_MULTIVERSION
void bp_compose_rows(const uint8_t *pixels, const uint8_t *alphas, int width, int first_row, int last_row,
                     const float *planes, int grid_width, int grid_height, const int32_t *row_top,
                     const int32_t *row_bottom, const float *row_fraction, const int32_t *column_left,
                     const int32_t *column_right, const float *column_weight, const float *backdrop, int channels,
                     float *scratch, uint8_t *output) {
    for (int y = first_row; y < last_row; y++) {
        const uint8_t *alpha = alphas + (size_t)y * (size_t)width;
        const uint8_t *photo = pixels + (size_t)y * (size_t)width * 3;
        uint8_t *target = output + (size_t)y * (size_t)width * (size_t)channels;
        copy_hard(photo, alpha, width, backdrop, channels, target);
        int blended = 0;
        for (int x = 0; x < width; x++) {
            if (alpha[x] == 0 || alpha[x] == 255) {
                continue;
            }
            if (!blended) {
                blend_grid_rows(planes, 6, grid_width, grid_height, row_top[y], row_bottom[y], row_fraction[y],
                                scratch);
                blended = 1;
            }
            compose_soft(photo, alpha[x], scratch, grid_width, column_left, column_right, column_weight, x, backdrop,
                         channels, target);
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
        for (int column = 0; column < grid_width; column++) {
            /* Full-resolution columns whose grid column is `column`: x · grid_width / width == column. */
            int start = (int)(((int64_t)column * width + grid_width - 1) / grid_width);
            int end = column == grid_width - 1 ? width : (int)(((int64_t)(column + 1) * width + grid_width - 1) / grid_width);
            if (!band_row[column]) {
                for (int x = start; x < end; x++) output[row + (size_t)x] = sharpened[mask[row + (size_t)x]];
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
