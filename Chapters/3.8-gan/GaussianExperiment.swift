import Adversarial
import ChapterKit
import Foundation
import NumericsCore
import Plot

/// Experiment 1: the default target, truth against learned, and D → ½.
func runGaussianExperiment(run: ChapterRun) throws -> JSONValue {
  run.section("1. A known answer: a 2-D Gaussian")
  let target = try Gaussian2D(mean: [0, 2], covariance: [[2, 0.3], [0.3, 0.5]])
  var recipe = GaussianRecipe()
  if run.options.quick { recipe.steps = 600 }
  var rng = run.makeGenerator(for: "gaussian")
  let bar = run.progress(total: recipe.steps, label: "Gaussian GAN")
  let fit = try fitGaussian(target, recipe: recipe, progress: { bar.advance() }, using: &rng)
  bar.finish()
  run.say("gan gaussian --mean \"0,2\" --covariance \"2,0.3;0.3,0.5\" (seed \(run.options.seed)):")
  run.say(gaussianReport(fit, steps: recipe.steps))
  run.say(
    "D's accuracy at ½ threshold on held-out real and fake: "
      + "\(formatNumber(100 * fit.finalAccuracy, digits: 3))% (chance: 50%)")

  let figure = Figure(
    width: 1500, height: 650, rows: 1, columns: 2,
    title: "The GAN recovers the Gaussian, and D ends at ½: it cannot tell real from fake")
  let scatter = figure[0, 0]
  scatter.title = "data and G's samples, 2σ ellipses"
  scatter.xLabel = "x₁"
  scatter.yLabel = "x₂"
  scatter.equalAspect = true
  scatter.scatter(
    x: fit.data.column(0), y: fit.data.column(1), label: "data", color: .grey, size: 3,
    alpha: 0.4)
  scatter.scatter(
    x: fit.samples.column(0), y: fit.samples.column(1), label: "G's samples", color: .blue,
    size: 3, alpha: 0.4)
  let truth = ellipse(mean: target.mean, covariance: target.covariance)
  let learned = ellipse(mean: fit.learnedMean, covariance: fit.learnedCovariance)
  scatter.line(x: truth.x, y: truth.y, label: "target 2σ", color: .black, style: .dashed)
  scatter.line(x: learned.x, y: learned.y, label: "learned 2σ", color: .red)
  scatter.legendPosition = .upperLeft
  scatter.yLimits = -2...6

  let curves = figure[0, 1]
  curves.title = "D's mean output during training (moving average of 50 steps)"
  curves.xLabel = "step"
  curves.yLabel = "mean D(x)"
  let steps = fit.history.map { Double($0.step) }
  curves.line(
    x: steps, y: movingAverage(fit.history.map(\.meanRealOutput), window: 50),
    label: "on real data",
    color: .green)
  curves.line(
    x: steps, y: movingAverage(fit.history.map(\.meanFakeOutput), window: 50),
    label: "on G's samples", color: .red)
  curves.horizontalLine(y: 0.5, label: "½ (ideal point)", color: .black)
  curves.yLimits = 0.3...0.7
  curves.legendPosition = .upperRight
  try run.save(
    figure, name: "gaussian",
    caption: "Target N((0, 2), [[2, 0.3], [0.3, 0.5]]) and what the GAN learned after "
      + "\(recipe.steps) steps: mean error \(formatNumber(fit.meanError, digits: 2)), "
      + "covariance error \(formatNumber(100 * fit.covarianceError, digits: 2))% of the largest "
      + "entry. D's outputs on real and fake both end at "
      + "\(formatNumber(fit.finalRealOutput, digits: 3))/\(formatNumber(fit.finalFakeOutput, digits: 3))."
  )

  return [
    "steps": .number(Double(recipe.steps)),
    "target_mean": .numbers(target.mean),
    "target_covariance": .array(target.covariance.map { .numbers($0) }),
    "learned_mean": .numbers(fit.learnedMean),
    "learned_covariance": .array(fit.learnedCovariance.map { .numbers($0) }),
    "learned_mean_1": .number(fit.learnedMean[0]),
    "learned_mean_2": .number(fit.learnedMean[1]),
    "learned_variance_1": .number(fit.learnedCovariance[0][0]),
    "learned_covariance_12": .number(fit.learnedCovariance[0][1]),
    "learned_variance_2": .number(fit.learnedCovariance[1][1]),
    "mean_error": .number(fit.meanError),
    "covariance_error": .number(fit.covarianceError),
    "final_d_real": .number(fit.finalRealOutput),
    "final_d_fake": .number(fit.finalFakeOutput),
    "final_accuracy": .number(fit.finalAccuracy),
    "final_d_loss": .number(fit.history.last?.discriminatorLoss ?? .nan),
    "two_log_two": .number(2 * log(2.0)),
  ]
}

/// The 2σ ellipse `μ + 2·L·(cos t, sin t)` of a 2-D Gaussian.
func ellipse(mean: [Double], covariance c: [[Double]]) -> (x: [Double], y: [Double]) {
  guard let l = choleskyFactor(c[0][0], c[0][1], c[1][1]) else { return ([], []) }
  let t = linearlySpaced(from: 0, to: 2 * Double.pi, count: 121)
  return (
    t.map { mean[0] + 2 * l[0][0] * cos($0) },
    t.map { mean[1] + 2 * (l[1][0] * cos($0) + l[1][1] * sin($0)) }
  )
}

/// Experiment 1b: the same recipe, unchanged, on random targets (eigenvalues of Σ uniform
/// in [0.3, 3], a random orientation, μ uniform in [−3, 3]²), each with its own seed.
func runGaussianRobustness(run: ChapterRun) throws -> JSONValue {
  let count = run.options.quick ? 2 : 6
  var recipe = GaussianRecipe()
  if run.options.quick { recipe.steps = 600 }
  var draw = run.makeGenerator(for: "gaussian-targets")
  var rows: [[String]] = []
  var meanErrors: [Double] = []
  var covarianceErrors: [Double] = []
  let bar = run.progress(total: count * recipe.steps, label: "random targets")
  for i in 0..<count {
    let (l1, l2) = (draw.nextUniform(in: 0.3, 3), draw.nextUniform(in: 0.3, 3))
    let angle = draw.nextUniform(in: 0, Double.pi)
    let (c, s) = (cos(angle), sin(angle))
    let covariance = [
      [l1 * c * c + l2 * s * s, (l1 - l2) * c * s], [(l1 - l2) * c * s, l1 * s * s + l2 * c * c],
    ]
    let mean = [draw.nextUniform(in: -3, 3), draw.nextUniform(in: -3, 3)]
    let target = try Gaussian2D(mean: mean, covariance: covariance)
    var rng = run.makeGenerator(for: "gaussian-target-\(i)")
    let fit = try fitGaussian(target, recipe: recipe, progress: { bar.advance() }, using: &rng)
    meanErrors.append(fit.meanError)
    covarianceErrors.append(fit.covarianceError)
    rows.append([
      String(i + 1), mean.map { formatNumber($0, digits: 3) }.joined(separator: ", "),
      covariance.flatMap { $0 }.map { formatNumber($0, digits: 3) }.joined(separator: ", "),
      formatNumber(fit.meanError, digits: 3), formatNumber(100 * fit.covarianceError, digits: 3),
    ])
  }
  bar.finish()
  run.table(
    header: ["target", "μ", "Σ (row-major)", "mean error", "covariance error %"], rows: rows)
  let successes = zip(meanErrors, covarianceErrors).filter { $0 <= 0.1 && $1 <= 0.1 }.count
  run.say("\(successes) of \(count) random targets within the goal, same recipe for all")
  return [
    "targets": .number(Double(count)), "successes": .number(Double(successes)),
    "mean_errors": .numbers(meanErrors), "covariance_errors": .numbers(covarianceErrors),
    "worst_mean_error": .number(meanErrors.max() ?? .nan),
    "worst_covariance_error": .number(covarianceErrors.max() ?? .nan),
  ]
}
