import NumericsCore

/// Labelled samples for classification: one row of features per sample and its class.
///
/// Shapes: `features` is `count × featureCount`; `labels[i]` in `0..<classNames.count`
/// is the class of row `i`.
public struct ClassificationSet: Sendable, Equatable {
  /// One sample per row (`count × featureCount`).
  public var features: Matrix
  /// The class of each row, in `0..<classCount`.
  public var labels: [Int]
  /// A readable name per class (index = label).
  public var classNames: [String]

  /// Creates a set.
  /// - Precondition: one label per row, every label in `0..<classNames.count`.
  public init(features: Matrix, labels: [Int], classNames: [String]) {
    precondition(
      features.rows == labels.count,
      "ClassificationSet: \(features.rows) rows of features but \(labels.count) labels")
    for (i, label) in labels.enumerated() {
      precondition(
        label >= 0 && label < classNames.count,
        "ClassificationSet: label \(label) of sample \(i) is outside 0..<\(classNames.count)")
    }
    self.features = features
    self.labels = labels
    self.classNames = classNames
  }

  /// The number of samples.
  public var count: Int { labels.count }
  /// The number of features per sample.
  public var featureCount: Int { features.columns }
  /// The number of classes.
  public var classCount: Int { classNames.count }

  /// The samples with the given indices, in that order (a mini-batch).
  public func subset(_ indices: [Int]) -> ClassificationSet {
    ClassificationSet(
      features: features.rows(at: indices), labels: indices.map { labels[$0] },
      classNames: classNames)
  }

  /// The first `n` samples (all of them when `n >= count`).
  public func prefix(_ n: Int) -> ClassificationSet {
    precondition(n >= 0, "ClassificationSet.prefix: negative count \(n)")
    return subset(Array(0..<Swift.min(n, count)))
  }

  /// How many samples each class has.
  public func classCounts() -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts
  }
}
