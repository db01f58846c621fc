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

#endif
