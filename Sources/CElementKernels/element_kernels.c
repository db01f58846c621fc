#include "element_kernels.h"

#include <math.h>

// Each kernel body is written once as a plain C loop and compiled three times by
// `KERNEL`: with `restrict` pointers clang's loop vectoriser turns it into packed
// operations on 2 (baseline), 4 (AVX2) or 8 (AVX-512) doubles. A `x > 0 ? x : 0` becomes a
// compare and a blend, `sqrt` a packed square root (-fno-math-errno: without it clang must
// keep a scalar call to sqrt, which may set errno, and cannot vectorise).
//
// Why Adam's kernel is here at all: its square root and two divisions per element are
// what the update costs, and on the baseline's 2-lane registers the divider is busy for
// about 10 cycles per element; AVX2 halves that, and splitting over 2 cores halves it again.

#include "kernel_dispatch.h"

KERNEL(adam, (double *restrict p, const double *restrict g, double *restrict m,
              double *restrict v, long n, const adam_coefficients *c), {
  const double shrink = c->shrink, l2 = c->l2, b1 = c->beta1, b2 = c->beta2;
  const double a1 = 1 - b1, a2 = 1 - b2;
  const double step = c->step_size, root = c->root_correction, eps = c->epsilon;
  for (long i = 0; i < n; i++) {
    double pi = p[i] * shrink;
    double gi = g[i] + l2 * pi;
    double mi = b1 * m[i] + a1 * gi;
    double vi = b2 * v[i] + a2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = pi - step * mi / (sqrt(vi) / root + eps);
  }
})

KERNEL(sgd, (double *restrict p, const double *restrict g, long n, double lr, double lambda), {
  for (long i = 0; i < n; i++) p[i] = p[i] - lr * (g[i] + lambda * p[i]);
})

KERNEL(relu, (const double *restrict x, double *restrict y, long n), {
  for (long i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
})

KERNEL(leaky, (const double *restrict x, double *restrict y, long n, double slope), {
  for (long i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : slope * x[i];
})

KERNEL(rectifier_backward,
       (const double *restrict g, const double *restrict c, double *restrict d, long n,
        double slope), {
  for (long i = 0; i < n; i++) d[i] = g[i] * (c[i] > 0 ? 1.0 : slope);
})

// Row by row, so the inner loop runs along a row and vectorises across the columns; each
// column still adds its rows in order 0, 1, … (the order the Swift loop had). Whole
// blocks of 64 or 32 columns keep their sums in registers over all the rows (a fixed trip
// count the compiler unrolls: 8 or 4 AVX-512 registers) instead of loading and storing them
// for every row: the same additions in the same order, 2–3× faster on a bias gradient's
// 512 × 64; the columns left over (fewer than 32) take the plain loop.
KERNEL(column_sums, (const double *restrict a, double *restrict s, long rows, long columns), {
  long c0 = 0;
  // 64 columns at once where there are (8 registers: enough independent additions to keep
  // both adders busy through their latency), then 32.
  for (; c0 + 64 <= columns; c0 += 64) {
    double acc[64];
    for (int j = 0; j < 64; j++) acc[j] = 0;
    for (long r = 0; r < rows; r++) {
      const double *restrict row = a + r * columns + c0;
      for (int j = 0; j < 64; j++) acc[j] += row[j];
    }
    for (int j = 0; j < 64; j++) s[c0 + j] = acc[j];
  }
  for (; c0 + 32 <= columns; c0 += 32) {
    double acc[32];
    for (int j = 0; j < 32; j++) acc[j] = 0;
    for (long r = 0; r < rows; r++) {
      const double *restrict row = a + r * columns + c0;
      for (int j = 0; j < 32; j++) acc[j] += row[j];
    }
    for (int j = 0; j < 32; j++) s[c0 + j] = acc[j];
  }
  for (long c = c0; c < columns; c++) s[c] = 0;
  for (long r = 0; r < rows; r++) {
    const double *restrict row = a + r * columns;
    for (long c = c0; c < columns; c++) s[c] += row[c];
  }
})

void adam_update(double *p, const double *g, double *m, double *v, long n,
                 const adam_coefficients *c) {
  DISPATCH(adam, p, g, m, v, n, c)
}

// An integer maximum, which vectorises (a floating-point one would need reassociation).
KERNEL(largest_magnitude, (const double *restrict x, long n, unsigned long long *out), {
  const unsigned long long *restrict bits = (const unsigned long long *)x;
  unsigned long long largest = 0;
  for (long i = 0; i < n; i++) {
    unsigned long long b = bits[i] & 0x7fffffffffffffffULL;
    largest = b > largest ? b : largest;
  }
  *out = largest;
})

unsigned long long largest_magnitude_bits(const double *x, long n) {
  unsigned long long largest = 0;
  switch (best_variant()) {
    case 2: largest_magnitude_avx512(x, n, &largest); break;
    case 1: largest_magnitude_avx2(x, n, &largest); break;
    default: largest_magnitude_baseline(x, n, &largest); break;
  }
  return largest;
}

void sgd_update(double *p, const double *g, long n, double lr, double lambda) {
  DISPATCH(sgd, p, g, n, lr, lambda)
}

void relu_forward(const double *x, double *y, long n) { DISPATCH(relu, x, y, n) }

void leaky_relu_forward(const double *x, double *y, long n, double slope) {
  DISPATCH(leaky, x, y, n, slope)
}

void rectifier_backward(const double *g, const double *c, double *d, long n, double slope) {
  DISPATCH(rectifier_backward, g, c, d, n, slope)
}

void column_sums(const double *a, double *s, long rows, long columns) {
  DISPATCH(column_sums, a, s, rows, columns)
}

const char *element_kernels_variant(void) {
#if defined(__x86_64__)
  static const char *const names[] = {"baseline", "avx2", "avx512"};
  return names[best_variant()];
#else
  return "baseline";
#endif
}
