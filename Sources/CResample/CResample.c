#include "CResample.h"

#include <stddef.h>

#if defined(__x86_64__) && defined(__linux__)
#define BP_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define BP_MULTIVERSION
#endif

static inline uint8_t clip(int32_t sum) {
    int32_t shifted = sum >> BP_RESAMPLE_PRECISION_BITS;
    return shifted < 0 ? 0 : (shifted > 255 ? 255 : (uint8_t)shifted);
}

/// One output sample: the wrapping 32-bit dot product of `count` samples and weights, plus the rounding term.
static inline int32_t dot(const int32_t *samples, const int32_t *taps, int count) {
    uint32_t sum = 1u << (BP_RESAMPLE_PRECISION_BITS - 1);
    for (int tap = 0; tap < count; tap++) {
        sum += (uint32_t)samples[tap] * (uint32_t)taps[tap];
    }
    return (int32_t)sum;
}

BP_MULTIVERSION
void bp_resample_horizontal(const uint8_t *input, int width, int channels, int first_row, int last_row,
                            const int32_t *starts, const int32_t *counts, const int32_t *weights, int weight_stride,
                            int target_width, int32_t *planes, uint8_t *output) {
    for (int row = first_row; row < last_row; row++) {
        const uint8_t *source = input + (size_t)row * (size_t)width * (size_t)channels;
        for (int x = 0; x < width; x++) {
            for (int channel = 0; channel < channels; channel++) {
                planes[(size_t)channel * (size_t)width + (size_t)x] = source[(size_t)x * (size_t)channels + (size_t)channel];
            }
        }
        uint8_t *target = output + (size_t)row * (size_t)target_width * (size_t)channels;
        for (int x = 0; x < target_width; x++) {
            const int32_t *taps = weights + (size_t)x * (size_t)weight_stride;
            for (int channel = 0; channel < channels; channel++) {
                const int32_t *samples = planes + (size_t)channel * (size_t)width + (size_t)starts[x];
                target[(size_t)x * (size_t)channels + (size_t)channel] = clip(dot(samples, taps, counts[x]));
            }
        }
    }
}

BP_MULTIVERSION
void bp_resample_vertical(const uint8_t *input, int row_length, int first_row, int last_row, const int32_t *starts,
                          const int32_t *counts, const int32_t *weights, int weight_stride, uint32_t *sums,
                          uint8_t *output) {
    for (int y = first_row; y < last_row; y++) {
        for (int index = 0; index < row_length; index++) {
            sums[index] = 1u << (BP_RESAMPLE_PRECISION_BITS - 1);
        }
        const int32_t *taps = weights + (size_t)y * (size_t)weight_stride;
        for (int tap = 0; tap < counts[y]; tap++) {
            uint32_t weight = (uint32_t)taps[tap];
            const uint8_t *source = input + (size_t)(starts[y] + tap) * (size_t)row_length;
            for (int index = 0; index < row_length; index++) {
                sums[index] += (uint32_t)source[index] * weight;
            }
        }
        uint8_t *target = output + (size_t)y * (size_t)row_length;
        for (int index = 0; index < row_length; index++) {
            target[index] = clip((int32_t)sums[index]);
        }
    }
}
