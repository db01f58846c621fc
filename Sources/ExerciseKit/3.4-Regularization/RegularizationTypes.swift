// What the 3.4 exercises share: their inputs (printed with the stubs' argument names) and
// the chapter.

import NumericsCore

/// A weight matrix and one number: `threshold` (3.4.1) or `radius` (3.4.2).
public struct WeightsInput: Sendable, CustomStringConvertible {
  /// `W`.
  public var weights: Matrix
  /// What the number is called in the stub.
  public var name: String
  /// `t` or `c`.
  public var amount: Double
  /// `weights = …, threshold = 0.1`.
  public var description: String {
    "weights = \(formatted(weights)), \(name) = \(formatted(amount))"
  }
}

/// The arguments of `dropout(input:outputGradient:uniforms:rate:training:)`.
public struct DropoutInput: Sendable, CustomStringConvertible {
  public var input: Matrix
  public var outputGradient: Matrix
  /// One U[0, 1) draw per element; multiples of 2⁻¹⁰ so that a generator can replay them.
  public var uniforms: Matrix
  public var rate: Double
  public var training: Bool
  /// Every argument, in the stub's order.
  public var description: String {
    "input = \(formatted(input)), outputGradient = \(formatted(outputGradient)), uniforms = "
      + "\(formatted(uniforms)), rate = \(formatted(rate)), training = \(training)"
  }
}

extension ExerciseChapter {
  /// Chapter 3.4.
  static let regularization = ExerciseChapter(
    id: "3.4", title: "Regularization (正则化)", directory: "Exercises/3.4-regularization")
}
