// Exercise 3.1.5: the accuracy of a classifier on a batch.
//
// Decisions, stated in the stub: the prediction is the arg-max of the row with ties going
// to the first (lowest) index, as PyTorch's and NumPy's argmax; an empty batch has
// accuracy 0 (not 0/0 = NaN), as the Layers module's `ConfusionMatrix.accuracy`.
// Fixed rows counted by hand, ties, an empty batch, and seeded rows, half of them with
// small integer scores so that ties are frequent. Every shape has batch ≠ classes.

import Layers
import NumericsCore

/// 3.1.5: definition, hints and check table.
public enum ClassificationAccuracyExercise {
  enum Mistake: Sendable { case lastOnTies, overClasses, columnArgmax, emptyIsNaN }
  public typealias Function = @Sendable (ModelInput) throws -> Double

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.1.5", title: "Classification accuracy (arg-max, ties, empty batch)",
    stub: "Exercises/3.1-models/Accuracy.swift",
    reference: "Sources/Layers/ConfusionMatrix.swift (accuracy) with Matrix.rowArgmax",
    hints: [
      """
      One prediction per sample: the arg-max of its row (over the classes, the columns), \
      compared with that sample's label. Count the matches and divide by the number of \
      samples, B = scores.rows, not by the number of classes.
      """,
      """
      For the arg-max, keep the best column so far and replace it only when a score is \
      strictly greater (`>`, not `>=`): then a tie keeps the first, lowest index. An empty \
      batch must return 0 before dividing: 0/0 is NaN.
      """,
      """
      Nearly the answer:
          guard scores.rows > 0 else { return 0 }
          var correct = 0
          for i in 0..<scores.rows {
            var best = 0
            for j in 1..<scores.columns where scores[i, j] > scores[i, best] { best = j }
            if best == labels[i] { correct += 1 }
          }
          return Double(correct) / Double(scores.rows)
      """,
    ],
    label: "accuracy",
    solution: { x in
      ConfusionMatrix(
        labels: x.labels!, predictions: x.input.rowArgmax(), classCount: x.input.columns
      ).accuracy
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .lastOnTies, "ties to the last maximum", hint: 2,
        "this breaks ties towards the last maximum (a `>=` comparison): the arg-max "
          + "convention is the first, lowest index (`>`)"),
      MistakeRow(
        .overClasses, "divided by the number of classes", hint: 1,
        "this divides the count by the number of classes (columns): accuracy is the "
          + "fraction of samples, so divide by the rows"),
      MistakeRow(
        .columnArgmax, "arg-max down each column", hint: 1,
        "this takes the arg-max down each column (over the samples) and compares those with "
          + "the labels: take it along each row (over the classes)"),
      MistakeRow(
        .emptyIsNaN, "0/0 on an empty batch", hint: 2,
        "this divides 0 by 0 on an empty batch and returns NaN: an empty batch has accuracy "
          + "0 by convention, so return 0 before dividing"),
    ],
    rows: rows)

  /// The fraction of rows whose first maximum is at the label; `mistake` makes it one of
  /// the known mistakes.
  static func answer(_ x: ModelInput, _ mistake: Mistake?) -> Double {
    let (s, labels) = (x.input, x.labels!)
    guard s.rows > 0 || mistake == .emptyIsNaN else { return 0 }
    var correct = 0
    if mistake == .columnArgmax {
      // The best sample of each class, compared (zip truncates) with the labels.
      let best = (0..<s.columns).map { j in
        (0..<s.rows).reduce(0) { best, i in s[i, j] > s[best, j] ? i : best }
      }
      correct = zip(best, labels).filter { $0 == $1 }.count
    } else {
      for i in 0..<s.rows {
        var best = 0
        for j in 1..<s.columns
        where s[i, j] > s[i, best] || (mistake == .lastOnTies && s[i, j] == s[i, best]) {
          best = j
        }
        if best == labels[i] { correct += 1 }
      }
    }
    return Double(correct) / Double(mistake == .overClasses ? s.columns : s.rows)
  }

  static func scores(_ s: Matrix, _ labels: [Int]) -> ModelInput {
    ModelInput(name: "scores", input: s, labels: labels)
  }

  static func rows() -> [Row<ModelInput, Double>] {
    let ties: Matrix = [[1, 3, 3], [0, 0, 0], [2, 2, -1], [5, 4, 5]]
    let two: Matrix = [[1, 0], [0, 1], [3, -3]]
    return [
      // Predictions [1, 0, 2, 1] against labels [1, 0, 1, 2]: rows 0 and 1 right, 2/4.
      Row(
        "fixed 4×3",
        scores([[0.1, 0.7, 0.2], [2, -1, 0], [0, 0, 5], [1, 3, 2]], [1, 0, 1, 2]),
        byHand: 0.5),
      // Predictions [4, 0]; labels [4, 3]: 1/2.
      Row(
        "fixed 2×5", scores([[-1, -2, -3, -4, 0], [9, 1, 2, 3, 4]], [4, 3]), byHand: 0.5),
      // Ties go to the first maximum: predictions [1, 0, 0, 0], all four right; with the
      // later tied index as label, none.
      Row("ties (first maximum wins)", scores(ties, [1, 0, 0, 0]), byHand: 1),
      Row("ties, label on a later maximum", scores(ties, [2, 2, 1, 2]), byHand: 0),
      Row("all right", scores(two, [0, 1, 0]), byHand: 1),
      Row("all wrong", scores(two, [1, 0, 1]), byHand: 0),
      // An empty batch: accuracy 0 by convention.
      Row("empty batch", scores(Matrix(rows: 0, columns: 3, elements: []), []), byHand: 0),
    ]
      // Real scores (no ties), then integer scores in 0..<3 (many ties).
      + seededRows(seed: 315, [(1, 3), (5, 2), (8, 4), (3, 10)]) { rng, shape in
        let (rows, columns) = shape
        let real = Matrix.normal(rows: rows, columns: columns, using: &rng)
        let labels = (0..<rows).map { _ in rng.nextInt(below: columns) }
        let integers = Matrix(
          rows: rows, columns: columns,
          elements: (0..<(rows * columns)).map { _ in Double(rng.nextInt(below: 3)) })
        let tiedLabels = (0..<rows).map { _ in rng.nextInt(below: columns) }
        return [
          Row("seeded random \(rows)×\(columns) (seed 315)", scores(real, labels)),
          Row(
            "seeded random integer scores \(rows)×\(columns), ties (seed 315)",
            scores(integers, tiedLabels)),
        ]
      }
  }
}
