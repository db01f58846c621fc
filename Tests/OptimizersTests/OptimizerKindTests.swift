import NumericsCore
import Optimizers
import XCTest

final class OptimizerKindTests: XCTestCase {
  func testNamesAreTheCommandLineNames() {
    XCTAssertEqual(
      OptimizerKind.allCases.map(\.rawValue),
      ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adadelta"])
  }

  func testFactoryBuildsTheMatchingOptimizerWithPyTorchDefaults() {
    let h = Hyperparameters(learningRate: 0.2)
    XCTAssertEqual((OptimizerKind.sgd.makeOptimizer(h) as? SGD)?.momentum, 0)
    let momentum = OptimizerKind.momentum.makeOptimizer(h) as? SGD
    XCTAssertEqual(momentum?.momentum, 0.9)
    XCTAssertEqual(momentum?.nesterov, false)
    let nesterov = OptimizerKind.nesterov.makeOptimizer(h) as? SGD
    XCTAssertEqual(nesterov?.momentum, 0.9)
    XCTAssertEqual(nesterov?.nesterov, true)
    XCTAssertEqual((OptimizerKind.adagrad.makeOptimizer(h) as? AdaGrad)?.epsilon, 1e-10)
    XCTAssertEqual((OptimizerKind.rmsprop.makeOptimizer(h) as? RMSprop)?.alpha, 0.99)
    XCTAssertEqual((OptimizerKind.adam.makeOptimizer(h) as? Adam)?.weightDecay, 0)
    XCTAssertEqual((OptimizerKind.adamw.makeOptimizer(h) as? AdamW)?.weightDecay, 0.01)
    XCTAssertEqual((OptimizerKind.adadelta.makeOptimizer(h) as? AdaDelta)?.rho, 0.9)
    for kind in OptimizerKind.allCases {
      XCTAssertEqual(kind.makeOptimizer(h).learningRate, 0.2, "\(kind)")
    }
  }

  func testExplicitValuesOverrideDefaults() {
    let h = Hyperparameters(learningRate: 0.1, beta1: 0.8, beta2: 0.95, epsilon: 1e-6)
    let adam = OptimizerKind.adam.makeOptimizer(h) as? Adam
    XCTAssertEqual(adam?.beta1, 0.8)
    XCTAssertEqual(adam?.beta2, 0.95)
    XCTAssertEqual(adam?.epsilon, 1e-6)
    let values = h.effectiveValues(for: .adam)
    XCTAssertEqual(
      values.map(\.name), ["learning_rate", "beta1", "beta2", "epsilon", "weight_decay"])
    XCTAssertEqual(values.map(\.value), [0.1, 0.8, 0.95, 1e-6, 0])
    XCTAssertEqual(Hyperparameters(learningRate: 1).effectiveValues(for: .adamw).last?.value, 0.01)
  }

  func testProblemsNameTheBadValue() {
    XCTAssertNil(Hyperparameters(learningRate: 0.1).problem(for: .adam))
    let cases: [(Hyperparameters, OptimizerKind, String)] = [
      (Hyperparameters(learningRate: 0), .sgd, "learning rate 0.0"),
      (Hyperparameters(learningRate: -1), .adam, "learning rate -1.0"),
      (Hyperparameters(learningRate: .nan), .adam, "learning rate nan"),
      (Hyperparameters(learningRate: 0.1, beta1: 1), .adam, "beta1 1.0"),
      (Hyperparameters(learningRate: 0.1, beta2: -0.1), .adamw, "beta2 -0.1"),
      (Hyperparameters(learningRate: 0.1, epsilon: -1e-8), .rmsprop, "epsilon -1e-08"),
      (Hyperparameters(learningRate: 0.1, momentum: .nan), .momentum, "momentum nan"),
      (Hyperparameters(learningRate: 0.1, nesterov: true), .sgd, "Nesterov"),
      (Hyperparameters(learningRate: 0.1, dampening: 0.5), .nesterov, "Nesterov"),
    ]
    for (h, kind, fragment) in cases {
      let problem = h.problem(for: kind)
      XCTAssertNotNil(problem, "\(h) for \(kind)")
      XCTAssertTrue(problem?.contains(fragment) ?? false, "\(problem ?? "nil") ∌ \(fragment)")
    }
  }
}
