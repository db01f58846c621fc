import ChapterKit
import Foundation
import NumericsCore
import Plot
import Sequences

// Why AR(p) is fitted through QR and not the normal equations: on a badly conditioned
// design the normal equations lose twice as many digits. Polynomial designs
// A = [1, x, x², …, x^d] on 50 points of [0, 1] get worse conditioned with d (κ grows about
// 4-fold per degree); with exact data for β = (1, …, 1) the error of a backward-stable
// method is about ε·κ(A), and that of the normal equations about ε·κ(A)², since
// κ(AᵀA) = κ(A)².

/// Runs the conditioning comparison and returns its summary.
func runConditioningExperiment(run: ChapterRun) throws -> JSONValue {
  run.section("2b. Least squares: QR against the normal equations")
  let xs = linearlySpaced(from: 0, to: 1, count: 50)
  var kappa: [Double] = []
  var qrError: [Double] = []
  var normalError: [Double] = []
  let degrees = Array(1...12)
  for degree in degrees {
    let design = Matrix(xs.map { x in (0...degree).map { pow(x, Double($0)) } })
    let truth = [Double](repeating: 1, count: degree + 1)
    let targets = matmul(design, Matrix(column: truth)).elements
    let singular = singularValues(design)
    kappa.append(singular.max()! / singular.min()!)
    qrError.append(maxError(leastSquaresQR(design: design, targets: targets)))
    // Cholesky fails when AᵀA is not numerically positive definite: the error is then
    // "everything", shown as 1 (100%).
    normalError.append(
      leastSquaresNormalEquations(design: design, targets: targets).map(maxError) ?? 1)
  }
  run.table(
    header: ["degree", "κ(A)", "QR max error", "normal equations max error"],
    rows: degrees.indices.map { i in
      [
        String(degrees[i]), formatNumber(kappa[i], digits: 3), formatNumber(qrError[i], digits: 2),
        formatNumber(normalError[i], digits: 2),
      ]
    })

  let epsilon = Double.ulpOfOne
  let figure = Figure(
    width: 1100, height: 700,
    title: "The normal equations lose twice the digits: error ∝ κ² instead of κ")
  let axes = figure.axes
  axes.xLabel = "condition number κ(A) of the design (log scale)"
  axes.yLabel = "largest coefficient error (log scale)"
  axes.xScale = .log
  axes.yScale = .log
  axes.line(
    x: kappa, y: qrError.map { max($0, 1e-17) }, label: "Householder QR", color: .blue,
    marker: .circle)
  axes.line(
    x: kappa, y: normalError.map { max($0, 1e-17) }, label: "normal equations (Cholesky)",
    color: .orange, marker: .square)
  axes.line(x: kappa, y: kappa.map { epsilon * $0 }, label: "ε·κ", color: .grey, style: .dashed)
  axes.line(
    x: kappa, y: kappa.map { min(10, epsilon * $0 * $0) }, label: "ε·κ² (capped at 10)",
    color: .red,
    style: .dashed)
  axes.legendPosition = .upperLeft
  try run.save(
    figure, name: "qr-vs-normal-equations",
    caption: "Polynomial least squares of degree 1–12 on 50 points in [0, 1] with exact data: "
      + "the largest error of the fitted coefficients against the design's condition number. "
      + "QR follows ε·κ, the normal equations ε·κ² (an error of 1 means Cholesky failed).")
  let at = degrees.firstIndex(of: 8)!
  return [
    "degrees": .numbers(degrees.map(Double.init)), "kappa": .numbers(kappa),
    "qr_error": .numbers(qrError), "normal_error": .numbers(normalError),
    "kappa_degree8": .number(kappa[at]), "qr_error_degree8": .number(qrError[at]),
    "normal_error_degree8": .number(normalError[at]),
  ]
}

private func maxError(_ beta: [Double]) -> Double { beta.map { abs($0 - 1) }.max()! }

/// Singular values by one-sided Jacobi (Hestenes 1958): rotate pairs of columns until all
/// are orthogonal; the column norms are then the singular values. Accurate to high
/// relative precision even for the smallest ones, which is why it is used here to measure κ
/// (an eigen-solve of AᵀA would itself suffer from κ²).
private func singularValues(_ a: Matrix) -> [Double] {
  var columns = (0..<a.columns).map { a.column($0) }
  let n = columns.count
  for _ in 0..<60 {
    var rotated = false
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        var alpha = 0.0
        var beta = 0.0
        var gamma = 0.0
        for k in columns[i].indices {
          alpha += columns[i][k] * columns[i][k]
          beta += columns[j][k] * columns[j][k]
          gamma += columns[i][k] * columns[j][k]
        }
        guard abs(gamma) > 1e-15 * (alpha * beta).squareRoot() else { continue }
        rotated = true
        let zeta = (beta - alpha) / (2 * gamma)
        let t = (zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
        let c = 1 / (1 + t * t).squareRoot()
        let s = c * t
        for k in columns[i].indices {
          let u = columns[i][k]
          let v = columns[j][k]
          columns[i][k] = c * u - s * v
          columns[j][k] = s * u + c * v
        }
      }
    }
    if !rotated { break }
  }
  return columns.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
