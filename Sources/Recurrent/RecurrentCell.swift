import Foundation
import NumericsCore

/// One recurrent cell: the step `(x_t, state_{t−1}) → state_t`, and its backward pass.
///
/// As with layers, the forward step returns a cache and the backward step takes it back,
/// so a cell is a plain value: the same cell (the same, shared weights) is applied at every
/// time step, and nothing is stored in it between calls.
///
/// Shapes, for a batch of `B` sequences, `I` input features and `H` hidden units:
/// ```
/// forward:   x_t  B × I,  state_{t−1} (h: B × H, c: B × H for LSTM)  →  state_t, cache
/// backward:  ∂L/∂state_t, cache  →  ∂L/∂x_t (B × I), ∂L/∂state_{t−1},
///            and ∂L/∂parameters added into an accumulator
/// ```
/// The parameter gradient is *accumulated* (added), not returned: the weights are shared by
/// every step, so their gradient is the sum of every step's contribution. That sum, taken
/// once per batch after the whole backward sweep, is what an optimizer then applies — one
/// update per batch, never one per time step.
public protocol RecurrentCell: Sendable {
  /// What the backward step needs from its forward step.
  associatedtype StepCache: Sendable

  /// Gates stacked in the weight matrices: 1 (RNN), 4 (LSTM), 3 (GRU).
  static var gateCount: Int { get }
  /// Whether the state has a cell part `c` (LSTM).
  static var hasCellState: Bool { get }

  /// The shared weights, in PyTorch's layout.
  var parameters: RecurrentParameters { get set }

  /// One step forward.
  func forward(_ input: Matrix, state: RecurrentState) -> (state: RecurrentState, cache: StepCache)

  /// One step backward: given `∂L/∂state_t`, returns `∂L/∂x_t` and `∂L/∂state_{t−1}`, and
  /// adds this step's parameter gradient into `gradients`.
  func backward(
    _ stateGradient: RecurrentState, cache: StepCache,
    accumulatingInto gradients: inout RecurrentParameters
  ) -> (inputGradient: Matrix, stateGradient: RecurrentState)
}

extension RecurrentCell {
  /// Hidden units `H`.
  public var hiddenSize: Int { parameters.hiddenSize }
  /// Input features `I`.
  public var inputSize: Int { parameters.inputSize }

  /// The zero state for `batch` sequences.
  public func zeroState(batch: Int) -> RecurrentState {
    .zeros(batch: batch, hidden: hiddenSize, hasCell: Self.hasCellState)
  }

  /// Traps unless `input` and `state` fit this cell.
  func checkStep(_ name: String, _ input: Matrix, _ state: RecurrentState) {
    precondition(
      input.columns == inputSize,
      "\(name).forward: input \(input.shapeDescription) needs \(inputSize) columns")
    precondition(
      state.hidden.rows == input.rows && state.hidden.columns == hiddenSize,
      "\(name).forward: state \(state.hidden.shapeDescription) needs to be \(input.rows) × \(hiddenSize)"
    )
    precondition(
      (state.cell != nil) == Self.hasCellState,
      "\(name).forward: \(Self.hasCellState ? "needs" : "takes no") cell state")
  }
}

// MARK: - Shared kernels of the three cells

/// `x·Wᵀ + b` for a batch `x` (`B × in`), `W` (`out × in`, PyTorch's layout) and `b`
/// (`1 × out`): the bias is copied into every row first and GEMM accumulates onto it
/// (`beta = 1`), so the affine map is one BLAS call and one copy.
func affine(_ x: Matrix, _ weight: Matrix, _ bias: Matrix) -> Matrix {
  var out = Matrix.zeros(rows: x.rows, columns: weight.rows)
  let n = weight.rows
  out.withUnsafeMutableElements { o in
    bias.withUnsafeElements { b in
      for r in 0..<x.rows {
        (o.baseAddress! + r * n).update(from: b.baseAddress!, count: n)
      }
    }
  }
  matmul(x, weight, transposeB: true, beta: 1, into: &out)
  return out
}

/// Adds the parameter gradients of one step, given the gradients of the gate
/// pre-activations: `∂W_ih += dIHᵀ·x`, `∂b_ih += Σ_rows dIH`, `∂W_hh += dHHᵀ·h`,
/// `∂b_hh += Σ_rows dHH`. Returns `∂L/∂x = dIH·W_ih` and the `h` part `dHH·W_hh`.
func accumulateAffineGradients(
  inputSide dIH: Matrix, hiddenSide dHH: Matrix, input x: Matrix, hidden h: Matrix,
  parameters p: RecurrentParameters, into g: inout RecurrentParameters
) -> (input: Matrix, hidden: Matrix) {
  matmul(dIH, x, transposeA: true, beta: 1, into: &g.weightIH)
  matmul(dHH, h, transposeA: true, beta: 1, into: &g.weightHH)
  addColumnSums(of: dIH, into: &g.biasIH)
  addColumnSums(of: dHH, into: &g.biasHH)
  return (matmul(dIH, p.weightIH), matmul(dHH, p.weightHH))
}

/// `row += Σ_r m[r, ·]` for a `1 × n` row.
func addColumnSums(of m: Matrix, into row: inout Matrix) {
  let n = m.columns
  row.withUnsafeMutableElements { out in
    m.withUnsafeElements { e in
      for r in 0..<m.rows {
        for j in 0..<n { out[j] += e[r * n + j] }
      }
    }
  }
}

/// The logistic sigmoid `σ(x) = 1/(1 + e^(−x))`, written so neither branch can overflow.
@inline(__always)
func sigmoid(_ x: Double) -> Double {
  if x >= 0 { return 1 / (1 + exp(-x)) }
  let e = exp(x)
  return e / (1 + e)
}
