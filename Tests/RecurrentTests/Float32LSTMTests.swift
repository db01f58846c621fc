import Foundation
import NumericsCore
import XCTest

@testable import Recurrent

/// The language model's float32 LSTM products against the float64 path (which the
/// gradient checks and the PyTorch fixtures cover): a float32 path cannot be
/// finite-difference checked at float64's tolerances, so it is held to float32's own.
final class Float32LSTMTests: XCTestCase {
  /// A two-layer model at sizes where the products' dot products are long enough for
  /// float32's rounding to show (I = 27 one-hot, H = 24, so 4H = 96), on words of
  /// different lengths (padding) — the language model's shapes, scaled down.
  func makeModel(seed: UInt64) -> CharacterLanguageModel<LSTMCell> {
    var rng = Xoshiro256StarStar(seed: seed)
    return CharacterLanguageModel(
      layers: [
        LSTMCell(inputSize: 27, hiddenSize: 24, using: &rng),
        LSTMCell(inputSize: 24, hiddenSize: 24, using: &rng),
      ],
      readout: Readout(hiddenSize: 24, outputSize: 27, using: &rng))
  }

  func makeWords(seed: UInt64) -> [[Int]] {
    var rng = Xoshiro256StarStar(seed: seed)
    return (0..<16).map { _ in
      (0..<Int.random(in: 1...12, using: &rng)).map { _ in Int.random(in: 1...26, using: &rng) }
    }
  }

  /// ‖a − b‖ / ‖b‖ over a tensor's elements.
  func relativeDifference(_ a: Matrix, _ b: Matrix) -> Double {
    var (difference, norm) = (0.0, 0.0)
    for r in 0..<b.rows {
      for c in 0..<b.columns {
        difference += (a[r, c] - b[r, c]) * (a[r, c] - b[r, c])
        norm += b[r, c] * b[r, c]
      }
    }
    return (difference / norm).squareRoot()
  }

  /// Bound: float32's unit roundoff is u = 2⁻²⁴ ≈ 6·10⁻⁸; a product of n ≤ 200 terms
  /// errs by ~√n·u ≈ 10⁻⁶ relative and the backward sweep compounds that over ≤ 13 steps,
  /// so 10⁻⁴ (relative, per tensor in norm) is a loose float32 bound, and 10⁻⁶ on the
  /// loss. A wrong float32 product (a transposed operand, a missing term) is off by O(1).
  func testFloat32LossAndGradientsAgreeWithFloat64WithinFloat32Rounding() {
    for seed: UInt64 in [1, 2, 3] {
      let exact = makeModel(seed: seed)
      var mixed = exact
      mixed.precision = .float32
      let words = makeWords(seed: seed + 100)
      let a = exact.negativeLogLikelihood(of: words, computeGradients: true)
      let b = mixed.negativeLogLikelihood(of: words, computeGradients: true)
      XCTAssertEqual(a.count, b.count)
      XCTAssertEqual(b.total, a.total, accuracy: 1e-6 * a.total, "seed \(seed)")
      // Not the same bits: the float32 path really is another computation.
      XCTAssertNotEqual(b.total, a.total, "seed \(seed)")
      XCTAssertEqual(a.gradients.count, b.gradients.count)
      for (k, (g64, g32)) in zip(a.gradients, b.gradients).enumerated() {
        let d = relativeDifference(g32, g64)
        XCTAssertLessThan(d, 1e-4, "seed \(seed), tensor \(k): relative difference \(d)")
      }
    }
  }

  /// The float32 path with dropout draws the same masks from the same seed, so it too
  /// agrees with float64 within the bound above.
  func testFloat32WithDropoutAgreesWithFloat64() {
    let exact = makeModel(seed: 7)
    var mixed = exact
    mixed.precision = .float32
    let words = makeWords(seed: 8)
    var rngA = Xoshiro256StarStar(seed: 9)
    var rngB = Xoshiro256StarStar(seed: 9)
    let a = exact.negativeLogLikelihood(of: words, dropout: 0.3, using: &rngA)
    let b = mixed.negativeLogLikelihood(of: words, dropout: 0.3, using: &rngB)
    XCTAssertEqual(b.total, a.total, accuracy: 1e-6 * a.total)
    for (k, (g64, g32)) in zip(a.gradients, b.gradients).enumerated() {
      XCTAssertLessThan(relativeDifference(g32, g64), 1e-4, "tensor \(k)")
    }
  }

  /// The product helper against a float64 product of the same rounded operands, in all
  /// four transpositions: it must be `op(A)·op(B)` with the strides of row-major storage.
  func testFloat32ProductIsTheProductOfTheOperandsInEveryTransposition() {
    var rng = Xoshiro256StarStar(seed: 5)
    let (m, n, k) = (5, 7, 9)
    for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
      let a = Matrix.uniform(rows: ta ? k : m, columns: ta ? m : k, in: -1, 1, using: &rng)
      let b = Matrix.uniform(rows: tb ? n : k, columns: tb ? k : n, in: -1, 1, using: &rng)
      let (a32, b32) = (roundedToFloat(a), roundedToFloat(b))
      var c = [Double](repeating: 0.5, count: m * n)
      var scratch: [Float] = []
      c.withUnsafeMutableBufferPointer {
        float32Product(
          transposeA: ta, transposeB: tb, m: m, n: n, k: k, a32, b32, into: $0.baseAddress!,
          accumulate: true, scratch: &scratch)
      }
      for i in 0..<m {
        for j in 0..<n {
          var sum = 0.0
          for κ in 0..<k {
            let x = Double(ta ? a32[κ * m + i] : a32[i * k + κ])
            let y = Double(tb ? b32[j * k + κ] : b32[κ * n + j])
            sum += x * y
          }
          // 9 products of numbers ≤ 1 summed in float32: error ≤ 9·u·9 ≈ 5·10⁻⁶.
          XCTAssertEqual(c[i * n + j], 0.5 + sum, accuracy: 1e-5, "\(ta) \(tb) [\(i), \(j)]")
        }
      }
    }
  }
}
