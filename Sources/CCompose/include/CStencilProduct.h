#ifndef BOOKPLATE_CSTENCILPRODUCT_H
#define BOOKPLATE_CSTENCILPRODUCT_H

#include <stdint.h>

/// For each row `r` in `first_row ..< last_row`: `product[r]` = the sum over the 5 × 5 stencil
/// `coefficients[r * 25 ..< r * 25 + 25]` (row after row) of each coefficient times the value of `grid` at the same
/// place around `grid[centres[r]]`, `stride` values a row. The grid must hold every centre's whole 5 × 5
/// neighbourhood (two values on every side). Each stencil row's first four places are added lane by lane and its
/// fifth apart, then the lanes, in one fixed order, so the AVX2 and the baseline builds give the same bits (no fused
/// multiply-add).
void bp_stencil_product(const double *coefficients, const int32_t *centres, int first_row, int last_row,
                        const double *grid, int stride, double *product);

#endif
