#include "CStencilProduct.h"

#include <stddef.h>
#include <string.h>

#include "Multiversion.h"

#pragma STDC FP_CONTRACT OFF

/// Four doubles, one stencil row's first four places.
typedef double lanes4 __attribute__((vector_size(32)));

BP_MULTIVERSION
void bp_stencil_product(const double *coefficients, const int32_t *centres, int first_row, int last_row,
                        const double *grid, int stride, double *product) {
    for (int row = first_row; row < last_row; row++) {
        const double *stencil = coefficients + (size_t)row * 25;
        const double *corner = grid + centres[row] - 2 * (ptrdiff_t)stride - 2;
        lanes4 sums = {0, 0, 0, 0};
        double fifth = 0;
        for (int line = 0; line < 5; line++) {
            const double *values = corner + (ptrdiff_t)line * stride;
            lanes4 weights;
            lanes4 neighbours;
            memcpy(&weights, stencil + line * 5, sizeof weights);
            memcpy(&neighbours, values, sizeof neighbours);
            sums += weights * neighbours;
            fifth += stencil[line * 5 + 4] * values[4];
        }
        product[row] = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + fifth;
    }
}
