// Exercise 3.8.3: one alternating GAN step with plain SGD: a discriminator update on real
// and generated samples, then a generator update through the updated, fixed, discriminator.
// G is affine (x = z·A + c), D logistic-affine (s = x·w + b), so every gradient is short.
//
// The answer function is the step written out (never the Adversarial module; the solution
// runs the module's discriminatorGradients and generatorGradients on one-Dense-layer
// networks). One fixed row by hand with every size 1; seeded rows on several shapes.

import Adversarial
import CourseTypes
import Foundation
import Layers
import NumericsCore

/// The arguments of `alternatingStep(…)`.
public struct AlternatingStepInput: Sendable, CustomStringConvertible {
  public var real: Matrix
  public var discriminatorNoise: Matrix
  public var generatorNoise: Matrix
  public var generator: AffineParameters
  public var discriminator: AffineParameters
  public var learningRate: Double
  /// Every argument, in the stub's order.
  public var description: String {
    "real = \(formatted(real)), discriminatorNoise = \(formatted(discriminatorNoise)), "
      + "generatorNoise = \(formatted(generatorNoise)), generator = (weights = "
      + "\(formatted(generator.weights)), bias = \(formatted(generator.bias))), discriminator = "
      + "(weights = \(formatted(discriminator.weights)), bias = "
      + "\(formatted(discriminator.bias))), learningRate = \(formatted(learningRate))"
  }
}

/// 3.8.3: definition, hints and check table.
public enum AlternatingStepExercise {
  enum Mistake: Sendable { case discriminatorMovesInGStep, generatorThroughOldD, saturating }
  public typealias Function = @Sendable (AlternatingStepInput) throws -> NamedMatrices

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.8.3", title: "One alternating GAN step (D, then G through the new D)",
    stub: "Exercises/3.8-gan/AlternatingStep.swift",
    reference: "Sources/Adversarial/GAN.swift (step), PlayerGradients.swift",
    hints: [
      """
      Two updates in order. First D: generate fakes from discriminatorNoise with the \
      current G, take D's loss on real and fake (3.8.1) and move w and b one SGD step. \
      Then G: generate from generatorNoise, score with the NEW w and b, and move A and c \
      one step on the non-saturating loss (3.8.2). D does not change during G's step.
      """,
      """
      D's gradients: ds_r = (σ(s_r) − 1)/B_r, ds_f = σ(s_f)/B_f, ∂w = realᵀ·ds_r + fakeᵀ·ds_f, \
      ∂b = Σ ds_r + Σ ds_f. G's: s = x·w′ + b′, ds = (σ(s) − 1)/B, ∂x = ds·w′ᵀ, \
      ∂A = zᵀ·∂x, ∂c = column sums of ∂x. The G step's D gradient exists but is thrown away.
      """,
    ],
    label: "parameters",
    solution: solution,
    answer: answer,
    mistakes: [
      MistakeRow(
        .discriminatorMovesInGStep, "D updated during G's step", hint: 1,
        "this also moves D's weights on G's loss: during the generator's step D is fixed; "
          + "only A and c change"),
      MistakeRow(
        .generatorThroughOldD, "G's step through the old D", hint: 1,
        "this scores G's samples with D's weights from before its update: the generator "
          + "step comes after D's and goes through the updated D"),
      MistakeRow(
        .saturating, "saturating generator loss", hint: 2,
        "this uses the saturating loss's gradient −σ(s)/B; the non-saturating one asked for "
          + "is (σ(s) − 1)/B"),
    ],
    rows: rows)

  /// The four updated tensors as the named matrices the check compares.
  public static func output(
    _ generator: AffineParameters, _ discriminator: AffineParameters
  ) -> NamedMatrices {
    NamedMatrices([
      "generator.weights": generator.weights, "generator.bias": generator.bias,
      "discriminator.weights": discriminator.weights, "discriminator.bias": discriminator.bias,
    ])
  }

  static func solution(_ x: AlternatingStepInput) -> NamedMatrices {
    var rng = Xoshiro256StarStar(seed: 0)  // no layer here draws from it
    var g = Sequential([Dense(weights: x.generator.weights, bias: x.generator.bias)])
    var d = Sequential([Dense(weights: x.discriminator.weights, bias: x.discriminator.bias)])
    let fake = g.predict(x.discriminatorNoise)
    let dGrad = discriminatorGradients(discriminator: d, real: x.real, fake: fake, using: &rng)
    d.parameters = zip(d.parameters, dGrad.gradients.flatMap { $0 }).map {
      $0 - x.learningRate * $1
    }
    let gGrad = generatorGradients(
      generator: g, discriminator: d, noise: x.generatorNoise, loss: .nonSaturating, using: &rng)
    g.parameters = zip(g.parameters, gGrad.gradients.flatMap { $0 }).map {
      $0 - x.learningRate * $1
    }
    return output(
      AffineParameters(weights: g.parameters[0], bias: g.parameters[1]),
      AffineParameters(weights: d.parameters[0], bias: d.parameters[1]))
  }

  static func affine(_ x: Matrix, _ p: AffineParameters) -> Matrix {
    var y = matmul(x, p.weights)
    for r in 0..<y.rows { for c in 0..<y.columns { y[r, c] += p.bias[0, c] } }
    return y
  }

  /// The D step then the G step; `mistake` makes it a known mistake.
  static func answer(_ x: AlternatingStepInput, _ mistake: Mistake?) -> NamedMatrices {
    let sg = AdversarialChecks.sigmoid
    let lr = x.learningRate
    let fake = affine(x.discriminatorNoise, x.generator)
    let dsr = affine(x.real, x.discriminator).map { (sg($0) - 1) / Double(x.real.rows) }
    let dsf = affine(fake, x.discriminator).map { sg($0) / Double(fake.rows) }
    var d = x.discriminator
    d.weights =
      d.weights
      - lr * (matmul(x.real, dsr, transposeA: true) + matmul(fake, dsf, transposeA: true))
    d.bias = d.bias - lr * (dsr.sum() + dsf.sum())
    let scorer = mistake == .generatorThroughOldD ? x.discriminator : d
    let samples = affine(x.generatorNoise, x.generator)
    let ds = affine(samples, scorer).map {
      (mistake == .saturating ? -sg($0) : sg($0) - 1) / Double(samples.rows)
    }
    let dx = matmul(ds, scorer.weights, transposeB: true)
    var g = x.generator
    g.weights = g.weights - lr * matmul(x.generatorNoise, dx, transposeA: true)
    g.bias = g.bias - lr * dx.columnSums()
    if mistake == .discriminatorMovesInGStep {
      d.weights = d.weights - lr * matmul(samples, ds, transposeA: true)
      d.bias = d.bias - lr * ds.sum()
    }
    return output(g, d)
  }

  static func rows() -> [Row<AlternatingStepInput, NamedMatrices>] {
    let s = AdversarialChecks.sigmoid
    // Every size 1, A = w = 1, c = b = 0, real = 1, both noises 0, lr = 1.
    // D: fake = 0, s_r = 1, s_f = 0; ds_r = σ(1) − 1, ds_f = ½; ∂w = σ(1) − 1,
    // ∂b = σ(1) − ½, so w′ = 2 − σ(1), b′ = ½ − σ(1).
    // G: x = 0, s = b′, ds = σ(b′) − 1, ∂x = ds·w′, ∂A = 0·∂x = 0, ∂c = ∂x: c′ = −ds·w′.
    let (w1, b1) = (2 - s(1), 0.5 - s(1))
    let one = AffineParameters(weights: [[1]], bias: [[0]])
    return [
      Row(
        "fixed, every size 1, lr 1",
        AlternatingStepInput(
          real: [[1]], discriminatorNoise: [[0]], generatorNoise: [[0]], generator: one,
          discriminator: one, learningRate: 1),
        byHand: output(
          AffineParameters(weights: [[1]], bias: [[-(s(b1) - 1) * w1]]),
          AffineParameters(weights: [[w1]], bias: [[b1]])))
    ]
      + seededRows(seed: 383, [(4, 2, 3), (1, 1, 2), (3, 3, 1)]) { rng, shape in
        let (b, z, f) = shape
        return [
          Row(
            "seeded random B \(b), noise \(z), features \(f), lr 0.1 (seed 383)",
            AlternatingStepInput(
              real: .normal(rows: b, columns: f, using: &rng),
              discriminatorNoise: .normal(rows: b, columns: z, using: &rng),
              generatorNoise: .normal(rows: b, columns: z, using: &rng),
              generator: AffineParameters(
                weights: .normal(rows: z, columns: f, using: &rng),
                bias: .normal(rows: 1, columns: f, using: &rng)),
              discriminator: AffineParameters(
                weights: .normal(rows: f, columns: 1, using: &rng),
                bias: .normal(rows: 1, columns: 1, using: &rng)),
              learningRate: 0.1))
        ]
      }
  }
}
