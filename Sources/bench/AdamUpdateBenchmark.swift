import ChapterKit
import NumericsCore
import Optimizers

/// Adam's update of one 1000 × 1000 parameter (10⁶ numbers): the optimizer pass of a
/// training step on its own, against `torch.optim.Adam(fused=True)` in
/// `Benchmarks/peers/adam_update.py`. Each step reads p, g, m, v and writes p, m, v
/// (56 bytes per parameter) and costs a square root and two divisions per element, which
/// is what bounds it.
///
/// The same work on both sides: float64, default betas and ε, bias correction as PyTorch
/// (`lr/(1 − β1^t)` and `√v/√(1 − β2^t) + ε`, ε outside the root), no weight decay, a
/// fixed gradient, 2 threads (PyTorch `set_num_threads(2)`; ours splits tensors this
/// large over `elementThreads()`: the 2 cores, as OpenBLAS in `bench`). A difference in rounding, not in work:
/// PyTorch's fused kernel forms `v·β2 + (g·g)·(1 − β2)`, ours `β2·v + ((1 − β2)·g)·g`, as
/// the optimizer always has (its tests compare with PyTorch at 1e-9, not bit for bit).
struct AdamUpdateSection: BenchmarkSection {
  let key = "adam_update"
  let title = "Adam update of 10⁶ float64 parameters, ms per step"

  func run(_ settings: BenchSettings) -> SectionResult {
    var rng = Xoshiro256StarStar(seed: 3)
    var parameter = Matrix.normal(rows: 1000, columns: 1000, using: &rng)
    // Small gradients keep the parameter finite over any number of steps.
    let gradient = Matrix.normal(rows: 1000, columns: 1000, standardDeviation: 1e-3, using: &rng)
    var adam = Adam(learningRate: 1e-3)
    let times = measureInterleaved(
      [{ adam.update(&parameter, along: gradient, slot: 0) }],
      targetSeconds: settings.targetSeconds)
    precondition(parameter.isFinite, "adam-update benchmark: non-finite parameter")
    let ms = times[0].seconds(settings.statistic) * 1e3
    return SectionResult(
      header: ["parameters", "ms/step", "kernel", "threads"],
      rows: [["1000000", fixed(ms, 3), elementKernelVariant, "\(elementThreads())"]],
      records: [
        .object([
          "parameters": .number(1e6), "ms_per_step": .number(ms),
          "kernel": .string(elementKernelVariant), "threads": .number(Double(elementThreads())),
        ])
      ])
  }
}
