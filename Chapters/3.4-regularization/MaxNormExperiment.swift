import ChapterKit
import Layers
import NumericsCore
import Plot
import Regularization

// Experiment 4: max-norm bounds weights, not gradients. With the constraint, the largest
// unit norm (a column of a Dense layer's weights) stays at the radius c; without it, it
// grows. The gradient norm is not bounded by the constraint at all: it is clipping the
// gradient's norm (chapter 3.7) that addresses exploding gradients.

/// Runs experiment 4 and returns its summary.
func runMaxNormExperiment(
  data: ChapterData, sizes: ExperimentSizes, radius: Double, run: ChapterRun
) throws -> JSONValue {
  run.section("4. Max-norm bounds the weights, not the gradients")
  var curves = [String: (norms: [Double], gradients: [Double])]()
  for (key, regularization) in [
    ("none", Regularization.none), ("max_norm", Regularization(maxNorm: radius)),
  ] {
    var norms = [Double]()
    var gradientNorms = [Double]()
    var epochMaximum = 0.0
    _ = try trainSmallSet(
      SmallRunSettings(regularization: regularization, dropout: 0.5, epochs: sizes.epochs),
      data: data, sizes: sizes, seed: seedFor(run, index: 0), run: run
    ) { hooks in
      let inner = hooks.transformGradients
      hooks.transformGradients = { gradients, network, context, rng in
        inner?(&gradients, network, context, &rng)
        epochMaximum = max(epochMaximum, globalNorm(gradients.flatMap { $0 }))
      }
      let rule = hooks.afterEpoch
      hooks.afterEpoch = { record, network in
        norms.append(weightMatrices(network).flatMap { $0.columnNorms().elements }.max() ?? .nan)
        gradientNorms.append(epochMaximum)
        epochMaximum = 0
        return rule?(record, &network) ?? .proceed
      }
    }
    curves[key] = (norms, gradientNorms)
  }
  let none = curves["none"]!
  let constrained = curves["max_norm"]!
  run.table(
    header: ["", "largest unit norm (last epoch)", "largest gradient norm (last epoch)"],
    rows: [
      [
        "no constraint", formatNumber(none.norms.last ?? .nan),
        formatNumber(none.gradients.last ?? .nan),
      ],
      [
        "max-norm c=\(formatNumber(radius))", formatNumber(constrained.norms.last ?? .nan),
        formatNumber(constrained.gradients.last ?? .nan),
      ],
    ])
  try saveFigure(none: none, constrained: constrained, radius: radius, run: run)
  return [
    "radius": .number(radius),
    "largest_unit_norm": [
      "none": .number(none.norms.max() ?? .nan),
      "max_norm": .number(constrained.norms.max() ?? .nan),
    ],
    "largest_gradient_norm": [
      "none": .number(none.gradients.max() ?? .nan),
      "max_norm": .number(constrained.gradients.max() ?? .nan),
    ],
  ]
}

private func saveFigure(
  none: (norms: [Double], gradients: [Double]), constrained: (norms: [Double], gradients: [Double]),
  radius: Double, run: ChapterRun
) throws {
  let figure = Figure(
    width: 1300, height: 600, rows: 1, columns: 2,
    title: "Max-norm caps every unit's weight norm; the gradient norm stays unbounded")
  let x = none.norms.indices.map { Double($0 + 1) }
  let weights = figure[0, 0]
  weights.title = "largest incoming-weight norm of any unit"
  weights.xLabel = "epoch"
  weights.yLabel = "max_j ‖w_j‖₂"
  weights.line(x: x, y: none.norms, label: "no constraint")
  weights.line(x: x, y: constrained.norms, label: "max-norm")
  weights.horizontalLine(y: radius, label: "radius c = \(formatNumber(radius))")
  weights.legendPosition = .lowerRight
  let gradients = figure[0, 1]
  gradients.title = "largest gradient norm within the epoch"
  gradients.xLabel = "epoch"
  gradients.yLabel = "max over steps of ‖g‖₂ (log scale)"
  gradients.yScale = .log
  gradients.line(x: x, y: none.gradients, label: "no constraint")
  gradients.line(x: x, y: constrained.gradients, label: "max-norm")
  gradients.horizontalLine(y: radius, label: "c (not a gradient bound)")
  gradients.legendPosition = .upperRight
  try run.save(
    figure, name: "max-norm",
    caption: "The small-set MLP with dropout 0.5, with and without max-norm: the constraint "
      + "holds the weights at the radius and leaves the gradients alone.")
}
