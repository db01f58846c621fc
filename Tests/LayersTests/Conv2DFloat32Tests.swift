import Layers
import NumericsCore
import TestSupport
import XCTest

/// `ConvolutionPrecision.float32` against the float64 path (which the PyTorch fixtures and
/// the gradient checks cover). A float32 result cannot be finite-difference checked at
/// 1e-6, so each element is held to the rounding-error bound of a float32 dot product:
///
/// ```
/// |fl₃₂(Σᵢ aᵢbᵢ) − Σᵢ aᵢbᵢ|  ≤  γ(n+2) · Σᵢ |aᵢ||bᵢ|,   γ(m) = m·u / (1 − m·u),  u = 2⁻²⁴
/// ```
/// (Higham 2002, §3.1: n terms summed, plus one rounding of each of the two inputs).
/// `Σ|aᵢ||bᵢ|` is computed exactly (to float64) by the float64 layer itself run on |X|, |W|
/// and |G|: the forward pass gives `|X̂|·|W|`, the backward pass `|X̂|ᵀ·|G|` and
/// `col2im(|G|·|W|ᵀ)`. n is K forward, F for ∂L/∂X and batch·P (an upper bound on a block's
/// rows) for ∂L/∂W.
final class Conv2DFloat32Tests: XCTestCase {
  private let u = Double(Float.ulpOfOne) / 2

  private func gamma(_ n: Int) -> Double { Double(n) * u / (1 - Double(n) * u) }

  /// Asserts `|actual − exact| ≤ gamma·scale + 1e-14·|exact|` element-wise (the last term
  /// covers the float64 path's own last bits) and, with `mustDiffer`, that the float32
  /// path does round somewhere (else it was not float32).
  private func assertWithinBound(
    _ actual: Matrix, _ exact: Matrix, scale: Matrix, gamma: Double, _ name: String,
    mustDiffer: Bool = false, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(actual.shapeDescription, exact.shapeDescription, name, file: file, line: line)
    let (a, e, s) = (actual.elements, exact.elements, scale.elements)
    var worst = 0.0
    var differs = false
    for i in a.indices {
      let bound = gamma * s[i] + 1e-14 * abs(e[i])
      worst = max(worst, abs(a[i] - e[i]) / max(bound, .leastNormalMagnitude))
      differs = differs || a[i] != e[i]
    }
    XCTAssertLessThanOrEqual(
      worst, 1, "\(name): worst error is \(worst)× the float32 bound", file: file, line: line)
    if mustDiffer {
      XCTAssertTrue(differs, "\(name): identical to float64, so not computed in float32")
    }
  }

  private func check(
    shape: ImageShape, filters: Int, kernelSize: Int, stride: Int, padding: Int, batch: Int,
    seed: UInt64
  ) {
    var rng = Xoshiro256StarStar(seed: seed)
    var layer = Conv2D(
      inputShape: shape, filters: filters, kernelSize: kernelSize, stride: stride,
      padding: padding, using: &rng)
    layer.bias = .normal(rows: 1, columns: filters, using: &rng)
    let x = Matrix.normal(rows: batch, columns: shape.count, using: &rng)
    let g = Matrix.normal(rows: batch, columns: layer.outputShape.count, using: &rng)
    var none = Xoshiro256StarStar(seed: 0)
    let (y64, c64) = layer.forward(x, mode: .training, using: &none)
    let (dx64, grads64) = layer.backward(g, cache: c64)
    var single = layer
    single.precision = .float32
    single.algorithm = .im2col  // these tests are im2col's; Winograd's are WinogradTests
    let (y32, c32) = single.forward(x, mode: .training, using: &none)
    let (dx32, grads32) = single.backward(g, cache: c32)

    var magnitudes = layer
    magnitudes.kernels = layer.kernels.map(abs)
    magnitudes.bias = .zeros(rows: 1, columns: filters)
    let (yScale, cScale) = magnitudes.forward(x.map(abs), mode: .training, using: &none)
    let (dxScale, gradScale) = magnitudes.backward(g.map(abs), cache: cScale)
    let k = layer.kernels.rows
    let positions = layer.outputShape.height * layer.outputShape.width
    assertWithinBound(y32, y64, scale: yScale, gamma: gamma(k + 2), "output", mustDiffer: true)
    assertWithinBound(
      dx32, dx64, scale: dxScale, gamma: gamma(filters + 2), "∂L/∂X",
      mustDiffer: true)
    assertWithinBound(
      grads32[0], grads64[0], scale: gradScale[0], gamma: gamma(batch * positions + 2), "∂L/∂W",
      mustDiffer: true)
    // ∂L/∂b is summed from the float64 G in both paths, in the same order.
    XCTAssertEqual(grads32[1].elements, grads64[1].elements, "∂L/∂b")
    XCTAssertEqual(
      single.parameterGradients(g, cache: c32)[0].elements, grads32[0].elements)
  }

  func testMatchesFloat64WithinRoundingBound() {
    check(
      shape: ImageShape(height: 9, width: 8, channels: 3), filters: 5, kernelSize: 3, stride: 1,
      padding: 0, batch: 3, seed: 11)
    check(
      shape: ImageShape(height: 7, width: 6, channels: 2), filters: 4, kernelSize: 3, stride: 2,
      padding: 1, batch: 2, seed: 12)
  }

  /// Chapter 3.4's second convolution at full size (13×13×32 → 11×11×64, batch 64: several
  /// blocks of patch rows), so the blocked loop's offsets are exercised in float32 too.
  func testChapterSizedLayerMatchesFloat64() {
    check(
      shape: ImageShape(height: 13, width: 13, channels: 32), filters: 64, kernelSize: 3,
      stride: 1, padding: 0, batch: 64, seed: 13)
  }

  /// PyTorch float32 `conv2d` on float32 inputs. Both it and ours are within γ·Σ|terms| of
  /// the exact result (our float64 path on the same inputs, itself checked against PyTorch
  /// float64), so they differ by at most twice that; the two do not sum in the same order.
  func testMatchesPyTorchFloat32WithinTwiceTheBound() throws {
    for (k, case_) in try ConvFixtures.load().conv_float32.enumerated() {
      let shape = ImageShape(height: case_.height, width: case_.width, channels: case_.channels)
      let patch = case_.kernel * case_.kernel * case_.channels
      let layer = Conv2D(
        inputShape: shape,
        geometry: ConvolutionGeometry(
          kernelHeight: case_.kernel, kernelWidth: case_.kernel, stride: case_.stride,
          padding: case_.padding),
        kernels: Matrix(rows: patch, columns: case_.filters, elements: case_.kernels),
        bias: Matrix(row: case_.bias), precision: .float32, algorithm: .im2col)
      let x = Matrix(rows: case_.batch, columns: shape.count, elements: case_.input)
      var none = Xoshiro256StarStar(seed: 0)
      let (y, cache) = layer.forward(x, mode: .training, using: &none)
      let g = Matrix(rows: y.rows, columns: y.columns, elements: case_.upstream)
      let (dx, grads) = layer.backward(g, cache: cache)
      var magnitudes = layer
      magnitudes.precision = .float64
      magnitudes.kernels = layer.kernels.map(abs)
      magnitudes.bias = .zeros(rows: 1, columns: case_.filters)
      let (yScale, cScale) = magnitudes.forward(x.map(abs), mode: .training, using: &none)
      let (dxScale, gradScale) = magnitudes.backward(g.map(abs), cache: cScale)
      let rows = case_.batch * layer.outputShape.height * layer.outputShape.width
      // Scales: Σ|terms| (from the float64 layer on magnitudes) plus |result|, which covers
      // PyTorch rounding its float32 sums with the bias and its results once more.
      func scale(_ terms: Matrix, _ expected: [Double]) -> Matrix {
        Matrix(
          rows: terms.rows, columns: terms.columns,
          elements: zip(terms.elements, expected).map { $0 + abs($1) })
      }
      func torch(_ values: [Double], like m: Matrix) -> Matrix {
        Matrix(rows: m.rows, columns: m.columns, elements: values)
      }
      assertWithinBound(
        y, torch(case_.output, like: y), scale: scale(yScale, case_.output),
        gamma: 2 * gamma(patch + 2), "case \(k) output")
      assertWithinBound(
        dx, torch(case_.input_gradient, like: dx), scale: scale(dxScale, case_.input_gradient),
        gamma: 2 * gamma(case_.filters + 2), "case \(k) ∂L/∂X")
      assertWithinBound(
        grads[0], torch(case_.kernel_gradient, like: grads[0]),
        scale: scale(gradScale[0], case_.kernel_gradient), gamma: 2 * gamma(rows + 2),
        "case \(k) ∂L/∂W")
      assertWithinBound(
        grads[1], torch(case_.bias_gradient, like: grads[1]),
        scale: scale(gradScale[1], case_.bias_gradient), gamma: 2 * gamma(rows + 2),
        "case \(k) ∂L/∂b")
    }
  }

  func testDescriptionNamesThePrecision() {
    var rng = Xoshiro256StarStar(seed: 1)
    let layer = Conv2D(
      inputShape: ImageShape(height: 5, width: 5, channels: 1), filters: 2, kernelSize: 3,
      precision: .float32, using: &rng)
    XCTAssertTrue(layer.description.contains("float32"), layer.description)
  }
}
