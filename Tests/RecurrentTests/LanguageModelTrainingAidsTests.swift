import NumericsCore
import Optimizers
import XCTest

@testable import Recurrent

/// The language model's training aids: the weight average, decoupled weight decay, the
/// in-place parameter update and the deferred `W_hhᵀ` of float32 training. Expected values
/// by hand or from an independent implementation (PyTorch-exact `AdamW`).
final class LanguageModelTrainingAidsTests: XCTestCase {
  private func model(seed: UInt64) -> CharacterLanguageModel<LSTMCell> {
    var rng = Xoshiro256StarStar(seed: seed)
    return CharacterLanguageModel(
      layers: [
        LSTMCell(inputSize: 27, hiddenSize: 8, using: &rng),
        LSTMCell(inputSize: 8, hiddenSize: 8, using: &rng),
      ],
      readout: Readout(hiddenSize: 8, outputSize: 27, using: &rng))
  }

  private let words = [[3, 1, 20], [4, 15, 7, 19], [1]]

  /// Uniform: the plain mean of the iterates; by hand (1 + 3 + 8)/3 = 4 and
  /// (−2 + 0 + 5)/3 = 1.
  func testUniformAverageIsTheMeanOfTheIterates() {
    var average = WeightAverage(.uniform)
    for (a, b) in [(1.0, -2.0), (3, 0), (8, 5)] { average.add([Matrix(row: [a, b])]) }
    XCTAssertEqual(average.count, 3)
    XCTAssertEqual(average.average[0][0, 0], 4, accuracy: 1e-15)
    XCTAssertEqual(average.average[0][0, 1], 1, accuracy: 1e-15)
  }

  /// Exponential, β = 0.5, iterates 1, 3, 5: w̄₁ = 1, w̄₂ = ½·1 + ½·3 = 2,
  /// w̄₃ = ½·2 + ½·5 = 3.5 (exact in binary).
  func testExponentialAverageByHand() {
    var average = WeightAverage(.exponential(decay: 0.5))
    average.add([Matrix(row: [1])])
    XCTAssertEqual(average.average[0][0, 0], 1)
    average.add([Matrix(row: [3])])
    XCTAssertEqual(average.average[0][0, 0], 2)
    average.add([Matrix(row: [5])])
    XCTAssertEqual(average.average[0][0, 0], 3.5)
  }

  /// By hand: lr 0.1, λ 0.5 shrinks the chosen tensors by 1 − 0.05 = 0.95 and leaves the
  /// others alone.
  func testDecoupledDecayShrinksOnlyTheChosenTensors() {
    var p = [Matrix(row: [2, -4]), Matrix(row: [1])]
    applyDecoupledWeightDecay(to: &p, indices: [0], learningRate: 0.1, decay: 0.5)
    XCTAssertEqual(p[0][0, 0], 1.9, accuracy: 1e-15)
    XCTAssertEqual(p[0][0, 1], -3.8, accuracy: 1e-15)
    XCTAssertEqual(p[1][0, 0], 1)
  }

  /// The language model's weights are W_ih, W_hh of each layer and the readout's weight.
  func testWeightIndicesAreTheWeightMatrices() {
    let m = model(seed: 1)
    XCTAssertEqual(m.weightIndices, [0, 1, 4, 5, 8])
    let shapes = m.weightIndices.map { m.parameters[$0].shape }
    XCTAssertEqual(shapes.map(\.rows), [32, 32, 32, 32, 27])
  }

  /// Decay then plain Adam equals PyTorch-exact AdamW (`Adam(decay: .decoupled)`) on the
  /// weights and plain Adam on the biases, over three steps with a changing step size
  /// (an independent implementation of the same rule).
  func testDecayThenAdamIsAdamWOnTheWeights() {
    var mine = model(seed: 2)
    var reference = mine.parameters
    var adam = Adam(learningRate: 0.01)
    var adamW = Adam(learningRate: 0.01, weightDecay: 0.3, decay: .decoupled)
    var plain = Adam(learningRate: 0.01)
    let indices = mine.weightIndices
    let weights = Set(indices)
    for step in 0..<3 {
      let lr = 0.01 * (1 - 0.2 * Double(step))
      let gradients = mine.negativeLogLikelihood(of: words, computeGradients: true).gradients
      adam.learningRate = lr
      mine.updateParameters { p in
        applyDecoupledWeightDecay(to: &p, indices: indices, learningRate: lr, decay: 0.3)
        adam.update(&p, along: gradients)
      }
      (adamW.learningRate, plain.learningRate) = (lr, lr)
      for i in reference.indices {
        if weights.contains(i) {
          adamW.update(&reference[i], along: gradients[i], slot: i)
        } else {
          plain.update(&reference[i], along: gradients[i], slot: i)
        }
      }
      for (a, b) in zip(mine.parameters, reference) {
        XCTAssertEqual([a.rows, a.columns], [b.rows, b.columns])
        for r in 0..<a.rows {
          for c in 0..<a.columns {
            XCTAssertEqual(a[r, c], b[r, c], accuracy: 1e-15 * max(1, abs(b[r, c])))
          }
        }
      }
      // The next step's gradients from the updated reference weights.
      mine.parameters = reference
    }
  }

  /// `updateParameters` changes exactly what its body changes, and a model trained in
  /// float32 (W_hhᵀ deferred) scores in float64 to the same bits as a fresh model built
  /// from the same tensors (W_hhᵀ recomputed, not stale).
  func testInPlaceUpdateAndDeferredTransposeGiveTheFreshModelsNumbers() {
    var trained = model(seed: 3)
    trained.precision = .float32
    trained.updateParameters { p in
      for i in p.indices { p[i] *= 0.9 }
    }
    var fresh = model(seed: 3)
    fresh.parameters = fresh.parameters.map { $0 * 0.9 }
    XCTAssertEqual(trained.parameters, fresh.parameters)
    // float32 training never read W_hhᵀ; back in float64 it must be the new one.
    trained.precision = .float64
    let a = trained.negativeLogLikelihood(of: words, computeGradients: true)
    let b = fresh.negativeLogLikelihood(of: words, computeGradients: true)
    XCTAssertEqual(a.total, b.total)
    XCTAssertEqual(a.gradients, b.gradients)
    // A deferring cell's float64 step (transposing on the fly) gives the same bits too.
    var cell = fresh.layers[0]
    let state = cell.zeroState(batch: 1)
    let x = Matrix(row: (0..<27).map { $0 == 5 ? 1.0 : 0 })
    let projected = matmul(x, cell.parameters.weightIH, transposeB: true)
    let reference = cell.forward(projectedInput: projected, input: x, state: state).state
    cell.defersTranspose = true
    let deferred = cell.forward(projectedInput: projected, input: x, state: state).state
    XCTAssertEqual(deferred.hidden, reference.hidden)
    XCTAssertEqual(deferred.cell, reference.cell)
  }
}
