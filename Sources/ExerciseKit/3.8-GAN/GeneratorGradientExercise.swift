// Exercise 3.8.2: the non-saturating generator loss and its gradient with respect to the
// generated samples, through a fixed logistic discriminator s = x·w + b.
//
// The answer function is the chain rule written out (never the Adversarial module).
// Fixed rows by hand, a sample D rejects confidently (s = −20, where the saturating loss's
// gradient vanishes), seeded rows, and a gradient check of the student's own loss value.

import Adversarial
import CourseTypes
import Foundation
import NumericsCore

/// 3.8.2: definition, hints and check table.
public enum GeneratorGradientExercise {
  enum Mistake: Sendable { case saturating, stopsAtLogits, noOverB }
  public typealias Function = @Sendable (GeneratorGradientInput) throws -> LossResult

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.8.2", title: "Non-saturating generator loss, gradient through a fixed D",
    stub: "Exercises/3.8-gan/GeneratorGradient.swift",
    reference: "Sources/Adversarial/AdversarialLosses.swift (GeneratorLoss.nonSaturating), "
      + "PlayerGradients.swift (generatorGradients)",
    hints: [
      """
      G wants D to call its samples real: the non-saturating loss is BCE with the REAL \
      label on the fakes, L_G = (1/B) Σ_b −log σ(s_b) = (1/B) Σ_b softplus(−s_b), with \
      s_b = x_b·w + b the fixed discriminator's logit of sample b.
      """,
      """
      G changes the samples x, not the logits: the gradient you return is ∂L_G/∂x, B × F, \
      and it passes through D: ∂L_G/∂x_bk = ∂L_G/∂s_b · ∂s_b/∂x_bk = (σ(s_b) − 1)/B · w_k. \
      The saturating loss (1/B) Σ log(1 − σ(s)) has gradient −σ(s)/B, which vanishes \
      exactly when D rejects the samples.
      """,
      """
      Nearly the answer:
          let s = matmul(fakeSamples, discriminatorWeights) + discriminatorBias   // B × 1
          let B = Double(s.rows)
          let value = s.elements.map { softplus(-$0) }.reduce(0, +) / B
          let ds = s.map { (sigmoid($0) - 1) / B }
          return LossResult(value: value, gradient: matmul(ds, discriminatorWeights, transposeB: true))
      """,
    ],
    label: "result",
    solution: { x in
      let s = matmul(x.fakeSamples, x.discriminatorWeights) + x.discriminatorBias
      let loss = GeneratorLoss.nonSaturating.loss(fakeLogits: s)
      return LossResult(
        value: loss.value,
        gradient: matmul(loss.gradient, x.discriminatorWeights, transposeB: true))
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .saturating, "saturating loss", hint: 2,
        "this is the saturating (minimax) loss (1/B) Σ log(1 − σ(s)); the non-saturating "
          + "loss asked for is (1/B) Σ −log σ(s)"),
      MistakeRow(
        .stopsAtLogits, "gradient stops at D's logits", hint: 2,
        "this returns ∂L_G/∂s, B × 1: G's gradient passes through D to the samples, "
          + "∂L_G/∂x = ∂L_G/∂s · wᵀ, B × F"),
      MistakeRow(
        .noOverB, "gradient without 1/B", hint: 2,
        "this gradient lacks the 1/B of the mean over the batch"),
    ],
    rows: rows, otherCases: otherCases)

  /// L_G = mean softplus(−s) and ∂L_G/∂x = (σ(s) − 1)/B · wᵀ; `mistake` makes it a known one.
  static func answer(_ x: GeneratorGradientInput, _ mistake: Mistake?) -> LossResult {
    let (sp, sg) = (AdversarialChecks.softplus, AdversarialChecks.sigmoid)
    let (samples, w) = (x.fakeSamples, x.discriminatorWeights)
    let n = Double(samples.rows)
    let s = (0..<samples.rows).map { b in
      (0..<samples.columns).reduce(x.discriminatorBias) { $0 + samples[b, $1] * w[$1, 0] }
    }
    let saturating = mistake == .saturating
    let value = s.map { saturating ? -sp($0) : sp(-$0) }.reduce(0, +) / n
    let ds = s.map { (saturating ? -sg($0) : sg($0) - 1) / (mistake == .noOverB ? 1 : n) }
    if mistake == .stopsAtLogits { return LossResult(value: value, gradient: Matrix(column: ds)) }
    var gradient = Matrix.zeros(like: samples)
    for b in 0..<samples.rows {
      for k in 0..<samples.columns { gradient[b, k] = ds[b] * w[k, 0] }
    }
    return LossResult(value: value, gradient: gradient)
  }

  static func rows() -> [Row<GeneratorGradientInput, LossResult>] {
    let s = AdversarialChecks.sigmoid
    let (a, b) = ((s(2.5) - 1) / 2, (s(-0.5) - 1) / 2)
    return [
      // s = (1·2 + 0·1 + 0.5, 0·2 − 1·1 + 0.5) = (2.5, −0.5);
      // L = (log(1 + e^−2.5) + log(1 + e^0.5))/2; rows (σ(s_b) − 1)/2 · [2, 1].
      Row(
        "fixed B 2, F 2",
        GeneratorGradientInput(
          fakeSamples: [[1, 0], [0, -1]], discriminatorWeights: [[2], [1]],
          discriminatorBias: 0.5),
        byHand: LossResult(
          value: (log(1 + exp(-2.5)) + log(1 + exp(0.5))) / 2,
          gradient: [[2 * a, a], [2 * b, b]])),
      // D rejects the sample: s = −20, L = softplus(20) ≈ 20, gradient ≈ −1·w = −2.
      Row(
        "rejected sample (s = −20)",
        GeneratorGradientInput(
          fakeSamples: [[-10]], discriminatorWeights: [[2]], discriminatorBias: 0),
        byHand: LossResult(value: 20 + log1p(exp(-20)), gradient: [[2 * (s(-20) - 1)]])),
    ]
      + seededRows(seed: 382, [(1, 3), (4, 2), (3, 5)]) { rng, shape in
        [
          Row(
            "seeded random B \(shape.0), F \(shape.1) (seed 382)",
            GeneratorGradientInput(
              fakeSamples: .normal(rows: shape.0, columns: shape.1, using: &rng),
              discriminatorWeights: .normal(rows: shape.1, columns: 1, using: &rng),
              discriminatorBias: rng.nextNormal()))
        ]
      }
  }

  static func otherCases() -> [CheckCase<Function>] {
    var rng = Xoshiro256StarStar(seed: 3820)
    let point = GeneratorGradientInput(
      fakeSamples: .normal(rows: 3, columns: 2, using: &rng),
      discriminatorWeights: .normal(rows: 2, columns: 1, using: &rng), discriminatorBias: 0.3)
    return [
      .gradientCheck(
        "gradient check 3×2", at: point, argument: "fakeSamples", get: { $0.fakeSamples },
        set: { $0.fakeSamples = $1 }, scalar: { try $0($1).value }, gradient: { $0.gradient })
    ]
  }
}
