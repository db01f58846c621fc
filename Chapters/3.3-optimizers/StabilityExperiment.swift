// 3. The stability limit of gradient descent: 2/λ_max of the Hessian.

import ChapterKit
import Foundation
import NumericsCore
import Optimizers
import Plot

func stability(_ run: ChapterRun) throws {
  run.section("3. The stability limit (ill-conditioned bowl 0.1x² + 2y²)")
  let function = TestFunction.illConditioned
  let start = function.defaultStart
  let hessian = function.hessian(start.x, start.y)
  let lambdaMax = symmetricEigenvalues(hessian).largest
  let limit = gradientDescentStabilityLimit(hessian: hessian)
  let mu = 0.9
  let momentumLimit = 2 * (1 + mu) / lambdaMax
  let steps = run.options.quick ? 60 : 100
  let initial = function.value(start.x, start.y)

  // The sweep for the figure, and a bisection for the number.
  let rates = linearlySpaced(from: 0.02, to: 1.2, count: run.options.quick ? 30 : 119)
  func finalValue(_ lr: Double, momentum: Double) -> Double {
    var sgd = SGD(learningRate: lr, momentum: momentum)
    let path = function.descend(from: start, using: &sgd, steps: steps)
    return path.divergedAt == nil ? path.finalValue : .infinity
  }
  let sgdFinal = rates.map { finalValue($0, momentum: 0) }
  let momentumFinal = rates.map { finalValue($0, momentum: mu) }
  let bisectionSteps = 300
  let measured = measuredStabilityLimit(
    on: function, from: start, steps: bisectionSteps, bracket: 0.1...1, tolerance: 1e-5
  ) { SGD(learningRate: $0) }
  let measuredMomentum = measuredStabilityLimit(
    on: function, from: start, steps: 2 * bisectionSteps, bracket: 0.1...1.5, tolerance: 1e-5
  ) { SGD(learningRate: $0, momentum: mu) }

  run.say(
    "Hessian diag(0.2, 4): λ_max = \(formatNumber(lambdaMax)), so gradient descent is "
      + "stable for lr < 2/λ_max = \(formatNumber(limit)).")
  run.table(
    header: ["method", "theory", "measured (bisection)", "difference"],
    rows: [
      [
        "gradient descent: 2/λ_max", formatNumber(limit), formatNumber(measured, digits: 6),
        formatNumber(measured - limit, digits: 2),
      ],
      [
        "momentum 0.9: 2(1+μ)/λ_max", formatNumber(momentumLimit),
        formatNumber(measuredMomentum, digits: 6),
        formatNumber(measuredMomentum - momentumLimit, digits: 2),
      ],
    ])
  let agrees = abs(measured - limit) < 2e-3 && abs(measuredMomentum - momentumLimit) < 5e-3
  run.say(
    agrees
      ? "check: the measured edges match the theory."
      : "check FAILED: measured edges differ from theory.")
  run.summary["stability"] = [
    "lambda_max": .number(lambdaMax), "theory_limit": .number(limit),
    "measured_limit": .number(measured), "momentum": .number(mu),
    "momentum_theory_limit": .number(momentumLimit),
    "momentum_measured_limit": .number(measuredMomentum), "matches_theory": .bool(agrees),
    "steps": .number(Double(steps)), "bisection_steps": .number(Double(bisectionSteps)),
  ]

  let figure = Figure(
    width: 1500, height: 640, rows: 1, columns: 2,
    title: "The stability limit of gradient descent on 0.1x² + 2y² (λ_max = 4)")
  let left = figure[0, 0]
  left.title = "Value after \(steps) steps against the learning rate"
  left.yScale = .log
  left.xLabel = "learning rate"
  left.yLabel = "f after \(steps) steps (capped at 10³⁰)"
  let ceiling = 1e30
  let floor = 1e-10
  left.line(
    x: rates, y: sgdFinal.map { min(max($0, floor), ceiling) }, label: "gradient descent",
    color: color(of: .sgd), marker: .circle)
  left.line(
    x: rates, y: momentumFinal.map { min(max($0, floor), ceiling) }, label: "momentum μ = 0.9",
    color: color(of: .momentum), marker: .circle)
  left.verticalLine(x: limit, label: "2/λ_max = 0.5", color: color(of: .sgd))
  left.verticalLine(
    x: momentumLimit, label: "2(1+μ)/λ_max = 0.95", color: color(of: .momentum), style: .dotted)
  left.horizontalLine(y: initial, label: "f(start)")
  left.yLimits = floor...ceiling
  left.legendPosition = .upperLeft

  let right = figure[0, 1]
  right.title = "|y| per step near the limit (gradient descent)"
  right.yScale = .log
  right.xLabel = "step"
  right.yLabel = "|y|"
  for (index, lr) in [0.45, 0.5, 0.55].enumerated() {
    var sgd = SGD(learningRate: lr)
    let path = function.descend(from: start, using: &sgd, steps: 40)
    right.line(
      x: path.points.indices.map(Double.init), y: path.points.map { max(abs($0.y), 1e-30) },
      label: "lr \(formatNumber(lr)): |1 − 4·lr| = \(formatNumber(abs(1 - 4 * lr)))",
      color: Color.okabeIto(index + 4), marker: .circle)
  }
  right.legendPosition = .upperLeft
  try run.save(
    figure, name: "stability-limit",
    caption: "Gradient descent on the ill-conditioned bowl converges exactly for lr < 2/λ_max "
      + "= 0.5 (momentum 0.9: lr < 0.95); at the limit the steep coordinate flips sign "
      + "forever, beyond it it grows by |1 − 4·lr| per step.")
}
