import Layers
import NumericsCore
import XCTest

/// Inverted dropout keeps the expected activation: E[y] = x.
final class DropoutMeanTests: XCTestCase {
  /// Each output is x/(1−p) with probability 1−p and 0 otherwise: mean x, standard
  /// deviation x·√(p/(1−p)). Over n = 200,000 units of x = 1 the sample mean has standard
  /// error √(p/(1−p)/n) (≤ 0.0045 for p ≤ 0.8); the bound is 5 standard errors, which a
  /// correct layer exceeds with probability < 10⁻⁶ (and the seed is fixed). Without the
  /// 1/(1−p) scale the mean would be 1 − p, hundreds of standard errors away.
  func testTrainingModePreservesTheMean() {
    let n = 200_000
    let x = Matrix(rows: 1, columns: n, repeating: 1)
    var rng = Xoshiro256StarStar(seed: 17)
    for p in [0.2, 0.5, 0.8] {
      let y = Dropout(rate: p).forward(x, mode: .training, using: &rng).output
      let standardError = (p / (1 - p) / Double(n)).squareRoot()
      XCTAssertEqual(y.mean(), 1, accuracy: 5 * standardError, "p = \(p)")
      let kept = Double(y.elements.filter { $0 != 0 }.count) / Double(n)
      XCTAssertEqual(kept, 1 - p, accuracy: 5 * (p * (1 - p) / Double(n)).squareRoot())
    }
  }

  func testInferenceIsTheIdentity() {
    var rng = Xoshiro256StarStar(seed: 1)
    let x = Matrix.normal(rows: 3, columns: 5, using: &rng)
    XCTAssertEqual(Dropout(rate: 0.5).forward(x, mode: .inference, using: &rng).output, x)
  }
}
