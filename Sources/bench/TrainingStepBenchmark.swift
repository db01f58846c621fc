import ChapterKit
import Layers
import NumericsCore
import Optimizers

/// One training step of an MLP on a batch of 128 (chapter 3.1): forward, softmax
/// cross-entropy, backward (without the input gradient of the first layer, which nothing
/// uses) and the optimizer's update, in float64, with OpenBLAS on both cores.
///
/// Two networks: the textbook 784-256-10 with plain SGD (the same step as the NumPy and
/// PyTorch peers in `Benchmarks/peers/training_step.py`), and the chapter's
/// 784-256-128-10 with Adam. The two GEMMs of the first layer (forward 128×784·784×256 and
/// the weight gradient) dominate: about 2 · 2 · 128 · 784 · 256 ≈ 103 MFLOP per step.
struct TrainingStepSection: BenchmarkSection {
  let key = "training_step"
  let title = "MLP training step, batch 128, float64, ms per step"

  func run(_ settings: BenchSettings) -> SectionResult {
    var textbook = TrainingStepBenchmark()
    var chapter = TrainingStepBenchmark(
      sizes: [784, 256, 128, 10], optimizer: Adam(learningRate: 1e-3))
    // The same SGD step with every product on OpenBLAS (`setSmallProductKernel`), in the
    // same process, interleaved: what the small-product kernel changes, load aside.
    var openBLASOnly = TrainingStepBenchmark()
    // And with the kernel's two-thread splits handed to Dispatch instead of the pair worker.
    var dispatch = TrainingStepBenchmark()
    // And with the gradients formed before the update (plain SGD's step not folded into the
    // Dense products).
    var formed = TrainingStepBenchmark()
    formed.formsGradients = true
    var losses = (0.0, 0.0, 0.0, 0.0, 0.0)
    let times = measureInterleaved(
      [
        { losses.0 = textbook.step() }, { losses.1 = chapter.step() },
        { losses.2 = withoutSmallProductKernel { openBLASOnly.step() } },
        { losses.3 = withoutPairWorker { dispatch.step() } },
        { losses.4 = formed.step() },
      ],
      targetSeconds: settings.targetSeconds)
    precondition(
      losses.0.isFinite && losses.1.isFinite && losses.2.isFinite && losses.3.isFinite
        && losses.4.isFinite,
      "training-step benchmark: non-finite loss")
    let names = [
      "784-256-10, SGD", "784-256-128-10, Adam", "784-256-10, SGD, OpenBLAS only",
      "784-256-10, SGD, Dispatch instead of the pair worker",
      "784-256-10, SGD, gradients formed before the update",
    ]
    let keys = [
      "mlp_784_256_10_sgd", "mlp_784_256_128_10_adam", "mlp_784_256_10_sgd_openblas",
      "mlp_784_256_10_sgd_dispatch", "mlp_784_256_10_sgd_formed",
    ]
    var rows: [[String]] = []
    var records: [JSONValue] = []
    for i in 0..<5 {
      let ms = times[i].seconds(settings.statistic) * 1e3
      rows.append([names[i], fixed(ms, 3)])
      records.append(.object(["network": .string(keys[i]), "ms_per_step": .number(ms)]))
    }
    return SectionResult(header: ["network", "ms/step"], rows: rows, records: records)
  }
}
