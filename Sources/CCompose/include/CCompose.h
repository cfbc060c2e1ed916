#ifndef BOOKPLATE_CCOMPOSE_H
#define BOOKPLATE_CCOMPOSE_H

#include <stdint.h>

#include "CBlockSums.h"
#include "CSoftPixelMedian.h"
#include "CStencilProduct.h"
#include "CSubjectSums.h"

/// Composes rows `first_row ..< last_row` of a `width`-pixel-wide photo: for each pixel, with opacity `α` from
/// `alphas`, the estimated foreground colour `F = F̄ + α (I − α F̄ − (1 − α) B̄)` (clamped to 0…1) where `F̄` and `B̄`
/// are sampled bilinearly from `planes` (six `grid_width × grid_height` planes: foreground R G B, background R G B),
/// then either `α·255·F + (1 − α)·backdrop` into 3-channel `output` (`channels` 3, `backdrop` three values 0…255) or
/// straight `255·F` with `α` into 4-channel `output` (`channels` 4, colour 0 where `α` is 0). Grid rows and columns
/// around each full-resolution row and column come from `row_top`/`row_bottom`/`row_fraction` and
/// `column_left`/`column_right`/`column_weight`. `scratch` holds `6 × grid_width` floats. Opaque pixels keep the
/// photo's bytes and transparent ones the backdrop's exactly; only soft pixels are estimated. With `channels` 3,
/// `output` may be `pixels` itself: each pixel is read before it is written, and no other pixel is read. Built for
/// AVX2 as well as the baseline on x86-64, chosen at load time, with floating-point contraction off so both give the
/// same bytes.
void bp_compose_rows(const uint8_t *pixels, const uint8_t *alphas, int width, int first_row, int last_row,
                     const float *planes, int grid_width, int grid_height, const int32_t *row_top,
                     const int32_t *row_bottom, const float *row_fraction, const int32_t *column_left,
                     const int32_t *column_right, const float *column_weight, const float *backdrop, int channels,
                     float *scratch, uint8_t *output);

/// Blends grid rows `top` and `bottom` of `plane_count` planes of a `grid_width × grid_height` grid (stored plane
/// after plane) by `fraction` into `vertical` (`plane_count × grid_width` floats): the first half of the bilinear
/// sampling `bp_compose_rows` applies to its six planes (the second is `bp_sample_blended`). Built like it for AVX2
/// and the baseline.
void bp_blend_grid_rows(const float *planes, int plane_count, int grid_width, int grid_height, int top, int bottom,
                        float fraction, float *vertical);

/// The second half of that sampling at full-resolution column `x`: each of the `plane_count` rows `bp_blend_grid_rows`
/// blended into `vertical`, taken between grid columns `column_left[x]` and `column_right[x]` by `column_weight[x]`,
/// into `output` (`plane_count` floats). The one expression `bp_compose_rows` uses for its soft pixels.
void bp_sample_blended(const float *vertical, int plane_count, int grid_width, const int32_t *column_left,
                       const int32_t *column_right, const float *column_weight, int x, float *output);

/// Rows `first_row ..< last_row` of a refined `width × height` mask (`EdgeRefinement`'s last full-resolution step).
/// Where the grid cell under a pixel is in `band` (`grid_width × grid_height` flags, non-zero for the trimap's
/// unknown region; full-resolution row `y` and column `x` fall in grid row `min(grid_height − 1, y · grid_height /
/// height)` and column `min(grid_width − 1, x · grid_width / width)`), the value is `a · colour + b` with the
/// colour from 3-channel `pixels` and `a`, `b` sampled bilinearly from `planes` (four grid planes: a R, a G, a B,
/// b), as `bp_blend_grid_rows` and `bp_sample_blended` sample them; elsewhere it is `sharpened[mask value]`.
/// `scratch` holds `4 × grid_width` floats.
void bp_refine_rows(const uint8_t *pixels, const uint8_t *mask, int width, int height, int first_row, int last_row,
                    const float *planes, int grid_width, int grid_height, const uint8_t *band, const int32_t *row_top,
                    const int32_t *row_bottom, const float *row_fraction, const int32_t *column_left,
                    const int32_t *column_right, const float *column_weight, const uint8_t *sharpened, float *scratch,
                    uint8_t *output);

#endif
