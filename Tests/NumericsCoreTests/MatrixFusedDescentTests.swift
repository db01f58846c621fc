import CBLAS
import NumericsCore
import XCTest

/// Gradient descent folded into the gradient's product (`Matrix+FusedDescent.swift`).
///
/// 1. Bit for bit against the two-pass way it replaces: the product formed by `matmul`,
///    then `formSGDUpdate(along:)`, on one and two threads, for shapes the small-product
///    kernel takes (the 784-256 layer's 784 × 128ᵀ·128 × 256, a GAN's 64 × 512ᵀ·512 × 64)
///    and shapes it leaves to OpenBLAS (n = 10, k above one block, A not transposed).
/// 2. Against the update rule written out as a scalar loop, p − η·(Σ_κ a·b + λ·p), to a
///    relative 1e-12 (the loop sums in another order than the kernel's FMA chain).
/// 3. `largestMagnitude` on values whose answer is known, NaN, ±∞ and −0 among them.
final class MatrixFusedDescentTests: XCTestCase {
  private let shapes = [
    (784, 256, 128), (64, 64, 512), (256, 64, 64), (256, 10, 128), (64, 64, 1000), (96, 32, 7),
  ]

  private func twoPass(
    _ p: Matrix, _ a: Matrix, _ b: Matrix, transposeA: Bool, rate: Double, decay: Double
  ) -> Matrix {
    var q = p
    q.formSGDUpdate(
      along: matmul(a, b, transposeA: transposeA), learningRate: rate, weightDecay: decay)
    return q
  }

  func testTheFoldedStepHasTheBitsOfTheTwoPasses() {
    var rng = Xoshiro256StarStar(seed: 41)
    let threads = openblas_get_num_threads()
    defer { openblas_set_num_threads(threads) }
    for threadCount: Int32 in [1, 2] {
      openblas_set_num_threads(threadCount)
      for (m, n, k) in shapes {
        for transposeA in [true, false] {
          for decay in [0.0, 0.01] {
            let a = Matrix.normal(
              rows: transposeA ? k : m, columns: transposeA ? m : k, using: &rng)
            let b = Matrix.normal(rows: k, columns: n, using: &rng)
            let p = Matrix.normal(rows: m, columns: n, using: &rng)
            var folded = p
            folded.formSGDUpdate(
              alongProductOf: a, b, transposeA: transposeA, learningRate: 0.03, weightDecay: decay)
            let expected = twoPass(p, a, b, transposeA: transposeA, rate: 0.03, decay: decay)
            let differ = zip(folded.elements, expected.elements).filter {
              $0.bitPattern != $1.bitPattern
            }.count
            XCTAssertEqual(
              differ, 0,
              "\(m)×\(n)×\(k), transposeA \(transposeA), λ \(decay), \(threadCount) threads")
          }
        }
      }
    }
  }

  func testTheFoldedStepFollowsTheUpdateRule() {
    var rng = Xoshiro256StarStar(seed: 42)
    let (m, n, k) = (64, 32, 48)
    let a = Matrix.normal(rows: k, columns: m, using: &rng)  // transposed: op(a) is m × k
    let b = Matrix.normal(rows: k, columns: n, using: &rng)
    let p = Matrix.normal(rows: m, columns: n, using: &rng)
    let (rate, decay) = (0.1, 0.02)
    var folded = p
    folded.formSGDUpdate(
      alongProductOf: a, b, transposeA: true, learningRate: rate, weightDecay: decay)
    for i in 0..<m {
      for j in 0..<n {
        var gradient = 0.0
        for kappa in 0..<k { gradient += a[kappa, i] * b[kappa, j] }
        let expected = p[i, j] - rate * (gradient + decay * p[i, j])
        XCTAssertEqual(folded[i, j], expected, accuracy: 1e-12 * Swift.max(1, abs(expected)))
      }
    }
  }

  func testLargestMagnitude() {
    XCTAssertEqual(Matrix(rows: 1, columns: 4, elements: [1, -3.5, 2, -0.0]).largestMagnitude, 3.5)
    XCTAssertEqual(Matrix(rows: 2, columns: 1, elements: [-0.0, 0]).largestMagnitude, 0)
    XCTAssertEqual(Matrix.zeros(rows: 0, columns: 3).largestMagnitude, 0)
    XCTAssertEqual(
      Matrix(rows: 1, columns: 3, elements: [1, .leastNonzeroMagnitude, -1e300]).largestMagnitude,
      1e300)
    for bad in [Double.nan, .infinity, -.infinity, -.nan] {
      var elements = [Double](repeating: 1, count: 37)  // past a vector's width
      elements[29] = bad
      XCTAssertEqual(
        Matrix(rows: 1, columns: 37, elements: elements).largestMagnitude, .infinity, "\(bad)")
    }
    XCTAssertEqual(
      Matrix(rows: 1, columns: 2, elements: [.greatestFiniteMagnitude, -1]).largestMagnitude,
      .greatestFiniteMagnitude)
  }
}
