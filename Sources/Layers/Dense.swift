import NumericsCore

/// A fully connected (affine) layer: every output is a weighted sum of every input plus a
/// bias. This is what one "layer of nodes" of the source computes; the nonlinearity comes
/// from the activation layer that follows.
///
/// Forward, for a batch `X` (`batch × in`), weights `W` (`in × out`), bias `b` (`1 × out`):
/// ```
/// Y = X·W + b                      (b added to every row)
/// ```
/// Backward, given `G = ∂L/∂Y` (`batch × out`):
/// ```
/// ∂L/∂W = Xᵀ·G                     in × out   (sums over the batch)
/// ∂L/∂b = Σ_rows G                 1 × out
/// ∂L/∂X = G·Wᵀ                     batch × in
/// ```
/// The cache is the input `X`. All three products go to `matmul` (OpenBLAS, or NumericsCore's
/// small-product kernel), with the transposes passed as flags, never materialised. Inside a
/// `Sequential`, a ReLU or leaky ReLU right after the layer runs in the same pass
/// (`Sequential+Fusion.swift`).
public struct Dense: Layer {
  /// `in × out`; column `j` holds the weights into output unit `j`.
  public var weights: Matrix
  /// `1 × out`.
  public var bias: Matrix

  /// Creates a layer from explicit weights and bias.
  /// - Precondition: `bias` is `1 × weights.columns`.
  public init(weights: Matrix, bias: Matrix) {
    precondition(
      bias.rows == 1 && bias.columns == weights.columns,
      "Dense: bias \(bias.shapeDescription) does not fit weights \(weights.shapeDescription)")
    self.weights = weights
    self.bias = bias
  }

  /// Creates a layer with weights drawn by `initializer` and a zero bias.
  ///
  /// - Parameters:
  ///   - inputSize: features in (`in`).
  ///   - outputSize: units out (`out`).
  ///   - initializer: `.heNormal` before ReLU, `.glorotUniform` before tanh/sigmoid.
  ///   - rng: the generator for the weights.
  public init<G: RandomNumberGenerator>(
    inputSize: Int, outputSize: Int, initializer: Initializer = .heNormal, using rng: inout G
  ) {
    self.init(
      weights: initializer.weights(fanIn: inputSize, fanOut: outputSize, using: &rng),
      bias: .zeros(rows: 1, columns: outputSize))
  }

  /// Input features.
  public var inputSize: Int { weights.rows }
  /// Output units.
  public var outputSize: Int { weights.columns }

  /// `[.weight, .bias]`: the weights are penalised and decayed, the bias is not.
  public var parameterRoles: [ParameterRole] { [.weight, .bias] }

  public var description: String { "Dense(\(inputSize) → \(outputSize))" }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Matrix) {
    precondition(
      input.columns == inputSize,
      "Dense(\(inputSize) → \(outputSize)).forward: input is \(input.shapeDescription), "
        + "expected batch × \(inputSize)")
    // Write the bias into every row first (one block copy per row), then let GEMM
    // accumulate X·W on top of it (beta = 1): one pass over the output instead of two.
    var output = Matrix.repeating(row: bias, count: input.rows)
    matmul(input, weights, beta: 1, into: &output)
    return (output, input)
  }

  public func backward(
    _ outputGradient: Matrix, cache input: Matrix
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    let gradients = parameterGradients(outputGradient, cache: input)
    var inputGradient = Matrix.uninitialized(rows: input.rows, columns: inputSize)
    matmul(outputGradient, weights, transposeB: true, into: &inputGradient)
    return (inputGradient, gradients)
  }

  public func parameterGradients(_ outputGradient: Matrix, cache input: Matrix) -> [Matrix] {
    precondition(
      outputGradient.rows == input.rows && outputGradient.columns == outputSize,
      "Dense(\(inputSize) → \(outputSize)).backward: gradient is "
        + "\(outputGradient.shapeDescription), expected \(input.rows)×\(outputSize)")
    var weightGradient = Matrix.uninitialized(rows: inputSize, columns: outputSize)
    matmul(input, outputGradient, transposeA: true, into: &weightGradient)
    return [weightGradient, outputGradient.columnSums()]
  }

  public var parameters: [Matrix] {
    get { [weights, bias] }
    set {
      precondition(
        newValue.count == 2, "Dense.parameters: expected 2 matrices, got \(newValue.count)")
      precondition(
        newValue[0].shape == weights.shape && newValue[1].shape == bias.shape,
        "Dense.parameters: got \(newValue[0].shapeDescription) and \(newValue[1].shapeDescription), "
          + "expected \(weights.shapeDescription) and \(bias.shapeDescription)")
      weights = newValue[0]
      bias = newValue[1]
    }
  }

  public mutating func updateParameters(_ body: (inout Matrix) -> Void) {
    body(&weights)
    body(&bias)
  }
}
