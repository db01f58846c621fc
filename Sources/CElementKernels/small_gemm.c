#include "recurrent_kernels.h"

// The product of one recurrent step, C += A·B with A the batch's hidden state (B × H) and
// B the recurrent weights (H × G·H): at a batch of 32 and H = 64 it is 131,072
// multiply-adds, so small that a general BLAS call spends as much on its own bookkeeping
// (argument checks, packing both operands into buffers, zeroing, a kernel written for
// AVX2) as on the arithmetic. This kernel reads both operands where they are and keeps a
// 4 × 32 block of C in sixteen AVX-512 registers while it runs along k:
// ```
// for each block of 4 rows i and 32 columns j of C:
//   acc[r][v] = 0                                   16 registers of 8 doubles
//   for κ in 0 ..< k:  acc[r][v] = fma(A[i+r, κ], B[κ, j+8v … j+8v+7], acc[r][v])
//   C[i+r, j+8v …] += acc[r][v]        (or = acc[r][v] when not accumulating)
// ```
// One fused multiply-add per 8 multiply-adds of the product, the same order of summation
// as OpenBLAS's x86 kernels (zero, then k in order, then added to C), so in practice the
// same bits. Columns past n are masked; the last rows run a 1-, 2- or 3-row block.

#if defined(__x86_64__)
#include <immintrin.h>

int small_gemm_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

/// One block of `rows` (1…4, a constant after inlining) rows and up to 32 columns.
__attribute__((target("avx512f"), always_inline)) static inline void block(
    int rows, long k, const double *a, long lda, const double *b, long ldb, double *c,
    long ldc, const __mmask8 mask[4], int accumulate) {
  __m512d acc[4][4];
  for (int r = 0; r < 4; r++)
    for (int v = 0; v < 4; v++) acc[r][v] = _mm512_setzero_pd();
  for (long kk = 0; kk < k; kk++) {
    const double *bk = b + kk * ldb;
    __m512d bv[4];
    for (int v = 0; v < 4; v++) bv[v] = _mm512_maskz_loadu_pd(mask[v], bk + 8 * v);
    for (int r = 0; r < rows; r++) {
      __m512d ar = _mm512_set1_pd(a[r * lda + kk]);
      for (int v = 0; v < 4; v++) acc[r][v] = _mm512_fmadd_pd(ar, bv[v], acc[r][v]);
    }
  }
  for (int r = 0; r < rows; r++) {
    double *cr = c + r * ldc;
    for (int v = 0; v < 4; v++) {
      __m512d sum = acc[r][v];
      if (accumulate) sum = _mm512_add_pd(_mm512_maskz_loadu_pd(mask[v], cr + 8 * v), sum);
      _mm512_mask_storeu_pd(cr + 8 * v, mask[v], sum);
    }
  }
}

__attribute__((target("avx512f"))) void small_gemm(
    long m, long n, long k, const double *a, long lda, const double *b, long ldb, double *c,
    long ldc, int accumulate) {
  for (long j = 0; j < n; j += 32) {
    __mmask8 mask[4];
    for (int v = 0; v < 4; v++) {
      long left = n - j - 8 * v;
      mask[v] = left >= 8 ? 0xFF : left <= 0 ? 0 : (__mmask8)((1u << left) - 1);
    }
    long i = 0;
    for (; i + 4 <= m; i += 4)
      block(4, k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, mask, accumulate);
    switch (m - i) {
      case 3: block(3, k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, mask, accumulate); break;
      case 2: block(2, k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, mask, accumulate); break;
      case 1: block(1, k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, mask, accumulate); break;
      default: break;
    }
  }
}
#else
int small_gemm_available(void) { return 0; }

void small_gemm(long m, long n, long k, const double *a, long lda, const double *b, long ldb,
                double *c, long ldc, int accumulate) {
  (void)m, (void)n, (void)k, (void)a, (void)lda, (void)b, (void)ldb, (void)c, (void)ldc;
  (void)accumulate;
  __builtin_trap();  // never called: small_gemm_available() is 0 here
}
#endif
