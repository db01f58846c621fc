// The small-product kernel of `small_gemm.c` with either operand transposed: what
// NumericsCore's `matmul` runs for small products on a CPU with AVX-512 (`small_gemm` in
// recurrent_kernels.h is its untransposed case).
#ifndef SMALL_GEMM_H
#define SMALL_GEMM_H

/// The largest k for a transposed B: its 32-column panel (k × 32 doubles, 64 KiB at
/// k = 256) lives on the stack.
#define SMALL_GEMM_MAX_PANEL_K 256

/// C = op(A)·op(B) (accumulate = 0; C may be uninitialised) or C += op(A)·op(B)
/// (accumulate ≠ 0), all row-major with the given row strides; op(A) is m × k (A stored
/// k × m when trans_a), op(B) is k × n (B stored n × k when trans_b), C is m × n and
/// overlaps neither. Each element: acc = 0, acc = fma(op(A)[i,κ], op(B)[κ,j], acc) for
/// κ = 0 … k−1, then C[i,j] = C[i,j] + acc (or acc). Only call when
/// `small_gemm_available()` is true, and with k ≤ SMALL_GEMM_MAX_PANEL_K when trans_b.
void small_gemm_general(int trans_a, int trans_b, long m, long n, long k, const double *a,
                        long lda, const double *b, long ldb, double *c, long ldc,
                        int accumulate);

/// What the fused kernel does to each element after the sum, before storing it.
enum {
  SMALL_GEMM_PLAIN = 0,               ///< nothing
  SMALL_GEMM_RELU = 1,                ///< x > 0 ? x : 0 (relu_forward)
  SMALL_GEMM_LEAKY_RELU = 2,          ///< x > 0 ? x : slope·x (leaky_relu_forward)
  SMALL_GEMM_RECTIFIER_GRADIENT = 3,  ///< x · (cache > 0 ? 1 : slope) (rectifier_backward)
  SMALL_GEMM_DESCENT = 4,             ///< C − rate·(x + decay·C) (sgd_update, x the gradient)
};

/// The fused part of `small_gemm_fused`.
typedef struct {
  const double *bias;   ///< NULL, or a row of n added to every row: C = bias + acc
  int kind;             ///< SMALL_GEMM_PLAIN … SMALL_GEMM_RECTIFIER_GRADIENT
  double slope;         ///< leaky ReLU's slope, or the gradient factor where cache ≤ 0
  const double *cache;  ///< for the gradient: the m × n forward cache, row stride ldcache
  long ldcache;
  double rate;          ///< for the descent: the step size η
  double decay;         ///< for the descent: the weight decay λ
} small_gemm_epilogue;

/// `small_gemm_general` followed, element by element, by what `e` asks (e may be NULL):
/// with a bias, C = bias[j] + acc replaces C's old value (accumulate is then ignored);
/// then the rectifier or its gradient. The same IEEE operations, in the same order, as the
/// product into C holding the bias (β = 1) followed by `relu_forward`,
/// `leaky_relu_forward` or `rectifier_backward` on C, so the same bits, one pass fewer.
/// The descent reads C as a parameter p and stores p − η·(acc + λ·p): the product formed
/// into a gradient buffer (accumulate = 0) and then `sgd_update` on p, without the buffer
/// (accumulate and bias must then be 0 and NULL, and k must be summed in one call).
void small_gemm_fused(int trans_a, int trans_b, long m, long n, long k, const double *a,
                      long lda, const double *b, long ldb, double *c, long ldc, int accumulate,
                      const small_gemm_epilogue *e);

/// Whether NumericsCore's `matmul` may use the kernel (1, the default) or must call
/// OpenBLAS for every product (0): for same-process comparisons in `bench`.
void small_gemm_set_enabled(int enabled);

/// The current value of `small_gemm_set_enabled`.
int small_gemm_enabled(void);

/// Atomically `*counter += 1`, returning the old value: how the threads of one product
/// take its row chunks one after the other.
long small_gemm_claim(long *counter);

#endif
