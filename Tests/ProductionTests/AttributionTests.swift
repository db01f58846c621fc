import Layers
import NumericsCore
import Production
import XCTest

final class AttributionTests: XCTestCase {
  func testAUCAgainstCountingEveryPair() {
    var rng = Xoshiro256StarStar(seed: 6)
    let members = (0..<40).map { _ in (rng.nextUniform() * 10).rounded() / 10 }
    let others = (0..<55).map { _ in (rng.nextUniform() * 10 + 2).rounded() / 10 }
    var wins = 0.0
    for m in members { for o in others { wins += m < o ? 1 : (m == o ? 0.5 : 0) } }
    XCTAssertEqual(
      lossThresholdAttackAUC(memberLosses: members, nonMemberLosses: others),
      wins / Double(40 * 55), accuracy: 1e-12)
    XCTAssertEqual(lossThresholdAttackAUC(memberLosses: [0, 1], nonMemberLosses: [2, 3]), 1)
    XCTAssertEqual(lossThresholdAttackAUC(memberLosses: [2, 3], nonMemberLosses: [0, 1]), 0)
    XCTAssertEqual(lossThresholdAttackAUC(memberLosses: [1, 1], nonMemberLosses: [1]), 0.5)
  }

  func makeNetwork() -> Sequential {
    var rng = Xoshiro256StarStar(seed: 12)
    return Sequential([
      Dense(inputSize: 16, outputSize: 12, initializer: .glorotUniform, using: &rng), Tanh(),
      Dense(inputSize: 12, outputSize: 3, initializer: .glorotUniform, using: &rng),
    ])
  }

  func testSaliencyIsTheFiniteDifferenceGradientsMagnitude() {
    let network = makeNetwork()
    var rng = Xoshiro256StarStar(seed: 13)
    let x = Matrix.uniform(rows: 1, columns: 16, using: &rng)
    let s = saliency(network, inputs: x, classes: [2])
    let h = 1e-6
    for i in 0..<16 {
      var plus = x, minus = x
      plus[0, i] += h
      minus[0, i] -= h
      let numeric = (network.predict(plus)[0, 2] - network.predict(minus)[0, 2]) / (2 * h)
      XCTAssertEqual(s[0, i], abs(numeric), accuracy: 1e-7)
    }
  }

  func testIntegratedGradientsAreCompleteWithinOnePercent() {
    let network = makeNetwork()
    var rng = Xoshiro256StarStar(seed: 14)
    let x = Matrix.uniform(rows: 1, columns: 16, in: 0, 3, using: &rng)
    let baseline = Matrix.zeros(rows: 1, columns: 16)
    let (attributions, gap) = integratedGradients(
      network, input: x, baseline: baseline, target: 1, steps: 64)
    let scores = network.predict(Matrix([x.row(0), baseline.row(0)]))
    let change = scores[0, 1] - scores[1, 1]
    XCTAssertEqual(gap, abs(attributions.sum() - change) / abs(change), accuracy: 1e-12)
    XCTAssertLessThan(gap, 0.01)
  }

  func testMidpointRuleIsExactWhenTheGradientIsLinearAlongThePath() {
    // f(x) = x₁² + 3x₁x₂ from x′ = (−1, 0) to x = (1, 2): ∇f is linear along the path, so the
    // midpoint rule is exact for any m, and IG = (6, 0) by hand; f(x) − f(x′) = 7 − 1.
    for steps in [1, 2, 7] {
      let ig = integratedGradients(input: [[1, 2]], baseline: [[-1, 0]], steps: steps) { p in
        Matrix(p.rowArrays.map { [2 * $0[0] + 3 * $0[1], 3 * $0[0]] })
      }
      XCTAssertEqual(ig[0, 0], 6, accuracy: 1e-12)
      XCTAssertEqual(ig[0, 1], 0, accuracy: 1e-12)
    }
  }

  func testOcclusionOfALinearModelIsTheWeightTimesThePixel() {
    // f(x) = w·x: covering pixel i alone (patch 1) drops the score by w_i·x_i.
    var rng = Xoshiro256StarStar(seed: 15)
    let dense = Dense(
      weights: .normal(rows: 16, columns: 1, using: &rng), bias: .zeros(rows: 1, columns: 1))
    let network = Sequential([dense])
    let image = (0..<16).map { _ in rng.nextUniform() }
    let map = occlusionMap(
      network, image: image, height: 4, width: 4, target: 0, patch: 1, stride: 1)
    for i in 0..<16 {
      XCTAssertEqual(map[i / 4, i % 4], dense.weights[i, 0] * image[i], accuracy: 1e-12)
    }
  }

  func testPCAFindsTheDirectionsOfAKnownCovariance() {
    // x = 3·z₁·u + 1·z₂·v with orthonormal u, v in 3-D (plus no noise): variances 9 and 1.
    var rng = Xoshiro256StarStar(seed: 16)
    let u = [2.0, 1, 2].map { $0 / 3 }, v = [1.0, -2, 0].map { $0 / 5.0.squareRoot() }
    let rows = (0..<4000).map { _ -> [Double] in
      let (a, b) = (3 * rng.nextNormal(), rng.nextNormal())
      return (0..<3).map { a * u[$0] + b * v[$0] }
    }
    let (scores, variances) = principalComponents(Matrix(rows), components: 2)
    // Sample variances of 4000 normal draws: relative SE √(2/4000) ≈ 2.2%; bound 10%.
    XCTAssertEqual(variances[0], 9, accuracy: 0.9)
    XCTAssertEqual(variances[1], 1, accuracy: 0.1)
    XCTAssertEqual(scores.rows, 4000)
    XCTAssertEqual(scores.columns, 2)
  }
}
