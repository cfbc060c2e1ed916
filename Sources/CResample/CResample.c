#include "CResample.h"

#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#if defined(__x86_64__) && defined(__linux__)
#define BP_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define BP_MULTIVERSION
#endif

static inline uint8_t clip(int32_t sum) {
    int32_t shifted = sum >> BP_RESAMPLE_PRECISION_BITS;
    return shifted < 0 ? 0 : (shifted > 255 ? 255 : (uint8_t)shifted);
}

/// One output sample from the two halves of its dot product (the samples times the weights' high and low parts),
/// joined as Pillow's wrapping 32-bit sum with its rounding term.
static inline uint8_t joined(int32_t high, int32_t low) {
    uint32_t sum = (1u << (BP_RESAMPLE_PRECISION_BITS - 1)) + (uint32_t)high * (1u << BP_RESAMPLE_LOW_BITS) +
                   (uint32_t)low;
    return clip((int32_t)sum);
}

/// One row's samples, channel after channel, as 16-bit values `plane` apart.
static inline void deinterleave(const uint8_t *source, int width, int channels, size_t plane, int16_t *planes) {
    for (int x = 0; x < width; x++) {
        for (int channel = 0; channel < channels; channel++) {
            planes[(size_t)channel * plane + (size_t)x] = source[(size_t)x * (size_t)channels + (size_t)channel];
        }
    }
}

/// Zeroes the 16 values after each channel's samples, which the dot products read with zero weights.
static void clear_padding(int width, int channels, size_t plane, int16_t *planes) {
    for (int channel = 0; channel < channels; channel++) {
        memset(planes + (size_t)channel * plane + (size_t)width, 0, 16 * sizeof(int16_t));
    }
}

/// The horizontal pass one tap at a time, for processors without AVX2.
static void horizontal_portable(const uint8_t *input, int width, int channels, int first_row, int last_row,
                                const int32_t *starts, const int32_t *counts, const int16_t *weights_high,
                                const int16_t *weights_low, int weight_stride, int target_width, int16_t *planes,
                                uint8_t *output) {
    size_t plane = (size_t)width + 16;
    for (int row = first_row; row < last_row; row++) {
        deinterleave(input + (size_t)row * (size_t)width * (size_t)channels, width, channels, plane, planes);
        uint8_t *target = output + (size_t)row * (size_t)target_width * (size_t)channels;
        for (int x = 0; x < target_width; x++) {
            const int16_t *high = weights_high + (size_t)x * (size_t)weight_stride;
            const int16_t *low = weights_low + (size_t)x * (size_t)weight_stride;
            for (int channel = 0; channel < channels; channel++) {
                const int16_t *samples = planes + (size_t)channel * plane + (size_t)starts[x];
                int32_t high_sum = 0;
                int32_t low_sum = 0;
                for (int tap = 0; tap < counts[x]; tap++) {
                    high_sum += samples[tap] * high[tap];
                    low_sum += samples[tap] * low[tap];
                }
                target[(size_t)x * (size_t)channels + (size_t)channel] = joined(high_sum, low_sum);
            }
        }
    }
}

#if defined(__x86_64__)
/// The eight 32-bit lanes of `lanes` added up.
__attribute__((target("avx2"))) static inline int32_t lane_sum(__m256i lanes) {
    __m128i half = _mm_add_epi32(_mm256_castsi256_si128(lanes), _mm256_extracti128_si256(lanes, 1));
    half = _mm_add_epi32(half, _mm_shuffle_epi32(half, 0x4e));
    half = _mm_add_epi32(half, _mm_shuffle_epi32(half, 0xb1));
    return _mm_cvtsi128_si32(half);
}

/// The horizontal pass sixteen taps at a time: each block of samples multiplied by the weights' high and low parts
/// and added in pairs (`vpmaddwd`); the zero weights past a count cancel the samples read beyond it.
__attribute__((target("avx2"))) static void horizontal_avx2(const uint8_t *input, int width, int channels,
                                                             int first_row, int last_row, const int32_t *starts,
                                                             const int32_t *counts, const int16_t *weights_high,
                                                             const int16_t *weights_low, int weight_stride,
                                                             int target_width, int16_t *planes, uint8_t *output) {
    size_t plane = (size_t)width + 16;
    for (int row = first_row; row < last_row; row++) {
        deinterleave(input + (size_t)row * (size_t)width * (size_t)channels, width, channels, plane, planes);
        uint8_t *target = output + (size_t)row * (size_t)target_width * (size_t)channels;
        for (int x = 0; x < target_width; x++) {
            const int16_t *high = weights_high + (size_t)x * (size_t)weight_stride;
            const int16_t *low = weights_low + (size_t)x * (size_t)weight_stride;
            for (int channel = 0; channel < channels; channel++) {
                const int16_t *samples = planes + (size_t)channel * plane + (size_t)starts[x];
                __m256i high_sums = _mm256_setzero_si256();
                __m256i low_sums = _mm256_setzero_si256();
                for (int tap = 0; tap < counts[x]; tap += 16) {
                    __m256i block = _mm256_loadu_si256((const __m256i *)(samples + tap));
                    high_sums = _mm256_add_epi32(
                        high_sums, _mm256_madd_epi16(block, _mm256_loadu_si256((const __m256i *)(high + tap))));
                    low_sums = _mm256_add_epi32(
                        low_sums, _mm256_madd_epi16(block, _mm256_loadu_si256((const __m256i *)(low + tap))));
                }
                target[(size_t)x * (size_t)channels + (size_t)channel] =
                    joined(lane_sum(high_sums), lane_sum(low_sums));
            }
        }
    }
}

/// One row of three interleaved channels as three 16-bit planes `plane` apart: the fixed stride of three lets the
/// compiler turn the loop into vector shuffles.
__attribute__((target("avx2"))) static void deinterleave_rgb(const uint8_t *source, int width, size_t plane,
                                                              int16_t *planes) {
    int16_t *red = planes;
    int16_t *green = planes + plane;
    int16_t *blue = planes + 2 * plane;
    for (int x = 0; x < width; x++) {
        red[x] = source[3 * x];
        green[x] = source[3 * x + 1];
        blue[x] = source[3 * x + 2];
    }
}

/// `horizontal_avx2` for three channels: each block of weights is loaded once for the three channels, each
/// channel's high and low sums are joined lane by lane (`high · 2^11 + low`, the same integer modulo 2^32 as
/// joining the totals), and the three joined vectors are added up together, rounded, shifted and clipped in one
/// go.
__attribute__((target("avx2"))) static void horizontal_avx2_rgb(const uint8_t *input, int width, int first_row,
                                                                 int last_row, const int32_t *starts,
                                                                 const int32_t *counts, const int16_t *weights_high,
                                                                 const int16_t *weights_low, int weight_stride,
                                                                 int target_width, int16_t *planes,
                                                                 uint8_t *output) {
    size_t plane = (size_t)width + 16;
    const __m128i rounding = _mm_set1_epi32(1 << (BP_RESAMPLE_PRECISION_BITS - 1));
    for (int row = first_row; row < last_row; row++) {
        deinterleave_rgb(input + (size_t)row * (size_t)width * 3, width, plane, planes);
        uint8_t *target = output + (size_t)row * (size_t)target_width * 3;
        for (int x = 0; x < target_width; x++) {
            const int16_t *high = weights_high + (size_t)x * (size_t)weight_stride;
            const int16_t *low = weights_low + (size_t)x * (size_t)weight_stride;
            const int16_t *red = planes + (size_t)starts[x];
            const int16_t *green = red + plane;
            const int16_t *blue = green + plane;
            __m256i red_high = _mm256_setzero_si256(), red_low = _mm256_setzero_si256();
            __m256i green_high = _mm256_setzero_si256(), green_low = _mm256_setzero_si256();
            __m256i blue_high = _mm256_setzero_si256(), blue_low = _mm256_setzero_si256();
            for (int tap = 0; tap < counts[x]; tap += 16) {
                __m256i upper = _mm256_loadu_si256((const __m256i *)(high + tap));
                __m256i lower = _mm256_loadu_si256((const __m256i *)(low + tap));
                __m256i block = _mm256_loadu_si256((const __m256i *)(red + tap));
                red_high = _mm256_add_epi32(red_high, _mm256_madd_epi16(block, upper));
                red_low = _mm256_add_epi32(red_low, _mm256_madd_epi16(block, lower));
                block = _mm256_loadu_si256((const __m256i *)(green + tap));
                green_high = _mm256_add_epi32(green_high, _mm256_madd_epi16(block, upper));
                green_low = _mm256_add_epi32(green_low, _mm256_madd_epi16(block, lower));
                block = _mm256_loadu_si256((const __m256i *)(blue + tap));
                blue_high = _mm256_add_epi32(blue_high, _mm256_madd_epi16(block, upper));
                blue_low = _mm256_add_epi32(blue_low, _mm256_madd_epi16(block, lower));
            }
            __m256i red_sum = _mm256_add_epi32(_mm256_slli_epi32(red_high, BP_RESAMPLE_LOW_BITS), red_low);
            __m256i green_sum = _mm256_add_epi32(_mm256_slli_epi32(green_high, BP_RESAMPLE_LOW_BITS), green_low);
            __m256i blue_sum = _mm256_add_epi32(_mm256_slli_epi32(blue_high, BP_RESAMPLE_LOW_BITS), blue_low);
            __m256i pairs =
                _mm256_hadd_epi32(_mm256_hadd_epi32(red_sum, green_sum), _mm256_hadd_epi32(blue_sum, blue_sum));
            __m128i sums = _mm_add_epi32(_mm256_castsi256_si128(pairs), _mm256_extracti128_si256(pairs, 1));
            __m128i shifted = _mm_srai_epi32(_mm_add_epi32(sums, rounding), BP_RESAMPLE_PRECISION_BITS);
            __m128i bytes = _mm_packus_epi16(_mm_packs_epi32(shifted, shifted), _mm_setzero_si128());
            uint32_t packed = (uint32_t)_mm_cvtsi128_si32(bytes);
            target[(size_t)x * 3] = (uint8_t)packed;
            target[(size_t)x * 3 + 1] = (uint8_t)(packed >> 8);
            target[(size_t)x * 3 + 2] = (uint8_t)(packed >> 16);
        }
    }
}
#endif

/// Whether the horizontal pass may take its AVX2 loops (`bp_resample_allow_vector_loops`).
static atomic_int vector_loops_allowed = 1;

void bp_resample_allow_vector_loops(int allowed) { atomic_store(&vector_loops_allowed, allowed != 0); }

void bp_resample_horizontal(const uint8_t *input, int width, int channels, int first_row, int last_row,
                            const int32_t *starts, const int32_t *counts, const int16_t *weights_high,
                            const int16_t *weights_low, int weight_stride, int target_width, int16_t *planes,
                            uint8_t *output) {
    clear_padding(width, channels, (size_t)width + 16, planes);
#if defined(__x86_64__)
    int vector = atomic_load(&vector_loops_allowed) && __builtin_cpu_supports("avx2");
    if (vector && channels == 3) {
        horizontal_avx2_rgb(input, width, first_row, last_row, starts, counts, weights_high, weights_low,
                            weight_stride, target_width, planes, output);
        return;
    }
    if (vector) {
        horizontal_avx2(input, width, channels, first_row, last_row, starts, counts, weights_high, weights_low,
                        weight_stride, target_width, planes, output);
        return;
    }
#endif
    horizontal_portable(input, width, channels, first_row, last_row, starts, counts, weights_high, weights_low,
                        weight_stride, target_width, planes, output);
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
