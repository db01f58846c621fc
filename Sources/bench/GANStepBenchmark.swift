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
/// input gradient (`Sequential.inputGradient`), not D's weight gradients. The matrices are
/// tiny (at most 512×64·64×64), so OpenBLAS runs on one thread for this section: splitting
/// such a product over two cores costs more than it saves. The thread count is restored
/// afterwards.
struct GANStepSection: BenchmarkSection {
  let key = "gan_step"
  let title = "GAN step (G 2-64-64-2, D 2-64-64-1, batch 256, Adam), float64, ms per step"

  func run(_ settings: BenchSettings) -> SectionResult {
    let threads = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(threads) }
    var rng = Xoshiro256StarStar(seed: 1)
    let generator = Sequential.multilayerPerceptron(sizes: [2, 64, 64, 2], using: &rng)
    let discriminator = Sequential.multilayerPerceptron(
      sizes: [2, 64, 64, 1], activation: .leakyReLU, using: &rng)
    var gan = GAN(
      generator: generator, discriminator: discriminator,
      generatorOptimizer: Adam(learningRate: 1e-4, beta1: 0.5),
      discriminatorOptimizer: Adam(learningRate: 1e-4, beta1: 0.5), noiseSize: 2)
    let real = Matrix.normal(rows: 256, columns: 2, using: &rng)
    var loss = 0.0
    let times = measureInterleaved(
      [
        {
          loss = (try? gan.step(realBatch: { _ in real }, using: &rng))?.generatorLoss ?? .nan
        }
      ], targetSeconds: settings.targetSeconds)
    precondition(loss.isFinite, "GAN-step benchmark: non-finite loss")
    let ms = times[0].seconds(settings.statistic) * 1e3
    return SectionResult(
      header: ["step", "ms/step"], rows: [["one D + one G update", fixed(ms, 3)]],
      records: [.object(["network": "gan_2_64_64", "ms_per_step": .number(ms)])])
  }
}
