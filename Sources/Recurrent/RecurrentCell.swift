import CElementKernels
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
  associatedtype StepCache: RecurrentStepCache

  /// Gates stacked in the weight matrices: 1 (RNN), 4 (LSTM), 3 (GRU).
  static var gateCount: Int { get }
  /// Whether the state has a cell part `c` (LSTM).
  static var hasCellState: Bool { get }

  /// The shared weights, in PyTorch's layout.
  var parameters: RecurrentParameters { get set }

  /// One step forward from the input's projection `p_t = x_t·W_ihᵀ + b_ih` (`B × G·H`),
  /// computed by the caller: `unroll` computes it for all `T` steps in one GEMM, since it
  /// does not depend on the state. The cell adds `h_{t−1}·W_hhᵀ + b_hh` and applies its
  /// gates. `input` is kept in the cache for the single-step backward.
  func forward(
    projectedInput: consuming Matrix, input: Matrix, state: RecurrentState
  ) -> (state: RecurrentState, cache: StepCache)

  /// One step backward as far as the two affine maps: given `∂L/∂state_t`, the gradients
  /// of `x_t·W_ihᵀ + b_ih` and of `h_{t−1}·W_hhᵀ + b_hh`, and the parts of
  /// `∂L/∂state_{t−1}` that do not pass through `W_hh`. The affine maps' own gradients are
  /// left to the caller (`backward(_:cache:accumulatingInto:)` for one step,
  /// `backpropagateThroughTime` for all steps at once).
  func preactivationGradients(
    _ stateGradient: RecurrentState, cache: StepCache
  ) -> PreactivationGradients
}

/// What every step cache holds: the step's input `x_t` and the previous hidden state.
public protocol RecurrentStepCache: Sendable {
  /// `x_t`, `B × I`.
  var input: Matrix { get }
  /// `h_{t−1}`, `B × H`.
  var previousHidden: Matrix { get }
}

/// One step's backward pass up to its affine maps.
public struct PreactivationGradients: Sendable {
  /// `∂L/∂(x_t·W_ihᵀ + b_ih)`, `B × G·H`.
  public var inputSide: Matrix
  /// `∂L/∂(h_{t−1}·W_hhᵀ + b_hh)`, `B × G·H`; nil when it equals `inputSide` (tanh RNN
  /// and LSTM, whose two affine maps are simply added; not the GRU, whose reset gate
  /// multiplies the hidden part of its candidate).
  public var hiddenSide: Matrix?
  /// The part of `∂L/∂h_{t−1}` that bypasses `W_hh` (the GRU's `z ⊙ ∂L/∂h_t`), or nil.
  public var directHidden: Matrix?
  /// `∂L/∂c_{t−1}` (LSTM), or nil.
  public var previousCell: Matrix?

  public init(
    inputSide: Matrix, hiddenSide: Matrix? = nil, directHidden: Matrix? = nil,
    previousCell: Matrix? = nil
  ) {
    self.inputSide = inputSide
    self.hiddenSide = hiddenSide
    self.directHidden = directHidden
    self.previousCell = previousCell
  }

  /// `∂L/∂h_{t−1} = ∂L/∂(h_{t−1}·W_hhᵀ)·W_hh + direct part`: the recurrent term.
  func previousHidden(weightHH: Matrix) -> Matrix {
    let side = hiddenSide ?? inputSide
    let (b, n) = (side.rows, weightHH.columns)
    precondition(
      side.columns == weightHH.rows
        && directHidden.map { $0.rows == b && $0.columns == n } ?? true,
      "previousHidden: \(side.shapeDescription)·\(weightHH.shapeDescription) onto "
        + "\(directHidden?.shapeDescription ?? "nothing")")
    func product(into c: UnsafeMutablePointer<Double>, accumulate: Bool) {
      side.withUnsafeElements { a in
        weightHH.withUnsafeElements { w in
          recurrentProduct(
            m: b, n: n, k: side.columns, a.baseAddress!, lda: side.columns, w.baseAddress!,
            ldb: n, into: c, ldc: n, accumulate: accumulate)
        }
      }
    }
    guard var sum = directHidden else {
      return uninitializedMatrix(rows: b, columns: n) { product(into: $0, accumulate: false) }
    }
    sum.withUnsafeMutableElements { product(into: $0.baseAddress!, accumulate: true) }
    return sum
  }
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

  /// One step forward from the raw input `x_t` (`B × I`).
  public func forward(
    _ input: Matrix, state: RecurrentState
  ) -> (state: RecurrentState, cache: StepCache) {
    checkStep("\(Self.self)", input, state)
    return forward(
      projectedInput: affine(input, parameters.weightIH, parameters.biasIH), input: input,
      state: state)
  }

  /// One step backward: given `∂L/∂state_t`, returns `∂L/∂x_t` and `∂L/∂state_{t−1}`, and
  /// adds this step's parameter gradient into `gradients`:
  /// `∂W_ih += ∂Pᵀ·x_t`, `∂b_ih += Σ_rows ∂P`, `∂W_hh += ∂Vᵀ·h_{t−1}`, `∂b_hh += Σ_rows ∂V`,
  /// `∂x_t = ∂P·W_ih` (with `P`, `V` the input and hidden affine maps).
  public func backward(
    _ stateGradient: RecurrentState, cache: StepCache,
    accumulatingInto gradients: inout RecurrentParameters
  ) -> (inputGradient: Matrix, stateGradient: RecurrentState) {
    let p = preactivationGradients(stateGradient, cache: cache)
    let side = p.hiddenSide ?? p.inputSide
    matmul(p.inputSide, cache.input, transposeA: true, beta: 1, into: &gradients.weightIH)
    matmul(side, cache.previousHidden, transposeA: true, beta: 1, into: &gradients.weightHH)
    addColumnSums(of: p.inputSide, into: &gradients.biasIH)
    addColumnSums(of: side, into: &gradients.biasHH)
    return (
      matmul(p.inputSide, parameters.weightIH),
      RecurrentState(
        hidden: p.previousHidden(weightHH: parameters.weightHH), cell: p.previousCell)
    )
  }

  /// `(p_t + b_hh) + h_{t−1}·W_hhᵀ`, in place of `p_t`: the gate pre-activations of a cell
  /// whose two affine maps are added (tanh RNN, LSTM). `transposedWeightHH` is `W_hhᵀ`
  /// (`H × G·H`), which the cell keeps with its parameters, so that the product reads
  /// both operands row by row (`recurrentProduct`).
  func addHiddenProjection(
    _ hidden: Matrix, to projected: inout Matrix, transposedWeightHH: Matrix
  ) {
    let (b, n, h) = (hidden.rows, transposedWeightHH.columns, transposedWeightHH.rows)
    precondition(
      projected.rows == b && projected.columns == n && hidden.columns == h
        && parameters.biasHH.columns == n,
      "\(Self.self): projected input \(projected.shapeDescription) needs to be "
        + "\(hidden.rows) × \(n) for hidden \(hidden.shapeDescription)")
    projected.withUnsafeMutableElements { c in
      parameters.biasHH.withUnsafeElements { add_row_vector(c.baseAddress!, $0.baseAddress!, b, n) }
      hidden.withUnsafeElements { a in
        transposedWeightHH.withUnsafeElements { w in
          recurrentProduct(
            m: b, n: n, k: h, a.baseAddress!, lda: h, w.baseAddress!, ldb: n,
            into: c.baseAddress!, ldc: n, accumulate: true)
        }
      }
    }
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
  let n = weight.rows
  precondition(
    bias.rows == 1 && bias.columns == n,
    "affine: bias \(bias.shapeDescription) for weight \(weight.shapeDescription)")
  var out = bias.withUnsafeElements { b in
    uninitializedMatrix(rows: x.rows, columns: n) { o in
      for r in 0..<x.rows { (o + r * n).update(from: b.baseAddress!, count: n) }
    }
  }
  matmul(x, weight, transposeB: true, beta: 1, into: &out)
  return out
}

/// The logistic sigmoid `σ(x) = 1/(1 + e^(−x))`, written so neither branch can overflow.
@inline(__always)
func sigmoid(_ x: Double) -> Double {
  if x >= 0 { return 1 / (1 + exp(-x)) }
  let e = exp(x)
  return e / (1 + e)
}
