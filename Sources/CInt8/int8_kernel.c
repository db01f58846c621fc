#include "int8_kernel.h"

// One loop body, compiled twice. Plain C loops on purpose: the dot product of two int8 runs
// widened to int32 is a pattern clang's loop vectoriser recognises; with AVX2 it becomes
// vpmovsxbw (sign-extend 16 int8 → int16) and vpmaddwd (multiply 16 int16 pairs, add
// adjacent pairs into 8 int32 lanes), i.e. 16 multiply-adds per instruction; the SSE2
// baseline gets pmullw/punpck sequences, about 4.
#define DOT_PRODUCT_BODY                                                      \
  for (int r = 0; r < m; r++) {                                               \
    const int8_t *row = a + (long)r * k;                                      \
    for (int j = 0; j < n; j++) {                                             \
      const int8_t *column = b + (long)j * k;                                 \
      int32_t sum = 0;                                                        \
      for (int i = 0; i < k; i++) sum += (int32_t)row[i] * (int32_t)column[i]; \
      c[(long)r * n + j] = sum;                                               \
    }                                                                         \
  }

static void product_baseline(const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n) {
  DOT_PRODUCT_BODY
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void product_avx2(
    const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n) {
  DOT_PRODUCT_BODY
}

static int has_avx2(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}
#endif

void int8_matrix_product(const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n) {
#if defined(__x86_64__)
  if (has_avx2()) {
    product_avx2(a, b, c, m, k, n);
    return;
  }
#endif
  product_baseline(a, b, c, m, k, n);
}

const char *int8_kernel_variant(void) {
#if defined(__x86_64__)
  if (has_avx2()) return "avx2";
  return "sse2";
#else
  return "portable";
#endif
}
