import Layers
import Losses
import NumericsCore
import Production
import XCTest

final class DPSGDTests: XCTestCase {
  /// The two-pass clipped sum against the loop it replaces: one backward pass per example,
  /// its full gradient's norm, clipped, summed.
  func testClippedSumEqualsBatchOfOneComputation() {
    var rng = Xoshiro256StarStar(seed: 4)
    let network = Sequential([
      Dense(inputSize: 6, outputSize: 5, using: &rng), Tanh(),
      Dense(inputSize: 5, outputSize: 3, using: &rng),
    ])
    let x = Matrix.normal(rows: 9, columns: 6, standardDeviation: 2, using: &rng)
    let labels = (0..<9).map { $0 % 3 }
    var none = Xoshiro256StarStar(seed: 0)
    // A clipping norm between the examples' norms, so some are clipped and some are not.
    let clip = clippedGradientSum(network, inputs: x, labels: labels, clipNorm: 1e9, using: &none)
      .norms.sorted()[4]
    let fast = clippedGradientSum(network, inputs: x, labels: labels, clipNorm: clip, using: &none)

    var expected: [[Matrix]]? = nil
    var clippedCount = 0
    for i in 0..<9 {
      let xi = x.rows(at: [i])
      let (out, caches) = network.forward(xi, mode: .training, using: &none)
      let loss = softmaxCrossEntropy(logits: out, labels: [labels[i]], reduction: .sum)
      let g = network.backward(loss.gradient, caches: caches).gradients
      let norm = globalNorm(g.flatMap { $0 })
      XCTAssertEqual(fast.norms[i], norm, accuracy: 1e-12 * norm)
      let factor = min(1, clip / (norm + 1e-6))
      if factor < 1 { clippedCount += 1 }
      let scaled = g.map { $0.map { $0 * factor } }
      expected = expected.map { zip($0, scaled).map { zip($0, $1).map { $0 + $1 } } } ?? scaled
    }
    XCTAssertGreaterThan(clippedCount, 2, "the case must exercise clipping")
    XCTAssertLessThan(clippedCount, 9, "and leave some gradients unclipped")
    for (layer, expectedLayer) in zip(fast.sum, expected!) {
      for (a, b) in zip(layer, expectedLayer) {
        XCTAssertLessThan((a - b).norm(), 1e-12 * max(1, b.norm()))
      }
    }
  }

  /// The explicit form (one flattened gradient per row) against the two-pass sum.
  func testClippedSumOfExplicitRowsEqualsTheTwoPassSum() {
    var rng = Xoshiro256StarStar(seed: 5)
    let network = Sequential([
      Dense(inputSize: 4, outputSize: 3, using: &rng), ReLU(),
      Dense(inputSize: 3, outputSize: 2, using: &rng),
    ])
    let x = Matrix.normal(rows: 6, columns: 4, standardDeviation: 2, using: &rng)
    let labels = [0, 1, 1, 0, 1, 0]
    var none = Xoshiro256StarStar(seed: 0)
    let rows = (0..<6).map { i -> [Double] in
      let (out, caches) = network.forward(x.rows(at: [i]), mode: .training, using: &none)
      let loss = softmaxCrossEntropy(logits: out, labels: [labels[i]], reduction: .sum)
      return network.backward(loss.gradient, caches: caches).gradients.flatMap { $0 }
        .flatMap(\.elements)
    }
    let clip = 0.5
    let twoPass = clippedGradientSum(
      network, inputs: x, labels: labels, clipNorm: clip, using: &none)
    let explicit = clippedSum(perExampleGradients: Matrix(rows), clipNorm: clip)
    let expected = twoPass.sum.flatMap { $0 }.flatMap(\.elements)
    XCTAssertEqual(explicit.count, expected.count)
    for (a, b) in zip(explicit, expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    XCTAssertEqual(clippingFactor(norm: 0.2, clipNorm: 1), 1, "never scaled up")
    XCTAssertEqual(clippingFactor(norm: 4, clipNorm: 2), 2 / (4 + 1e-6))
  }

  func testNoiseHasTheStatedStandardDeviation() {
    // σC/(qN) per coordinate: with σ = 2, C = 3, qN = 4 the SD is 1.5. 20,000 coordinates:
    // the sample SD's relative SE is 1/√(2·20000) ≈ 0.5%; bound 3%.
    let zero = ClippedGradientsFixture.zero(count: 20_000)
    var rng = Xoshiro256StarStar(seed: 8)
    let noisy = privatizedGradient(
      zero, noiseMultiplier: 2, clipNorm: 3, expectedBatchSize: 4, using: &rng)
    let values = noisy[0][0].withUnsafeElements { Array($0) }
    let sd = (values.map { $0 * $0 }.reduce(0, +) / Double(values.count)).squareRoot()
    XCTAssertEqual(sd, 1.5, accuracy: 0.045)
  }
}

enum ClippedGradientsFixture {
  /// A clipped sum that is exactly zero: one class, so softmax cross-entropy's gradient
  /// p − 1 = 0 everywhere.
  static func zero(count: Int) -> ClippedGradients {
    var rng = Xoshiro256StarStar(seed: 1)
    let network = Sequential([Dense(inputSize: count, outputSize: 1, using: &rng)])
    let clipped = clippedGradientSum(
      network, inputs: .zeros(rows: 1, columns: count), labels: [0], clipNorm: 1, using: &rng)
    precondition(clipped.sum[0][0].norm() == 0)
    return clipped
  }
}
