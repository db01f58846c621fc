import Layers
import NumericsCore
import XCTest

/// `Sequential` runs a Dense layer and the rectifier after it as one pass forward, and a
/// rectifier and the Dense layer after it as one pass back (`Sequential+Fusion.swift`).
/// Checked here against the same layers run one by one through their own `forward` and
/// `backward`, bit for bit, on sizes the fused kernel takes (batch 256, 64 units) and on
/// sizes it leaves to the plain passes (batch 5, 10 units), with ReLU and leaky ReLU, and
/// a network that starts with a rectifier.
final class SequentialFusionTests: XCTestCase {
  private func assertBitwise(
    _ x: Matrix, _ y: Matrix, _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(x.shapeDescription, y.shapeDescription, what, file: file, line: line)
    var differ = 0
    x.withUnsafeElements { px in
      y.withUnsafeElements { py in
        for i in 0..<Swift.min(px.count, py.count) where px[i].bitPattern != py[i].bitPattern {
          differ += 1
        }
      }
    }
    XCTAssertEqual(differ, 0, "\(what): \(differ) elements differ", file: file, line: line)
  }

  /// Forward and backward layer by layer, with each layer's own methods.
  private func layerByLayer(
    _ network: Sequential, _ x: Matrix, _ outputGradient: Matrix
  ) -> (output: Matrix, inputGradient: Matrix, gradients: [[Matrix]]) {
    var none = NoRandomness()
    var h = x
    var caches: [Matrix] = []
    for layer in network.layers {
      caches.append(h)
      h = forward(layer, h, &none)
    }
    var g = outputGradient
    var gradients = [[Matrix]](repeating: [], count: network.layers.count)
    for k in network.layers.indices.reversed() {
      let result = backward(network.layers[k], g, input: caches[k], &none)
      gradients[k] = result.gradients
      g = result.inputGradient
    }
    return (h, g, gradients)
  }

  private func forward(_ layer: any Layer, _ x: Matrix, _ rng: inout NoRandomness) -> Matrix {
    layer.forward(x, mode: .training, using: &rng).output
  }

  /// A layer's backward pass from its input (its cache is recomputed by its own forward).
  private func backward(
    _ layer: any Layer, _ g: Matrix, input: Matrix, _ rng: inout NoRandomness
  ) -> (inputGradient: Matrix, gradients: [Matrix]) {
    func run<L: Layer>(_ layer: L) -> (inputGradient: Matrix, gradients: [Matrix]) {
      var none = NoRandomness()
      let cache = layer.forward(input, mode: .training, using: &none).cache
      return layer.backward(g, cache: cache)
    }
    return run(layer)
  }

  private func check(_ layers: [any Layer], batch: Int, inputs: Int, outputs: Int, seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    let network = Sequential(layers)
    let x = Matrix.normal(rows: batch, columns: inputs, using: &rng)
    let g = Matrix.normal(rows: batch, columns: outputs, using: &rng)
    let expected = layerByLayer(network, x, g)
    let (output, caches) = network.forward(x, mode: .training, using: &rng)
    assertBitwise(output, expected.output, "\(network) forward")
    let (inputGradient, gradients) = network.backward(g, caches: caches, needsInputGradient: true)
    assertBitwise(inputGradient!, expected.inputGradient, "\(network) input gradient")
    for k in gradients.indices {
      XCTAssertEqual(gradients[k].count, expected.gradients[k].count, "layer \(k)")
      for (ours, theirs) in zip(gradients[k], expected.gradients[k]) {
        assertBitwise(ours, theirs, "\(network) layer \(k) gradient")
      }
    }
    assertBitwise(
      network.inputGradient(g, caches: caches), expected.inputGradient,
      "\(network) inputGradient(_:caches:)")
    // Without the input gradient, the parameter gradients are the same.
    let withoutInput = network.backward(g, caches: caches).gradients
    for k in gradients.indices {
      for (ours, theirs) in zip(withoutInput[k], expected.gradients[k]) {
        assertBitwise(ours, theirs, "\(network) layer \(k) gradient (no input gradient)")
      }
    }
  }

  func testFusedPassesGiveTheBitsOfLayerByLayer() {
    var rng = Xoshiro256StarStar(seed: 21)
    for (batch, width) in [(256, 64), (512, 32), (5, 10)] {
      check(
        [
          Dense(inputSize: 2, outputSize: width, using: &rng), ReLU(),
          Dense(inputSize: width, outputSize: width, using: &rng), ReLU(),
          Dense(inputSize: width, outputSize: 2, using: &rng),
        ], batch: batch, inputs: 2, outputs: 2, seed: 22)
      check(
        [
          Dense(inputSize: 3, outputSize: width, using: &rng), LeakyReLU(slope: 0.2),
          Dense(inputSize: width, outputSize: width, using: &rng), LeakyReLU(),
          Dense(inputSize: width, outputSize: 1, using: &rng),
        ], batch: batch, inputs: 3, outputs: 1, seed: 23)
      // Starting with a rectifier, ending with one, and a Tanh that is not fused.
      check(
        [
          LeakyReLU(), Dense(inputSize: width, outputSize: width, using: &rng), Tanh(),
          Dense(inputSize: width, outputSize: width, using: &rng), ReLU(),
        ], batch: batch, inputs: width, outputs: width, seed: 24)
    }
  }
}
