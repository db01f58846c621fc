import CBLAS
import Layers
import XCTest

@testable import NumericsCore

/// `Sequential`'s fusion of a float32 Conv2D with the ReLU layers around it
/// (`Conv2D+Rectifier.swift`) gives the same bits as the layers one by one: the output,
/// every parameter gradient and the input gradient, with the convolution loops on one
/// thread and on two, on batches that divide into neither the blocks nor the threads. The
/// reference is the same network with each ReLU hidden behind another type, which
/// `Sequential` runs on its own.
final class ConvRectifierFusionTests: XCTestCase {
  private func unfused(_ network: Sequential) -> Sequential {
    Sequential(network.layers.map { $0 is ReLU ? Unfused(ReLU()) : $0 })
  }

  private func bits(_ m: Matrix?) -> [UInt64] { m?.elements.map(\.bitPattern) ?? [] }

  /// Forward output, parameter gradients and (when asked) the input gradient, as bits.
  private func run(
    _ network: Sequential, _ x: Matrix, _ g: Matrix, needsInputGradient: Bool
  ) -> [[UInt64]] {
    var rng = Xoshiro256StarStar(seed: 5)  // the dropout masks, alike on both sides
    let (y, caches) = network.forward(x, mode: .training, using: &rng)
    let (dx, grads) = network.backward(g, caches: caches, needsInputGradient: needsInputGradient)
    return [bits(y), bits(dx)] + grads.flatMap { $0.map(bits) }
  }

  private func assertFusionExact(
    _ network: Sequential, batch: Int, outputs: Int, needsInputGradient: Bool,
    _ rng: inout Xoshiro256StarStar, _ what: String
  ) {
    let x = Matrix.normal(rows: batch, columns: network.inputCount, using: &rng)
    let g = Matrix.normal(rows: batch, columns: outputs, using: &rng)
    // Also a negative zero and an infinity, which the masks must treat as ReLU's backward
    // does (−g·0 = −0, ∞·0 = NaN). A separate case: the NaNs spread through the sums and
    // would hide any other difference.
    var special = g
    special[0, 0] = -0.0
    special[batch - 1, outputs - 1] = .infinity
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    for blas in [Int32(1), 2] {
      openblas_set_num_threads(blas)
      for threads in [1, 2] {
        for (gradient, name) in [(g, "normal G"), (special, "G with −0 and ∞")] {
          let (fused, plain) = ConvolutionThreads.$override.withValue(threads) {
            (
              run(network, x, gradient, needsInputGradient: needsInputGradient),
              run(unfused(network), x, gradient, needsInputGradient: needsInputGradient)
            )
          }
          XCTAssertEqual(fused.count, plain.count, what)
          for (k, (a, b)) in zip(fused, plain).enumerated() {
            let differing = zip(a, b).filter { $0 != $1 }.count
            XCTAssert(
              a.count == b.count && differing == 0,
              "\(what), \(name), OpenBLAS \(blas), loops \(threads): result \(k) has "
                + "\(differing) of \(a.count) elements differing")
          }
        }
      }
    }
  }

  /// The bench's step: ConvPool2D → ReLU → Conv2D (float32) → ReLU, batch 13.
  func testBenchNetworkFusesExactly() {
    var rng = Xoshiro256StarStar(seed: 41)
    let first = Conv2D(
      inputShape: ImageShape(height: 28, width: 28, channels: 1), filters: 8, kernelSize: 3,
      using: &rng)
    let pooled = ConvPool2D(first, poolSize: 2)
    var second = Conv2D(
      inputShape: pooled.outputShape, filters: 16, kernelSize: 3, precision: .float32,
      using: &rng)
    second.bias = .normal(rows: 1, columns: 16, using: &rng)
    let network = Sequential([pooled, ReLU(), second, ReLU()])
    assertFusionExact(
      network, batch: 13, outputs: second.outputShape.count, needsInputGradient: false, &rng,
      "bench network")
  }

  /// ReLU first (its input gradient asked for), a strided, padded float32 Conv2D, ReLU.
  func testLeadingRectifierWithInputGradient() {
    var rng = Xoshiro256StarStar(seed: 43)
    let conv = Conv2D(
      inputShape: ImageShape(height: 9, width: 8, channels: 3), filters: 5, kernelSize: 3,
      stride: 2, padding: 1, precision: .float32, using: &rng)
    for layers in [[ReLU(), conv, ReLU()], [ReLU(), conv], [conv, ReLU()]] as [[any Layer]] {
      let network = Sequential(layers)
      assertFusionExact(
        network, batch: 7, outputs: conv.outputShape.count, needsInputGradient: true, &rng,
        "\(network)")
    }
  }

  /// Chapter 3.4's CNN (float32 second convolution, then max-pooling: only the ReLU before
  /// the convolution fuses), with dropout.
  func testChapterNetworkFusesExactly() {
    var rng = Xoshiro256StarStar(seed: 47)
    let network = Sequential.convolutionalNetwork(
      hidden: 16, dropout: 0.3, precision: .float32, using: &rng)
    assertFusionExact(
      network, batch: 5, outputs: 10, needsInputGradient: false, &rng, "chapter network")
  }
}

extension Sequential {
  /// The input width of the first layer (these tests' networks start with a convolution
  /// or a ReLU in front of one).
  fileprivate var inputCount: Int {
    for layer in layers {
      if let conv = layer as? Conv2D { return conv.inputShape.count }
      if let fused = layer as? ConvPool2D { return fused.convolution.inputShape.count }
    }
    preconditionFailure("no convolution in \(self)")
  }
}
