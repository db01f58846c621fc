import NumericsCore
import Optimizers
import TestSupport
import XCTest

final class TestFunctionTests: XCTestCase {
  /// A few points per function, away from the minimisers (where the gradient is ~0 and a
  /// relative error means little).
  private func probes(_ function: TestFunction) -> [TestFunction.Point] {
    let start = function.defaultStart
    return [start, TestFunction.Point(0.3, -0.7), TestFunction.Point(-1.2, 1.1)]
  }

  func testGradientsMatchFiniteDifferences() {
    for function in TestFunction.allCases {
      for point in probes(function) {
        assertGradient(
          of: { function.value(at: $0) }, at: point.matrix,
          equals: function.gradient(at: point.matrix), "\(function) at \(point)")
      }
    }
  }

  func testHessiansMatchFiniteDifferencesOfTheGradient() {
    let h = 1e-5
    for function in TestFunction.allCases {
      for point in probes(function) {
        let hessian = function.hessian(point.x, point.y)
        XCTAssertEqual(hessian[0, 1], hessian[1, 0], "\(function) not symmetric")
        // Column j ≈ (∇f(p + h e_j) − ∇f(p − h e_j)) / 2h.
        let steps = [TestFunction.Point(h, 0), TestFunction.Point(0, h)]
        for (j, e) in steps.enumerated() {
          let plus = function.gradient(point.x + e.x, point.y + e.y)
          let minus = function.gradient(point.x - e.x, point.y - e.y)
          let column = [(plus.x - minus.x) / (2 * h), (plus.y - minus.y) / (2 * h)]
          for i in 0..<2 {
            XCTAssertLessThan(
              relativeError(hessian[i, j], column[i]), 1e-7,
              "\(function) H[\(i), \(j)] at \(point): \(hessian[i, j]) vs \(column[i])")
          }
        }
      }
    }
  }

  func testMinimaAreMinima() {
    for function in TestFunction.allCases where function != .saddle {
      XCTAssertEqual(function.minimumValue, 0)
      XCTAssertFalse(function.minimizers.isEmpty)
      for m in function.minimizers {
        XCTAssertEqual(function.value(m.x, m.y), 0, accuracy: 1e-20, "\(function) at \(m)")
        let g = function.gradient(m.x, m.y)
        XCTAssertLessThan(abs(g.x) + abs(g.y), 1e-9, "\(function): ∇f ≠ 0 at \(m)")
        let eigenvalues = symmetricEigenvalues(function.hessian(m.x, m.y))
        XCTAssertGreaterThan(eigenvalues.smallest, 0, "\(function): H not positive at \(m)")
      }
    }
    XCTAssertEqual(TestFunction.himmelblau.minimizers.count, 4)
  }

  func testSaddleHasNoMinimum() {
    XCTAssertEqual(TestFunction.saddle.minimumValue, -.infinity)
    XCTAssertTrue(TestFunction.saddle.minimizers.isEmpty)
    let eigenvalues = symmetricEigenvalues(TestFunction.saddle.hessian(0, 0))
    XCTAssertEqual(eigenvalues.smallest, -2)
    XCTAssertEqual(eigenvalues.largest, 2)
  }

  func testClassicValues() {
    // Rosenbrock at the origin: (1 − 0)² + 100·0 = 1; Beale at (0, 0): 1.5² + 2.25² + 2.625².
    XCTAssertEqual(TestFunction.rosenbrock.value(0, 0), 1)
    XCTAssertEqual(TestFunction.beale.value(0, 0), 2.25 + 5.0625 + 6.890625)
    // Himmelblau at (0, 0): 121 + 49.
    XCTAssertEqual(TestFunction.himmelblau.value(0, 0), 170)
    XCTAssertEqual(TestFunction.quadratic.value(-7, 2), 49.0 / 20 + 4)
  }

  func testStartsLieInsideTheirWindows() {
    for function in TestFunction.allCases {
      let (start, window) = (function.defaultStart, function.window)
      XCTAssertTrue(window.x.contains(start.x) && window.y.contains(start.y), "\(function)")
      for m in function.minimizers {
        XCTAssertTrue(window.x.contains(m.x) && window.y.contains(m.y), "\(function) \(m)")
      }
    }
    XCTAssertEqual(TestFunction(rawValue: "ill-conditioned"), .illConditioned)
  }
}
