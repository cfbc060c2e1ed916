#ifndef BOOKPLATE_CCOMPOSE_H
#define BOOKPLATE_CCOMPOSE_H

#include <stdint.h>

/// Composes rows `first_row ..< last_row` of a `width`-pixel-wide photo: for each pixel, with opacity `α` from
/// `alphas`, the estimated foreground colour `F = F̄ + α (I − α F̄ − (1 − α) B̄)` (clamped to 0…1) where `F̄` and `B̄`
/// are sampled bilinearly from `planes` (six `grid_width × grid_height` planes: foreground R G B, background R G B),
/// then either `α·255·F + (1 − α)·backdrop` into 3-channel `output` (`channels` 3, `backdrop` three values 0…255) or
/// straight `255·F` with `α` into 4-channel `output` (`channels` 4, colour 0 where `α` is 0). Grid rows and columns
/// around each full-resolution row and column come from `row_top`/`row_bottom`/`row_fraction` and
/// `column_left`/`column_right`/`column_weight`. `scratch` holds `6 × (grid_width + width)` floats.
/// Opaque pixels keep the photo's bytes and transparent ones the backdrop's exactly. Built for AVX2 as well as the
/// baseline on x86-64, chosen at load time, with floating-point contraction off so both give the same bytes.
void bp_compose_rows(const uint8_t *pixels, const uint8_t *alphas, int width, int first_row, int last_row,
                     const float *planes, int grid_width, int grid_height, const int32_t *row_top,
                     const int32_t *row_bottom, const float *row_fraction, const int32_t *column_left,
                     const int32_t *column_right, const float *column_weight, const float *backdrop, int channels,
                     float *scratch, uint8_t *output);

/// Samples `plane_count` planes of a `grid_width × grid_height` grid (stored plane after plane) bilinearly along
/// one full-resolution row of `width` pixels: grid rows `top` and `bottom` are blended by `fraction` into `vertical`
/// (`plane_count × grid_width` floats), then each column `x` between grid columns `column_left[x]` and
/// `column_right[x]` by `column_weight[x]` into `output` (`plane_count × width` floats, plane after plane). The same
/// sampling `bp_compose_rows` applies to its six planes; built like it for AVX2 and the baseline.
void bp_sample_grid_row(const float *planes, int plane_count, int grid_width, int grid_height, int top, int bottom,
                        float fraction, const int32_t *column_left, const int32_t *column_right,
                        const float *column_weight, int width, float *vertical, float *output);

#endif
