// Element kernels of NumericsCore in C, so that each can be compiled several times — for
// the x86-64 baseline (SSE2), for AVX2 and for AVX-512 — and the widest one the CPU has
// picked at run time. Swift has no per-function target attribute, and compiling the whole
// package for AVX2 would crash on a CPU without it. NumericsCore wraps these behind
// `Matrix` methods; nothing else calls them.
//
// Every variant performs the same IEEE double operations per element in the same order
// (the build passes -ffp-contract=off: no fused multiply-add), so all return the same bits,
// and the same bits as the scalar Swift rule each one replaces. Arrays must not overlap
// unless a comment says they may.
#ifndef ELEMENT_KERNELS_H
#define ELEMENT_KERNELS_H

/// The per-step constants of one Adam/AdamW update (computed once per step in Swift).
typedef struct {
  double shrink;           ///< p ← p·shrink first: 1 − lr·λ for AdamW, 1 for Adam
  double l2;               ///< g ← g + l2·p: λ for Adam's L2 decay, 0 for AdamW
  double beta1;            ///< β1
  double beta2;            ///< β2
  double step_size;        ///< lr / (1 − β1^t)
  double root_correction;  ///< √(1 − β2^t)
  double epsilon;          ///< ε, added outside the root
} adam_coefficients;

/// For i in [0, n), in this order:
///   p = p·shrink;  g' = g + l2·p
///   m = β1·m + (1 − β1)·g';  v = β2·v + (1 − β2)·g'·g'
///   p = p − step_size·m / (√v / root_correction + ε)
void adam_update(double *p, const double *g, double *m, double *v, long n,
                 const adam_coefficients *c);

/// Plain SGD with L2 decay: p = p − lr·(g + λ·p) for i in [0, n).
void sgd_update(double *p, const double *g, long n, double lr, double lambda);

/// ReLU: y = x > 0 ? x : 0 (NaN → 0).
void relu_forward(const double *x, double *y, long n);

/// Leaky ReLU: y = x > 0 ? x : slope·x.
void leaky_relu_forward(const double *x, double *y, long n, double slope);

/// The backward pass of both: d = g · (c > 0 ? 1 : slope), c the cached input or output
/// (slope 0 for ReLU: the product keeps g's sign of zero and an infinite g's NaN).
void rectifier_backward(const double *g, const double *c, double *d, long n, double slope);

/// Column sums of a row-major rows × columns matrix: s[c] = Σ_r a[r·columns + c], rows
/// added in order 0, 1, … from 0.
void column_sums(const double *a, double *s, long rows, long columns);

/// The largest |x[i]| as a bit pattern with the sign cleared (0 when n = 0): for IEEE
/// doubles without their sign, the order of the patterns as unsigned integers is the order
/// of the values, and ±∞ and NaN have the largest ones (≥ 0x7ff0000000000000).
unsigned long long largest_magnitude_bits(const double *x, long n);

/// Which version the kernels run on this CPU: "avx512", "avx2" or "baseline".
const char *element_kernels_variant(void);

#endif
