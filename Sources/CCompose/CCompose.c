#include "CCompose.h"

#include <stddef.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__linux__)
#define BP_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define BP_MULTIVERSION
#endif

static inline float clamp01(float value) { return value < 0 ? 0 : (value > 1 ? 1 : value); }

/// Bilinear sampling of `plane_count` grid planes along one full-resolution row: grid rows `top` and `bottom`
/// blended by `fraction` into `vertical`, then each column blended between its two grid columns into `output`.
static inline void sample_grid_row(const float *planes, int plane_count, int grid_width, int grid_height, int top,
                                   int bottom, float fraction, const int32_t *column_left,
                                   const int32_t *column_right, const float *column_weight, int width,
                                   float *vertical, float *output) {
    size_t plane_size = (size_t)grid_width * (size_t)grid_height;
    for (int plane = 0; plane < plane_count; plane++) {
        const float *upper = planes + (size_t)plane * plane_size + (size_t)top * (size_t)grid_width;
        const float *lower = planes + (size_t)plane * plane_size + (size_t)bottom * (size_t)grid_width;
        float *blended = vertical + (size_t)plane * (size_t)grid_width;
        for (int x = 0; x < grid_width; x++) {
            blended[x] = upper[x] + (lower[x] - upper[x]) * fraction;
        }
    }
    for (int plane = 0; plane < plane_count; plane++) {
        const float *row = vertical + (size_t)plane * (size_t)grid_width;
        float *into = output + (size_t)plane * (size_t)width;
        for (int x = 0; x < width; x++) {
            float left = row[column_left[x]];
            into[x] = left + (row[column_right[x]] - left) * column_weight[x];
        }
    }
}

BP_MULTIVERSION
void bp_sample_grid_row(const float *planes, int plane_count, int grid_width, int grid_height, int top, int bottom,
                        float fraction, const int32_t *column_left, const int32_t *column_right,
                        const float *column_weight, int width, float *vertical, float *output) {
    sample_grid_row(planes, plane_count, grid_width, grid_height, top, bottom, fraction, column_left, column_right,
                    column_weight, width, vertical, output);
}

/// The estimated foreground value (0…1) of one channel of pixel `x`: blur-fusion's correction of the interpolated
/// estimates in `estimate` (six planes, each `width` long) for the photo's value and opacity `a`.
static inline float straight(const uint8_t *pixels, const float *estimate, int width, int x, int channel, float a) {
    float observed = (float)pixels[x * 3 + channel] * (1.0f / 255.0f);
    float f = estimate[channel * width + x];
    float b = estimate[(channel + 3) * width + x];
    return clamp01(f + a * (observed - a * f - (1 - a) * b));
}

/// One row over an opaque backdrop.
static inline void compose_opaque(const uint8_t *pixels, const uint8_t *alphas, int width, const float *estimate,
                                  const float *backdrop, uint8_t *output) {
    for (int x = 0; x < width; x++) {
        float a = (float)alphas[x] * (1.0f / 255.0f);
        for (int channel = 0; channel < 3; channel++) {
            float value = a * 255 * straight(pixels, estimate, width, x, channel, a) + (1 - a) * backdrop[channel];
            output[x * 3 + channel] = (uint8_t)(value + 0.5f);
        }
    }
}

/// One row as a straight-colour cut-out.
static inline void compose_cutout(const uint8_t *pixels, const uint8_t *alphas, int width, const float *estimate,
                                  uint8_t *output) {
    for (int x = 0; x < width; x++) {
        float a = (float)alphas[x] * (1.0f / 255.0f);
        for (int channel = 0; channel < 3; channel++) {
            float value = 255 * straight(pixels, estimate, width, x, channel, a);
            output[x * 4 + channel] = alphas[x] == 0 ? 0 : (uint8_t)(value + 0.5f);
        }
        output[x * 4 + 3] = alphas[x];
    }
}

/// One row without soft pixels: the photo where opaque, the backdrop (or nothing) where transparent.
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
    float *vertical = scratch;
    float *estimate = scratch + 6 * (size_t)grid_width;
    for (int y = first_row; y < last_row; y++) {
        const uint8_t *alpha = alphas + (size_t)y * (size_t)width;
        const uint8_t *photo = pixels + (size_t)y * (size_t)width * 3;
        uint8_t *target = output + (size_t)y * (size_t)width * (size_t)channels;
        int soft = 0;
        for (int x = 0; x < width; x++) {
            soft |= alpha[x] != 0 && alpha[x] != 255;
        }
        if (!soft) {
            copy_hard(photo, alpha, width, backdrop, channels, target);
            continue;
        }
        sample_grid_row(planes, 6, grid_width, grid_height, row_top[y], row_bottom[y], row_fraction[y], column_left,
                        column_right, column_weight, width, vertical, estimate);
        if (channels == 3) {
            compose_opaque(photo, alpha, width, estimate, backdrop, target);
        } else {
            compose_cutout(photo, alpha, width, estimate, target);
        }
    }
}
