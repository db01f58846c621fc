import Layers
import NumericsCore
import TestSupport
import XCTest

final class DropoutTests: XCTestCase {
  func testInferenceIsTheIdentity() {
    var rng = Xoshiro256StarStar(seed: 1)
    let x = Matrix.normal(rows: 7, columns: 9, using: &rng)
    let before = rng
    let (y, cache) = Dropout(rate: 0.5).forward(x, mode: .inference, using: &rng)
    XCTAssertEqual(y, x)
    XCTAssertNil(cache)
    XCTAssertEqual(rng.state.0, before.state.0, "inference must not draw random numbers")
  }

  /// 100,000 units of 1 with p = 0.3: each output is 0 or 1/0.7, mean 1 and standard
  /// deviation √(p/(1−p)) ≈ 0.655, so the sample mean has standard error 0.0021; the bound
  /// 0.01 is about 5 standard errors. The dropped fraction has standard error 0.0014.
  func testTrainingKeepsTheMeanAndDropsTheRate() {
    var rng = Xoshiro256StarStar(seed: 2)
    let x = Matrix(rows: 200, columns: 500, repeating: 1)
    let (y, _) = Dropout(rate: 0.3).forward(x, mode: .training, using: &rng)
    XCTAssertEqual(y.mean(), 1, accuracy: 0.01)
    let dropped = Double(y.elements.filter { $0 == 0 }.count) / Double(y.count)
    XCTAssertEqual(dropped, 0.3, accuracy: 0.007)
    XCTAssertTrue(y.elements.allSatisfy { $0 == 0 || abs($0 - 1 / 0.7) < 1e-15 })
  }

  func testBackwardUsesTheForwardMask() {
    var rng = Xoshiro256StarStar(seed: 3)
    let layer = Dropout(rate: 0.5)
    let x = Matrix(rows: 4, columns: 25, repeating: 3)
    let (y, mask) = layer.forward(x, mode: .training, using: &rng)
    let g = Matrix(rows: 4, columns: 25, repeating: 1)
    let dx = layer.backward(g, cache: mask).inputGradient
    for i in 0..<y.count {
      // Kept units: y = 3·2 and ∂y/∂x = 2; dropped: both 0.
      XCTAssertEqual(dx.elements[i], y.elements[i] / 3)
    }
  }

  func testSameSeedSameMask() {
    var a = Xoshiro256StarStar(seed: 4)
    var b = Xoshiro256StarStar(seed: 4)
    let x = Matrix(rows: 3, columns: 3, repeating: 1)
    XCTAssertEqual(
      Dropout(rate: 0.5).forward(x, mode: .training, using: &a).output,
      Dropout(rate: 0.5).forward(x, mode: .training, using: &b).output)
  }
}
