import NumericsCore
import TestSupport
import XCTest

@testable import Recurrent

/// Checks every tensor of `analytic` against central differences of `loss`, one tensor at
/// a time (the others held at `point`), with TestSupport's checker.
func assertGradients(
  of loss: ([Matrix]) -> Double, at point: [Matrix], equal analytic: [Matrix],
  names: [String], tolerance: Double = 1e-7, file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(point.count, analytic.count, file: file, line: line)
  for index in point.indices {
    assertGradient(
      of: { x in
        var p = point
        p[index] = x
        return loss(p)
      }, at: point[index], equals: analytic[index], tolerance: tolerance, names[index],
      file: file, line: line)
  }
}

/// A fixed, non-trivial loss on a sequence of hidden states: `Σ_t Σ w_t ⊙ h_t` with
/// different weights per step, so every step's gradient differs.
func stepWeights(
  steps: Int, batch: Int, hidden: Int, using rng: inout Xoshiro256StarStar
)
  -> [Matrix]
{
  (0..<steps).map { _ in Matrix.normal(rows: batch, columns: hidden, using: &rng) }
}

func weightedSum(_ states: [Matrix], _ weights: [Matrix]) -> Double {
  zip(states, weights).reduce(0) { $0 + ($1.0 * $1.1).sum() }
}

/// Runs one cell over a short sequence and checks BPTT's gradients for the parameters, the
/// inputs and the initial state (h, and c for an LSTM) against finite differences.
func checkBPTT<Cell: RecurrentCell>(
  _ make: (RecurrentParameters) -> Cell, gates: Int, tolerance: Double = 1e-7,
  file: StaticString = #filePath,
  line: UInt = #line
) {
  var rng = Xoshiro256StarStar(seed: 7)
  let (b, t, i, h) = (3, 5, 4, 6)
  let p = RecurrentParameters(gates: gates, inputSize: i, hiddenSize: h, using: &rng)
  let xs = (0..<t).map { _ in Matrix.normal(rows: b, columns: i, using: &rng) }
  let h0 = Matrix.normal(rows: b, columns: h, using: &rng) * 0.5
  let c0 = Matrix.normal(rows: b, columns: h, using: &rng) * 0.5
  let cellWeights = Matrix.normal(rows: b, columns: h, using: &rng)
  let weights = stepWeights(steps: t, batch: b, hidden: h, using: &rng)
  let hasCell = Cell.hasCellState
  // Loss on every hidden state and (LSTM) on the final cell state.
  func loss(_ v: [Matrix]) -> Double {
    let cell = make(RecurrentParameters(weightIH: v[0], weightHH: v[1], biasIH: v[2], biasHH: v[3]))
    let u = unroll(
      cell, over: Array(v[6..<(6 + t)]),
      from: RecurrentState(hidden: v[4], cell: hasCell ? v[5] : nil))
    return weightedSum(u.hiddenStates, weights)
      + (u.finalState.cell.map { ($0 * cellWeights).sum() } ?? 0)
  }
  let cell = make(p)
  let u = unroll(cell, over: xs, from: RecurrentState(hidden: h0, cell: hasCell ? c0 : nil))
  let g = backpropagateThroughTime(
    cell, u, hiddenGradients: weights,
    finalStateGradient: hasCell
      ? RecurrentState(hidden: .zeros(like: h0), cell: cellWeights) : nil)
  let point = p.all + [h0, c0] + xs
  let analytic =
    g.parameters.all + [g.initialState.hidden, g.initialState.cell ?? .zeros(like: c0)] + g.inputs
  let names =
    ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "h0", "c0"] + (0..<t).map { "x\($0)" }
  assertGradients(
    of: loss, at: point, equal: analytic, names: names, tolerance: tolerance, file: file,
    line: line)
}

final class RecurrentGradientCheckTests: XCTestCase {
  func testRNNCellBPTTGradients() { checkBPTT(RNNCell.init(parameters:), gates: 1) }
  /// 1e-6: the LSTM's smallest weight gradients are ~1e-5, where the finite difference's
  /// own rounding (~1e-11 absolute) is already a relative 1e-7.
  func testLSTMCellBPTTGradients() {
    checkBPTT(LSTMCell.init(parameters:), gates: 4, tolerance: 1e-6)
  }
  func testGRUCellBPTTGradients() { checkBPTT(GRUCell.init(parameters:), gates: 3) }

  /// A single step is BPTT with T = 1; checked separately so a failure points at the cell.
  func testSingleStepGradientsOfEveryCell() {
    var rng = Xoshiro256StarStar(seed: 3)
    let x = Matrix.normal(rows: 2, columns: 3, using: &rng)
    let h = Matrix.normal(rows: 2, columns: 4, using: &rng)
    let w = Matrix.normal(rows: 2, columns: 4, using: &rng)
    func check<Cell: RecurrentCell>(_ cell: Cell) {
      let state = RecurrentState(hidden: h, cell: Cell.hasCellState ? h * 0.3 : nil)
      let step = cell.forward(x, state: state)
      var grads = RecurrentParameters.zeros(like: cell.parameters)
      let back = cell.backward(
        RecurrentState(hidden: w, cell: Cell.hasCellState ? w * 0.5 : nil), cache: step.cache,
        accumulatingInto: &grads)
      func loss(_ input: Matrix) -> Double {
        let s = cell.forward(input, state: state).state
        return (s.hidden * w).sum() + (s.cell.map { ($0 * w * 0.5).sum() } ?? 0)
      }
      assertGradient(of: loss, at: x, equals: back.inputGradient, "\(Cell.self) input")
    }
    check(RNNCell(inputSize: 3, hiddenSize: 4, using: &rng))
    check(LSTMCell(inputSize: 3, hiddenSize: 4, using: &rng))
    check(GRUCell(inputSize: 3, hiddenSize: 4, using: &rng))
  }

  func testSequenceRegressorGradients() {
    var rng = Xoshiro256StarStar(seed: 11)
    let model = SequenceRegressor(
      cell: GRUCell(inputSize: 2, hiddenSize: 5, using: &rng),
      readout: Readout(hiddenSize: 5, outputSize: 1, using: &rng))
    let xs = (0..<6).map { _ in Matrix.normal(rows: 4, columns: 2, using: &rng) }
    let y = Matrix.normal(rows: 4, columns: 1, using: &rng)
    let analytic = model.lossAndGradients(inputs: xs, targets: y).gradients
    assertGradients(
      of: { p in
        var m = model
        m.parameters = p
        return m.lossAndGradients(inputs: xs, targets: y).loss
      }, at: model.parameters, equal: analytic,
      names: ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "readout.weight", "readout.bias"])
  }

  func testCharacterModelGradientsWithPaddedWords() {
    var rng = Xoshiro256StarStar(seed: 12)
    let model = CharacterLanguageModel(
      cell: LSTMCell(inputSize: 6, hiddenSize: 4, using: &rng),
      readout: Readout(hiddenSize: 4, outputSize: 6, using: &rng))
    let words = [[1, 2, 3], [5], [4, 4, 2, 1, 3]]
    let analytic = model.negativeLogLikelihood(of: words, computeGradients: true)
    XCTAssertEqual(analytic.count, 3 + 1 + 1 + 1 + 5 + 1)
    assertGradients(
      of: { p in
        var m = model
        m.parameters = p
        let r = m.negativeLogLikelihood(of: words, computeGradients: false)
        return r.total / Double(r.count)
      }, at: model.parameters, equal: analytic.gradients,
      names: ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "readout.weight", "readout.bias"],
      // The worst elements are gradients of ~1e-6 whose finite differences agree to ~1e-12
      // absolute: rounding in a loss of size ~2, not a wrong derivative.
      tolerance: 1e-5)
  }
}
