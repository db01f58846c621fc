import Foundation
import NumericsCore

/// The vanilla (Elman) recurrent cell with tanh, PyTorch's `nn.RNN(nonlinearity="tanh")`.
///
/// Forward, for `x_t` (`B × I`) and `h_{t−1}` (`B × H`):
/// ```
/// a_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh      B × H
/// h_t = tanh(a_t)
/// ```
/// Backward, given `∂L/∂h_t`:
/// ```
/// ∂L/∂a_t     = ∂L/∂h_t ⊙ (1 − h_t²)      tanh' written with the OUTPUT h_t (= tanh a_t)
/// ∂L/∂W_ih   += (∂L/∂a_t)ᵀ·x_t,   ∂L/∂b_ih += Σ_rows ∂L/∂a_t   (and the same for _hh)
/// ∂L/∂x_t     = ∂L/∂a_t·W_ih
/// ∂L/∂h_{t−1} = ∂L/∂a_t·W_hh               the recurrent term BPTT must not forget
/// ```
/// The Jacobian `∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh` is multiplied once per step on the
/// way back, so a gradient that travels `k` steps is scaled by a product of `k` such
/// matrices: it shrinks geometrically when `W_hh`'s spectral radius is below 1 (tanh' ≤ 1
/// only helps it shrink) and can grow when it is above — Bengio, Simard & Frasconi,
/// "Learning long-term dependencies with gradient descent is difficult" (IEEE Trans.
/// Neural Networks 5(2), 1994).
public struct RNNCell: RecurrentCell {
  public static let gateCount = 1
  public static let hasCellState = false
  public var parameters: RecurrentParameters {
    didSet { transposedWeightHH = parameters.weightHH.transposed() }
  }
  /// `W_hhᵀ` (`H × G·H`), kept with the parameters: the recurrent product reads it row by
  /// row at every step.
  private(set) var transposedWeightHH: Matrix

  /// What one step keeps: its input, previous hidden state and output.
  public struct StepCache: RecurrentStepCache {
    public let input: Matrix
    public let previousHidden: Matrix
    let hidden: Matrix
  }

  /// A cell with the given parameters (`H × I`, `H × H`, `1 × H`, `1 × H`).
  public init(parameters: RecurrentParameters) {
    precondition(
      parameters.gates == 1,
      "RNNCell: weight_ih \(parameters.weightIH.shapeDescription) must be H × I with "
        + "H = \(parameters.hiddenSize)")
    self.parameters = parameters
    transposedWeightHH = parameters.weightHH.transposed()
  }

  /// A cell with PyTorch's initialisation U(−1/√H, 1/√H).
  public init<G: RandomNumberGenerator>(inputSize: Int, hiddenSize: Int, using rng: inout G) {
    self.init(
      parameters: RecurrentParameters(
        gates: 1, inputSize: inputSize, hiddenSize: hiddenSize, using: &rng))
  }

  public func forward(
    projectedInput: consuming Matrix, input: Matrix, state: RecurrentState
  ) -> (state: RecurrentState, cache: StepCache) {
    var a = projectedInput
    addHiddenProjection(state.hidden, to: &a, transposedWeightHH: transposedWeightHH)
    a.withUnsafeMutableElements { tanhInPlace($0.baseAddress!, count: $0.count) }
    return (
      RecurrentState(hidden: a),
      StepCache(input: input, previousHidden: state.hidden, hidden: a)
    )
  }

  public func preactivationGradients(
    _ stateGradient: RecurrentState, cache: StepCache
  ) -> PreactivationGradients {
    let (g, h) = (stateGradient.hidden, cache.hidden)
    precondition(
      g.rows == h.rows && g.columns == h.columns,
      "RNNCell: state gradient \(g.shapeDescription) for hidden \(h.shapeDescription)")
    let inputSide = g.withUnsafeElements { gv in
      h.withUnsafeElements { hv in
        uninitializedMatrix(rows: h.rows, columns: h.columns) {
          tanhBackward(gv.baseAddress!, hv.baseAddress!, into: $0, count: hv.count)
        }
      }
    }
    return PreactivationGradients(inputSide: inputSide)
  }
}
