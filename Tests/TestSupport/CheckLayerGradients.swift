import Layers
import NumericsCore
import XCTest

/// Gradient checks of one layer with respect to its input and to every parameter.
///
/// The scalar under test is `f = Σ U ∘ layer(x)` for a fixed random `U`, so `∂f/∂y = U` and
/// the layer's backward pass, fed `U`, must return `∂f/∂x` and `∂f/∂θ`. Every forward pass
/// starts from a copy of the same generator: a dropout layer then draws the same mask each
/// time, and the backward pass must reuse that mask to agree.
///
/// Every layer test calls this one checker (Dense, activations, dropout, and the coming
/// convolution, pooling and recurrent layers), with the tolerances of `assertGradient`:
/// 1e-7 for smooth layers, 1e-4 with kinks.
public func checkLayerGradients<L: Layer>(
  _ layer: L, input: Matrix, mode: Mode = .training, seed: UInt64 = 99,
  tolerance: Double = 1e-7, file: StaticString = #filePath, line: UInt = #line
) {
  var setup = Xoshiro256StarStar(seed: seed)
  let (output, cache) = forwardWithSeed(layer, input, mode: mode, seed: seed)
  let upstream = Matrix.normal(rows: output.rows, columns: output.columns, using: &setup)
  let (inputGradient, gradients) = layer.backward(upstream, cache: cache)

  assertGradient(
    of: { x in (forwardWithSeed(layer, x, mode: mode, seed: seed).output * upstream).sum() },
    at: input, equals: inputGradient, tolerance: tolerance, "w.r.t. the input of \(layer)",
    file: file, line: line)

  XCTAssertEqual(gradients.count, layer.parameters.count, file: file, line: line)
  for (k, parameter) in layer.parameters.enumerated() where k < gradients.count {
    assertGradient(
      of: { p in
        var probe = layer
        probe.parameters[k] = p
        return (forwardWithSeed(probe, input, mode: mode, seed: seed).output * upstream).sum()
      }, at: parameter, equals: gradients[k], tolerance: tolerance,
      "w.r.t. parameter \(k) of \(layer)", file: file, line: line)
  }
}

/// The layer's forward pass with a generator made from `seed`: the same draws every call.
public func forwardWithSeed<L: Layer>(
  _ layer: L, _ x: Matrix, mode: Mode, seed: UInt64
) -> (
  output: Matrix, cache: L.Cache
) {
  var rng = Xoshiro256StarStar(seed: seed &+ 1)
  return layer.forward(x, mode: mode, using: &rng)
}

/// A `rows × columns` input whose entries are at least `margin` away from zero, so that a
/// finite-difference step never crosses a kink at 0.
public func inputAwayFromZero(
  rows: Int, columns: Int, margin: Double = 0.05, seed: UInt64
) -> Matrix {
  var rng = Xoshiro256StarStar(seed: seed)
  return Matrix.normal(rows: rows, columns: columns, using: &rng).map {
    $0 >= 0 ? $0 + margin : $0 - margin
  }
}
