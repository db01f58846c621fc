#include "recurrent_kernels.h"

#include <stdint.h>
#include <string.h>

// The gate nonlinearities of a recurrent cell, one element at a time in plain C that
// clang's loop vectoriser turns into 2 (baseline), 4 (AVX2) or 8 (AVX-512) lanes; the
// variant is picked at run time (`kernel_dispatch.h`). The method, for every element:
// ```
// e^x = 2^k · e^r,   k = round(x / ln 2),  r = x − k·ln 2  (ln 2 in two parts, |r| ≤ ½ ln 2)
// e^r − 1 = q(r) = r + r²/2! + … + r¹²/12!     (Taylor; the remainder r¹³/13! < 2e−16)
// e^x − 1 = 2^k·q(r) + (2^k − 1)                (expm1: no cancellation for small x)
// tanh x  = sign(x) · (−m)/(2 + m),  m = expm1(−2|x|)
// σ(x)    = 1 / (1 + e^(−x))
// ```
// Inputs are clamped to [−708, 709] (beyond, e^x is 0 or ∞ in double precision anyway); a
// NaN input gives a NaN output, so a diverging run still shows up as NaN. Accuracy: within
// 4e−16 relative of libm (tested). The Swift four-lane version these replace ran the same
// operations in the same order, so the results are the same bits (tested too); that is why
// a negation is written `0.0 − x`, as Swift's SIMD negation computes it (so tanh(±0) = +0).

#include "kernel_dispatch.h"

/// 1.5·2⁵²: adding it to |y| < 2⁵¹ rounds y to an integer kept in the low mantissa bits.
#define SHIFTER 6755399441055744.0

/// e^x = scale·(1 + q): writes scale = 2^k and returns q = e^r − 1.
static inline __attribute__((always_inline)) double exponent_parts(double x, double *scale) {
  double clamped = x < -708 ? -708 : x;
  clamped = clamped > 709 ? 709 : clamped;
  double shifted = clamped * 1.4426950408889634 + SHIFTER;
  double k = shifted - SHIFTER;
  double r = (clamped - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10;
  double p = 1.0 / 479001600;  // 1/12!
  p = p * r + 1.0 / 39916800;
  p = p * r + 1.0 / 3628800;
  p = p * r + 1.0 / 362880;
  p = p * r + 1.0 / 40320;
  p = p * r + 1.0 / 5040;
  p = p * r + 1.0 / 720;
  p = p * r + 1.0 / 120;
  p = p * r + 1.0 / 24;
  p = p * r + 1.0 / 6;
  p = p * r + 0.5;
  p = p * r + 1;
  double q = p * r;
  uint64_t bits, shifter_bits;
  double shifter = SHIFTER;
  memcpy(&bits, &shifted, 8);
  memcpy(&shifter_bits, &shifter, 8);
  uint64_t e = ((bits - shifter_bits) + 1023) << 52;
  memcpy(scale, &e, 8);
  return q;
}

KERNEL(tanh_kernel, (double *restrict p, long n), {
  for (long i = 0; i < n; i++) {
    double x = p[i];
    double negative_abs = x > 0 ? 0.0 - x : x;
    double scale;
    double q = exponent_parts(2 * negative_abs, &scale);
    double m = scale * q + (scale - 1);  // expm1(−2|x|) ∈ (−1, 0]
    double magnitude = (0.0 - m) / (2 + m);
    double y = x < 0 ? 0.0 - magnitude : magnitude;
    p[i] = x != x ? x : y;
  }
})

KERNEL(sigmoid_kernel, (double *restrict p, long n), {
  for (long i = 0; i < n; i++) {
    double x = p[i];
    double scale;
    double q = exponent_parts(0.0 - x, &scale);
    double y = 1 / (1 + scale * (1 + q));
    p[i] = x != x ? x : y;
  }
})

KERNEL(exp_kernel, (double *restrict p, long n), {
  for (long i = 0; i < n; i++) {
    double x = p[i];
    double scale;
    double q = exponent_parts(x, &scale);
    double y = scale * (1 + q);
    p[i] = x != x ? x : y;
  }
})

// d may alias g (no restrict on them): each element is read before it is written.
KERNEL(tanh_backward_kernel, (const double *g, const double *restrict h, double *d, long n), {
  for (long i = 0; i < n; i++) d[i] = g[i] * (1 - h[i] * h[i]);
})

void tanh_in_place(double *p, long n) { DISPATCH(tanh_kernel, p, n) }

void sigmoid_in_place(double *p, long n) { DISPATCH(sigmoid_kernel, p, n) }

void exp_in_place(double *p, long n) { DISPATCH(exp_kernel, p, n) }

void tanh_backward(const double *g, const double *h, double *d, long n) {
  DISPATCH(tanh_backward_kernel, g, h, d, n)
}

// c[r·columns + j] = c[r·columns + j] + row[j]: a bias added to every row of a batch.
KERNEL(add_row_kernel, (double *restrict c, const double *restrict row, long rows, long columns), {
  for (long r = 0; r < rows; r++) {
    double *restrict cr = c + r * columns;
    for (long j = 0; j < columns; j++) cr[j] = cr[j] + row[j];
  }
})

void add_row_vector(double *c, const double *row, long rows, long columns) {
  DISPATCH(add_row_kernel, c, row, rows, columns)
}
