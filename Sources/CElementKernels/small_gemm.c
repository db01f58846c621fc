#include "recurrent_kernels.h"
#include "small_gemm.h"

// Small products C = op(A)·op(B) (+ C) read in place, without BLAS's bookkeeping.
//
// At the sizes of a recurrent step (32 × 64 · 64 × 64) or of a small MLP's layer
// (512 × 64 · 64 × 64, a GAN's players) a general BLAS call spends as much on its own
// overhead (argument checks, packing both operands into buffers, zeroing C for β = 0,
// threads) as on the arithmetic. This kernel reads both operands where they are and keeps
// a 4 × 32 block of C in sixteen AVX-512 registers while it runs along k:
// ```
// for each block of 4 rows i and 32 columns j of C:
//   acc[r][v] = 0                                   16 registers of 8 doubles
//   for κ in 0 ..< k:  acc[r][v] = fma(A[i+r, κ], B[κ, j+8v … j+8v+7], acc[r][v])
//   C[i+r, j+8v …] += acc[r][v]        (or = acc[r][v] when not accumulating)
// ```
// One fused multiply-add per 8 multiply-adds of the product, the same order of summation
// as OpenBLAS's x86 kernels (zero, then k in order, then added to C), so the same bits as
// long as OpenBLAS does not split k into blocks (it does beyond a few hundred). Columns
// past n are masked; the last rows run a 1-, 2- or 3-row block.
//
// A transposed A (stored k × m) is read in place: A[i, κ] = a[κ·lda + i], the 4 rows of
// a block being 4 neighbouring numbers. A transposed B (stored n × k) is first copied,
// 32 columns at a time, into a k × 32 panel on the stack (at most SMALL_GEMM_MAX_PANEL_K
// rows), so the inner loop still loads whole rows of 8.

#include <stdatomic.h>

// Whether NumericsCore's `matmul` may use this kernel (a switch for same-process A/B
// measurements against OpenBLAS; on by default).
static _Atomic int kernel_enabled = 1;

void small_gemm_set_enabled(int enabled) { atomic_store(&kernel_enabled, enabled != 0); }

int small_gemm_enabled(void) { return atomic_load(&kernel_enabled); }

long small_gemm_claim(long *counter) { return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }

#if defined(__x86_64__)
#include <immintrin.h>

int small_gemm_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

/// One block of `rows` (1…4) rows and up to 32 columns; `rows` and `trans_a` are
/// constants after inlining. `e` (may be NULL) is applied to the block's columns, its
/// bias and cache already offset to the block's first column (and the cache to its row).
__attribute__((target("avx512f"), always_inline)) static inline void block(
    int rows, int trans_a, long k, const double *a, long lda, const double *b, long ldb,
    double *c, long ldc, const __mmask8 mask[4], int accumulate, const small_gemm_epilogue *e,
    const double *bias, const double *cache) {
  __m512d acc[4][4];
  for (int r = 0; r < 4; r++)
    for (int v = 0; v < 4; v++) acc[r][v] = _mm512_setzero_pd();
  for (long kk = 0; kk < k; kk++) {
    const double *bk = b + kk * ldb;
    __m512d bv[4];
    for (int v = 0; v < 4; v++) bv[v] = _mm512_maskz_loadu_pd(mask[v], bk + 8 * v);
    for (int r = 0; r < rows; r++) {
      __m512d ar = _mm512_set1_pd(trans_a ? a[kk * lda + r] : a[r * lda + kk]);
      for (int v = 0; v < 4; v++) acc[r][v] = _mm512_fmadd_pd(ar, bv[v], acc[r][v]);
    }
  }
  const int kind = e ? e->kind : SMALL_GEMM_PLAIN;
  const __m512d zero = _mm512_setzero_pd();
  const __m512d slope = _mm512_set1_pd(e ? e->slope : 0);
  const __m512d one = _mm512_set1_pd(1);
  const __m512d rate = _mm512_set1_pd(e ? e->rate : 0);
  const __m512d decay = _mm512_set1_pd(e ? e->decay : 0);
  for (int r = 0; r < rows; r++) {
    double *cr = c + r * ldc;
    for (int v = 0; v < 4; v++) {
      __m512d sum = acc[r][v];
      if (bias)  // C = bias + acc: what BLAS computes from C holding the bias, β = 1
        sum = _mm512_add_pd(_mm512_maskz_loadu_pd(mask[v], bias + 8 * v), sum);
      else if (accumulate)
        sum = _mm512_add_pd(_mm512_maskz_loadu_pd(mask[v], cr + 8 * v), sum);
      if (kind == SMALL_GEMM_DESCENT) {  // p − η·(g + λ·p), sgd_update's operations
        const __m512d p = _mm512_maskz_loadu_pd(mask[v], cr + 8 * v);
        sum = _mm512_sub_pd(p, _mm512_mul_pd(rate, _mm512_add_pd(sum, _mm512_mul_pd(decay, p))));
      } else if (kind == SMALL_GEMM_RELU) {  // x > 0 ? x : 0
        sum = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(sum, zero, _CMP_GT_OQ), sum);
      } else if (kind == SMALL_GEMM_LEAKY_RELU) {  // x > 0 ? x : slope·x
        __mmask8 positive = _mm512_cmp_pd_mask(sum, zero, _CMP_GT_OQ);
        sum = _mm512_mask_mul_pd(sum, (__mmask8)~positive, slope, sum);
      } else if (kind == SMALL_GEMM_RECTIFIER_GRADIENT) {  // g · (cache > 0 ? 1 : slope)
        const double *cc = cache + r * e->ldcache + 8 * v;
        __mmask8 positive =
            _mm512_cmp_pd_mask(_mm512_maskz_loadu_pd(mask[v], cc), zero, _CMP_GT_OQ);
        sum = _mm512_mul_pd(sum, _mm512_mask_mov_pd(slope, positive, one));
      }
      _mm512_mask_storeu_pd(cr + 8 * v, mask[v], sum);
    }
  }
}

/// Every row block of one 32-column strip: `b` points at the strip's first column, `c`,
/// `bias` and `cache` at the strip's first column too.
__attribute__((target("avx512f"), always_inline)) static inline void strip(
    int trans_a, long m, long k, const double *a, long lda, const double *b, long ldb,
    double *c, long ldc, const __mmask8 mask[4], int accumulate, const small_gemm_epilogue *e,
    const double *bias, const double *cache) {
  // Row i of op(A) starts at a + i·lda, or at a + i when A is stored transposed.
  const long step = trans_a ? 1 : lda;
  const long cache_step = e ? e->ldcache : 0;
  long i = 0;
  for (; i + 4 <= m; i += 4)
    block(4, trans_a, k, a + i * step, lda, b, ldb, c + i * ldc, ldc, mask, accumulate, e, bias,
          cache + i * cache_step);
  switch (m - i) {
    case 3: block(3, trans_a, k, a + i * step, lda, b, ldb, c + i * ldc, ldc, mask, accumulate, e, bias, cache + i * cache_step); break;
    case 2: block(2, trans_a, k, a + i * step, lda, b, ldb, c + i * ldc, ldc, mask, accumulate, e, bias, cache + i * cache_step); break;
    case 1: block(1, trans_a, k, a + i * step, lda, b, ldb, c + i * ldc, ldc, mask, accumulate, e, bias, cache + i * cache_step); break;
    default: break;
  }
}

__attribute__((target("avx512f"))) void small_gemm_fused(
    int trans_a, int trans_b, long m, long n, long k, const double *a, long lda,
    const double *b, long ldb, double *c, long ldc, int accumulate,
    const small_gemm_epilogue *e) {
  if (trans_b && k > SMALL_GEMM_MAX_PANEL_K) __builtin_trap();  // the caller checks
  if (e && e->kind == SMALL_GEMM_PLAIN && !e->bias) e = 0;
  double panel[trans_b ? k * 32 : 1];
  for (long j = 0; j < n; j += 32) {
    __mmask8 mask[4];
    for (int v = 0; v < 4; v++) {
      long left = n - j - 8 * v;
      mask[v] = left >= 8 ? 0xFF : left <= 0 ? 0 : (__mmask8)((1u << left) - 1);
    }
    const double *strip_b = b + j;
    long strip_ldb = ldb;
    if (trans_b) {
      // panel[κ·32 + jj] = B[κ, j + jj] = b[(j + jj)·ldb + κ]; masked columns are never read.
      long width = n - j < 32 ? n - j : 32;
      for (long jj = 0; jj < width; jj++) {
        const double *column = b + (j + jj) * ldb;
        for (long kk = 0; kk < k; kk++) panel[kk * 32 + jj] = column[kk];
      }
      strip_b = panel;
      strip_ldb = 32;
    }
    const double *bias = e && e->bias ? e->bias + j : 0;
    const double *cache = e && e->cache ? e->cache + j : 0;
    if (trans_a)
      strip(1, m, k, a, lda, strip_b, strip_ldb, c + j, ldc, mask, accumulate, e, bias, cache);
    else
      strip(0, m, k, a, lda, strip_b, strip_ldb, c + j, ldc, mask, accumulate, e, bias, cache);
  }
}
#else
int small_gemm_available(void) { return 0; }

void small_gemm_fused(int trans_a, int trans_b, long m, long n, long k, const double *a,
                      long lda, const double *b, long ldb, double *c, long ldc, int accumulate,
                      const small_gemm_epilogue *e) {
  (void)trans_a, (void)trans_b, (void)m, (void)n, (void)k, (void)a, (void)lda, (void)b;
  (void)ldb, (void)c, (void)ldc, (void)accumulate, (void)e;
  __builtin_trap();  // never called: small_gemm_available() is 0 here
}
#endif

void small_gemm_general(int trans_a, int trans_b, long m, long n, long k, const double *a,
                        long lda, const double *b, long ldb, double *c, long ldc,
                        int accumulate) {
  small_gemm_fused(trans_a, trans_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate, 0);
}

void small_gemm(long m, long n, long k, const double *a, long lda, const double *b, long ldb,
                double *c, long ldc, int accumulate) {
  small_gemm_general(0, 0, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}
