import Layers
import NumericsCore
import TestSupport
import XCTest

final class LayerGradientTests: XCTestCase {
  func testDenseGradients() {
    var rng = Xoshiro256StarStar(seed: 1)
    var layer = Dense(inputSize: 5, outputSize: 3, initializer: .glorotUniform, using: &rng)
    layer.bias = Matrix.normal(rows: 1, columns: 3, using: &rng)
    checkLayerGradients(layer, input: Matrix.normal(rows: 4, columns: 5, using: &rng))
  }

  func testDenseParameterGradientsAloneMatchTheFullBackward() {
    var rng = Xoshiro256StarStar(seed: 2)
    let layer = Dense(inputSize: 3, outputSize: 2, using: &rng)
    let x = Matrix.normal(rows: 4, columns: 3, using: &rng)
    let g = Matrix.normal(rows: 4, columns: 2, using: &rng)
    let cache = layer.forward(x, mode: .training, using: &rng).cache
    XCTAssertEqual(
      layer.parameterGradients(g, cache: cache), layer.backward(g, cache: cache).gradients)
  }

  func testReLUGradient() {
    checkLayerGradients(
      ReLU(), input: inputAwayFromZero(rows: 4, columns: 6, seed: 3), tolerance: 1e-4)
  }

  func testLeakyReLUGradient() {
    checkLayerGradients(
      LeakyReLU(slope: 0.1), input: inputAwayFromZero(rows: 4, columns: 6, seed: 4), tolerance: 1e-4
    )
  }

  func testSigmoidGradient() {
    var rng = Xoshiro256StarStar(seed: 5)
    checkLayerGradients(Sigmoid(), input: 3 * Matrix.normal(rows: 4, columns: 6, using: &rng))
  }

  func testTanhGradient() {
    var rng = Xoshiro256StarStar(seed: 6)
    checkLayerGradients(Tanh(), input: Matrix.normal(rows: 4, columns: 6, using: &rng))
  }

  func testDropoutGradientInTrainingModeReusesTheMask() {
    var rng = Xoshiro256StarStar(seed: 7)
    checkLayerGradients(
      Dropout(rate: 0.4), input: Matrix.normal(rows: 5, columns: 8, using: &rng), mode: .training)
  }

  func testDropoutGradientAtInferenceIsTheIdentity() {
    var rng = Xoshiro256StarStar(seed: 8)
    checkLayerGradients(
      Dropout(rate: 0.4), input: Matrix.normal(rows: 3, columns: 4, using: &rng), mode: .inference)
  }
}
