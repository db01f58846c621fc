import NumericsCore

/// A linear readout from the hidden state, PyTorch's `nn.Linear(H, O)` layout.
///
/// ```
/// y = h·Wᵀ + b               h: B × H,  W: O × H,  b: 1 × O,  y: B × O
/// ∂L/∂W = (∂L/∂y)ᵀ·h,   ∂L/∂b = Σ_rows ∂L/∂y,   ∂L/∂h = ∂L/∂y·W
/// ```
/// Read from the last state it is a many-to-one head (one answer per sequence); read from
/// every state it is a many-to-many head (one prediction per step, as a language model).
public struct Readout: Sendable, Equatable {
  /// `O × H`.
  public var weight: Matrix
  /// `1 × O`.
  public var bias: Matrix

  /// A readout from explicit parameters.
  /// - Precondition: `bias` is `1 × weight.rows`.
  public init(weight: Matrix, bias: Matrix) {
    precondition(
      bias.rows == 1 && bias.columns == weight.rows,
      "Readout: bias \(bias.shapeDescription) does not fit weight \(weight.shapeDescription)")
    self.weight = weight
    self.bias = bias
  }

  /// PyTorch's `nn.Linear` initialisation, U(−1/√H, 1/√H) for weight and bias.
  public init<G: RandomNumberGenerator>(
    hiddenSize: Int, outputSize: Int, using rng: inout G
  ) {
    let k = 1 / Double(hiddenSize).squareRoot()
    self.init(
      weight: .uniform(rows: outputSize, columns: hiddenSize, in: -k, k, using: &rng),
      bias: .uniform(rows: 1, columns: outputSize, in: -k, k, using: &rng))
  }

  /// `h·Wᵀ + b`.
  public func forward(_ hidden: Matrix) -> Matrix {
    precondition(
      hidden.columns == weight.columns,
      "Readout.forward: hidden \(hidden.shapeDescription) needs \(weight.columns) columns")
    return affine(hidden, weight, bias)
  }

  /// Adds `∂L/∂W`, `∂L/∂b` into `gradients` and returns `∂L/∂h`.
  public func backward(
    _ outputGradient: Matrix, hidden: Matrix, accumulatingInto gradients: inout Readout
  ) -> Matrix {
    matmul(outputGradient, hidden, transposeA: true, beta: 1, into: &gradients.weight)
    addColumnSums(of: outputGradient, into: &gradients.bias)
    return matmul(outputGradient, weight)
  }

  /// Zeros of the same shapes: a gradient accumulator.
  public static func zeros(like r: Readout) -> Readout {
    Readout(weight: .zeros(like: r.weight), bias: .zeros(like: r.bias))
  }
}
