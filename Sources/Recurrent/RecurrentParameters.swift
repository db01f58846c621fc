import NumericsCore

/// The four parameter tensors of one recurrent layer, in PyTorch's `state_dict` layout.
///
/// With `G` gates (1 for the tanh RNN, 4 for the LSTM, 3 for the GRU), `H` hidden units and
/// `I` input features:
/// ```
/// weightIH  G·H × I     PyTorch weight_ih_l0   (gate blocks stacked by rows)
/// weightHH  G·H × H     PyTorch weight_hh_l0
/// biasIH    1 × G·H     PyTorch bias_ih_l0
/// biasHH    1 × G·H     PyTorch bias_hh_l0
/// ```
/// Two bias vectors, as PyTorch has them: for the RNN and LSTM only their sum matters, but
/// the GRU's candidate uses `b_hn` inside the reset gate's product, so they are not
/// interchangeable there. Keeping both means a `state_dict` loads unchanged.
public struct RecurrentParameters: Sendable, Equatable {
  public var weightIH: Matrix
  public var weightHH: Matrix
  public var biasIH: Matrix
  public var biasHH: Matrix

  /// Parameters from explicit tensors.
  /// - Precondition: the shapes above for some `G·H`, `H` and `I`, with `G·H` a multiple
  ///   of `H`.
  public init(weightIH: Matrix, weightHH: Matrix, biasIH: Matrix, biasHH: Matrix) {
    let gh = weightIH.rows
    precondition(
      weightHH.rows == gh && weightHH.columns > 0 && gh % weightHH.columns == 0,
      "RecurrentParameters: weight_hh \(weightHH.shapeDescription) does not fit weight_ih "
        + "\(weightIH.shapeDescription) (expected \(gh) × H with H dividing \(gh))")
    precondition(
      biasIH.rows == 1 && biasIH.columns == gh && biasHH.rows == 1 && biasHH.columns == gh,
      "RecurrentParameters: biases \(biasIH.shapeDescription), \(biasHH.shapeDescription) "
        + "must be 1 × \(gh)")
    self.weightIH = weightIH
    self.weightHH = weightHH
    self.biasIH = biasIH
    self.biasHH = biasHH
  }

  /// PyTorch's initialisation: every parameter drawn from U(−1/√H, 1/√H).
  public init<G: RandomNumberGenerator>(
    gates: Int, inputSize: Int, hiddenSize: Int, using rng: inout G
  ) {
    precondition(
      gates > 0 && inputSize > 0 && hiddenSize > 0,
      "RecurrentParameters: gates \(gates), input \(inputSize), hidden \(hiddenSize) must be > 0")
    let k = 1 / Double(hiddenSize).squareRoot()
    let gh = gates * hiddenSize
    self.init(
      weightIH: .uniform(rows: gh, columns: inputSize, in: -k, k, using: &rng),
      weightHH: .uniform(rows: gh, columns: hiddenSize, in: -k, k, using: &rng),
      biasIH: .uniform(rows: 1, columns: gh, in: -k, k, using: &rng),
      biasHH: .uniform(rows: 1, columns: gh, in: -k, k, using: &rng))
  }

  /// Zeros of the same shapes: a gradient accumulator.
  public static func zeros(like p: RecurrentParameters) -> RecurrentParameters {
    RecurrentParameters(
      weightIH: .zeros(like: p.weightIH), weightHH: .zeros(like: p.weightHH),
      biasIH: .zeros(like: p.biasIH), biasHH: .zeros(like: p.biasHH))
  }

  /// Hidden units `H`.
  public var hiddenSize: Int { weightHH.columns }
  /// Input features `I`.
  public var inputSize: Int { weightIH.columns }
  /// Gates `G`.
  public var gates: Int { weightIH.rows / weightHH.columns }

  /// The four tensors in `state_dict` order (for an optimizer's slots or a global norm).
  public var all: [Matrix] {
    get { [weightIH, weightHH, biasIH, biasHH] }
    set {
      precondition(newValue.count == 4, "RecurrentParameters.all: \(newValue.count) ≠ 4 tensors")
      self = RecurrentParameters(
        weightIH: newValue[0], weightHH: newValue[1], biasIH: newValue[2], biasHH: newValue[3])
    }
  }
}
