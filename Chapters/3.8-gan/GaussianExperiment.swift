import ChapterKit
import Plot

/// Experiment 1: the default target, truth against learned.
func runGaussianExperiment(run: ChapterRun) throws {
  run.section("1. A known answer: a 2-D Gaussian")
  let target = try Gaussian2D(mean: [0, 2], covariance: [[2, 0.3], [0.3, 0.5]])
  var recipe = GaussianRecipe()
  if run.options.quick { recipe.steps = 600 }
  var rng = run.makeGenerator(for: "gaussian")
  let fit = try fitGaussian(target, recipe: recipe, using: &rng)
  run.say(gaussianReport(fit, steps: recipe.steps))
}
