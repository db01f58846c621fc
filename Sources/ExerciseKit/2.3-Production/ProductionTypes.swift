// What the 2.3 exercises share: their inputs (printed with the stubs' argument names) and
// the chapter.

import Foundation
import NumericsCore

extension ExerciseChapter {
  /// Chapter 2.3.
  static let production = ExerciseChapter(
    id: "2.3", title: "The problems of production (现阶段存在的问题)",
    directory: "Exercises/2.3-production")
}

/// The arguments of `expectedCalibrationError(probabilities:labels:binCount:)`.
public struct CalibrationInput: Sendable, CustomStringConvertible {
  /// `N × C` probabilities.
  public var probabilities: Matrix
  /// `N` classes.
  public var labels: [Int]
  /// B.
  public var binCount: Int
  /// Every argument, in the stub's order.
  public var description: String {
    "probabilities = \(formatted(probabilities)), labels = \(labels), binCount = \(binCount)"
  }
}

/// The arguments of `clippedGradientSum(perExampleGradients:clipNorm:)`.
public struct PerExampleClipInput: Sendable, CustomStringConvertible {
  /// `B × P`, one example's flattened gradient per row.
  public var perExampleGradients: Matrix
  /// C.
  public var clipNorm: Double
  /// Every argument, in the stub's order.
  public var description: String {
    "perExampleGradients = \(formatted(perExampleGradients)), clipNorm = \(formatted(clipNorm))"
  }
}

/// A score f with its gradient, named as a formula for messages.
public struct DifferentiableScore: Sendable {
  /// `f(x) = x₁² + 3x₁x₂`.
  public let formula: String
  /// f.
  public let value: @Sendable ([Double]) -> Double
  /// ∇f.
  public let gradient: @Sendable ([Double]) -> [Double]
}

/// The arguments of `integratedGradients(input:baseline:steps:gradient:)`.
public struct IntegratedGradientsInput: Sendable, CustomStringConvertible {
  /// x.
  public var input: [Double]
  /// x′.
  public var baseline: [Double]
  /// m.
  public var steps: Int
  /// The score whose gradient is passed as `gradient`.
  public var score: DifferentiableScore
  /// Every argument, in the stub's order.
  public var description: String {
    "input = \(formattedList(input)), baseline = \(formattedList(baseline)), steps = \(steps), "
      + "gradient = ∇f for \(score.formula)"
  }
}

/// The argument of `quantizeColumn(_:)`.
public struct QuantizeInput: Sendable, CustomStringConvertible {
  /// The column's weights.
  public var weights: [Double]
  /// `weights = [0.5, −1.27]`.
  public var description: String { "weights = \(formattedList(weights))" }
}
