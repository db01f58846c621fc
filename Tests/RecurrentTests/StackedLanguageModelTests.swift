import Foundation
import NumericsCore
import TestSupport
import XCTest

@testable import Recurrent

/// The stacked character model: its forward pass against the layers composed by hand,
/// its gradients (with padding, and with dropout masks held fixed) against finite
/// differences.
final class StackedLanguageModelTests: XCTestCase {
  let words = [[1, 2, 3], [5], [4, 4, 2, 1, 3]]
  let names =
    (1...2).flatMap { l in
      ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].map { "layer\(l).\($0)" }
    }
    + ["readout.weight", "readout.bias"]

  func makeModel<Cell: RecurrentCell>(
    _ make: (Int, Int, inout Xoshiro256StarStar) -> Cell
  ) -> CharacterLanguageModel<Cell> {
    var rng = Xoshiro256StarStar(seed: 21)
    return CharacterLanguageModel(
      layers: [make(6, 4, &rng), make(4, 3, &rng)],
      readout: Readout(hiddenSize: 3, outputSize: 6, using: &rng))
  }

  /// The NLL summed word by word, one word at a time (no padding), through the two cells
  /// step by step and a log-softmax written out: an independent composition.
  func handNLL<Cell: RecurrentCell>(_ model: CharacterLanguageModel<Cell>) -> Double {
    var total = 0.0
    for word in words {
      var s1 = model.layers[0].zeroState(batch: 1)
      var s2 = model.layers[1].zeroState(batch: 1)
      for (input, target) in zip([0] + word, word + [0]) {
        var x = Matrix.zeros(rows: 1, columns: 6)
        x[0, input] = 1
        s1 = model.layers[0].forward(x, state: s1).state
        s2 = model.layers[1].forward(s1.hidden, state: s2).state
        var logits = [Double](repeating: 0, count: 6)
        for k in 0..<6 {
          logits[k] = model.readout.bias[0, k]
          for j in 0..<3 { logits[k] += model.readout.weight[k, j] * s2.hidden[0, j] }
        }
        total += log(logits.map(exp).reduce(0, +)) - logits[target]
      }
    }
    return total
  }

  func testTwoLayerForwardEqualsTheLayersComposedByHand() {
    let lstm = makeModel { LSTMCell(inputSize: $0, hiddenSize: $1, using: &$2) }
    let r = lstm.negativeLogLikelihood(of: words, computeGradients: false)
    XCTAssertEqual(r.count, 3 + 1 + 1 + 1 + 5 + 1)
    XCTAssertEqual(r.total, handNLL(lstm), accuracy: 1e-12 * handNLL(lstm))
    let gru = makeModel { GRUCell(inputSize: $0, hiddenSize: $1, using: &$2) }
    XCTAssertEqual(
      gru.negativeLogLikelihood(of: words, computeGradients: false).total, handNLL(gru),
      accuracy: 1e-12 * handNLL(gru))
  }

  func testTwoLayerLSTMGradientsWithPaddedWords() {
    let model = makeModel { LSTMCell(inputSize: $0, hiddenSize: $1, using: &$2) }
    let analytic = model.negativeLogLikelihood(of: words, computeGradients: true)
    XCTAssertEqual(analytic.gradients.count, 10)
    assertGradients(
      of: { p in
        var m = model
        m.parameters = p
        let r = m.negativeLogLikelihood(of: words, computeGradients: false)
        return r.total / Double(r.count)
      }, at: model.parameters, equal: analytic.gradients, names: names,
      // As for the one-layer model: the smallest gradients (~1e-6) carry the loss's
      // rounding, ~1e-12 absolute.
      tolerance: 1e-5)
  }

  func testTwoLayerGRUGradientsWithDropout() {
    let model = makeModel { GRUCell(inputSize: $0, hiddenSize: $1, using: &$2) }
    // The same seed gives the same masks, so the loss is a fixed function of the weights.
    func run(
      _ m: CharacterLanguageModel<GRUCell>
    ) -> (total: Double, count: Int, gradients: [Matrix]) {
      var rng = Xoshiro256StarStar(seed: 5)
      return m.negativeLogLikelihood(of: words, dropout: 0.4, using: &rng)
    }
    let analytic = run(model)
    assertGradients(
      of: { p in
        var m = model
        m.parameters = p
        let r = run(m)
        return r.total / Double(r.count)
      }, at: model.parameters, equal: analytic.gradients, names: names, tolerance: 1e-5)
  }

  func testZeroDropoutIsTheDeterministicPass() {
    let model = makeModel { LSTMCell(inputSize: $0, hiddenSize: $1, using: &$2) }
    var rng = Xoshiro256StarStar(seed: 1)
    let a = model.negativeLogLikelihood(of: words, dropout: 0, using: &rng)
    let b = model.negativeLogLikelihood(of: words, computeGradients: true)
    XCTAssertEqual(a.total, b.total)
    XCTAssertEqual(a.gradients, b.gradients)
  }

  /// About a fraction p of the top layer's units is dropped (seeded; bound 4 standard
  /// errors). Seen from outside: for the empty word (one step, predicting the end), the
  /// readout weight's gradient `∂Wᵀ = (softmax − y)ᵀ·(m ⊙ h)` has column j zero exactly
  /// when unit j was dropped (h itself is never exactly 0).
  func testDropoutMasksDropAboutTheRequestedFraction() {
    let model = makeModel { LSTMCell(inputSize: $0, hiddenSize: $1, using: &$2) }
    var rng = Xoshiro256StarStar(seed: 9)
    let p = 0.3
    var zeros = 0
    var total = 0
    for _ in 0..<400 {
      let r = model.negativeLogLikelihood(of: [[]], dropout: p, using: &rng)
      let g = r.gradients[8]  // readout.weight, 6 × 3
      for j in 0..<3 {
        total += 1
        if (0..<6).allSatisfy({ g[$0, j] == 0 }) { zeros += 1 }
      }
    }
    let fraction = Double(zeros) / Double(total)
    let standardError = (p * (1 - p) / Double(total)).squareRoot()
    XCTAssertEqual(fraction, p, accuracy: 4 * standardError)
  }
}
