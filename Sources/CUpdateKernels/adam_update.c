#include "update_kernels.h"

#include <math.h>

// One loop body, compiled once per instruction set. A plain C loop on purpose: with
// `restrict` pointers clang's loop vectoriser turns it into packed multiplies, square
// roots and divisions (sqrtpd/divpd on 2, 4 or 8 lanes). The square root and the two
// divisions dominate: on the baseline's 2-lane registers the divider is busy for about
// 10 cycles per element; AVX2 halves that.
//
// The build passes -ffp-contract=off (no fused multiply-add: it would change the
// rounding, and the AVX2 and baseline versions would then disagree in the last bit) and
// -fno-math-errno (sqrt of a negative number may return NaN without setting errno; without
// it clang must keep a scalar call to sqrt and cannot vectorise).
#define ADAM_BODY                                                                   \
  const double shrink = c->shrink, l2 = c->l2, b1 = c->beta1, b2 = c->beta2;        \
  const double a1 = 1 - b1, a2 = 1 - b2;                                            \
  const double step = c->step_size, root = c->root_correction, eps = c->epsilon;    \
  for (long i = 0; i < n; i++) {                                                    \
    double pi = p[i] * shrink;                                                      \
    double gi = g[i] + l2 * pi;                                                     \
    double mi = b1 * m[i] + a1 * gi;                                                \
    double vi = b2 * v[i] + a2 * gi * gi;                                           \
    m[i] = mi;                                                                      \
    v[i] = vi;                                                                      \
    p[i] = pi - step * mi / (sqrt(vi) / root + eps);                                \
  }

#define ADAM_SIGNATURE                                                              \
  (double *restrict p, const double *restrict g, double *restrict m,                \
   double *restrict v, long n, const adam_coefficients *c)

static void adam_baseline ADAM_SIGNATURE { ADAM_BODY }

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void adam_avx2 ADAM_SIGNATURE { ADAM_BODY }
__attribute__((target("avx512f"))) static void adam_avx512 ADAM_SIGNATURE { ADAM_BODY }

// 2 = AVX-512, 1 = AVX2, 0 = baseline. Asked on every call (a read of a flag word that
// __builtin_cpu_init fills once), so there is no shared state to race on between threads.
static int best_variant(void) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return 2;
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}
#endif

void adam_update(double *p, const double *g, double *m, double *v, long n,
                 const adam_coefficients *c) {
#if defined(__x86_64__)
  switch (best_variant()) {
    case 2: adam_avx512(p, g, m, v, n, c); return;
    case 1: adam_avx2(p, g, m, v, n, c); return;
    default: break;
  }
#endif
  adam_baseline(p, g, m, v, n, c);
}

const char *update_kernels_variant(void) {
#if defined(__x86_64__)
  static const char *names[] = {"baseline", "avx2", "avx512"};
  return names[best_variant()];
#else
  return "baseline";
#endif
}
