#ifndef BOOKPLATE_CSOFTPIXELMEDIAN_H
#define BOOKPLATE_CSOFTPIXELMEDIAN_H

#include <stdint.h>

/// Rows `first_row ..< last_row` of `SoftPixelMedian`'s filter of a `width × height` mask, from `source` into
/// `output` (distinct buffers of the same size): a pixel at 0 or 255 is copied; a soft one (strictly between) takes
/// the median of the five medians of the 5-pixel rows around it (rows and columns clamped to the mask). Runs of
/// 32 pixels with no soft pixel are copied without work; the others are filtered 32 at a time by a branch-free
/// min/max network the compiler turns into vector instructions (AVX2 as well as the baseline on x86-64).
void bp_soft_median_rows(const uint8_t *source, uint8_t *output, int width, int height, int first_row, int last_row);

#endif
