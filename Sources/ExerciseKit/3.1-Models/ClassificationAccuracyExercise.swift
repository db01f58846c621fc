// Exercise 3.1.5: the accuracy of a classifier on a batch.
//
// Decisions, stated in the stub: the prediction is the arg-max of the row with ties going
// to the first (lowest) index, as PyTorch's and NumPy's argmax; an empty batch has
// accuracy 0 (not 0/0 = NaN), as the Layers module's `ConfusionMatrix.accuracy`.
//
// Expected answers: fixed cases counted by hand, ties, an empty batch, and
// `expectedAccuracy`, the arg-max and the count written out, for seeded random cases,
// half of them with small integer scores so that ties are frequent. Every shape has
// batch ≠ classes, so dividing by the wrong one of the two is caught.

import Exercises
import Layers
import NumericsCore

/// 3.1.5: definition, hints and check cases.
enum ClassificationAccuracyExercise {
  static let definition = ExerciseDefinition<AccuracyFunction>(
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
    student: { try Exercises.accuracy(scores: $0, labels: $1) },
    solution: { scores, labels in
      ConfusionMatrix(labels: labels, predictions: scores.rowArgmax(), classCount: scores.columns)
        .accuracy
    },
    mutants: mutants, cases: cases)

  /// Arg-max (first maximum) and the fraction correct, written out, independently of the
  /// Layers and NumericsCore reductions.
  static func expectedAccuracy(_ scores: Matrix, _ labels: [Int]) -> Double {
    guard scores.rows > 0 else { return 0 }
    var correct = 0
    for i in 0..<scores.rows {
      var best = 0
      for j in 0..<scores.columns where scores[i, j] > scores[i, best] { best = j }
      if best == labels[i] { correct += 1 }
    }
    return Double(correct) / Double(scores.rows)
  }

  static func accuracyCase(
    _ name: String, _ scores: Matrix, _ labels: [Int], expected: Double
  ) -> CheckCase<AccuracyFunction> {
    CheckCase(
      name,
      input: "scores = \(scores.rows == 0 ? "0×\(scores.columns) (no rows)" : formatted(scores)), "
        + "labels = \(labels)"
    ) { implementation in
      let got = try implementation(scores, labels)
      var problem: String?
      if !Tolerance.standard.accepts(got, expected) {
        problem = "accuracy: got \(formatted(got)), expected \(formatted(expected))"
        if got.isNaN { problem? += " (NaN: a division 0/0?)" }
      }
      return Observation(fingerprint: [got], problem: problem)
    }
  }

  static func cases() -> [CheckCase<AccuracyFunction>] {
    var cases: [CheckCase<AccuracyFunction>] = []
    // By hand, 4 samples, 3 classes: predictions [1, 0, 2, 1] against labels
    // [1, 0, 1, 2]: rows 0 and 1 right, 2/4 = 0.5.
    let scores: Matrix = [[0.1, 0.7, 0.2], [2, -1, 0], [0, 0, 5], [1, 3, 2]]
    cases.append(accuracyCase("fixed 4×3", scores, [1, 0, 1, 2], expected: 0.5))
    // By hand, 2 samples, 5 classes: predictions [4, 0]; labels [4, 3]: 1/2.
    let wide: Matrix = [[-1, -2, -3, -4, 0], [9, 1, 2, 3, 4]]
    cases.append(accuracyCase("fixed 2×5", wide, [4, 3], expected: 0.5))
    // Ties go to the first maximum: predictions [1, 0, 0], all three right.
    let ties: Matrix = [[1, 3, 3], [0, 0, 0], [2, 2, -1], [5, 4, 5]]
    cases.append(accuracyCase("ties (first maximum wins)", ties, [1, 0, 0, 0], expected: 1))
    // The same rows with the later tied index as label: none right.
    cases.append(accuracyCase("ties, label on a later maximum", ties, [2, 2, 1, 2], expected: 0))
    // All right and all wrong, 3 samples of 2 classes.
    let two: Matrix = [[1, 0], [0, 1], [3, -3]]
    cases.append(accuracyCase("all right", two, [0, 1, 0], expected: 1))
    cases.append(accuracyCase("all wrong", two, [1, 0, 1], expected: 0))
    // An empty batch: accuracy 0 by convention.
    cases.append(
      accuracyCase(
        "empty batch", Matrix(rows: 0, columns: 3, elements: []), [], expected: 0))
    // Seeded random cases: real scores (no ties), then integer scores in 0..<3 (many ties).
    var rng = Xoshiro256StarStar(seed: 315)
    for (rows, columns) in [(1, 3), (5, 2), (8, 4), (3, 10)] {
      let real = Matrix.normal(rows: rows, columns: columns, using: &rng)
      let labels = (0..<rows).map { _ in rng.nextInt(below: columns) }
      cases.append(
        accuracyCase(
          "seeded random \(rows)×\(columns) (seed 315)", real, labels,
          expected: expectedAccuracy(real, labels)))
      let integers = Matrix(
        rows: rows, columns: columns,
        elements: (0..<(rows * columns)).map { _ in Double(rng.nextInt(below: 3)) })
      let tiedLabels = (0..<rows).map { _ in rng.nextInt(below: columns) }
      cases.append(
        accuracyCase(
          "seeded random integer scores \(rows)×\(columns), ties (seed 315)", integers,
          tiedLabels, expected: expectedAccuracy(integers, tiedLabels)))
    }
    return cases
  }
}
