// Exercise 3.8.1: the discriminator's loss and its gradients, from logits.
//
// The answer function is the formula written out with a stable softplus (never the
// Adversarial or Losses modules). Fixed rows by hand, logits of ±1000 (where log σ(s)
// written directly is log 0), batches of different sizes, seeded rows.

import Adversarial
import Foundation
import NumericsCore

/// 3.8.1: definition, hints and check table.
public enum DiscriminatorLossExercise {
  enum Mistake: Sendable { case labelsSwapped, pooledMean, unstableLog }
  public typealias Function = @Sendable (DiscriminatorLogits) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.8.1", title: "Discriminator loss and gradient from logits",
    stub: "Exercises/3.8-gan/DiscriminatorLoss.swift",
    reference: "Sources/Adversarial/AdversarialLosses.swift (discriminatorLoss)",
    hints: [
      """
      D is a binary classifier: label 1 on real samples, label 0 on generated ones. Its \
      loss is binary cross-entropy on each batch, each averaged over its own batch, then \
      added: L_D = mean_r(−log σ(s_r)) + mean_f(−log(1 − σ(s_f))).
      """,
      """
      Write the logs with softplus, which is stable: −log σ(s) = softplus(−s) and \
      −log(1 − σ(s)) = softplus(s), softplus(z) = max(z, 0) + log1p(exp(−|z|)). Written \
      directly, log σ(−1000) is log 0 = −∞. The gradients: (σ(s_r) − 1)/B_r on the real \
      logits, σ(s_f)/B_f on the fake ones (two means, two batch sizes).
      """,
      """
      Nearly the answer:
          let value = realLogits.elements.map { softplus(-$0) }.reduce(0, +) / Br
            + fakeLogits.elements.map { softplus($0) }.reduce(0, +) / Bf
          let realGradient = realLogits.map { (sigmoid($0) - 1) / Br }
          let fakeGradient = fakeLogits.map { sigmoid($0) / Bf }
      """,
    ],
    label: "loss",
    solution: {
      let d = Adversarial.discriminatorLoss(realLogits: $0.realLogits, fakeLogits: $0.fakeLogits)
      return output(d.value, d.realGradient, d.fakeGradient)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .labelsSwapped, "real and fake labels swapped", hint: 1,
        "this gives real samples the label 0 and generated ones the label 1: D's target is "
          + "1 on data and 0 on fakes"),
      MistakeRow(
        .pooledMean, "one mean over both batches", hint: 1,
        "this divides both sums by B_r + B_f: each batch is averaged over its own size, "
          + "then the two means are added"),
      MistakeRow(
        .unstableLog, "log σ written directly", hint: 2,
        "this takes log(σ(s)) directly, which is log 0 = −∞ for a logit of −1000: use "
          + "softplus, −log σ(s) = softplus(−s)"),
    ],
    rows: rows)

  /// The value (as 1 × 1) and both gradients, as the named matrices the check compares.
  public static func output(_ value: Double, _ real: Matrix, _ fake: Matrix) -> NamedMatrices {
    NamedMatrices(["value": [[value]], "realGradient": real, "fakeGradient": fake])
  }

  /// BCE(s_r, 1) + BCE(s_f, 0), each a mean over its batch; `mistake` makes it a known one.
  static func answer(_ x: DiscriminatorLogits, _ mistake: Mistake?) -> NamedMatrices {
    let (sp, sg) = (AdversarialChecks.softplus, AdversarialChecks.sigmoid)
    let pooled = Double(x.realLogits.count + x.fakeLogits.count)
    let br = mistake == .pooledMean ? pooled : Double(x.realLogits.count)
    let bf = mistake == .pooledMean ? pooled : Double(x.fakeLogits.count)
    let swap = mistake == .labelsSwapped
    // −log σ(s) and −log(1 − σ(s)); written directly for the unstable mistake.
    let minusLogD: (Double) -> Double =
      mistake == .unstableLog ? { -log(1 / (1 + exp(-$0))) } : { sp(-$0) }
    let minusLogNotD: (Double) -> Double =
      mistake == .unstableLog ? { -log(1 - 1 / (1 + exp(-$0))) } : { sp($0) }
    let real = x.realLogits.elements.map(swap ? minusLogNotD : minusLogD).reduce(0, +) / br
    let fake = x.fakeLogits.elements.map(swap ? minusLogD : minusLogNotD).reduce(0, +) / bf
    return output(
      real + fake, x.realLogits.map { ((swap ? sg($0) : sg($0) - 1)) / br },
      x.fakeLogits.map { (swap ? sg($0) - 1 : sg($0)) / bf })
  }

  static func rows() -> [Row<DiscriminatorLogits, NamedMatrices>] {
    let s = AdversarialChecks.sigmoid
    return [
      // Real s = (0, 2): (log 2 + log(1 + e^−2))/2; fake s = −1: log(1 + e^−1).
      // Gradients: ((½ − 1)/2, (σ(2) − 1)/2) and σ(−1)/1.
      Row(
        "fixed B_r 2, B_f 1",
        DiscriminatorLogits(realLogits: [[0], [2]], fakeLogits: [[-1]]),
        byHand: output(
          (log(2) + log(1 + exp(-2))) / 2 + log(1 + exp(-1)), [[-0.25], [(s(2) - 1) / 2]],
          [[s(-1)]])),
      // At D = ½ everywhere (all logits 0): L_D = 2 log 2, gradients ∓½/B.
      Row(
        "D = ½ everywhere",
        DiscriminatorLogits(realLogits: [[0], [0]], fakeLogits: [[0], [0], [0]]),
        byHand: output(2 * log(2), [[-0.25], [-0.25]], [[1.0 / 6], [1.0 / 6], [1.0 / 6]])),
      // D sure and wrong: −log σ(−1000) = 1000 exactly, twice; gradients −1 and 1.
      Row(
        "confidently wrong, logits ∓1000",
        DiscriminatorLogits(realLogits: [[-1000]], fakeLogits: [[1000]]),
        byHand: output(2000, [[-1]], [[1]])),
      // D sure and right: L_D = 0, no gradient.
      Row(
        "confidently right, logits ±1000",
        DiscriminatorLogits(realLogits: [[1000]], fakeLogits: [[-1000]]),
        byHand: output(0, [[0]], [[0]])),
    ]
      + seededRows(seed: 381, [(1, 4), (5, 2), (3, 3)]) { rng, shape in
        [
          Row(
            "seeded random B_r \(shape.0), B_f \(shape.1) (seed 381)",
            DiscriminatorLogits(
              realLogits: .normal(rows: shape.0, columns: 1, standardDeviation: 3, using: &rng),
              fakeLogits: .normal(rows: shape.1, columns: 1, standardDeviation: 3, using: &rng)))
        ]
      }
  }
}
