import NumericsCore

// Free-function forms of the chapter's exercises, with the signatures the exercise stubs
// will have: one tanh RNN step, one LSTM step, BPTT of a tanh RNN over a short sequence.
// (Clipping by global norm is NumericsCore's `clipByGlobalNorm(_:maxNorm:)`.) Each wraps
// the cell types, so the reference an exercise is checked against is the tested code.

/// One tanh RNN step, `h_t = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)`.
///
/// - Parameters:
///   - input: `x_t`, `B × I`.
///   - hidden: `h_{t−1}`, `B × H`.
///   - parameters: `H × I`, `H × H`, `1 × H`, `1 × H` (PyTorch's `nn.RNN` layout).
/// - Returns: `h_t`, `B × H`.
public func rnnCellForward(
  input: Matrix, hidden: Matrix, parameters: RecurrentParameters
) -> Matrix {
  RNNCell(parameters: parameters).forward(input, state: RecurrentState(hidden: hidden)).state
    .hidden
}

/// One LSTM step, gate order i, f, g, o: `c_t = f ⊙ c + i ⊙ g`, `h_t = o ⊙ tanh(c_t)`.
///
/// - Parameters:
///   - input: `x_t`, `B × I`.
///   - hidden: `h_{t−1}`, `B × H`.
///   - cell: `c_{t−1}`, `B × H`.
///   - parameters: `4H × I`, `4H × H`, `1 × 4H`, `1 × 4H` (PyTorch's `nn.LSTM` layout).
/// - Returns: `(h_t, c_t)`.
public func lstmCellForward(
  input: Matrix, hidden: Matrix, cell: Matrix, parameters: RecurrentParameters
) -> (hidden: Matrix, cell: Matrix) {
  let state = LSTMCell(parameters: parameters).forward(
    input, state: RecurrentState(hidden: hidden, cell: cell)
  ).state
  return (state.hidden, state.cell!)
}

/// Full BPTT of a tanh RNN: the gradients of `L = Σ_t ⟨G_t, h_t⟩` (a loss whose gradient
/// on each hidden state is `G_t`) with respect to the parameters, the inputs and `h_0`.
///
/// - Parameters:
///   - inputs: `x_1 … x_T`, each `B × I`.
///   - initialHidden: `h_0`, `B × H`.
///   - parameters: the RNN's parameters.
///   - hiddenGradients: `G_1 … G_T`, each `B × H`.
public func rnnBackpropagationThroughTime(
  inputs: [Matrix], initialHidden: Matrix, parameters: RecurrentParameters,
  hiddenGradients: [Matrix]
) -> SequenceGradients {
  let cell = RNNCell(parameters: parameters)
  let unrolled = unroll(cell, over: inputs, from: RecurrentState(hidden: initialHidden))
  return backpropagateThroughTime(cell, unrolled, hiddenGradients: hiddenGradients)
}
