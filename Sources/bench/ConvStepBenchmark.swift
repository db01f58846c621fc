import ChapterKit
import Layers
import NumericsCore
import Optimizers

/// One training step of the chapter 3.4 convolutional stem on a batch of 64 Fashion-MNIST
/// sized images (28×28×1), in both of Conv2D's precisions:
///
/// ```
/// Conv2D 3×3×32 → ReLU → MaxPool 2×2 → Conv2D 3×3×64 → ReLU        (no padding)
/// 28×28×1 → 26×26×32 → 13×13×32 → 11×11×64
/// ```
/// (ours runs the first ReLU after the pooling, as `Sequential.convolutionalNetwork` does:
/// the same function and gradients, since ReLU commutes with the maximum, on a quarter of
/// the numbers; and the first convolution and its pooling are one fused `ConvPool2D`
/// layer, float64 in both rows), forward, the loss `Σ G ∘ y` for a fixed random `G` (so backward starts
/// from `G`), backward (without the input gradient of the first layer) and a plain SGD
/// update. The second convolution's three GEMMs, each (64·121) × 288 × 64 ≈ 2 · 143 MFLOP,
/// dominate.
///
/// "float64" is float64 throughout; "float32 GEMMs" is `ConvolutionPrecision.float32` for
/// the second convolution's products, which for this 3×3 stride-1 layer means Winograd
/// F(2×2, 3×3) (`ConvolutionAlgorithm.automatic`, 1.9× fewer multiply-adds here: 13×13 →
/// 11×11 is tiled as 12×12); "float32 GEMMs, im2col" is the same layer by im2col, the A/B
/// row; parameters, SGD, the fused first layer, pooling and ReLU in float64. The section ends with the chapter's whole CNN step
/// (`ConvStepChapterNetwork`). Both are
/// timed interleaved in one process, on the same weights and inputs.
///
/// Threads: as many as OpenBLAS is set to (2 in `make bench`, at most 2). The convolutions'
/// loops split too (`Convolution+Threads.swift`): the fused first layer's blocks of images
/// (forward and backward) are taken in turn by two threads; so are the Winograd second
/// convolution's blocks of 128 tiles, each with its transforms and its 16 small products
/// (which OpenBLAS runs on the calling thread), and its ∂L/∂b is split over columns; the
/// im2col row's GEMMs use OpenBLAS's threads, its im2col and col2im are split over images
/// and its float32 ↔ float64 conversions over rows: the same bits as on one thread. The ReLU layers around the float32 convolution are folded into those
/// conversions (`Sequential`'s fusion, `Conv2D+Rectifier.swift`, the same bits); the row
/// "layer by layer" runs the same network with the ReLUs on their own (one thread), for
/// the difference. Still on one thread: the SGD update (18,000 numbers, a few µs).
///
/// The peers in `Benchmarks/peers/conv_step.py` (PyTorch float64 and float32, NumPy im2col
/// as Deep Learning from Scratch writes it) do the same arithmetic; run that script with
/// `--ours .build/release/bench` to time all of them in one run, interleaved.
struct ConvStepSection: BenchmarkSection {
  let key = "conv_step"
  let title =
    "CNN training step (conv 3×3×32 → pool → conv 3×3×64), batch 64, ms; float64 and "
    + "float32-GEMM convolutions"

  func run(_ settings: BenchSettings) -> SectionResult {
    var rng = Xoshiro256StarStar(seed: 1)
    var first = Conv2D(
      inputShape: ImageShape(height: 28, width: 28, channels: 1), filters: 32, kernelSize: 3,
      using: &rng)
    let pool = MaxPool2D(inputShape: first.outputShape)
    var second = Conv2D(inputShape: pool.outputShape, filters: 64, kernelSize: 3, using: &rng)
    let input = Matrix.uniform(rows: 64, columns: 28 * 28, using: &rng)
    let upstream = Matrix.normal(rows: 64, columns: second.outputShape.count, using: &rng)
    // The first convolution and its pooling fused (direct, float64: see ConvPool2D).
    var variants = [Variant]()
    for precision in ConvolutionPrecision.allCases {
      first.precision = precision
      second.precision = precision
      let fused = ConvPool2D(first, poolSize: 2)
      if precision == .float32 {
        // The same layers with the ReLUs hidden from Sequential's fusion: the A/B row.
        variants.append(
          Variant(
            network: Sequential([fused, Unfused(ReLU()), second, Unfused(ReLU())]),
            label: "float32 GEMMs, layer by layer", key: "conv32_pool_conv64_sgd_unfused",
            groups: nil))
        // The second convolution by im2col instead of Winograd: the other A/B row.
        var im2col = second
        im2col.algorithm = .im2col
        variants.append(
          Variant(
            network: Sequential([fused, ReLU(), im2col, ReLU()]),
            label: "float32 GEMMs, im2col", key: "conv32_pool_conv64_sgd_im2col", groups: [1, 3]))
      }
      variants.append(
        Variant(
          network: Sequential([fused, ReLU(), second, ReLU()]),
          label: precision == .float64 ? "float64" : "float32 GEMMs",
          key: "conv32_pool_conv64_sgd", groups: precision == .float64 ? [1, 1, 1, 1] : [1, 3]))
    }
    let steps = variants.map {
      trainingStep($0.network, input: input, upstream: upstream, optimizer: SGD(learningRate: 1e-4))
    }
    let times = measureInterleaved(steps, targetSeconds: settings.targetSeconds)
    var rows = [[String]]()
    var records = [JSONValue]()
    for (k, variant) in variants.enumerated() {
      let ms = times[k].seconds(settings.statistic) * 1e3
      rows.append(["conv32-pool-conv64, SGD, \(variant.label)", fixed(ms, 2)])
      var parts = [JSONValue]()
      for part in variant.groups.map({
        ConvStepBreakdown.rows(
          network: variant.network, groups: $0, input: input, upstream: upstream,
          settings: settings)
      }) ?? [] {
        rows.append(["  " + part.name, fixed(part.ms, 2)])
        parts.append(.object(["part": .string(part.name), "ms": .number(part.ms)]))
      }
      let precision = variant.network.layers.contains {
        ($0 as? Conv2D)?.precision == .float32
      }
      records.append(
        .object([
          "network": .string(variant.key),
          "precision": .string(precision ? "float32" : "float64"), "ms_per_step": .number(ms),
          "breakdown": .array(parts),
        ]))
    }
    let chapter = ConvStepChapterNetwork.rows(settings: settings)
    rows += chapter.rows
    records += chapter.records
    return SectionResult(header: ["network", "ms/step"], rows: rows, records: records)
  }

  /// A network to time, its row label and JSON key, and how its breakdown groups the
  /// layers (nil: no breakdown).
  private struct Variant {
    let network: Sequential
    let label: String
    let key: String
    let groups: [Int]?
  }
}

/// One timed training step of `network`, as a closure that owns its copy of the network
/// and the optimizer: forward in training mode, backward from the fixed `∂L/∂y`
/// `upstream` (the loss `Σ upstream ∘ y`), one update.
func trainingStep<O: Optimizer>(
  _ network: Sequential, input: Matrix, upstream: Matrix, optimizer: O
) -> () -> Void {
  var network = network
  var optimizer = optimizer
  var rng = Xoshiro256StarStar(seed: 2)
  return {
    let (_, caches) = network.forward(input, mode: .training, using: &rng)
    let gradients = network.backward(upstream, caches: caches).gradients
    network.update(along: gradients, with: &optimizer)
  }
}
