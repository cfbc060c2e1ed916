#ifndef BOOKPLATE_CRESAMPLE_H
#define BOOKPLATE_CRESAMPLE_H

#include <stdint.h>

/// Fractional bits of the fixed-point kernel weights: callers scale their weights by `1 << BP_RESAMPLE_PRECISION_BITS`
/// and the passes shift their sums back by the same amount (22, as in Pillow).
#define BP_RESAMPLE_PRECISION_BITS 22

/// The two passes of Pillow's fixed-point resampling (22 fractional bits, rounding, clipping to 0…255), for a band
/// of rows so that callers can spread a picture over threads. Kernels are given per output position: the first
/// input index `starts[i]`, the tap count `counts[i]` and the weights `weights[i * weight_stride …]`.
/// Built for AVX2 as well as the baseline on x86-64 and chosen at load time, since the dot products are most of the
/// cost of shrinking a 12-megapixel photo to the model's 320 × 320.

/// Horizontal pass: rows `first_row ..< last_row` of `input` (`width` pixels of `channels` interleaved samples) into
/// the same rows of `output` (`target_width` pixels); `planes` is scratch for `width × channels` values.
void bp_resample_horizontal(const uint8_t *input, int width, int channels, int first_row, int last_row,
                            const int32_t *starts, const int32_t *counts, const int32_t *weights, int weight_stride,
                            int target_width, int32_t *planes, uint8_t *output);

/// Vertical pass: output rows `first_row ..< last_row`, each `row_length` samples, from the rows of `input`;
/// `sums` is scratch for `row_length` values.
void bp_resample_vertical(const uint8_t *input, int row_length, int first_row, int last_row, const int32_t *starts,
                          const int32_t *counts, const int32_t *weights, int weight_stride, uint32_t *sums,
                          uint8_t *output);

#endif
