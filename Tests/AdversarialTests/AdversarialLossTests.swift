import Adversarial
import NumericsCore
import TestSupport
import XCTest

/// The players' losses: values by hand, gradients by finite differences.
final class AdversarialLossTests: XCTestCase {
  private let log2 = 0.693_147_180_559_945_3

  func testDiscriminatorLossAtTheIdealPointIsTwoLogTwo() {
    // D = ½ everywhere (logit 0): −log ½ on each half, 2 log 2 in all.
    let zeros = Matrix.zeros(rows: 4, columns: 1)
    let loss = discriminatorLoss(realLogits: zeros, fakeLogits: .zeros(rows: 3, columns: 1))
    XCTAssertEqual(loss.value, 2 * log2, accuracy: 1e-15)
    // (σ(0) − 1)/4 on real, σ(0)/3 on fake.
    assertEqual(loss.realGradient, Matrix(rows: 4, columns: 1, repeating: -0.125))
    assertEqual(loss.fakeGradient, Matrix(rows: 3, columns: 1, repeating: 0.5 / 3))
  }

  func testDiscriminatorLossByHand() {
    // Real logit 2, fake logit −1: −log σ(2) − log(1 − σ(−1)) = softplus(−2) + softplus(−1).
    let loss = discriminatorLoss(realLogits: [[2]], fakeLogits: [[-1]])
    XCTAssertEqual(loss.value, log(1 + exp(-2)) + log(1 + exp(-1)), accuracy: 1e-14)
  }

  func testDiscriminatorLossGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 3)
    let real = Matrix.normal(rows: 5, columns: 1, standardDeviation: 2, using: &rng)
    let fake = Matrix.normal(rows: 7, columns: 1, standardDeviation: 2, using: &rng)
    let loss = discriminatorLoss(realLogits: real, fakeLogits: fake)
    assertGradient(
      of: { discriminatorLoss(realLogits: $0, fakeLogits: fake).value }, at: real,
      equals: loss.realGradient)
    assertGradient(
      of: { discriminatorLoss(realLogits: real, fakeLogits: $0).value }, at: fake,
      equals: loss.fakeGradient)
  }

  func testGeneratorLossesByHand() {
    // At logit 0: saturating log(1 − ½) = −log 2, non-saturating −log ½ = log 2.
    let zero = Matrix.zeros(rows: 2, columns: 1)
    XCTAssertEqual(GeneratorLoss.saturating.loss(fakeLogits: zero).value, -log2, accuracy: 1e-15)
    XCTAssertEqual(GeneratorLoss.nonSaturating.loss(fakeLogits: zero).value, log2, accuracy: 1e-15)
    // Saturating: ∂/∂s log(1 − σ(s)) = −σ(s); non-saturating: ∂/∂s −log σ(s) = σ(s) − 1.
    let s = 0.7
    let sigma = 1 / (1 + exp(-s))
    XCTAssertEqual(
      GeneratorLoss.saturating.loss(fakeLogits: [[s]]).gradient[0, 0], -sigma, accuracy: 1e-15)
    XCTAssertEqual(
      GeneratorLoss.nonSaturating.loss(fakeLogits: [[s]]).gradient[0, 0], sigma - 1,
      accuracy: 1e-15)
  }

  func testGeneratorLossGradientsMatchFiniteDifferences() {
    var rng = Xoshiro256StarStar(seed: 4)
    let logits = Matrix.normal(rows: 6, columns: 1, standardDeviation: 3, using: &rng)
    for kind in GeneratorLoss.allCases {
      assertGradient(
        of: { kind.loss(fakeLogits: $0).value }, at: logits,
        equals: kind.loss(fakeLogits: logits).gradient, "\(kind)")
    }
  }

  func testSaturatingGradientVanishesWhereTheDiscriminatorWins() {
    // D rejects the fakes confidently (logit −10, D ≈ 4.5e-5): the minimax gradient is
    // −σ(−10) ≈ −4.5e-5, the non-saturating one σ(−10) − 1 ≈ −1, over 20,000× larger.
    let rejected: Matrix = [[-10]]
    let saturating = GeneratorLoss.saturating.loss(fakeLogits: rejected).gradient[0, 0]
    let nonSaturating = GeneratorLoss.nonSaturating.loss(fakeLogits: rejected).gradient[0, 0]
    XCTAssertEqual(saturating, -1 / (1 + exp(10)), accuracy: 1e-18)
    XCTAssertEqual(nonSaturating, -1 / (1 + exp(-10)), accuracy: 1e-15)
    XCTAssertGreaterThan(abs(nonSaturating) / abs(saturating), 20_000)
  }
}
