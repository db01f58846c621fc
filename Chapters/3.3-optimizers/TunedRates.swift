// The learning rates of the path figures, chosen by hand so each path shows its
// optimizer's character within the step budget (and printed with the figures).

import Optimizers

enum TunedRates {
  /// Steps of the path figures.
  static func steps(on function: TestFunction) -> Int {
    switch function {
    case .rosenbrock: 1000
    default: 60
    }
  }

  /// The rate for `kind` on `function` in the path figures.
  static func paths(_ kind: OptimizerKind, on function: TestFunction) -> Double {
    switch (function, kind) {
    // Rosenbrock: SGD and momentum share lr 1e-3 (SGD diverges from 3e-3 on, and at 2e-3
    // it bounces out of the valley); AdaGrad's shrinking steps stall in the valley;
    // AdamW's default decay λ = 0.01 pulls its end point off (1, 1).
    case (.rosenbrock, .sgd): 1e-3
    case (.rosenbrock, .momentum), (.rosenbrock, .nesterov): 1e-3
    case (.rosenbrock, .adagrad): 1
    case (.rosenbrock, .rmsprop): 0.01
    case (.rosenbrock, .adam), (.rosenbrock, .adamw): 0.1
    case (.rosenbrock, .adadelta): 1
    // The bowl: the rates of DLFS's figure 6-8 where it has one; AdaDelta at its default
    // rate 1 barely moves in 60 steps.
    case (_, .sgd): 0.95
    case (_, .momentum), (_, .nesterov): 0.1
    case (_, .adagrad): 1.5
    case (_, .rmsprop): 0.1
    case (_, .adam), (_, .adamw): 0.3
    case (_, .adadelta): 1
    }
  }

  /// The explore mode's default rate: the path figure's rate, which is sensible on every
  /// function of similar scale.
  static func explore(_ kind: OptimizerKind, on function: TestFunction) -> Double {
    switch function {
    case .rosenbrock, .beale, .himmelblau: paths(kind, on: .rosenbrock)
    default: paths(kind, on: .quadratic)
    }
  }
}
