// The calculator mode: `losses --loss NAME …` prints one loss value and its gradient.
//
// Everything a student can type wrong is caught here, as a `ValidationError` (one line on
// stderr, exit code 64), before the Losses module sees it: the module's preconditions are
// for programmers and would crash the tool instead of explaining the mistake.

import ArgumentParser
import ChapterKit
import Losses
import NumericsCore

extension Reduction: ExpressibleByArgument {}

/// The losses the calculator knows, by their command-line names.
enum LossKind: String, CaseIterable, ExpressibleByArgument {
  case mse, mae, huber, bce
  case crossEntropy = "cross-entropy"
  case hinge
  case multiclassHinge = "multiclass-hinge"
  case kl

  /// `mse, mae, …` for help and error texts.
  static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The options this loss reads.
  var options: [String] {
    switch self {
    case .mse, .mae: ["--predicted", "--expected"]
    case .huber: ["--predicted", "--expected", "--delta"]
    case .bce: ["--logits", "--targets"]
    case .crossEntropy: ["--logits", "--labels", "--targets"]
    case .hinge: ["--scores", "--labels"]
    case .multiclassHinge: ["--scores", "--labels", "--margin"]
    case .kl: ["--p", "--q"]
    }
  }

  /// What the gradient is taken with respect to.
  var gradientVariable: String {
    switch self {
    case .mse, .mae, .huber: "predicted"
    case .bce, .crossEntropy: "logits"
    case .hinge, .multiclassHinge: "scores"
    case .kl: "q"
    }
  }
}

/// A checked calculator request and its result.
struct Calculation {
  let loss: LossKind
  let reduction: Reduction
  let result: LossResult
  /// Remarks printed with the human-readable result (not in JSON).
  var notes: [String] = []

  init(loss: LossKind, options o: LossesChapter) throws {
    self.loss = loss
    reduction = o.reduction
    let stray = o.calculatorOptionsGiven.filter { !loss.options.contains($0) }
    if let first = stray.first {
      throw ValidationError(
        "\(first) is not used by --loss \(loss.rawValue) (it takes "
          + "\(loss.options.joined(separator: ", ")))")
    }
    func required(_ value: String?, _ name: String) throws -> String {
      guard let value else {
        throw ValidationError("--loss \(loss.rawValue) needs --\(name)")
      }
      return value
    }
    func matrix(_ value: String?, _ name: String) throws -> Matrix {
      Matrix(try parseRows(try required(value, name), option: name))
    }
    switch loss {
    case .mse, .mae, .huber:
      let predicted = try matrix(o.predicted, "predicted")
      let expected = try matrix(o.expected, "expected")
      try requireSameShape(predicted, "predicted", expected, "expected")
      switch loss {
      case .mse:
        result = meanSquaredError(predicted: predicted, expected: expected, reduction: reduction)
      case .mae:
        result = meanAbsoluteError(predicted: predicted, expected: expected, reduction: reduction)
      default:
        let delta = o.delta ?? 1
        guard delta > 0, delta.isFinite else {
          throw ValidationError("--delta \(formatNumber(delta)) must be a positive number")
        }
        result = huberLoss(
          predicted: predicted, expected: expected, delta: delta, reduction: reduction)
      }
    case .bce:
      let logits = try matrix(o.logits, "logits")
      let targets = try matrix(o.targets, "targets")
      try requireSameShape(logits, "logits", targets, "targets")
      try requireProbabilities(targets, "targets")
      result = binaryCrossEntropy(logits: logits, targets: targets, reduction: reduction)
    case .crossEntropy:
      let logits = try matrix(o.logits, "logits")
      switch (o.labels, o.targets) {
      case (let text?, nil):
        let labels = try classLabels(text, rows: logits.rows, classes: logits.columns)
        result = softmaxCrossEntropy(logits: logits, labels: labels, reduction: reduction)
      case (nil, let text?):
        let targets = Matrix(try parseRows(text, option: "targets"))
        try requireSameShape(logits, "logits", targets, "targets")
        try requireProbabilities(targets, "targets")
        notes += rowSumNotes(targets, "targets")
        result = softmaxCrossEntropy(logits: logits, targets: targets, reduction: reduction)
      case (nil, nil):
        throw ValidationError("--loss cross-entropy needs --labels or --targets")
      case (_?, _?):
        throw ValidationError("--loss cross-entropy takes --labels or --targets, not both")
      }
    case .hinge:
      let scores = try matrix(o.scores, "scores")
      let labels = try matrix(o.labels, "labels")
      try requireSameShape(scores, "scores", labels, "labels")
      if let bad = labels.elements.first(where: { $0 != 1 && $0 != -1 }) {
        throw ValidationError("--labels: \(formatNumber(bad)) is not −1 or 1 (hinge labels are ±1)")
      }
      result = hingeLoss(scores: scores, labels: labels, reduction: reduction)
    case .multiclassHinge:
      let scores = try matrix(o.scores, "scores")
      let labels = try classLabels(
        try required(o.labels, "labels"), rows: scores.rows, classes: scores.columns)
      let margin = o.margin ?? 1
      guard margin.isFinite else { throw ValidationError("--margin must be a finite number") }
      result = multiClassHingeLoss(
        scores: scores, labels: labels, margin: margin, reduction: reduction)
    case .kl:
      let p = try matrix(o.p, "p")
      let q = try matrix(o.q, "q")
      try requireSameShape(p, "p", q, "q")
      try requireProbabilities(p, "p")
      try requireProbabilities(q, "q")
      notes += rowSumNotes(p, "p") + rowSumNotes(q, "q")
      result = klDivergence(p: p, q: q, reduction: reduction)
    }
  }

  /// Prints the value and the gradient, as text or as one line of JSON.
  func report(json: Bool) {
    if json {
      let gradient = result.gradient.elements.map { JSONValue.number($0).serialized() }
      print(
        "{\"loss\": \"\(loss.rawValue)\", \"reduction\": \"\(reduction.rawValue)\", "
          + "\"value\": \(JSONValue.number(result.value).serialized()), "
          + "\"gradient\": [\(gradient.joined(separator: ", "))]}")
      return
    }
    print("loss:      \(loss.rawValue) (reduction: \(reduction.rawValue))")
    print("value:     \(result.value)")
    print("gradient:  ∂L/∂\(loss.gradientVariable), \(result.gradient.shapeDescription)")
    for row in result.gradient.rowArrays {
      print("  " + row.map { "\($0)" }.joined(separator: ", "))
    }
    for note in notes { print(note) }
  }
}

/// Throws unless the two matrices have the same shape.
private func requireSameShape(_ a: Matrix, _ aName: String, _ b: Matrix, _ bName: String) throws {
  guard a.rows == b.rows, a.columns == b.columns else {
    throw ValidationError(
      "--\(aName) is \(a.shapeDescription) but --\(bName) is \(b.shapeDescription); "
        + "they must have the same shape")
  }
}

/// A note for every row of a distribution that does not sum to 1 (the loss is still computed:
/// a student may be checking what happens, but should know).
private func rowSumNotes(_ m: Matrix, _ name: String) -> [String] {
  m.rowArrays.enumerated().compactMap { i, row in
    let total = row.reduce(0, +)
    guard abs(total - 1) > 1e-9 else { return nil }
    return "note: row \(i + 1) of --\(name) sums to \(formatNumber(total, digits: 6)), not 1"
  }
}

/// Throws unless every entry lies in [0, 1].
private func requireProbabilities(_ m: Matrix, _ name: String) throws {
  if let bad = m.elements.first(where: { !(0...1).contains($0) }) {
    throw ValidationError("--\(name): \(formatNumber(bad)) is not a probability in [0, 1]")
  }
}

/// Parses one class index per row and checks each against the number of classes.
private func classLabels(_ text: String, rows: Int, classes: Int) throws -> [Int] {
  let labels = try parseIntegers(text, option: "labels")
  guard labels.count == rows else {
    throw ValidationError("--labels has \(labels.count) entries for \(rows) rows")
  }
  if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
    throw ValidationError("--labels: class \(bad) is outside 0..<\(classes)")
  }
  return labels
}
