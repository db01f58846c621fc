import NumericsCore

/// A forward pass of one cell over a whole sequence batch: every state and every cache.
///
/// `states[0]` is the initial state and `states[t + 1]` the state after step `t`, so
/// `hiddenStates[t]` is `h_t` for `t = 0 … T−1` in the source's 0-based time.
public struct UnrolledSequence<Cell: RecurrentCell>: Sendable {
  /// The initial state and the state after every step (`T + 1` states).
  public let states: [RecurrentState]
  /// One cache per step, for `backpropagateThroughTime`.
  public let caches: [Cell.StepCache]

  /// `h_1 … h_T` (each `B × H`): the outputs of a many-to-many model.
  public var hiddenStates: [Matrix] { states.dropFirst().map(\.hidden) }
  /// The state after the last step: carried into the next chunk by truncated BPTT.
  public var finalState: RecurrentState { states[states.count - 1] }
}

/// Runs `cell` over `inputs` (`T` steps of `B × I`) from `initialState`: the same cell, the
/// same weights, at every step; only the state changes from step to step.
///
/// - Precondition: every input fits the cell and the state.
public func unroll<Cell: RecurrentCell>(
  _ cell: Cell, over inputs: [Matrix], from initialState: RecurrentState
) -> UnrolledSequence<Cell> {
  var states = [initialState]
  var caches: [Cell.StepCache] = []
  states.reserveCapacity(inputs.count + 1)
  caches.reserveCapacity(inputs.count)
  for x in inputs {
    let step = cell.forward(x, state: states[states.count - 1])
    states.append(step.state)
    caches.append(step.cache)
  }
  return UnrolledSequence(states: states, caches: caches)
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
///   - observer: called once per step, last step first, with `(t, ∂L/∂h_t)` where `t` is
///     the step index `0 … T−1` and the matrix is the *total* gradient on that hidden state;
///     the gradient-decay experiment records its norm.
/// - Precondition: `hiddenGradients.count == T`.
public func backpropagateThroughTime<Cell: RecurrentCell>(
  _ cell: Cell, _ unrolled: UnrolledSequence<Cell>, hiddenGradients: [Matrix?],
  finalStateGradient: RecurrentState? = nil,
  observer: ((_ step: Int, _ hiddenGradient: Matrix) -> Void)? = nil
) -> SequenceGradients {
  let steps = unrolled.caches.count
  precondition(
    hiddenGradients.count == steps,
    "backpropagateThroughTime: \(hiddenGradients.count) hidden gradients for \(steps) steps")
  var gradients = RecurrentParameters.zeros(like: cell.parameters)
  let last = unrolled.finalState
  var carried =
    finalStateGradient
    ?? RecurrentState(hidden: .zeros(like: last.hidden), cell: last.cell.map(Matrix.zeros(like:)))
  var inputGradients = [Matrix](repeating: Matrix.zeros(rows: 0, columns: 0), count: steps)
  for t in stride(from: steps - 1, through: 0, by: -1) {
    if let direct = hiddenGradients[t] { carried.hidden += direct }
    observer?(t, carried.hidden)
    let back = cell.backward(carried, cache: unrolled.caches[t], accumulatingInto: &gradients)
    inputGradients[t] = back.inputGradient
    carried = back.stateGradient
  }
  return SequenceGradients(
    parameters: gradients, inputs: inputGradients, initialState: carried)
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
