// Experiment 1: every loss drawn against the one number it depends on.
//
// Regression losses depend on the residual r = p − y; margin losses for a ±1 label depend
// on the margin m = y·f (positive = correct side, larger = more confident). Drawing each
// loss next to its derivative shows what a gradient step will actually feel.

import ChapterKit
import Losses
import NumericsCore
import Plot

/// Squared error on the sigmoid's output for label +1, as a function of the margin:
/// (σ(m) − 1)², derivative 2(σ(m) − 1)·σ(m)(1 − σ(m)) by the chain rule.
func squaredErrorOnSigmoid(margin m: Double) -> (value: Double, slope: Double) {
  let s = sigmoid(m)
  let result = meanSquaredError(predicted: [[s]], expected: [[1]])
  return (result.value, result.gradient[0, 0] * s * (1 - s))
}

/// The 0-1 loss: 1 for a wrong (or tied) sign, 0 otherwise. Its derivative is 0 wherever
/// it exists, which is why nobody trains on it directly.
func zeroOneLoss(margin m: Double) -> Double { m <= 0 ? 1 : 0 }

/// One loss as a function of one number, with its derivative, for the curves figure.
private struct Curve {
  let label: String
  var style: LineStyle = .solid
  let f: (Double) -> (value: Double, slope: Double)

  init(
    _ label: String, style: LineStyle = .solid,
    _ f: @escaping (Double) -> (value: Double, slope: Double)
  ) {
    self.label = label
    self.style = style
    self.f = f
  }
}

func lossCurves(_ run: ChapterRun) throws {
  run.section("1. Losses and their gradients")
  let quick = run.options.quick
  let deltas = [0.5, 2.0]
  let regression: [Curve] =
    [
      Curve("MSE  r²") { r in atPoint({ meanSquaredError(predicted: $0, expected: [[0]]) }, r) },
      Curve("MAE  |r|") { r in atPoint({ meanAbsoluteError(predicted: $0, expected: [[0]]) }, r) },
    ]
    + deltas.map { delta in
      Curve("Huber δ = \(formatNumber(delta))") { r in
        atPoint({ huberLoss(predicted: $0, expected: [[0]], delta: delta) }, r)
      }
    }
  let classification: [Curve] = [
    Curve("0-1", style: .dashed) { m in (zeroOneLoss(margin: m), 0) },
    Curve("hinge") { m in atPoint({ hingeLoss(scores: $0, labels: [[1]]) }, m) },
    Curve("logistic (BCE)") { m in
      atPoint({ binaryCrossEntropy(logits: $0, targets: [[1]]) }, m)
    },
    Curve("squared error on σ(f)") { m in squaredErrorOnSigmoid(margin: m) },
  ]

  // Tables at a few hand-checkable points (the calculator reproduces any of them).
  let residuals = [0, 0.5, 1, 2, 5]
  let regressionNames = ["MSE", "MAE", "Huber δ=0.5", "Huber δ=2"]
  run.say("Regression losses ℓ(r) at residual r = p − y, and their derivatives ∂ℓ/∂p:")
  run.table(
    header: ["r"] + regressionNames + regressionNames.map { "∂ " + $0 },
    rows: residuals.map { r in
      [formatNumber(r)] + regression.map { formatNumber($0.f(r).value) }
        + regression.map { formatNumber($0.f(r).slope) }
    })
  let margins = [-3, -1, 0, 0.5, 1, 2.0]
  let marginNames = ["0-1", "hinge", "BCE", "MSE on σ"]
  run.say("\nClassification losses ℓ(m) at margin m = y·f (label +1), and ∂ℓ/∂f:")
  run.table(
    header: ["m"] + marginNames + marginNames.dropFirst().map { "∂ " + $0 },
    rows: margins.map { m in
      [formatNumber(m)] + classification.map { formatNumber($0.f(m).value) }
        + classification.dropFirst().map { formatNumber($0.f(m).slope) }
    })

  let figure = Figure(
    width: 1400, height: 1000, rows: 2, columns: 2,
    title: "Loss functions and the gradients they produce")
  let r = linearSpace(-3, 3, count: quick ? 241 : 601)
  // 0-1 needs no smoothing, but a grid point exactly at 0 makes the step visible.
  let m = linearSpace(-5, 3, count: quick ? 321 : 801)
  let panels: [(Axes, Axes, [Curve], [Double], String)] = [
    (figure[0, 0], figure[1, 0], regression, r, "residual r = p − y"),
    (figure[0, 1], figure[1, 1], classification, m, "margin m = y·f  (label y = ±1, score f)"),
  ]
  for (top, bottom, curves, xs, xLabel) in panels {
    for (i, curve) in curves.enumerated() {
      let points = xs.map(curve.f)
      top.line(
        x: xs, y: points.map(\.value), label: curve.label, color: .okabeIto(i), style: curve.style)
      bottom.line(
        x: xs, y: points.map(\.slope), label: curve.label, color: .okabeIto(i), style: curve.style)
    }
    top.xLabel = xLabel
    bottom.xLabel = xLabel
  }
  figure[0, 0].title = "Regression losses"
  figure[0, 0].yLabel = "loss ℓ(r)"
  figure[0, 0].yLimits = 0...6
  figure[1, 0].title = "Gradients: MSE grows with r, MAE and Huber are capped"
  figure[1, 0].yLabel = "∂ℓ/∂p"
  figure[0, 1].title = "Classification losses (label +1)"
  figure[0, 1].yLabel = "loss ℓ(m)"
  figure[0, 1].yLimits = 0...6
  figure[1, 1].title = "Gradients: squared error on σ fades when badly wrong"
  figure[1, 1].yLabel = "∂ℓ/∂f"
  figure[1, 1].yLimits = -1.1...0.1
  try run.save(
    figure, name: "loss-curves",
    caption: "Regression losses against the residual and margin losses against y·f, with "
      + "their derivatives. MSE's pull grows without bound, Huber's is capped at δ; the "
      + "squared error on a sigmoid output stops pulling exactly when the prediction is "
      + "most wrong, while hinge and cross-entropy keep a slope of about −1.")
  run.summary["huber_gradient_cap"] = .numbers(deltas)
  run.summary["squared_sigmoid_gradient_at_margin_minus_5"] = .number(
    squaredErrorOnSigmoid(margin: -5).slope)
  run.summary["bce_gradient_at_margin_minus_5"] = .number(
    atPoint({ binaryCrossEntropy(logits: $0, targets: [[1]]) }, -5).slope)
}
