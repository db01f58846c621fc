// Known mistakes for 3.1.5. Each is something students really write; each must fail a
// case, and a student whose results match one is told which mistake it is.

import NumericsCore

extension ClassificationAccuracyExercise {
  /// The arg-max of row `i`; with `lastOnTies`, a tie goes to the last maximum.
  private static func argmax(_ scores: Matrix, row i: Int, lastOnTies: Bool) -> Int {
    var best = 0
    for j in 1..<scores.columns {
      let better = lastOnTies ? scores[i, j] >= scores[i, best] : scores[i, j] > scores[i, best]
      if better { best = j }
    }
    return best
  }

  static let mutants: [Mutant<AccuracyFunction>] = [
    Mutant(
      "ties to the last maximum",
      diagnosis: "this breaks ties towards the last maximum (a `>=` comparison): the "
        + "arg-max convention is the first, lowest index (`>`)", hint: 2,
      implementation: { scores, labels in
        guard scores.rows > 0 else { return 0 }
        let correct = (0..<scores.rows).filter {
          argmax(scores, row: $0, lastOnTies: true) == labels[$0]
        }
        return Double(correct.count) / Double(scores.rows)
      }),
    Mutant(
      "divided by the number of classes",
      diagnosis: "this divides the count by the number of classes (columns): accuracy is "
        + "the fraction of samples, so divide by the rows", hint: 1,
      implementation: { scores, labels in
        guard scores.rows > 0 else { return 0 }
        let correct = (0..<scores.rows).filter {
          argmax(scores, row: $0, lastOnTies: false) == labels[$0]
        }
        return Double(correct.count) / Double(scores.columns)
      }),
    Mutant(
      "arg-max down each column",
      diagnosis: "this takes the arg-max down each column (over the samples) and "
        + "compares those with the labels: take it along each row (over the classes)",
      hint: 1,
      implementation: { scores, labels in
        guard scores.rows > 0 else { return 0 }
        // The best sample of each class, compared (zip truncates) with the labels.
        let columnArgmax = (0..<scores.columns).map { j in
          (0..<scores.rows).reduce(0) { best, i in scores[i, j] > scores[best, j] ? i : best }
        }
        let correct = zip(columnArgmax, labels).filter { $0 == $1 }.count
        return Double(correct) / Double(scores.rows)
      }),
    Mutant(
      "0/0 on an empty batch",
      diagnosis: "this divides 0 by 0 on an empty batch and returns NaN: an empty batch "
        + "has accuracy 0 by convention, so return 0 before dividing", hint: 2,
      implementation: { scores, labels in
        let correct = (0..<scores.rows).filter {
          argmax(scores, row: $0, lastOnTies: false) == labels[$0]
        }
        return Double(correct.count) / Double(scores.rows)
      }),
  ]
}
