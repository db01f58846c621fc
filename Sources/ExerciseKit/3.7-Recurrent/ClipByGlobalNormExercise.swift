// Exercise 3.7.3: gradient clipping by the global norm (PyTorch's clip_grad_norm_).
//
// The answer function is the rule written out (never NumericsCore's clipByGlobalNorm).
// Fixed rows by hand: above the limit, below it (unchanged), a tiny norm where the 1e-6
// matters; seeded rows with several matrices of different shapes, clipped or not.

import Foundation
import NumericsCore

/// The arguments of `clipByGlobalNorm(_:maxNorm:)`.
public struct ClipInput: Sendable, CustomStringConvertible {
  /// The gradients, changed in place by the stub.
  public var matrices: [Matrix]
  /// `c > 0`.
  public var maxNorm: Double
  /// `matrices = […], maxNorm = 1`.
  public var description: String {
    "matrices = [\(matrices.map(formatted).joined(separator: ", "))], maxNorm = "
      + formatted(maxNorm)
  }
}

/// 3.7.3: definition, hints and check table.
public enum ClipByGlobalNormExercise {
  enum Mistake: Sendable { case eachSeparately, alwaysScaled, noEpsilon, normAfterClipping }
  public typealias Function = @Sendable (ClipInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.7.3", title: "Clipping gradients by their global norm",
    stub: "Exercises/3.7-rnn/ClipByGlobalNorm.swift",
    reference: "Sources/NumericsCore/Matrix+GlobalNorm.swift (clipByGlobalNorm)",
    hints: [
      """
      One norm for all the matrices together: n = √(Σ over every matrix, every element, \
      of g²). If n is above maxNorm, multiply EVERY matrix by the same factor, so the \
      direction of the whole update is kept; otherwise leave them alone. Return n, the \
      norm before clipping.
      """,
      """
      The factor is maxNorm / (n + 1e-6), PyTorch's, and it is applied only when it is \
      below 1. Clipping each matrix by its own norm changes the direction; scaling when \
      n < maxNorm would blow small gradients up.
      """,
      """
      Nearly the answer:
          let n = matrices.reduce(0) { $0 + $1.elements.reduce(0) { $0 + $1 * $1 } }
            .squareRoot()
          let factor = maxNorm / (n + 1e-6)
          if factor < 1 { for k in matrices.indices { matrices[k] = factor * matrices[k] } }
          return n
      """,
    ],
    label: "clipped",
    solution: {
      var matrices = $0.matrices
      let norm = NumericsCore.clipByGlobalNorm(&matrices, maxNorm: $0.maxNorm)
      return output(matrices, norm)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .eachSeparately, "each matrix clipped on its own", hint: 2,
        "this clips every matrix by its own norm: the norm is one number for all of them "
          + "together, and one factor scales them all"),
      MistakeRow(
        .alwaysScaled, "scaled even below the limit", hint: 2,
        "this scales by maxNorm / (n + 1e-6) even when n < maxNorm: clipping only ever "
          + "shrinks (apply the factor only when it is below 1)"),
      MistakeRow(
        .noEpsilon, "without the 1e-6", hint: 2,
        "this divides by n instead of n + 1e-6 (PyTorch's clip_grad_norm_): the difference "
          + "shows when the norm is small"),
      MistakeRow(
        .normAfterClipping, "returns the norm after clipping", hint: 1,
        "this returns the norm after clipping; return n, the norm before, so the caller can "
          + "tell whether clipping acted"),
    ],
    rows: rows)

  /// The clipped matrices and the returned norm as the named matrices the check compares.
  public static func output(_ matrices: [Matrix], _ norm: Double) -> NamedMatrices {
    var named = NamedMatrices(sequence: "matrices", matrices)
    named.names.append("returned norm")
    named.values.append([[norm]])
    return named
  }

  static func norm(_ matrices: [Matrix]) -> Double {
    matrices.reduce(0) { $0 + $1.elements.reduce(0) { $0 + $1 * $1 } }.squareRoot()
  }

  /// One factor min(1, c / (n + 1e-6)) for all matrices; `mistake` makes it a known one.
  static func answer(_ x: ClipInput, _ mistake: Mistake?) -> NamedMatrices {
    let n = norm(x.matrices)
    let clipped = x.matrices.map { g in
      let own = mistake == .eachSeparately ? norm([g]) : n
      let factor = x.maxNorm / (own + (mistake == .noEpsilon ? 0 : 1e-6))
      return factor < 1 || mistake == .alwaysScaled ? factor * g : g
    }
    return output(clipped, mistake == .normAfterClipping ? norm(clipped) : n)
  }

  static func rows() -> [Row<ClipInput, NamedMatrices>] {
    let f = 1 / (5 + 1e-6)
    return [
      // n = √(9 + 16) = 5 > 1: both scaled by 1 / (5 + 1e-6).
      Row(
        "fixed, norm 5, maxNorm 1", ClipInput(matrices: [[[3, 0]], [[0], [4]]], maxNorm: 1),
        byHand: output([[[3 * f, 0]], [[0], [4 * f]]], 5)),
      // n = 0.5 < 1: unchanged.
      Row(
        "fixed, norm 0.5 below maxNorm 1", ClipInput(matrices: [[[0.3, 0.4]]], maxNorm: 1),
        byHand: output([[[0.3, 0.4]]], 0.5)),
      // n = 0.005 > 0.001: factor 0.001 / 0.005001.
      Row(
        "fixed, small norm 0.005, maxNorm 0.001",
        ClipInput(matrices: [[[0.003], [0.004]]], maxNorm: 0.001),
        byHand: output([[[0.003 * 0.001 / 0.005001], [0.004 * 0.001 / 0.005001]]], 0.005)),
    ]
      + seededRows(seed: 373, [1.0, 100.0, 3.0]) { rng, maxNorm in
        let matrices = [(2, 3), (3, 3), (1, 3)].map {
          Matrix.normal(rows: $0.0, columns: $0.1, standardDeviation: 2, using: &rng)
        }
        return [
          Row(
            "seeded random 2×3, 3×3, 1×3, maxNorm \(formatted(maxNorm)) (seed 373)",
            ClipInput(matrices: matrices, maxNorm: maxNorm))
        ]
      }
  }
}
