// The int8 × int8 → int32 matrix product of chapter 2.3, in C so that it can be compiled
// twice — for the x86-64 baseline (SSE2) and for AVX2 — and the faster one picked at run
// time on the CPU it runs on. Swift has no per-function target attribute, and compiling the
// whole package for AVX2 would crash on a CPU without it.
#ifndef INT8_KERNEL_H
#define INT8_KERNEL_H

#include <stdint.h>

/// C[r·n + j] = Σ_i A[r·k + i] · B[j·k + i]: A row-major m × k, B column-major k × n,
/// C row-major m × n. Exact while k · 127² < 2³¹.
void int8_matrix_product(const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n);

/// The same product by the plain C loop (the build for CPUs without AVX2), on any CPU: for
/// testing the AVX2 build against it.
void int8_matrix_product_baseline(
    const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n);

/// Symmetric quantisation of n values: scale = max|x| / 127 (1 when all are 0),
/// q[i] = round(x[i] / scale) (ties away from zero) within [−127, 127]. Returns the scale, or
/// NaN (and q unset) when some x[i] is not finite.
double int8_quantize(const double *x, int n, int8_t *q);

/// Which version `int8_matrix_product` runs on this CPU: "avx2" or "sse2".
const char *int8_kernel_variant(void);

#endif
