// What the 3.1 exercises share: the function types the student implements, the chapter,
// and small helpers for cases whose answer is a matrix. Everything here is namespaced
// (`ModelChecks`) or named after this chapter, so other chapters' helpers cannot clash.

import NumericsCore

/// `(input, weights, bias) → output`: the Dense forward pass (3.1.1).
public typealias DenseForwardFunction = @Sendable (Matrix, Matrix, Matrix) throws -> Matrix

/// The three gradients of a Dense layer.
public typealias DenseGradients = (
  inputGradient: Matrix, weightGradient: Matrix, biasGradient: Matrix
)

/// `(input, weights, outputGradient) → gradients`: the Dense backward pass (3.1.2).
public typealias DenseBackwardFunction =
  @Sendable (Matrix, Matrix, Matrix) throws -> DenseGradients

/// `(input, outputGradient) → inputGradient`: an activation's backward pass (3.1.3).
public typealias ActivationBackwardFunction = @Sendable (Matrix, Matrix) throws -> Matrix

/// `logits → probabilities`, row by row (3.1.4).
public typealias RowSoftmaxFunction = @Sendable (Matrix) throws -> Matrix

/// `(scores, labels) → accuracy` (3.1.5).
public typealias AccuracyFunction = @Sendable (Matrix, [Int]) throws -> Double

extension ExerciseChapter {
  /// Chapter 3.1.
  static let models = ExerciseChapter(
    id: "3.1", title: "Models (深度学习模型)", directory: "Exercises/3.1-models")
}

/// Helpers for the 3.1 checks.
enum ModelChecks {
  /// The numbers a matrix is recognised by: its shape, then its elements.
  static func fingerprint(_ m: Matrix) -> [Double] {
    [Double(m.rows), Double(m.columns)] + m.elements
  }

  /// A case that compares a returned matrix with `expected` element by element.
  ///
  /// - Parameters:
  ///   - name: shown in messages.
  ///   - input: the input, printed.
  ///   - label: what the matrix is called in messages (`output`, `probabilities`).
  ///   - expected: the right answer, by hand or from an independent loop in the check file.
  ///   - call: runs the implementation on the input.
  static func matrixCase<Implementation>(
    _ name: String, input: String, label: String, expected: Matrix,
    tolerance: Tolerance = .standard,
    call: @escaping @Sendable (Implementation) throws -> Matrix
  ) -> CheckCase<Implementation> {
    CheckCase(name, input: input) { implementation in
      let got = try call(implementation)
      return Observation(
        fingerprint: fingerprint(got),
        problem: compare(label, got: got, expected: expected, tolerance: tolerance))
    }
  }

  /// `Y = X·W + b` written out as three loops, independently of the Layers module: the
  /// expected answer of the random Dense cases and the function the gradient checks
  /// differentiate.
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
    var sum = 0.0
    for (x, y) in zip(a.elements, b.elements) { sum += x * y }
    return sum
  }
}
