#ifndef BOOKPLATE_CBLOCKSUMS_H
#define BOOKPLATE_CBLOCKSUMS_H

#include <stddef.h>
#include <stdint.h>

/// Sets `sums[i]` to the sum of sample `i` of `rows` consecutive rows of 8-bit samples, the first at `source`, each
/// `row_stride` samples after the last, for `i` in `0 ..< samples`: the column sums of one row of blocks, the first
/// step of a shrinking by a whole factor. Exact for any `rows` (16-bit partial sums over at most 257 rows, a cache-
/// sized stretch of columns at a time). Built for AVX2 as well as the baseline on x86-64, chosen at load time.
void bp_block_column_sums(const uint8_t *source, size_t row_stride, int rows, int samples, uint32_t *sums);

#endif
