import NumericsCore
import Sequences
import XCTest

/// QR least squares against known solutions, and AR(p) recovering known coefficients.
final class LeastSquaresTests: XCTestCase {
  func testQRSolvesTheTextbookLineFit() throws {
    // Points (1,6), (2,5), (3,7), (4,10): the least-squares line is y = 3.5 + 1.4x
    // (normal equations by hand: [4 10; 10 30] β = [28; 77]).
    let design = Matrix([[1, 1], [1, 2], [1, 3], [1, 4]])
    let beta = leastSquaresQR(design: design, targets: [6, 5, 7, 10])
    XCTAssertEqual(beta[0], 3.5, accuracy: 1e-13)
    XCTAssertEqual(beta[1], 1.4, accuracy: 1e-13)
    let normal = try XCTUnwrap(
      leastSquaresNormalEquations(design: design, targets: [6, 5, 7, 10]))
    XCTAssertEqual(normal[0], 3.5, accuracy: 1e-12)
    XCTAssertEqual(normal[1], 1.4, accuracy: 1e-12)
  }

  func testQRResidualIsOrthogonalToTheColumns() {
    var rng = Xoshiro256StarStar(seed: 5)
    let design = Matrix.normal(rows: 30, columns: 4, using: &rng)
    let targets = (0..<30).map { _ in rng.nextNormal() }
    let beta = leastSquaresQR(design: design, targets: targets)
    let fitted = matmul(design, Matrix(column: beta)).elements
    let residual = zip(targets, fitted).map { $0 - $1 }
    for j in 0..<4 {
      let dot = zip(design.column(j), residual).reduce(0) { $0 + $1.0 * $1.1 }
      XCTAssertEqual(dot, 0, accuracy: 1e-12, "column \(j)")
    }
  }

  func testQRKeepsDigitsTheNormalEquationsLose() {
    // A Vandermonde matrix on [0, 1] of degree 9 has κ ≈ 10⁷: QR's error ~ ε·κ ≈ 1e-9,
    // the normal equations' ~ ε·κ² ≈ 1 (or Cholesky fails). Exact data, known β = 1.
    let xs = linearlySpaced(from: 0, to: 1, count: 40)
    let design = Matrix(xs.map { x in (0..<10).map { pow(x, Double($0)) } })
    let targets = matmul(design, Matrix(column: [Double](repeating: 1, count: 10))).elements
    let qr = leastSquaresQR(design: design, targets: targets)
    let qrError = qr.map { abs($0 - 1) }.max()!
    XCTAssertLessThan(qrError, 1e-6)
    if let normal = leastSquaresNormalEquations(design: design, targets: targets) {
      XCTAssertGreaterThan(normal.map { abs($0 - 1) }.max()!, 100 * qrError)
    }
  }

  func testDesignMatrixRowsHoldOnlyThePast() {
    let (design, targets) = autoregressiveDesign(series: [1, 2, 3, 4, 5], order: 2)
    XCTAssertEqual(design.rowArrays, [[1, 2, 1], [1, 3, 2], [1, 4, 3]])
    XCTAssertEqual(targets, [3, 4, 5])
    let bare = autoregressiveDesign(series: [1, 2, 3], order: 1, intercept: false)
    XCTAssertEqual(bare.design.rowArrays, [[1], [2]])
    XCTAssertEqual(bare.targets, [2, 3])
  }

  func testNoiselessSineIsAnExactAR2() {
    // sin(ωt) obeys s_t = 2cos(ω) s_{t−1} − s_{t−2}.
    let omega = 2 * Double.pi / 20
    let series = (0..<200).map { sin(omega * Double($0)) }
    let model = AutoRegressiveModel(fitting: series, order: 2)
    XCTAssertEqual(model.coefficients[0], 2 * cos(omega), accuracy: 1e-9)
    XCTAssertEqual(model.coefficients[1], -1, accuracy: 1e-9)
    XCTAssertEqual(model.intercept, 0, accuracy: 1e-9)
    let ahead = model.forecast(after: Array(series[..<150]), steps: 50)
    for k in 0..<50 { XCTAssertEqual(ahead[k], series[150 + k], accuracy: 1e-6) }
  }

  func testForecastByHand() {
    // x_t = 1 + 0.5 x_{t−1} from x = 0: 1, 1.5, 1.75 (towards the fixed point 2).
    let model = AutoRegressiveModel(intercept: 1, coefficients: [0.5])
    XCTAssertEqual(model.forecast(after: [7, 0], steps: 3), [1, 1.5, 1.75])
    XCTAssertEqual(model.oneStepForecasts(of: [0, 2, 4]), [1, 2])
    let errors = model.forecastErrors(of: [0, 1, 1.5, 2], origins: [0], maximumHorizon: 3)
    XCTAssertEqual(errors[0], 0, accuracy: 1e-15)
    XCTAssertEqual(errors[2], 0.25, accuracy: 1e-15)
  }

  func testAR2RecoversKnownCoefficientsWithinFourStandardErrors() {
    // x_t = 0.5 + 0.6 x_{t−1} − 0.3 x_{t−2} + ε_t, ε ~ N(0, 1), n = 20,000. The asymptotic
    // standard error of each φ is √((1 − φ₂²)/n) ≈ 0.0067, of c about σ/(√n (1 − φ₁ − φ₂))
    // ≈ 0.010; the bounds are 4 standard errors.
    var rng = Xoshiro256StarStar(seed: 2024)
    var series: [Double] = [0, 0]
    for _ in 0..<20_200 {
      let n = series.count
      series.append(0.5 + 0.6 * series[n - 1] - 0.3 * series[n - 2] + rng.nextNormal())
    }
    let model = AutoRegressiveModel(fitting: Array(series[200...]), order: 2)
    XCTAssertEqual(model.coefficients[0], 0.6, accuracy: 0.027)
    XCTAssertEqual(model.coefficients[1], -0.3, accuracy: 0.027)
    XCTAssertEqual(model.intercept, 0.5, accuracy: 0.04)
  }
}
