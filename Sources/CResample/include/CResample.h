#ifndef BOOKPLATE_CRESAMPLE_H
#define BOOKPLATE_CRESAMPLE_H

#include <stdint.h>

/// Fractional bits of the fixed-point kernel weights: callers scale their weights by `1 << BP_RESAMPLE_PRECISION_BITS`
/// and the passes shift their sums back by the same amount (22, as in Pillow).
#define BP_RESAMPLE_PRECISION_BITS 22

/// The two passes of Pillow's fixed-point resampling (22 fractional bits, rounding, clipping to 0…255), for a band
/// of rows so that callers can spread a picture over threads. Kernels are given per output position: the first
/// input index `starts[i]`, the tap count `counts[i]` and the weights `weights[i * weight_stride …]`.
/// The vertical pass is built for AVX2 as well as the baseline on x86-64 and chosen at load time; the horizontal
/// pass, most of the cost of shrinking a 12-megapixel photo to the model's 320 × 320, picks its AVX2 loop at run time.

/// Bits of a weight's low part in the horizontal pass's split weights (see `bp_resample_horizontal`).
#define BP_RESAMPLE_LOW_BITS 11

/// Horizontal pass: rows `first_row ..< last_row` of `input` (`width` pixels of `channels` interleaved samples) into
/// the same rows of `output` (`target_width` pixels). Each weight comes split as `high · 2^11 + low` with `low` in
/// 0…2047 (`weights_high[i * weight_stride …]`, `weights_low[…]`; `weight_stride` a multiple of 16 and the weights
/// past each count zero), so that the dot products run on 16-bit samples, sixteen taps at a time with AVX2's
/// multiply-add of pairs where the processor has it (for three channels, each block of weights loaded once for all
/// three): the sums are the same integers modulo 2^32 as Pillow's 32-bit ones, so the bytes are Pillow's. `planes`
/// is scratch for `channels × (width + 16)` 16-bit values.
void bp_resample_horizontal(const uint8_t *input, int width, int channels, int first_row, int last_row,
                            const int32_t *starts, const int32_t *counts, const int16_t *weights_high,
                            const int16_t *weights_low, int weight_stride, int target_width, int16_t *planes,
                            uint8_t *output);

/// Lets the horizontal pass take its AVX2 loops where the processor has them (the default, non-zero) or keeps it to
/// the plain loop every processor runs (zero), for any call from then on: the bytes are the same either way, so the
/// tests use it to run the plain loop on machines that have AVX2.
void bp_resample_allow_vector_loops(int allowed);

/// Vertical pass: output rows `first_row ..< last_row`, each `row_length` samples, from the rows of `input`;
/// `sums` is scratch for `row_length` values.
void bp_resample_vertical(const uint8_t *input, int row_length, int first_row, int last_row, const int32_t *starts,
                          const int32_t *counts, const int32_t *weights, int weight_stride, uint32_t *sums,
                          uint8_t *output);

#endif
