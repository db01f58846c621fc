import Adversarial
import CBLAS
import ChapterKit
import Layers
import NumericsCore
import Optimizers

/// One alternating GAN step (chapter 3.8): G 2-64-64-2 (ReLU), D 2-64-64-1 (leaky ReLU,
/// slope 0.01), batch 256, Adam for both, float64, non-saturating loss, one D update and one G
/// update (the same work as `Benchmarks/peers/gan_step.py` in NumPy and PyTorch).
///
/// D's update runs real and fake as one stacked batch of 512; G's update takes only D's
/// input gradient (`Sequential.inputGradient`), not D's weight gradients. The products
/// (at most 512×64·64×64, about 13 M multiply-adds per step) run NumericsCore's small-product
/// kernel, each Dense layer fused with its rectifier. Two rows, interleaved: on one thread
/// (what chapter 3.8 runs) and on two (the kernel splits the rows of the products of at
/// least 2¹⁹ multiply-adds; the PyTorch peer also runs on two threads).
struct GANStepSection: BenchmarkSection {
  let key = "gan_step"
  let title = "GAN step (G 2-64-64-2, D 2-64-64-1, batch 256, Adam), float64, ms per step"

  func run(_ settings: BenchSettings) -> SectionResult {
    let one = GANStepWorkload(productThreads: 1)
    let two = GANStepWorkload(productThreads: 2)
    // The same step with every product on OpenBLAS (one thread), interleaved: what the
    // small-product kernel and the fused passes change, load aside.
    let openBLASOnly = GANStepWorkload(productThreads: 1)
    // Two threads with the kernel's splits handed to Dispatch instead of the pair worker.
    let dispatch = GANStepWorkload(productThreads: 2)
    var losses = (0.0, 0.0, 0.0, 0.0)
    let times = measureInterleaved(
      [
        { losses.0 = one.step() }, { losses.1 = two.step() },
        { losses.2 = withoutSmallProductKernel { openBLASOnly.step() } },
        { losses.3 = withoutPairWorker { dispatch.step() } },
      ],
      targetSeconds: settings.targetSeconds)
    precondition(
      losses.0.isFinite && losses.1.isFinite && losses.2.isFinite && losses.3.isFinite,
      "GAN-step benchmark: non-finite loss")
    let names = [
      "one D + one G update, 1 thread", "one D + one G update, 2 threads",
      "one D + one G update, 1 thread, OpenBLAS only",
      "one D + one G update, 2 threads, Dispatch instead of the pair worker",
    ]
    var rows: [[String]] = []
    var records: [JSONValue] = []
    for (i, threads) in [1, 2, 1, 2].enumerated() {
      let ms = times[i].seconds(settings.statistic) * 1e3
      rows.append([names[i], fixed(ms, 3)])
      var record: [String: JSONValue] = [
        "network": "gan_2_64_64", "threads": .number(Double(threads)),
        "ms_per_step": .number(ms),
      ]
      if i == 2 { record["openblas_only"] = .bool(true) }
      if i == 3 { record["dispatch"] = .bool(true) }
      records.append(.object(record))
    }
    return SectionResult(header: ["step", "ms/step"], rows: rows, records: records)
  }

  /// Runs `steps` GAN steps untimed on `threads` threads (`bench --gan-steps`) and returns
  /// the last generator loss.
  static func run(steps: Int, threads: Int) -> Double {
    let workload = GANStepWorkload(productThreads: threads)
    var loss = 0.0
    for _ in 0..<steps { loss = workload.step() }
    return loss
  }
}

/// The benchmark's GAN, its data and its generator. Each step runs with OpenBLAS set to
/// `productThreads` threads (restored after the step): NumericsCore's small-product kernel
/// then splits the products of at least 2¹⁹ multiply-adds over as many threads (at most
/// 2), and OpenBLAS runs the rest (k = 1 or 2, too small for it to thread).
final class GANStepWorkload {
  private var gan: GAN<Adam, Adam>
  private var rng = Xoshiro256StarStar(seed: 1)
  private let real: Matrix
  private let productThreads: Int

  init(productThreads: Int) {
    self.productThreads = productThreads
    let generator = Sequential.multilayerPerceptron(sizes: [2, 64, 64, 2], using: &rng)
    let discriminator = Sequential.multilayerPerceptron(
      sizes: [2, 64, 64, 1], activation: .leakyReLU, using: &rng)
    gan = GAN(
      generator: generator, discriminator: discriminator,
      generatorOptimizer: Adam(learningRate: 1e-4, beta1: 0.5),
      discriminatorOptimizer: Adam(learningRate: 1e-4, beta1: 0.5), noiseSize: 2)
    real = Matrix.normal(rows: 256, columns: 2, using: &rng)
  }

  /// One alternating step; its generator loss (NaN if it diverged).
  func step() -> Double {
    let blasThreads = openblas_get_num_threads()
    openblas_set_num_threads(Int32(productThreads))
    defer { openblas_set_num_threads(blasThreads) }
    let real = self.real
    return (try? gan.step(realBatch: { _ in real }, using: &rng))?.generatorLoss ?? .nan
  }
}
