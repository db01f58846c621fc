import Layers
import NumericsCore
import TestSupport
import XCTest

/// `Sequential.inputGradient`: the input gradient alone, as a GAN's generator step needs.
final class SequentialInputGradientTests: XCTestCase {
  private func network(using rng: inout Xoshiro256StarStar) -> Sequential {
    Sequential([
      Dense(inputSize: 3, outputSize: 5, initializer: .glorotUniform, using: &rng), Tanh(),
      Dense(inputSize: 5, outputSize: 4, initializer: .glorotUniform, using: &rng), Sigmoid(),
      Dense(inputSize: 4, outputSize: 2, initializer: .glorotUniform, using: &rng),
    ])
  }

  func testEqualsTheFullBackwardsInputGradient() {
    var rng = Xoshiro256StarStar(seed: 11)
    let net = network(using: &rng)
    let x = Matrix.normal(rows: 6, columns: 3, using: &rng)
    let g = Matrix.normal(rows: 6, columns: 2, using: &rng)
    let (_, caches) = net.forward(x, mode: .training, using: &rng)
    let full = net.backward(g, caches: caches, needsInputGradient: true).inputGradient
    // The same products in the same order: bit-identical.
    XCTAssertEqual(net.inputGradient(g, caches: caches), full)
  }

  func testMatchesFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 12)
    let net = network(using: &rng)
    let x = Matrix.normal(rows: 4, columns: 3, using: &rng)
    let weights = Matrix.normal(rows: 4, columns: 2, using: &rng)
    // L = Σ weights ⊙ net(x), so ∂L/∂output = weights.
    var none = SystemRandomNumberGenerator()
    let f = { (input: Matrix) -> Double in
      (net.forward(input, mode: .inference, using: &none).output * weights).sum()
    }
    let (_, caches) = net.forward(x, mode: .inference, using: &none)
    assertGradient(of: f, at: x, equals: net.inputGradient(weights, caches: caches))
  }
}
