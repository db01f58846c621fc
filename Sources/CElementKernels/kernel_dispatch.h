// The run-time choice between the baseline, AVX2 and AVX-512 builds of a kernel, shared by
// the kernel files of this target (not part of its public headers).
//
// `KERNEL(name, (params), { body })` defines `name_baseline`, `name_avx2` and
// `name_avx512` from one plain C body; `DISPATCH(name, args…)` calls the widest one this
// CPU runs. Elsewhere than x86-64 only the baseline exists.
#ifndef KERNEL_DISPATCH_H
#define KERNEL_DISPATCH_H

#if defined(__x86_64__)
// The body is the variadic part, so that the commas inside it need no parentheses.
#define KERNEL(name, params, ...)                                               \
  static void name##_baseline params __VA_ARGS__                                \
  __attribute__((target("avx2"))) static void name##_avx2 params __VA_ARGS__    \
  __attribute__((target("avx512f"))) static void name##_avx512 params __VA_ARGS__
#define DISPATCH(name, ...)                            \
  switch (best_variant()) {                            \
    case 2: name##_avx512(__VA_ARGS__); return;        \
    case 1: name##_avx2(__VA_ARGS__); return;          \
    default: name##_baseline(__VA_ARGS__); return;     \
  }

// 2 = AVX-512, 1 = AVX2, 0 = baseline. Asked on every call (a read of the flag word that
// __builtin_cpu_init fills once), so there is no shared state to race on between threads.
static int best_variant(void) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return 2;
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}
#else
#define KERNEL(name, params, ...) static void name##_baseline params __VA_ARGS__
#define DISPATCH(name, ...) name##_baseline(__VA_ARGS__)
#endif

#endif
