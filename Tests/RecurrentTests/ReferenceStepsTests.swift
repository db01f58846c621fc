import Foundation
import NumericsCore
import TestSupport
import XCTest

@testable import Recurrent

/// The exercise references against hand computations with H = I = B = 1.
final class ReferenceStepsTests: XCTestCase {
  func sigma(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  func testLSTMStepByHandInGateOrderIFGO() {
    // Rows of weight_ih / weight_hh / biases are the gates i, f, g, o.
    let p = RecurrentParameters(
      weightIH: [[0.5], [-0.3], [0.8], [0.1]], weightHH: [[0.2], [0.4], [-0.6], [0.7]],
      biasIH: [[0.1, 0.2, 0.3, 0.4]], biasHH: [[0, -0.1, 0.05, 0]])
    let (x, h, c) = (1.5, -0.4, 0.9)
    let i = sigma(0.5 * x + 0.1 + 0.2 * h)
    let f = sigma(-0.3 * x + 0.2 + 0.4 * h - 0.1)
    let g = tanh(0.8 * x + 0.3 - 0.6 * h + 0.05)
    let o = sigma(0.1 * x + 0.4 + 0.7 * h)
    let cNew = f * c + i * g
    let out = lstmCellForward(input: [[x]], hidden: [[h]], cell: [[c]], parameters: p)
    XCTAssertEqual(out.cell[0, 0], cNew, accuracy: 1e-15)
    XCTAssertEqual(out.hidden[0, 0], o * tanh(cNew), accuracy: 1e-15)
  }

  func testRNNStepAndBPTTByHand() {
    let p = RecurrentParameters(
      weightIH: [[0.5]], weightHH: [[0.9]], biasIH: [[0.1]], biasHH: [[-0.2]])
    let h1 = tanh(0.5 * 2 + 0.1 + 0.9 * 0.3 - 0.2)
    XCTAssertEqual(
      rnnCellForward(input: [[2]], hidden: [[0.3]], parameters: p)[0, 0], h1, accuracy: 1e-15)
    // L = h_1 + h_2: ∂L/∂h_1 = 1 + (1 − h_2²)·0.9, ∂L/∂x_1 = ∂L/∂h_1·(1 − h_1²)·0.5.
    let h2 = tanh(0.5 * -1 + 0.1 + 0.9 * h1 - 0.2)
    let g = rnnBackpropagationThroughTime(
      inputs: [[[2]], [[-1]]], initialHidden: [[0.3]], parameters: p,
      hiddenGradients: [[[1]], [[1]]])
    let dh1 = 1 + (1 - h2 * h2) * 0.9
    XCTAssertEqual(g.inputs[0][0, 0], dh1 * (1 - h1 * h1) * 0.5, accuracy: 1e-15)
    XCTAssertEqual(g.initialState.hidden[0, 0], dh1 * (1 - h1 * h1) * 0.9, accuracy: 1e-15)
  }
}
