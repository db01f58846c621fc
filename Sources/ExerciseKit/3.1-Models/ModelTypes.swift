// What the 3.1 exercises share: the input every stub is called with (printed into every
// message with the stub's argument names), the chapter, and the forward pass the
// gradient checks differentiate.

import NumericsCore

/// The arguments of a 3.1 stub; the ones a stub does not take are nil.
public struct ModelInput: Sendable, CustomStringConvertible {
  /// What the first argument is called: `input`, `logits` or `scores`.
  public var name = "input"
  /// `input` (batch × in), `logits` or `scores` (batch × classes).
  public var input: Matrix
  /// `weights`, in × out (Dense).
  public var weights: Matrix?
  /// `bias`, 1 × out (Dense forward; the backward gradient checks use it too).
  public var bias: Matrix?
  /// `outputGradient` ∂L/∂Y (backward passes).
  public var outputGradient: Matrix?
  /// `labels` (accuracy).
  public var labels: [Int]?

  /// `input = [[1, 2]], weights = [[1], [0]], bias = [[0.5]]`.
  public var description: String {
    let shown = input.rows == 0 ? "0×\(input.columns) (no rows)" : formatted(input)
    var parts = ["\(name) = \(shown)"]
    if let weights { parts.append("weights = \(formatted(weights))") }
    if let bias { parts.append("bias = \(formatted(bias))") }
    if let outputGradient { parts.append("outputGradient = \(formatted(outputGradient))") }
    if let labels { parts.append("labels = \(labels)") }
    return parts.joined(separator: ", ")
  }
}

extension ExerciseChapter {
  /// Chapter 3.1.
  static let models = ExerciseChapter(
    id: "3.1", title: "Models (深度学习模型)", directory: "Exercises/3.1-models")
}

/// Helpers for the 3.1 checks.
enum ModelChecks {
  /// `Y = X·W + b` written out as three loops, independently of the Layers module.
  static func affine(_ x: Matrix, _ w: Matrix, _ b: Matrix) -> Matrix {
    var y = Matrix.zeros(rows: x.rows, columns: w.columns)
    for i in 0..<x.rows {
      for j in 0..<w.columns {
        var sum = b[0, j]
        for k in 0..<x.columns { sum += x[i, k] * w[k, j] }
        y[i, j] = sum
      }
    }
    return y
  }

  /// `Σ_ij a_ij · b_ij`: the scalar `⟨G, Y⟩` whose derivative is what a backward pass
  /// returns when `G = ∂L/∂Y`.
  static func dot(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.elements, b.elements).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
