#include "CBlockSums.h"

#include "Multiversion.h"

/// Columns summed at a time: their 16-bit partial sums (4 KiB) and the rows' stretches stay in the first-level cache.
enum { stretch = 2048 };

/// Rows whose samples a 16-bit sum always holds: 257 × 255 = 65,535.
enum { rows_per_partial = 257 };

BP_MULTIVERSION
void bp_block_column_sums(const uint8_t *source, size_t row_stride, int rows, int samples, uint32_t *sums) {
    uint16_t partial[stretch];
    for (int start = 0; start < samples; start += stretch) {
        int count = samples - start < stretch ? samples - start : stretch;
        for (int index = 0; index < count; index++) {
            sums[start + index] = 0;
        }
        for (int first = 0; first < rows; first += rows_per_partial) {
            int last = rows - first < rows_per_partial ? rows : first + rows_per_partial;
            for (int index = 0; index < count; index++) {
                partial[index] = 0;
            }
            for (int row = first; row < last; row++) {
                const uint8_t *line = source + (size_t)row * row_stride + start;
                for (int index = 0; index < count; index++) {
                    partial[index] = (uint16_t)(partial[index] + line[index]);
                }
            }
            for (int index = 0; index < count; index++) {
                sums[start + index] += partial[index];
            }
        }
    }
}
