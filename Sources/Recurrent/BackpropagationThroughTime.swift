import CBLAS
import NumericsCore

/// A forward pass of one cell over a whole sequence batch: every state and every cache.
///
/// `states[0]` is the initial state and `states[t + 1]` the state after step `t`, so
/// `hiddenStates[t]` is `h_t` for `t = 0 … T−1` in the source's 0-based time. A tanh RNN
/// keeps its states stacked in one matrix instead (`StackedRNN.swift`); `states` and
/// `caches` are then cut from it when asked for (a copy of every step on each access:
/// read them once, not inside a loop over `t`).
public struct UnrolledSequence<Cell: RecurrentCell>: Sendable {
  private let stepStates: [RecurrentState]
  private let stepCaches: [Cell.StepCache]
  /// The tanh RNN's stacked states, or nil for a per-step forward pass.
  let stacked: StackedHiddenStates?
  /// `x_1 … x_T`, each `B × I`.
  private let inputs: [Matrix]
  /// `x_1 … x_T` stacked time-major (`T·B × I`), for the one-GEMM weight gradient.
  let stackedInputs: Matrix

  init(states: [RecurrentState], caches: [Cell.StepCache], stackedInputs: Matrix) {
    (stepStates, stepCaches, stacked) = (states, caches, nil)
    (inputs, self.stackedInputs) = ([], stackedInputs)
  }

  init(stacked: StackedHiddenStates, inputs: [Matrix], stackedInputs: Matrix) {
    (stepStates, stepCaches, self.stacked) = ([], [], stacked)
    (self.inputs, self.stackedInputs) = (inputs, stackedInputs)
  }

  /// The initial state and the state after every step (`T + 1` states).
  public var states: [RecurrentState] {
    guard let stacked else { return stepStates }
    return (0...stacked.steps).map { RecurrentState(hidden: stacked.hidden($0)) }
  }

  /// One cache per step, for `backpropagateThroughTime`.
  public var caches: [Cell.StepCache] {
    guard let stacked else { return stepCaches }
    // Only `unrollStacked` sets `stacked`, and only for `Cell == RNNCell`.
    return (0..<stacked.steps).map {
      RNNCell.StepCache(
        input: inputs[$0], previousHidden: stacked.hidden($0), hidden: stacked.hidden($0 + 1))
        as! Cell.StepCache
    }
  }

  /// `h_1 … h_T` (each `B × H`): the outputs of a many-to-many model.
  public var hiddenStates: [Matrix] {
    guard let stacked else { return stepStates.dropFirst().map(\.hidden) }
    return (1...stacked.steps).map(stacked.hidden)
  }

  /// The state after the last step: carried into the next chunk by truncated BPTT.
  public var finalState: RecurrentState {
    guard let stacked else { return stepStates[stepStates.count - 1] }
    return RecurrentState(hidden: stacked.hidden(stacked.steps))
  }

  /// `h_1 … h_T` stacked time-major, `T·B × H`: one operand for a readout of every step.
  public var stackedHiddenStates: Matrix {
    guard let stacked else { return stackSteps(hiddenStates) }
    return stacked.all.rows(in: stacked.batch..<stacked.all.rows)
  }
}

/// Runs `cell` over `inputs` (`T` steps of `B × I`) from `initialState`: the same cell, the
/// same weights, at every step; only the state changes from step to step.
///
/// The input projections `x_t·W_ihᵀ + b_ih` do not depend on the state, so they are
/// computed first for all steps as one `T·B × I` by `I × G·H` GEMM; only `h_{t−1}·W_hhᵀ`
/// is left inside the loop over time.
///
/// - Precondition: every input fits the cell and the state.
public func unroll<Cell: RecurrentCell>(
  _ cell: Cell, over inputs: [Matrix], from initialState: RecurrentState
) -> UnrolledSequence<Cell> {
  precondition(!inputs.isEmpty, "unroll: no time steps")
  cell.checkStep("unroll(\(Cell.self))", inputs[0], initialState)
  if let rnn = cell as? RNNCell {
    // Same type: Cell is RNNCell here.
    return unrollStacked(rnn, over: inputs, from: initialState) as! UnrolledSequence<Cell>
  }
  let batch = inputs[0].rows
  let stacked = stackSteps(inputs)
  let projected = affine(stacked, cell.parameters.weightIH, cell.parameters.biasIH)
  var states = [initialState]
  var caches: [Cell.StepCache] = []
  states.reserveCapacity(inputs.count + 1)
  caches.reserveCapacity(inputs.count)
  for (t, x) in inputs.enumerated() {
    let step = cell.forward(
      projectedInput: stepRows(t, of: projected, batch: batch), input: x,
      state: states[states.count - 1])
    states.append(step.state)
    caches.append(step.cache)
  }
  return UnrolledSequence(states: states, caches: caches, stackedInputs: stacked)
}

/// Everything backpropagation through time returns.
public struct SequenceGradients: Sendable {
  /// `∂L/∂(W_ih, W_hh, b_ih, b_hh)`: the sum over every step (the weights are shared).
  public var parameters: RecurrentParameters
  /// `∂L/∂x_t` for every step, `B × I` each.
  public var inputs: [Matrix]
  /// `∂L/∂state_0`: the gradient for the initial state (`h0`, and `c0` for an LSTM).
  public var initialState: RecurrentState
}

/// Backpropagation through time: the backward sweep from the last step to the first.
///
/// With `∂ℓ/∂h_t` the loss's direct gradient on each hidden state, the total gradient on
/// `h_t` collects the direct part and everything that flows back from later steps:
/// ```
/// ∂L/∂h_T     = ∂ℓ/∂h_T  (+ the gradient on the final state, if any)
/// ∂L/∂h_{t−1} = ∂ℓ/∂h_{t−1} + (∂h_t/∂h_{t−1})ᵀ · ∂L/∂h_t      (the recurrent term)
/// ∂L/∂θ       = Σ_t (∂L/∂h_t)ᵀ · ∂h_t/∂θ |_local               (shared weights: a sum)
/// ```
/// The parameter gradient is accumulated over all steps and returned once; the caller
/// updates the weights once per batch with it.
///
/// - Parameters:
///   - cell: the cell that produced `unrolled`.
///   - unrolled: the forward pass.
///   - hiddenGradients: `∂ℓ/∂h_t` for `t = 1 … T` (index `t − 1`), `B × H` each; nil for a
///     step the loss does not read (a many-to-one model passes nil everywhere but the last).
///   - finalStateGradient: a gradient on the final state from outside this chunk (e.g. on
///     `c_T`); nil for none.
///   - computeInputGradients: whether to compute `∂L/∂x_t` (one more GEMM); when false
///     `inputs` is empty. A model whose inputs are data, not another layer's output, does
///     not need them.
///   - observer: called once per step, last step first, with `(t, ∂L/∂h_t)` where `t` is
///     the step index `0 … T−1` and the matrix is the *total* gradient on that hidden state;
///     the gradient-decay experiment records its norm.
/// - Precondition: `hiddenGradients.count == T`.
public func backpropagateThroughTime<Cell: RecurrentCell>(
  _ cell: Cell, _ unrolled: UnrolledSequence<Cell>, hiddenGradients: [Matrix?],
  finalStateGradient: RecurrentState? = nil, computeInputGradients: Bool = true,
  observer: ((_ step: Int, _ hiddenGradient: Matrix) -> Void)? = nil
) -> SequenceGradients {
  let caches = unrolled.stacked == nil ? unrolled.caches : []
  let steps = unrolled.stacked?.steps ?? caches.count
  precondition(
    hiddenGradients.count == steps,
    "backpropagateThroughTime: \(hiddenGradients.count) hidden gradients for \(steps) steps")
  if let rnn = cell as? RNNCell, let stacked = unrolled.stacked {
    return backpropagateStacked(
      rnn, stacked, stackedInputs: unrolled.stackedInputs, hiddenGradients: hiddenGradients,
      finalStateGradient: finalStateGradient, computeInputGradients: computeInputGradients,
      observer: observer)
  }
  let p = cell.parameters
  let last = unrolled.finalState
  let batch = last.hidden.rows
  var carried =
    finalStateGradient
    ?? RecurrentState(hidden: .zeros(like: last.hidden), cell: last.cell.map(Matrix.zeros(like:)))
  // The gradients of both affine maps at every step (`B × G·H`), stacked time-major
  // (`T·B × G·H`) after the sweep; the hidden side only when it differs from the input
  // side (GRU).
  var inputSides = [Matrix](repeating: Matrix.zeros(rows: 0, columns: 0), count: steps)
  var hiddenSides: [Matrix] = []
  for t in stride(from: steps - 1, through: 0, by: -1) {
    if let direct = hiddenGradients[t] { carried.hidden += direct }
    observer?(t, carried.hidden)
    let g = cell.preactivationGradients(carried, cache: caches[t])
    inputSides[t] = g.inputSide
    if let side = g.hiddenSide {
      if hiddenSides.isEmpty { hiddenSides = inputSides }
      hiddenSides[t] = side
    }
    carried = RecurrentState(
      hidden: g.previousHidden(weightHH: p.weightHH), cell: g.previousCell)
  }
  let inputSide = stackSteps(inputSides)
  return affineGradients(
    p, inputSide: inputSide, hiddenSide: hiddenSides.isEmpty ? inputSide : stackSteps(hiddenSides),
    stackedInputs: unrolled.stackedInputs,
    previousHidden: stackSteps(unrolled.states.dropLast().map(\.hidden)), batch: batch,
    computeInputGradients: computeInputGradients, initialState: carried)
}

/// The end of BPTT: everything that does not feed the recurrence, as one GEMM over all
/// steps, from the stacked gradients of the two affine maps (`∂P`, `∂V`, `T·B × G·H`):
/// ```
/// ∂W_ih = ∂Pᵀ·X,  ∂W_hh = ∂Vᵀ·H₋ (H₋ = h_0 … h_{T−1}),  ∂b_ih = Σ_rows ∂P,
/// ∂b_hh = Σ_rows ∂V,  ∂X = ∂P·W_ih
/// ```
/// `previousHidden` holds `H₋` in its first `T·B` rows (it may have more: the tanh RNN
/// passes its whole stack of states).
func affineGradients(
  _ p: RecurrentParameters, inputSide: Matrix, hiddenSide: Matrix, stackedInputs: Matrix,
  previousHidden: Matrix, batch: Int, computeInputGradients: Bool, initialState: RecurrentState
) -> SequenceGradients {
  let (rows, h) = (hiddenSide.rows, previousHidden.columns)
  precondition(
    previousHidden.rows >= rows && hiddenSide.columns == p.weightHH.rows && h == p.hiddenSize,
    "affineGradients: ∂V \(hiddenSide.shapeDescription) against H₋ "
      + "\(previousHidden.shapeDescription)")
  var gradients = RecurrentParameters.zeros(like: p)
  matmul(inputSide, stackedInputs, transposeA: true, into: &gradients.weightIH)
  gradients.weightHH.withUnsafeMutableElements { out in
    hiddenSide.withUnsafeElements { a in
      previousHidden.withUnsafeElements { hs in
        cblas_dgemm(
          CblasRowMajor, CblasTrans, CblasNoTrans, Int32(hiddenSide.columns), Int32(h),
          Int32(rows), 1, a.baseAddress, Int32(hiddenSide.columns), hs.baseAddress, Int32(h), 0,
          out.baseAddress, Int32(h))
      }
    }
  }
  addColumnSums(of: inputSide, into: &gradients.biasIH)
  addColumnSums(of: hiddenSide, into: &gradients.biasHH)
  var inputGradients: [Matrix] = []
  if computeInputGradients {
    let stacked = matmul(inputSide, p.weightIH)
    inputGradients = (0..<(stacked.rows / batch)).map { stepRows($0, of: stacked, batch: batch) }
  }
  return SequenceGradients(
    parameters: gradients, inputs: inputGradients, initialState: initialState)
}

/// Splits `T` steps into chunks of at most `length` for truncated BPTT.
///
/// Truncated BPTT (Williams & Peng 1990; Sutskever 2013) runs the forward pass chunk by
/// chunk, *carrying the state* from the end of one chunk into the next, but backpropagates
/// only inside a chunk: the carried state is treated as a constant (PyTorch's
/// `h.detach()`). Memory and the length of the gradient path are then bounded by `length`;
/// dependencies longer than a chunk can still be used by the forward pass but are never
/// learned from.
///
/// - Precondition: `steps ≥ 0`, `length ≥ 1`.
public func truncationChunks(steps: Int, length: Int) -> [Range<Int>] {
  precondition(steps >= 0 && length >= 1, "truncationChunks: steps \(steps), length \(length)")
  return stride(from: 0, to: steps, by: length).map { $0..<min($0 + length, steps) }
}
