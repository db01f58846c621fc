// 3.2 Loss functions (损失函数): the chapter executable `losses`.
//
// Without `--loss` it runs the four experiments of the lesson and writes their figures;
// with `--loss NAME` it is a calculator that prints one loss and its gradient for the
// numbers a student types, so a hand computation can be checked.

import ArgumentParser
import ChapterKit
import Foundation
import Losses

@main
struct LossesChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "losses",
    abstract: "3.2 Loss functions (损失函数): regression and classification losses, "
      + "robustness to outliers, numerical stability, and why classifiers use cross-entropy.",
    discussion: """
      Without --loss, runs the chapter's four experiments and writes the figures to
      <output>/losses/. With --loss, prints one loss value and its gradient:

        losses --loss mse --predicted 0.5,-1.2,3 --expected 1,-1,0
        losses --loss huber --predicted "0.5,2;1,1" --expected "0,0;0,0" --delta 1
        losses --loss bce --logits -20,0,3.5 --targets 0,0.5,1
        losses --loss cross-entropy --logits "1,2,3;1000,-1000,0" --labels 2,1
        losses --loss cross-entropy --logits "1,2,3" --targets "0.2,0.3,0.5"
        losses --loss hinge --scores 2,0.5,-1 --labels 1,1,-1
        losses --loss multiclass-hinge --scores "3.2,5.1,-1.7;1.3,4.9,2" --labels 0,1
        losses --loss kl --p "0.2,0.3,0.5" --q "0.1,0.6,0.3"

      Rows are separated by ';'. The mean runs over all elements for mse, mae, huber,
      bce and hinge, and over rows (samples) for cross-entropy, multiclass-hinge and kl.
      The gradient is with respect to the predictions, logits or scores (for kl: q).
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(help: "Calculator: the loss to evaluate (\(LossKind.allNames)).")
  var loss: String?

  @Option(
    parsing: .unconditional, help: "Calculator (mse, mae, huber): predictions, rows split by ';'.")
  var predicted: String?

  @Option(parsing: .unconditional, help: "Calculator (mse, mae, huber): targets, same shape.")
  var expected: String?

  @Option(parsing: .unconditional, help: "Calculator (huber): the threshold δ > 0 (default 1).")
  var delta: Double?

  @Option(parsing: .unconditional, help: "Calculator (bce, cross-entropy): logits.")
  var logits: String?

  @Option(
    parsing: .unconditional,
    help: "Calculator (bce, cross-entropy): target probabilities in [0, 1], same shape.")
  var targets: String?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Calculator: labels (cross-entropy, multiclass-hinge: one class index per row; "
        + "hinge: ±1 per score)."))
  var labels: String?

  @Option(parsing: .unconditional, help: "Calculator (hinge, multiclass-hinge): scores.")
  var scores: String?

  @Option(
    parsing: .unconditional, help: "Calculator (multiclass-hinge): the margin (default 1).")
  var margin: Double?

  @Option(name: .customLong("p"), parsing: .unconditional, help: "Calculator (kl): p, rows.")
  var p: String?

  @Option(name: .customLong("q"), parsing: .unconditional, help: "Calculator (kl): q, rows.")
  var q: String?

  @Option(help: "Calculator: mean or sum.")
  var reduction: Reduction = .mean

  /// The calculator's input, parsed and checked, or nil when the experiments should run.
  func calculation() throws -> Calculation? {
    guard let name = loss else {
      let given = calculatorOptionsGiven
      if !given.isEmpty {
        throw ValidationError(
          "\(given.joined(separator: ", ")) needs --loss (\(LossKind.allNames))")
      }
      return nil
    }
    guard let kind = LossKind(rawValue: name) else {
      throw ValidationError("unknown loss '\(name)' (choose one of \(LossKind.allNames))")
    }
    return try Calculation(loss: kind, options: self)
  }

  /// The calculator options present on the command line, as `--name`.
  var calculatorOptionsGiven: [String] {
    let all: [(String, Bool)] = [
      ("--predicted", predicted != nil), ("--expected", expected != nil),
      ("--delta", delta != nil), ("--logits", logits != nil), ("--targets", targets != nil),
      ("--labels", labels != nil), ("--scores", scores != nil), ("--margin", margin != nil),
      ("--p", p != nil), ("--q", q != nil),
    ]
    return all.filter(\.1).map(\.0)
  }

  func validate() throws {
    _ = try calculation()
  }

  func run() throws {
    if let calculation = try calculation() {
      calculation.report(json: chapter.json)
    } else {
      try runExperiments(options: chapter)
    }
  }
}
