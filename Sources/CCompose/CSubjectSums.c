#include "CSubjectSums.h"

#include "Multiversion.h"

/// Pixels summed into 32-bit totals before they are added to the 64-bit ones: 65,536 × 255 fits.
enum { span = 65536 };

BP_MULTIVERSION
void bp_subject_row_sums(const uint8_t *pixels, const uint8_t *alphas, int width, uint64_t sums[4]) {
    for (int start = 0; start < width; start += span) {
        int end = width - start < span ? width : start + span;
        uint32_t red = 0;
        uint32_t green = 0;
        uint32_t blue = 0;
        uint32_t count = 0;
        for (int x = start; x < end; x++) {
            uint32_t opaque = alphas[x] != 0;
            red += pixels[3 * x] * opaque;
            green += pixels[3 * x + 1] * opaque;
            blue += pixels[3 * x + 2] * opaque;
            count += opaque;
        }
        sums[0] += red;
        sums[1] += green;
        sums[2] += blue;
        sums[3] += count;
    }
}
