#include "int8_kernel.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Two builds of one product, C[r·n + j] = Σ_i A[r·k + i] · B[j·k + i], chosen at run time.
//
// The baseline is a plain C loop, left to the auto-vectoriser (SSE2 on the x86-64 baseline:
// punpcklbw/psraw/pmullw/paddd, about 4 lanes).
//
// The AVX2 build is written with intrinsics. Given the same plain loop and target("avx2"),
// the Swift toolchain's clang (21) produced 128-bit code: per 32 elements of one dot
// product, eight vpmovsxbw xmm (8 int8 → 8 int16), four vpmaddwd xmm (8 products → 4 int32)
// and four vpaddd — 19 instructions for 32 multiply-adds, 137,000 instructions (callgrind)
// for the two products of one request through the 784-256-10 MLP. The version below uses
// the full 256-bit registers and four columns per pass: per 16 elements, one vpmovsxbw ymm
// of the row (16 int8 → 16 int16) shared by the four columns, and per column one vpmovsxbw
// ymm, one vpmaddwd ymm (16 products, added in pairs into 8 int32 lanes) and one vpaddd —
// 13 instructions for 64 multiply-adds; 56,000 instructions per request. Exact: a pair sum
// is at most 2 · 127² = 32,258, and the int32 lanes hold k · 127² while k < 133,000.

static void product_baseline(const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n) {
  for (int r = 0; r < m; r++) {
    const int8_t *row = a + (long)r * k;
    for (int j = 0; j < n; j++) {
      const int8_t *column = b + (long)j * k;
      int32_t sum = 0;
      for (int i = 0; i < k; i++) sum += (int32_t)row[i] * (int32_t)column[i];
      c[(long)r * n + j] = sum;
    }
  }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))

/// The sum of the 8 int32 lanes.
AVX2 static inline int32_t horizontal_sum(__m256i v) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
  return _mm_cvtsi128_si32(s);
}

/// 16 int8 at `p`, sign-extended to 16 int16.
AVX2 static inline __m256i widen16(const int8_t *p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)p));
}

AVX2 static void product_avx2(const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n) {
  const int k16 = k & ~15;
  for (int r = 0; r < m; r++) {
    const int8_t *row = a + (long)r * k;
    int32_t *out = c + (long)r * n;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      const int8_t *b0 = b + (long)j * k, *b1 = b0 + k, *b2 = b1 + k, *b3 = b2 + k;
      __m256i s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
      for (int i = 0; i < k16; i += 16) {
        const __m256i x = widen16(row + i);
        s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(x, widen16(b0 + i)));
        s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(x, widen16(b1 + i)));
        s2 = _mm256_add_epi32(s2, _mm256_madd_epi16(x, widen16(b2 + i)));
        s3 = _mm256_add_epi32(s3, _mm256_madd_epi16(x, widen16(b3 + i)));
      }
      int32_t t0 = horizontal_sum(s0), t1 = horizontal_sum(s1);
      int32_t t2 = horizontal_sum(s2), t3 = horizontal_sum(s3);
      for (int i = k16; i < k; i++) {  // the last k mod 16 elements
        const int32_t x = row[i];
        t0 += x * b0[i];
        t1 += x * b1[i];
        t2 += x * b2[i];
        t3 += x * b3[i];
      }
      out[j] = t0;
      out[j + 1] = t1;
      out[j + 2] = t2;
      out[j + 3] = t3;
    }
    for (; j < n; j++) {  // the last n mod 4 columns, one at a time
      const int8_t *column = b + (long)j * k;
      __m256i s = _mm256_setzero_si256();
      for (int i = 0; i < k16; i += 16) {
        s = _mm256_add_epi32(s, _mm256_madd_epi16(widen16(row + i), widen16(column + i)));
      }
      int32_t t = horizontal_sum(s);
      for (int i = k16; i < k; i++) t += (int32_t)row[i] * column[i];
      out[j] = t;
    }
  }
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

void int8_matrix_product_baseline(
    const int8_t *a, const int8_t *b, int32_t *c, int m, int k, int n) {
  product_baseline(a, b, c, m, k, n);
}

double int8_quantize(const double *x, int n, int8_t *q) {
  // Plain loops again, for the vectoriser (max, multiply, convert). The check sum is NaN
  // exactly when some x[i] is NaN or infinite (0 · inf is NaN).
  double largest = 0, check = 0;
  for (int i = 0; i < n; i++) {
    const double magnitude = x[i] < 0 ? -x[i] : x[i];
    largest = magnitude > largest ? magnitude : largest;
    check += x[i] * 0;
  }
  if (check != check) return check;
  const double scale = largest > 0 ? largest / 127 : 1;
  const double inverse = 1 / scale;
  for (int i = 0; i < n; i++) {
    const double v = x[i] * inverse;
    // Round to nearest, ties away from zero: truncate, then the exact remainder decides.
    double t = (double)(int32_t)v;
    const double remainder = v - t;
    t += (double)(remainder >= 0.5) - (double)(remainder <= -0.5);
    t = t > 127 ? 127 : (t < -127 ? -127 : t);
    q[i] = (int8_t)t;
  }
  return scale;
}

const char *int8_kernel_variant(void) {
#if defined(__x86_64__)
  if (has_avx2()) return "avx2";
  return "sse2";
#else
  return "portable";
#endif
}
