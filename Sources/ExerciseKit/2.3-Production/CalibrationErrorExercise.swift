// Exercise 2.3.1: the expected calibration error, from probabilities and labels.
//
// The answer function is the definition written out (never the Production module): each
// bin's members found by comparing the confidence with the bin's edges, then the weighted
// gaps. Fixed rows by hand (the doc comment's example with B = 15; confidences exactly on
// bin edges and exactly 1 with B = 4, where the interval convention decides the bins; one
// prediction), and seeded rows of softmax probabilities with B = 15 and B = 10.

import Foundation
import NumericsCore
import Production

/// 2.3.1: definition, hints and check table.
public enum CalibrationErrorExercise {
  enum Mistake: Sendable { case binsWeightedEqually, signedGap, trueClassConfidence }
  public typealias Function = @Sendable (CalibrationInput) throws -> Double

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "2.3.1", title: "Expected calibration error (15 equal-width bins)",
    stub: "Exercises/2.3-production/ExpectedCalibrationError.swift",
    reference: "Sources/Production/Calibration.swift (expectedCalibrationError)",
    hints: [
      """
      First, per example: the prediction is the arg-max of its row and the confidence is \
      that row's largest probability (not the probability of the true label). Then find \
      each confidence's bin: bin b holds (b/B, (b+1)/B], so b = ⌈c·B⌉ − 1, kept within \
      0…B−1 (c = 0 goes to bin 0, c = 1 to bin B − 1). Keep per bin: a count, a sum of \
      confidences and a count of right predictions.
      """,
      """
      Each bin's gap |accuracy_b − confidence_b| is weighted by n_b / N, the share of the \
      predictions it holds — not 1/(number of bins): a bin with one stray prediction must \
      not count as much as one with thousands. Take the absolute value per bin, before \
      weighting: signed gaps of over- and under-confident bins cancel.
      """,
      """
      Nearly the answer:
          var n = [Int](repeating: 0, count: B), right = n, conf = [Double](repeating: 0, count: B)
          for i in 0..<N {
            let row = probabilities.row(i); let c = row.max()!
            let prediction = row.firstIndex(of: c)!
            let b = min(B - 1, max(0, Int((c * Double(B)).rounded(.up)) - 1))
            n[b] += 1; conf[b] += c; if prediction == labels[i] { right[b] += 1 }
          }
          var ece = 0.0
          for b in 0..<B where n[b] > 0 {
            let accuracy = Double(right[b]) / Double(n[b])
            ece += Double(n[b]) / Double(N) * abs(accuracy - conf[b] / Double(n[b]))
          }
          return ece
      """,
    ],
    label: "ECE",
    solution: {
      Production.expectedCalibrationError(
        probabilities: $0.probabilities, labels: $0.labels, binCount: $0.binCount)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .binsWeightedEqually, "bins weighted equally", hint: 2,
        "this averages the gaps of the non-empty bins with equal weights: each bin's gap is "
          + "weighted by n_b / N, the share of the predictions it holds"),
      MistakeRow(
        .signedGap, "signed gaps", hint: 2,
        "this adds the signed gaps accuracy_b − confidence_b: take |accuracy_b − "
          + "confidence_b| in each bin, or over- and under-confidence cancel"),
      MistakeRow(
        .trueClassConfidence, "confidence = probability of the true label", hint: 1,
        "this takes the probability of the true label as the confidence: the confidence is "
          + "the probability of the predicted class, the row's largest"),
    ],
    rows: rows)

  /// The definition, bin by bin; `mistake` makes it a known one.
  static func answer(_ x: CalibrationInput, _ mistake: Mistake?) -> Double {
    let n = x.labels.count
    guard n > 0 else { return 0 }
    let bins = Double(x.binCount)
    var confidences = [Double](), correct = [Bool]()
    for i in 0..<n {
      let row = x.probabilities.row(i)
      var best = 0
      for j in row.indices where row[j] > row[best] { best = j }
      confidences.append(mistake == .trueClassConfidence ? row[x.labels[i]] : row[best])
      correct.append(best == x.labels[i])
    }
    var total = 0.0
    var nonEmpty = 0
    for b in 0..<x.binCount {
      // (b/B, (b+1)/B]; the first bin also holds 0.
      let (lower, upper) = (Double(b) / bins, Double(b + 1) / bins)
      let members = (0..<n).filter {
        (confidences[$0] > lower || b == 0) && (confidences[$0] <= upper || b == x.binCount - 1)
      }
      guard !members.isEmpty else { continue }
      nonEmpty += 1
      let count = Double(members.count)
      let accuracy = Double(members.filter { correct[$0] }.count) / count
      let confidence = members.reduce(0) { $0 + confidences[$1] } / count
      let gap = mistake == .signedGap ? accuracy - confidence : abs(accuracy - confidence)
      total += mistake == .binsWeightedEqually ? gap : count / Double(n) * gap
    }
    return mistake == .binsWeightedEqually ? total / Double(nonEmpty) : total
  }

  static func rows() -> [Row<CalibrationInput, Double>] {
    [
      // The doc comment's example: bin 13 {0.9 right, 0.88 wrong}: |0.5 − 0.89| = 0.39,
      // n 2; bin 12 {0.85 wrong}: 0.85; bin 9 {0.62 right}: 0.38.
      // ECE = (2·0.39 + 0.85 + 0.38)/4 = 0.5025.
      Row(
        "fixed 4 predictions, B 15 (the doc comment's example)",
        CalibrationInput(
          probabilities: [
            [0.9, 0.05, 0.05], [0.1, 0.85, 0.05], [0.18, 0.2, 0.62], [0.88, 0.1, 0.02],
          ], labels: [0, 2, 2, 1], binCount: 15),
        byHand: 0.5025),
      // B = 4, confidences on the edges: 0.5 (wrong) in bin 1 (0.25, 0.5], 0.75 (right)
      // in bin 2 (0.5, 0.75], 1 (wrong) in bin 3: gaps 0.5, 0.25, 1, one each:
      // ECE = 1.75/3. (Half-open bins [b/B, (b+1)/B) would merge 0.75 and 1 into bin 3:
      // |0.5 − 0.875|·2/3 + 0.5/3 = 1.25/3.)
      Row(
        "fixed confidences on bin edges and 1, B 4",
        CalibrationInput(
          probabilities: [[0.75, 0.25, 0], [0, 0, 1], [0.5, 0.25, 0.25]], labels: [0, 0, 1],
          binCount: 4),
        byHand: 1.75 / 3),
      // One prediction, confidence 0.7, right: |1 − 0.7| = 0.3.
      Row(
        "fixed one prediction, B 15",
        CalibrationInput(probabilities: [[0.3, 0.7]], labels: [1], binCount: 15),
        byHand: 0.3),
      // Five predictions all with confidence 0.6 (bin 8 of 15, (8/15, 9/15]), three right:
      // accuracy 0.6 = confidence: perfectly calibrated, ECE 0.
      Row(
        "fixed calibrated bin, B 15",
        CalibrationInput(
          probabilities: [[0.6, 0.4], [0.6, 0.4], [0.4, 0.6], [0.4, 0.6], [0.6, 0.4]],
          labels: [0, 0, 1, 0, 1], binCount: 15),
        byHand: 0),
    ]
      + seededRows(seed: 231, [(40, 10, 15), (25, 3, 10), (60, 5, 15)]) { rng, shape in
        let (n, classes, bins) = shape
        // Softmax of scaled normal logits: confident and unconfident rows alike.
        let logits = Matrix.normal(rows: n, columns: classes, standardDeviation: 2, using: &rng)
        var probabilities = logits
        for i in 0..<n {
          let row = logits.row(i)
          let top = row.max()!
          let e = row.map { exp($0 - top) }
          let z = e.reduce(0, +)
          for j in 0..<classes { probabilities[i, j] = e[j] / z }
        }
        // Labels: the arg-max for about two thirds, another class otherwise.
        let labels = (0..<n).map { i -> Int in
          let row = probabilities.row(i)
          let top = row.firstIndex(of: row.max()!)!
          return rng.nextUniform() < 0.67 ? top : Int(rng.next() % UInt64(classes))
        }
        return [
          Row(
            "seeded random N \(n), C \(classes), B \(bins) (seed 231)",
            CalibrationInput(probabilities: probabilities, labels: labels, binCount: bins))
        ]
      }
  }
}
