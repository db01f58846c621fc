import NumericsCore
import TestSupport
import XCTest

@testable import Recurrent

/// The tanh RNN's stacked sweeps (`StackedRNN.swift`, what `unroll` and
/// `backpropagateThroughTime` run for an `RNNCell`) against the cell's own one-step API,
/// `forward(_:state:)` and `backward(_:cache:accumulatingInto:)`, applied step by step: an
/// independent route through the same formulas (its weight gradients are summed per step
/// instead of by one GEMM over all steps, so they agree to rounding, not bit for bit).
final class StackedRNNTests: XCTestCase {
  func testStackedSweepsMatchTheOneStepAPI() {
    var rng = Xoshiro256StarStar(seed: 11)
    // Ragged sizes: H and B not multiples of the kernel's 8 lanes or 4 rows (H ≥ 16 runs the AVX-512 kernel).
    let cell = RNNCell(inputSize: 3, hiddenSize: 19, using: &rng)
    let (batch, steps) = (5, 7)
    let xs = (0..<steps).map { _ in Matrix.normal(rows: batch, columns: 3, using: &rng) }
    let h0 = Matrix.normal(rows: batch, columns: 19, using: &rng)
    let direct = (0..<steps).map { t in
      t % 3 == 1 ? nil : Matrix.normal(rows: batch, columns: 19, using: &rng)
    }
    let finalGradient = Matrix.normal(rows: batch, columns: 19, using: &rng)

    // One step at a time through the cell's own API.
    var states = [RecurrentState(hidden: h0)]
    var caches: [RNNCell.StepCache] = []
    for x in xs {
      let step = cell.forward(x, state: states[states.count - 1])
      states.append(step.state)
      caches.append(step.cache)
    }
    var gradients = RecurrentParameters.zeros(like: cell.parameters)
    var carried = finalGradient
    var inputGradients = [Matrix](repeating: .zeros(rows: 0, columns: 0), count: steps)
    var observed: [Int] = []
    for t in stride(from: steps - 1, through: 0, by: -1) {
      if let d = direct[t] { carried += d }
      let back = cell.backward(
        RecurrentState(hidden: carried), cache: caches[t], accumulatingInto: &gradients)
      inputGradients[t] = back.inputGradient
      carried = back.stateGradient.hidden
    }

    let unrolled = unroll(cell, over: xs, from: RecurrentState(hidden: h0))
    XCTAssertNotNil(unrolled.stacked, "a tanh RNN should take the stacked path")
    let bptt = backpropagateThroughTime(
      cell, unrolled, hiddenGradients: direct,
      finalStateGradient: RecurrentState(hidden: finalGradient),
      observer: { t, _ in observed.append(t) })

    // The forward pass does the same operations in the same order: the same bits.
    for t in 0...steps { assertEqual(unrolled.states[t].hidden, states[t].hidden, tolerance: 0) }
    for t in 0..<steps {
      assertEqual(unrolled.caches[t].hidden, caches[t].hidden, tolerance: 0)
      assertEqual(unrolled.caches[t].previousHidden, caches[t].previousHidden, tolerance: 0)
      assertEqual(unrolled.caches[t].input, xs[t], tolerance: 0)
    }
    assertEqual(unrolled.finalState.hidden, states[steps].hidden, tolerance: 0)
    assertEqual(unrolled.stackedHiddenStates, stackSteps(unrolled.hiddenStates), tolerance: 0)
    XCTAssertEqual(observed, Array((0..<steps).reversed()))
    // The backward pass: ∂h_0 and ∂x_t step by step as well; weight gradients summed apart.
    assertEqual(bptt.initialState.hidden, carried, tolerance: 1e-14)
    for t in 0..<steps { assertEqual(bptt.inputs[t], inputGradients[t], tolerance: 1e-14) }
    for (mine, reference) in zip(bptt.parameters.all, gradients.all) {
      assertEqual(mine, reference, tolerance: 1e-13)
    }
  }
}
