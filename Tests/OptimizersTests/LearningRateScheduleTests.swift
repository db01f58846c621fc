import Foundation
import NumericsCore
import Optimizers
import XCTest

/// The schedules against `torch.optim.lr_scheduler` (fixture written by
/// `Benchmarks/peers/lr_schedules.py`), and a rate change that keeps Adam's moments.
final class LearningRateScheduleTests: XCTestCase {
  private struct Fixture: Decodable {
    struct Case: Decodable {
      var kind: String
      var parameters: [String: Double]
      var rates: [Double]
    }
    var base: Double
    var cases: [Case]
  }

  private func loadFixture() throws -> Fixture {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/lr_schedules.json")
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  private func schedule(_ c: Fixture.Case) throws -> LearningRateSchedule {
    let p = c.parameters
    func int(_ key: String) throws -> Int { Int(try XCTUnwrap(p[key], key)) }
    func double(_ key: String) throws -> Double { try XCTUnwrap(p[key], key) }
    switch c.kind {
    case "step": return .step(size: try int("size"), factor: try double("factor"))
    case "cosine": return .cosine(period: try int("period"), minimum: try double("minimum"))
    case "linear":
      return .linear(from: try double("from"), to: try double("to"), steps: try int("steps"))
    case "warmup_cosine":
      return .warmup(
        steps: try int("warmup"), from: try double("from"),
        then: .cosine(period: try int("period"), minimum: try double("minimum")))
    case "warmup_step":
      return .warmup(
        steps: try int("warmup"), from: try double("from"),
        then: .step(size: try int("size"), factor: try double("factor")))
    default:
      throw XCTSkip("unknown schedule kind \(c.kind) in the fixture")
    }
  }

  /// StepLR, CosineAnnealingLR, LinearLR and SequentialLR warm-ups: every rate within 1e-9
  /// relative of PyTorch's (PyTorch multiplies recursively, we evaluate closed forms).
  func testEveryScheduleMatchesPyTorch() throws {
    let fixture = try loadFixture()
    XCTAssertEqual(fixture.cases.count, 8)
    for c in fixture.cases {
      let s = try schedule(c)
      for (t, expected) in c.rates.enumerated() {
        let got = s.learningRate(base: fixture.base, at: t)
        XCTAssertEqual(
          got, expected, accuracy: 1e-9 * abs(expected) + 1e-15, "\(c.kind) \(c.parameters) t=\(t)")
      }
    }
  }

  func testInvalidSchedulesAreNamed() {
    XCTAssertNotNil(LearningRateSchedule.step(size: 0, factor: 0.5).validationError)
    XCTAssertNotNil(LearningRateSchedule.cosine(period: 5, minimum: -1).validationError)
    XCTAssertNotNil(
      LearningRateSchedule.warmup(steps: 2, from: 0.1, then: .linear(from: 0, to: 1, steps: 3))
        .validationError)
    XCTAssertNil(LearningRateSchedule.warmup(steps: 2, from: 0.1, then: .constant).validationError)
  }

  /// Setting the rate between steps keeps the moments and the step count: the second step
  /// is the hand-computed Adam step t = 2 with the new rate (f = Σ p², g = 2p, p₀ = 1).
  func testSettingTheLearningRateKeepsAdamsMoments() {
    var adam = Adam(learningRate: 0.1)
    var p: Matrix = [[1]]
    adam.update(&p, along: 2 * p, slot: 0)
    let x1 = 1 - 0.1 * 2 / (2 + 1e-8)
    XCTAssertEqual(p[0, 0], x1, accuracy: 1e-15)
    adam.learningRate = 0.01
    adam.update(&p, along: 2 * p, slot: 0)
    XCTAssertEqual(adam.stepCount(slot: 0), 2)
    // t = 2 with the moments of t = 1 (m = 0.2, v = 0.004), now at lr 0.01:
    let g2 = 2 * x1
    let m2 = 0.9 * 0.2 + 0.1 * g2
    let v2 = 0.999 * 0.004 + 0.001 * g2 * g2
    let x2 = x1 - 0.01 * (m2 / 0.19) / ((v2 / 0.001999).squareRoot() + 1e-8)
    XCTAssertEqual(p[0, 0], x2, accuracy: 1e-14)
    // A fresh Adam would have taken a first step of exactly lr: x1 − 0.01.
    XCTAssertGreaterThan(abs(p[0, 0] - (x1 - 0.01)), 1e-5)
  }
}
