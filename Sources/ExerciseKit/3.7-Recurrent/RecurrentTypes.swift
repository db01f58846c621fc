// What the 3.7 exercises share: their inputs (printed with the stubs' argument names), the
// chapter, conversions to the Recurrent module's types (for `solution:` only), and the
// affine map every cell starts with, written out here independently of the Recurrent module.

import CourseTypes
import Foundation
import NumericsCore
import Recurrent

/// The arguments of a cell's forward step; `cell` only for the LSTM.
public struct CellInput: Sendable, CustomStringConvertible {
  /// `x_t`, `B × I`.
  public var input: Matrix
  /// `h_{t−1}`, `B × H`.
  public var hidden: Matrix
  /// `c_{t−1}`, `B × H` (LSTM).
  public var cell: Matrix?
  /// The cell's parameters.
  public var parameters: CellParameters

  /// `input = …, hidden = …, parameters = (weightIH = …, …)`.
  public var description: String {
    var parts = ["input = \(formatted(input))", "hidden = \(formatted(hidden))"]
    if let cell { parts.append("cell = \(formatted(cell))") }
    parts.append("parameters = \(RecurrentChecks.describe(parameters))")
    return parts.joined(separator: ", ")
  }
}

/// The arguments of `rnnBackpropagationThroughTime`.
public struct BPTTInput: Sendable, CustomStringConvertible {
  /// `x_1 … x_T`, `B × I` each.
  public var inputs: [Matrix]
  /// `h_0`, `B × H`.
  public var initialHidden: Matrix
  /// The RNN's parameters.
  public var parameters: CellParameters
  /// `G_t = ∂ℓ/∂h_t`, `B × H` each.
  public var hiddenGradients: [Matrix]

  /// Every argument, in the stub's order.
  public var description: String {
    "inputs = [\(inputs.map(formatted).joined(separator: ", "))], initialHidden = "
      + "\(formatted(initialHidden)), parameters = \(RecurrentChecks.describe(parameters)), "
      + "hiddenGradients = [\(hiddenGradients.map(formatted).joined(separator: ", "))]"
  }
}

extension ExerciseChapter {
  /// Chapter 3.7.
  static let recurrent = ExerciseChapter(
    id: "3.7", title: "Recurrent neural networks (循环神经网络)", directory: "Exercises/3.7-rnn")
}

/// Helpers for the 3.7 checks.
enum RecurrentChecks {
  /// `(weightIH = …, weightHH = …, biasIH = …, biasHH = …)`.
  static func describe(_ p: CellParameters) -> String {
    "(weightIH = \(formatted(p.weightIH)), weightHH = \(formatted(p.weightHH)), "
      + "biasIH = \(formatted(p.biasIH)), biasHH = \(formatted(p.biasHH)))"
  }

  /// The Recurrent module's parameters (for the `solution:` closures only).
  static func reference(_ p: CellParameters) -> RecurrentParameters {
    RecurrentParameters(
      weightIH: p.weightIH, weightHH: p.weightHH, biasIH: p.biasIH, biasHH: p.biasHH)
  }

  /// `x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh` (`transposeHH: false` uses `h·W_hh`), loop by loop.
  static func preActivation(
    _ x: Matrix, _ h: Matrix, _ p: CellParameters, biasHH: Bool = true, transposeHH: Bool = true
  ) -> Matrix {
    var a = Matrix.zeros(rows: x.rows, columns: p.weightIH.rows)
    for b in 0..<x.rows {
      for u in 0..<a.columns {
        var sum = p.biasIH[0, u] + (biasHH ? p.biasHH[0, u] : 0)
        for k in 0..<x.columns { sum += x[b, k] * p.weightIH[u, k] }
        for k in 0..<h.columns {
          sum += h[b, k] * (transposeHH ? p.weightHH[u, k] : p.weightHH[k, u])
        }
        a[b, u] = sum
      }
    }
    return a
  }

  /// Columns `block·H ..< (block + 1)·H` of `a`: one gate's pre-activation.
  static func gate(_ a: Matrix, _ block: Int, _ h: Int) -> Matrix {
    Matrix(
      rows: a.rows, columns: h,
      elements: (0..<a.rows).flatMap { r in (0..<h).map { a[r, block * h + $0] } })
  }

  static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

  /// Seeded parameters for `gates` gates, uniform in ±1/√H as PyTorch initialises them.
  static func parameters(
    gates: Int, input: Int, hidden: Int, using rng: inout Xoshiro256StarStar
  ) -> CellParameters {
    let k = 1 / Double(hidden).squareRoot()
    return CellParameters(
      weightIH: .uniform(rows: gates * hidden, columns: input, in: -k, k, using: &rng),
      weightHH: .uniform(rows: gates * hidden, columns: hidden, in: -k, k, using: &rng),
      biasIH: .uniform(rows: 1, columns: gates * hidden, in: -k, k, using: &rng),
      biasHH: .uniform(rows: 1, columns: gates * hidden, in: -k, k, using: &rng))
  }
}
