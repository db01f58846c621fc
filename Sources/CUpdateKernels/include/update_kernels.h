// Element kernels of the optimizers, in C so that each can be compiled several times — for
// the x86-64 baseline (SSE2), for AVX2 and for AVX-512 — and the widest one the CPU has
// picked at run time. Swift has no per-function target attribute, and compiling the whole
// package for AVX2 would crash on a CPU without it. NumericsCore wraps these behind
// `Matrix` methods; nothing else calls them.
#ifndef UPDATE_KERNELS_H
#define UPDATE_KERNELS_H

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

/// For i in [0, n), in this order and with IEEE double arithmetic (no fused multiply-add):
///   p = p·shrink;  g' = g + l2·p
///   m = β1·m + (1 − β1)·g';  v = β2·v + (1 − β2)·g'·g'
///   p = p − step_size·m / (√v / root_correction + ε)
/// Every variant performs exactly these operations per element, so all return the same
/// bits. The four arrays must not overlap.
void adam_update(double *p, const double *g, double *m, double *v, long n,
                 const adam_coefficients *c);

/// Which version `adam_update` runs on this CPU: "avx512", "avx2" or "baseline".
const char *update_kernels_variant(void);

#endif
