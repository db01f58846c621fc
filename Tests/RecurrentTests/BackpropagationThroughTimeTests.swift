import NumericsCore
import Optimizers
import TestSupport
import XCTest

@testable import Recurrent

final class BackpropagationThroughTimeTests: XCTestCase {
  /// The tanh RNN by hand for H = I = B = 1: h1 = tanh(w·x1 + u·h0 + b), and so on.
  func testRNNForwardMatchesHandComputation() {
    let p = RecurrentParameters(
      weightIH: [[0.5]], weightHH: [[-0.8]], biasIH: [[0.1]], biasHH: [[0.2]])
    let cell = RNNCell(parameters: p)
    let u = unroll(cell, over: [[[1.0]], [[-2.0]]], from: RecurrentState(hidden: [[0.3]]))
    let h1 = Foundation.tanh(0.5 * 1 + 0.1 - 0.8 * 0.3 + 0.2)
    let h2 = Foundation.tanh(0.5 * -2 + 0.1 - 0.8 * h1 + 0.2)
    XCTAssertEqual(u.hiddenStates[0][0, 0], h1, accuracy: 1e-15)
    XCTAssertEqual(u.hiddenStates[1][0, 0], h2, accuracy: 1e-15)
  }

  /// The observer sees ∂L/∂h_t for every step, last step first; for a loss on h_T only and
  /// H = 1 it is the product of the local derivatives (1 − h_k²)·u, by hand.
  func testObserverRecordsTheChainOfLocalDerivatives() {
    let u = -0.8
    let cell = RNNCell(
      parameters: RecurrentParameters(
        weightIH: [[0.5]], weightHH: [[u]], biasIH: [[0]], biasHH: [[0]]))
    let xs: [Matrix] = [[[1]], [[0.5]], [[-1]], [[2]]]
    let unrolled = unroll(cell, over: xs, from: RecurrentState(hidden: [[0]]))
    var seen: [(Int, Double)] = []
    _ = backpropagateThroughTime(
      cell, unrolled, hiddenGradients: [nil, nil, nil, [[1]]],
      observer: { t, g in seen.append((t, g[0, 0])) })
    XCTAssertEqual(seen.map(\.0), [3, 2, 1, 0])
    let h = unrolled.hiddenStates.map { $0[0, 0] }
    var expected = 1.0
    for (k, (t, g)) in seen.enumerated() {
      XCTAssertEqual(g, expected, accuracy: 1e-14, "step \(t)")
      if k < 3 { expected *= (1 - h[t] * h[t]) * u }
    }
  }

  /// Truncated BPTT's forward pass carries the state: chunked unrolling gives exactly the
  /// states of one long unroll, and a chunk of length T is full BPTT.
  func testTruncatedChunksCarryTheState() {
    var rng = Xoshiro256StarStar(seed: 5)
    let cell = LSTMCell(inputSize: 2, hiddenSize: 3, using: &rng)
    let xs = (0..<10).map { _ in Matrix.normal(rows: 2, columns: 2, using: &rng) }
    let full = unroll(cell, over: xs, from: cell.zeroState(batch: 2))
    var state = cell.zeroState(batch: 2)
    var chunked: [Matrix] = []
    XCTAssertEqual(truncationChunks(steps: 10, length: 4), [0..<4, 4..<8, 8..<10])
    for chunk in truncationChunks(steps: 10, length: 4) {
      let part = unroll(cell, over: Array(xs[chunk]), from: state)
      chunked += part.hiddenStates
      state = part.finalState
    }
    for t in 0..<10 { assertEqual(chunked[t], full.hiddenStates[t], tolerance: 0) }
    XCTAssertEqual(truncationChunks(steps: 10, length: 10), [0..<10])
  }

  /// The recurrent term: without it the gradient on h_0 from a loss at h_T would be zero.
  func testGradientReachesTheInitialStateThroughEveryStep() {
    var rng = Xoshiro256StarStar(seed: 9)
    let cell = RNNCell(inputSize: 1, hiddenSize: 2, using: &rng)
    let xs = (0..<5).map { _ in Matrix.normal(rows: 1, columns: 1, using: &rng) }
    let u = unroll(cell, over: xs, from: cell.zeroState(batch: 1))
    let g = backpropagateThroughTime(
      cell, u, hiddenGradients: [nil, nil, nil, nil, [[1, 1]]])
    XCTAssertGreaterThan(g.initialState.hidden.norm(), 0)
    XCTAssertGreaterThan(g.inputs[0].norm(), 0)
  }

  func testClippingScalesEveryTensorByOneFactor() {
    var rng = Xoshiro256StarStar(seed: 1)
    var parameters = [Matrix.normal(rows: 2, columns: 2, using: &rng)]
    let before = parameters
    var sgd = SGD(learningRate: 1)
    let record = applyUpdate(
      to: &parameters, gradients: [[[3, 0], [0, 4]]], optimizer: &sgd, clippingAt: 1)
    XCTAssertEqual(record.gradientNorm, 5, accuracy: 1e-12)
    XCTAssertTrue(record.clipped)
    // SGD with lr 1: the step is the clipped gradient, norm 1 (minus PyTorch's 1e-6 slack).
    XCTAssertEqual((before[0] - parameters[0]).norm(), 5 / (5 + 1e-6), accuracy: 1e-12)
  }
}
