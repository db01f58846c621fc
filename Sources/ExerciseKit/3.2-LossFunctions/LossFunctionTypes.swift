// What the 3.2 exercises share: the input every loss is called with (printed into every
// message), the chapter, and the shapes the seeded rows run on.

import Losses
import NumericsCore

/// The arguments of a 3.2 loss: scores (predictions or logits), targets or labels, δ for
/// Huber, and the reduction. Printed as the stub's argument names.
public struct LossInput: Sendable, CustomStringConvertible {
  /// Which stub the input is for: it decides the printed names.
  public enum Kind: Sendable { case regression, huber, binary, multiClass }
  /// Which stub.
  public var kind: Kind
  /// `predicted` or `logits`, `batch × outputs`.
  public var scores: Matrix
  /// `expected` or `targets`, same shape (empty for softmax cross-entropy).
  public var targets: Matrix = .zeros(rows: 0, columns: 0)
  /// `labels`, one class per row (softmax cross-entropy only).
  public var labels: [Int] = []
  /// Huber's δ.
  public var delta: Double = 1
  /// `.mean` or `.sum`.
  public var reduction: Reduction

  /// `predicted = [[1, 2]], expected = [[0, 2]], reduction .mean`.
  public var description: String {
    switch kind {
    case .regression:
      "predicted = \(formatted(scores)), expected = \(formatted(targets)), reduction .\(reduction)"
    case .huber:
      "predicted = \(formatted(scores)), expected = \(formatted(targets)), delta = "
        + "\(formatted(delta)), reduction .\(reduction)"
    case .binary:
      "logits = \(formatted(scores)), targets = \(formatted(targets)), reduction .\(reduction)"
    case .multiClass: "logits = \(formatted(scores)), labels = \(labels), reduction .\(reduction)"
    }
  }

  /// The same input with the other reduction.
  func with(_ reduction: Reduction) -> LossInput {
    var copy = self
    copy.reduction = reduction
    return copy
  }
}

/// What every 3.2 exercise implements: `input → (value, gradient)`.
public typealias LossFunction = @Sendable (LossInput) throws -> LossResult

extension ExerciseChapter {
  /// Chapter 3.2.
  static let lossFunctions = ExerciseChapter(
    id: "3.2", title: "Loss functions (损失函数)", directory: "Exercises/3.2-loss-functions")
}

/// The shapes every random case runs on: a single element, a column (where "mean over
/// rows" and "mean over elements" agree, so other shapes must catch that mistake), a
/// wide row, and two rectangles with more rows than columns and the other way round.
let randomShapes: [(rows: Int, columns: Int)] = [(1, 1), (5, 1), (1, 6), (4, 3), (2, 5)]

/// A name for a seeded random row: `seeded random 4×3 (seed 12), reduction .sum`.
func randomCaseName(_ rows: Int, _ columns: Int, seed: UInt64, _ reduction: Reduction) -> String {
  "seeded random \(rows)×\(columns) (seed \(seed)), reduction .\(reduction)"
}

/// The row under both reductions (names end in `, reduction .mean` / `.sum`).
func bothReductions(
  _ name: String, _ input: LossInput, byHand: (mean: LossResult, sum: LossResult)? = nil
) -> [Row<LossInput, LossResult>] {
  [
    Row("\(name), reduction .mean", input.with(.mean), byHand: byHand?.mean),
    Row("\(name), reduction .sum", input.with(.sum), byHand: byHand?.sum),
  ]
}

extension CheckCase where Implementation == LossFunction {
  /// The gradient check of a loss: its gradient must be the derivative of its own value
  /// with respect to the scores.
  static func lossGradientCheck(_ name: String, at input: LossInput) -> CheckCase {
    .gradientCheck(
      name, at: input,
      argument: input.kind == .regression || input.kind == .huber
        ? "predicted" : "logits",
      get: \.scores, set: { $0.scores = $1 }, scalar: { try $0($1).value },
      gradient: \.gradient)
  }

  /// A case about the value alone (overflow at extreme logits): a student's overflow is
  /// recognised whatever their gradient does there.
  static func valueOnly(_ name: String, _ input: LossInput, expected: Double) -> CheckCase {
    CheckCase(name, input: input.description) { implementation in
      let got = try implementation(input).value
      return Observation(
        fingerprint: [got],
        problem: compare("value", got: got, expected: expected, tolerance: .standard))
    }
  }
}
