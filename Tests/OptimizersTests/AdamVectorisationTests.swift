import NumericsCore
import Optimizers
import XCTest

/// Adam's update runs in a C kernel, vectorised (AVX-512, AVX2 or the baseline's two
/// lanes, whichever the CPU has) and split over the cores for large tensors. These tests
/// pin it, bit for bit, to the scalar rule written out here in PyTorch's order of
/// operations, on sizes that leave every vector width a remainder, with both decays, and
/// with one thread against several.
final class AdamVectorisationTests: XCTestCase {
  private func scalarAdam(
    _ p0: [Double], gradients: [[Double]], lr: Double, l2: Double, decoupled: Double
  ) -> [Double] {
    let (b1, b2, eps) = (0.9, 0.999, 1e-8)
    var p = p0
    var m = [Double](repeating: 0, count: p.count)
    var v = m
    for (step, g) in gradients.enumerated() {
      let t = Double(step + 1)
      let stepSize = lr / (1 - pow(b1, t))
      let root = (1 - pow(b2, t)).squareRoot()
      for i in p.indices {
        p[i] *= 1 - lr * decoupled
        let gi = g[i] + l2 * p[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        p[i] -= stepSize * m[i] / (v[i].squareRoot() / root + eps)
      }
    }
    return p
  }

  func testVectorisedKernelEqualsTheScalarRuleBitForBit() {
    var rng = Xoshiro256StarStar(seed: 3)
    // 7: shorter than any vector; 1031: a prime, so 2-, 4- and 8-lane loops all leave a
    // remainder.
    for count in [7, 1031] {
      let start = (0..<count).map { _ in rng.nextNormal() }
      let gradients = (0..<6).map { _ in (0..<count).map { _ in rng.nextNormal() } }
      for (l2, decoupled) in [(0.0, 0.0), (0.1, 0.0), (0.0, 0.05)] {
        var parameter = Matrix(row: start)
        var adam: any Optimizer =
          decoupled > 0
          ? AdamW(learningRate: 0.01, weightDecay: decoupled)
          : Adam(learningRate: 0.01, weightDecay: l2)
        for g in gradients { adam.update(&parameter, along: Matrix(row: g), slot: 0) }
        let expected = scalarAdam(
          start, gradients: gradients, lr: 0.01, l2: l2, decoupled: decoupled)
        XCTAssertEqual(
          parameter.elements.map(\.bitPattern), expected.map(\.bitPattern),
          "\(count) elements, l2 \(l2), decoupled \(decoupled) (\(elementKernelVariant) kernel)")
      }
    }
  }

  /// A tensor large enough to be split over the cores gives the bits of one thread; the
  /// split points (chunk ends at multiples of 8) cut through it at odd places because the
  /// length is odd.
  func testThreadedUpdateEqualsOneThreadBitForBit() {
    var rng = Xoshiro256StarStar(seed: 4)
    let count = 4 * elementsPerExtraThread + 13
    let gradient = Matrix.normal(rows: 1, columns: count, using: &rng)
    let start = Matrix.normal(rows: 1, columns: count, using: &rng)
    var results: [[UInt64]] = []
    for threads in [1, 2, 3] {
      var p = start
      var (m, v) = (Matrix.zeros(like: p), Matrix.zeros(like: p))
      for t in 1...3 {
        let constants = AdamStepConstants(
          shrink: 1 - 1e-3 * 0.01, l2: 0.02, beta1: 0.9, beta2: 0.999,
          stepSize: 1e-3 / (1 - pow(0.9, Double(t))),
          rootCorrection: (1 - pow(0.999, Double(t))).squareRoot(), epsilon: 1e-8)
        p.formAdamUpdate(along: gradient, first: &m, second: &v, constants, threads: threads)
      }
      results.append(
        p.elements.map(\.bitPattern) + m.elements.map(\.bitPattern)
          + v.elements.map(\.bitPattern))
    }
    XCTAssertEqual(results[0], results[1], "2 threads differ from 1")
    XCTAssertEqual(results[0], results[2], "3 threads differ from 1")
    XCTAssertNotEqual(Array(results[0].prefix(count)), start.elements.map(\.bitPattern))
  }
}
