/// Counts of (true class, predicted class) pairs: where a classifier is right and how it
/// is wrong.
///
/// `counts[t][p]` is the number of samples of true class `t` predicted as `p`; the
/// diagonal holds the correct predictions.
/// ```
/// accuracy        = Σ_t counts[t][t] / Σ counts
/// recall(t)       = counts[t][t] / Σ_p counts[t][p]     (accuracy on class t)
/// precision(p)    = counts[p][p] / Σ_t counts[t][p]
/// ```
public struct ConfusionMatrix: Sendable, Equatable {
  /// The number of classes `C`.
  public let classCount: Int
  /// `C × C` counts, rows = true class, columns = predicted class.
  public private(set) var counts: [[Int]]

  /// An empty matrix for `classCount` classes.
  public init(classCount: Int) {
    precondition(classCount > 0, "ConfusionMatrix: classCount \(classCount) must be positive")
    self.classCount = classCount
    counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
  }

  /// The matrix of a list of true labels and predictions.
  /// - Precondition: the lists have the same length; every value in `0..<classCount`.
  public init(labels: [Int], predictions: [Int], classCount: Int) {
    precondition(
      labels.count == predictions.count,
      "ConfusionMatrix: \(labels.count) labels but \(predictions.count) predictions")
    self.init(classCount: classCount)
    for (label, prediction) in zip(labels, predictions) {
      record(label: label, prediction: prediction)
    }
  }

  /// Adds one sample.
  public mutating func record(label: Int, prediction: Int) {
    precondition(
      label >= 0 && label < classCount && prediction >= 0 && prediction < classCount,
      "ConfusionMatrix.record: label \(label) or prediction \(prediction) outside 0..<\(classCount)"
    )
    counts[label][prediction] += 1
  }

  /// The number of samples recorded.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The number of correct predictions (the trace).
  public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }

  /// The fraction of correct predictions (0 when empty).
  public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

  /// Per true class, the fraction predicted correctly (recall); 0 for an absent class.
  public var perClassAccuracy: [Double] {
    counts.enumerated().map { t, row in
      let n = row.reduce(0, +)
      return n == 0 ? 0 : Double(row[t]) / Double(n)
    }
  }

  /// Each row divided by its sum: row `t` is the distribution of predictions for class `t`.
  public var rowNormalized: [[Double]] {
    counts.map { row in
      let n = row.reduce(0, +)
      return row.map { n == 0 ? 0 : Double($0) / Double(n) }
    }
  }
}
