#ifndef BOOKPLATE_CSUBJECTSUMS_H
#define BOOKPLATE_CSUBJECTSUMS_H

#include <stdint.h>

/// Adds to `sums` the red, green and blue samples of the pixels of one `width`-pixel row of 3-channel `pixels` whose
/// alpha in `alphas` is above zero, and (in `sums[3]`) how many there are: the brightness rule's sums, exact. The
/// loop has no branch (each pixel's samples times 0 or 1), so the compiler turns it into vector instructions (AVX2
/// as well as the baseline on x86-64).
void bp_subject_row_sums(const uint8_t *pixels, const uint8_t *alphas, int width, uint64_t sums[4]);

#endif
