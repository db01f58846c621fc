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
  /// covers the float64 path's own last bits), and that the float32 path does round.
  private func assertWithinBound(
    _ actual: Matrix, _ exact: Matrix, scale: Matrix, gamma: Double, _ name: String,
    file: StaticString = #filePath, line: UInt = #line
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
    XCTAssertTrue(differs, "\(name): identical to float64, so not computed in float32")
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
    let (y32, c32) = single.forward(x, mode: .training, using: &none)
    let (dx32, grads32) = single.backward(g, cache: c32)

    var magnitudes = layer
    magnitudes.kernels = layer.kernels.map(abs)
    magnitudes.bias = .zeros(rows: 1, columns: filters)
    let (yScale, cScale) = magnitudes.forward(x.map(abs), mode: .training, using: &none)
    let (dxScale, gradScale) = magnitudes.backward(g.map(abs), cache: cScale)
    let k = layer.kernels.rows
    let positions = layer.outputShape.height * layer.outputShape.width
    assertWithinBound(y32, y64, scale: yScale, gamma: gamma(k + 2), "output")
    assertWithinBound(dx32, dx64, scale: dxScale, gamma: gamma(filters + 2), "∂L/∂X")
    assertWithinBound(
      grads32[0], grads64[0], scale: gradScale[0], gamma: gamma(batch * positions + 2), "∂L/∂W")
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

  func testDescriptionNamesThePrecision() {
    var rng = Xoshiro256StarStar(seed: 1)
    let layer = Conv2D(
      inputShape: ImageShape(height: 5, width: 5, channels: 1), filters: 2, kernelSize: 3,
      precision: .float32, using: &rng)
    XCTAssertTrue(layer.description.contains("float32"), layer.description)
  }
}
