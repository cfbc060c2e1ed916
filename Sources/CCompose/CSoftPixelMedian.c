#include "CSoftPixelMedian.h"

#include "Multiversion.h"

#include <stddef.h>
#include <string.h>

enum { chunk = 32 };

static inline uint8_t low(uint8_t a, uint8_t b) { return a < b ? a : b; }
static inline uint8_t high(uint8_t a, uint8_t b) { return a < b ? b : a; }

/// The median of five without branches: of the two pairs (a, b) and (c, d), the larger of their minima and the
/// smaller of their maxima bound the median, which is then the median of those two and e.
static inline uint8_t median_of_five(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e) {
    uint8_t lower = high(low(a, b), low(c, d));
    uint8_t upper = low(high(a, b), high(c, d));
    return high(low(e, lower), low(high(e, lower), upper));
}

static inline int is_soft(uint8_t value) { return value != 0 && value != 255; }

/// The filtered value of pixel `x` with its columns clamped, for the few pixels near the left and right edges.
static uint8_t clamped_median(const uint8_t *const rows[5], int width, int x) {
    int columns[5];
    for (int offset = -2; offset <= 2; offset++) {
        int column = x + offset;
        columns[offset + 2] = column < 0 ? 0 : (column >= width ? width - 1 : column);
    }
    uint8_t medians[5];
    for (int row = 0; row < 5; row++) {
        const uint8_t *r = rows[row];
        medians[row] = median_of_five(r[columns[0]], r[columns[1]], r[columns[2]], r[columns[3]], r[columns[4]]);
    }
    return median_of_five(medians[0], medians[1], medians[2], medians[3], medians[4]);
}

/// Pixels `start ..< start + chunk` of a row, at least two columns from either edge: every pixel's median is
/// computed, and kept where the pixel was soft.
static inline void filter_chunk(const uint8_t *const rows[5], const uint8_t *centre, uint8_t *output, int start) {
    uint8_t medians[5][chunk];
    for (int row = 0; row < 5; row++) {
        const uint8_t *r = rows[row] + start;
        for (int i = 0; i < chunk; i++) {
            medians[row][i] = median_of_five(r[i - 2], r[i - 1], r[i], r[i + 1], r[i + 2]);
        }
    }
    for (int i = 0; i < chunk; i++) {
        uint8_t value = centre[start + i];
        uint8_t median = median_of_five(medians[0][i], medians[1][i], medians[2][i], medians[3][i], medians[4][i]);
        output[start + i] = is_soft(value) ? median : value;
    }
}

/// Whether any of `chunk` pixels from `pixels` is soft.
static inline int any_soft(const uint8_t *pixels) {
    int found = 0;
    for (int i = 0; i < chunk; i++) found |= is_soft(pixels[i]);
    return found;
}

BP_MULTIVERSION
void bp_soft_median_rows(const uint8_t *source, uint8_t *output, int width, int height, int first_row, int last_row) {
    for (int y = first_row; y < last_row; y++) {
        const uint8_t *rows[5];
        for (int offset = -2; offset <= 2; offset++) {
            int row = y + offset;
            row = row < 0 ? 0 : (row >= height ? height - 1 : row);
            rows[offset + 2] = source + (size_t)row * (size_t)width;
        }
        const uint8_t *centre = rows[2];
        uint8_t *out = output + (size_t)y * (size_t)width;
        memcpy(out, centre, (size_t)width);
        int x = 0;
        for (; x < width && x < 2; x++) {
            if (is_soft(centre[x])) out[x] = clamped_median(rows, width, x);
        }
        for (; x + chunk <= width - 2; x += chunk) {
            if (any_soft(centre + x)) filter_chunk(rows, centre, out, x);
        }
        for (; x < width; x++) {
            if (is_soft(centre[x])) out[x] = clamped_median(rows, width, x);
        }
    }
}
