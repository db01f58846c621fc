// Kernels of a recurrent step (Recurrent's cells): the gate nonlinearities over a buffer
// and the small product of the recurrence, `C += A·B` for one time step.
//
// The nonlinearities perform, element by element, exactly the IEEE double operations of
// the formula in `activation_kernels.c` (no fused multiply-add: `-ffp-contract=off`), so the
// baseline, AVX2 and AVX-512 builds give the same bits. The product is AVX-512 only: the
// caller asks `small_gemm_available()` and otherwise calls BLAS.
#ifndef RECURRENT_KERNELS_H
#define RECURRENT_KERNELS_H

/// p[i] ← tanh(p[i]) for i in [0, n): tanh x = sign(x)·(−m)/(2 + m), m = expm1(−2|x|).
void tanh_in_place(double *p, long n);

/// p[i] ← σ(p[i]) = 1/(1 + e^(−p[i])) for i in [0, n).
void sigmoid_in_place(double *p, long n);

/// p[i] ← e^(p[i]) for i in [0, n).
void exp_in_place(double *p, long n);

/// d[i] = g[i]·(1 − h[i]·h[i]) for i in [0, n): the backward pass of h = tanh(a) written
/// with the output h. d may be g.
void tanh_backward(const double *g, const double *h, double *d, long n);

/// c[r·columns + j] = c[r·columns + j] + row[j] for every row r < rows: a bias added to
/// every row of a row-major rows × columns batch (row must not lie inside c).
void add_row_vector(double *c, const double *row, long rows, long columns);

/// Whether `small_gemm` may be called (the CPU has AVX-512F).
int small_gemm_available(void);

/// C += A·B (accumulate ≠ 0) or C = A·B (accumulate = 0; C may then be uninitialised) for
/// row-major A (m × k, row stride lda), B (k × n, row stride ldb) and C (m × n, row stride
/// ldc), C overlapping neither. Each element is summed as BLAS's x86 kernels do it:
/// acc = 0, acc = fma(A[i,κ], B[κ,j], acc) for κ = 0, 1, …, k−1, then C[i,j] = C[i,j] + acc
/// (or acc). Only call when `small_gemm_available()` is true.
void small_gemm(long m, long n, long k, const double *a, long lda, const double *b, long ldb,
                double *c, long ldc, int accumulate);

#endif
