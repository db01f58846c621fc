// The parameters of one recurrent cell as plain data, for the 3.7 exercise stubs, which
// cannot see the Recurrent module. The Recurrent module's `RecurrentParameters` holds the
// same four tensors with the same names and layout; the checks convert between the two.

import NumericsCore

/// The four parameter tensors of one recurrent cell, in PyTorch's `state_dict` layout.
///
/// With `G` gates (1 for the tanh RNN, 4 for the LSTM), `H` hidden units and `I` inputs:
/// ```
/// weightIH  G·H × I     (gate blocks stacked by rows: LSTM order i, f, g, o)
/// weightHH  G·H × H
/// biasIH    1 × G·H
/// biasHH    1 × G·H
/// ```
public struct CellParameters: Sendable, Equatable {
  public var weightIH: Matrix
  public var weightHH: Matrix
  public var biasIH: Matrix
  public var biasHH: Matrix

  /// The four tensors.
  public init(weightIH: Matrix, weightHH: Matrix, biasIH: Matrix, biasHH: Matrix) {
    self.weightIH = weightIH
    self.weightHH = weightHH
    self.biasIH = biasIH
    self.biasHH = biasHH
  }
}

/// What BPTT of a tanh RNN returns: the parameters' gradients (summed over the steps),
/// the gradient on every input `x_t` and on the initial hidden state `h_0`.
public struct RNNGradients: Sendable, Equatable {
  /// `∂L/∂(W_ih, W_hh, b_ih, b_hh)`, shapes of the parameters.
  public var parameters: CellParameters
  /// `∂L/∂x_t` for t = 1 … T, `B × I` each.
  public var inputs: [Matrix]
  /// `∂L/∂h_0`, `B × H`.
  public var initialHidden: Matrix

  /// The three parts.
  public init(parameters: CellParameters, inputs: [Matrix], initialHidden: Matrix) {
    self.parameters = parameters
    self.inputs = inputs
    self.initialHidden = initialHidden
  }
}

/// An affine map `x ↦ x·weights + bias` as plain data (the 3.8 stubs' players): `weights`
/// is `in × out`, `bias` `1 × out`, as the Layers module's `Dense` stores them.
public struct AffineParameters: Sendable, Equatable {
  public var weights: Matrix
  public var bias: Matrix

  /// The two tensors.
  public init(weights: Matrix, bias: Matrix) {
    self.weights = weights
    self.bias = bias
  }
}
