// What the 3.8 exercises share: their inputs (printed with the stubs' argument names), the
// chapter, and the stable log-sigmoid pieces written out here (never the Losses module).

import Foundation
import NumericsCore

/// The arguments of `discriminatorLoss(realLogits:fakeLogits:)`.
public struct DiscriminatorLogits: Sendable, CustomStringConvertible {
  /// D's logits on data, `B_r × 1`.
  public var realLogits: Matrix
  /// D's logits on generated samples, `B_f × 1`.
  public var fakeLogits: Matrix
  /// `realLogits = …, fakeLogits = …`.
  public var description: String {
    "realLogits = \(formatted(realLogits)), fakeLogits = \(formatted(fakeLogits))"
  }
}

/// The arguments of `generatorGradient(fakeSamples:discriminatorWeights:discriminatorBias:)`.
public struct GeneratorGradientInput: Sendable, CustomStringConvertible {
  /// `x = G(z)`, `B × F`.
  public var fakeSamples: Matrix
  /// The fixed discriminator's weights `w`, `F × 1`.
  public var discriminatorWeights: Matrix
  /// Its bias `b`.
  public var discriminatorBias: Double
  /// Every argument, in the stub's order.
  public var description: String {
    "fakeSamples = \(formatted(fakeSamples)), discriminatorWeights = "
      + "\(formatted(discriminatorWeights)), discriminatorBias = \(formatted(discriminatorBias))"
  }
}

extension ExerciseChapter {
  /// Chapter 3.8.
  static let adversarial = ExerciseChapter(
    id: "3.8", title: "Generative adversarial networks (生成对抗网络)",
    directory: "Exercises/3.8-gan")
}

/// Helpers for the 3.8 checks.
enum AdversarialChecks {
  /// `softplus(z) = log(1 + e^z)` without overflow: `max(z, 0) + log1p(e^(−|z|))`.
  static func softplus(_ z: Double) -> Double { max(z, 0) + log1p(exp(-abs(z))) }
  /// `σ(z)`, without overflow for either sign.
  static func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }
}
