import ChapterKit
import Layers
import NumericsCore
import Plot
import Regularization

// Experiment 6: L2 and weight decay are the same only for plain SGD. With SGD, adding λW to
// the gradient and decaying W ← W − ηλW after the step give the same trajectory. With Adam,
// the L2 term is divided by Adam's running gradient scale like the rest of the gradient,
// so weights with small gradients are decayed hardest, and the two differ (Loshchilov and
// Hutter 2019; chapter 3.3's AdamW experiment).

/// Runs experiment 6 and returns its summary.
func runWeightDecayExperiment(
  data: ChapterData, sizes: ExperimentSizes, run: ChapterRun
) throws
  -> JSONValue
{
  run.section("6. L2 equals weight decay for SGD, not for Adam")
  let lambda = 1e-2
  var curves = [(String, [Double])]()
  var summary = [String: JSONValue]()
  let cases: [(String, String, SmallRunOptimizer, Regularization)] = [
    ("SGD + L2", "sgd_l2", .plain, Regularization(l2: lambda)),
    ("SGD + weight decay", "sgd_decay", .plain, Regularization(weightDecay: lambda)),
    ("Adam + L2", "adam_l2", .adam, Regularization(l2: lambda)),
    ("Adam + weight decay (AdamW)", "adam_decay", .adam, Regularization(weightDecay: lambda)),
  ]
  var rows = [[String]]()
  for (name, key, optimizer, regularization) in cases {
    var norms = [Double]()
    let result = try trainSmallSet(
      SmallRunSettings(regularization: regularization, epochs: sizes.epochs, optimizer: optimizer),
      data: data, sizes: sizes, seed: seedFor(run, index: 0), run: run
    ) { hooks in
      let rule = hooks.afterEpoch
      hooks.afterEpoch = { record, network in
        norms.append(globalNorm(weightMatrices(network)))
        return rule?(record, &network) ?? .proceed
      }
    }
    curves.append((name, norms))
    rows.append([name, formatNumber(norms.last ?? .nan), percent(result.test.accuracy ?? .nan)])
    summary[key] = [
      "final_weight_norm": .number(norms.last ?? .nan),
      "test_accuracy": .number(result.test.accuracy ?? .nan),
    ]
  }
  run.table(header: ["λ = \(formatNumber(lambda))", "final ‖W‖", "test acc"], rows: rows)
  let sgdGap = abs(curves[0].1.last! - curves[1].1.last!) / curves[0].1.last!
  let adamGap = abs(curves[2].1.last! - curves[3].1.last!) / curves[2].1.last!
  run.say(
    "relative difference of the final weight norms: SGD \(formatNumber(sgdGap * 100, digits: 2))%, "
      + "Adam \(formatNumber(adamGap * 100, digits: 3))%")
  summary["lambda"] = .number(lambda)
  summary["sgd_relative_difference"] = .number(sgdGap)
  summary["adam_relative_difference"] = .number(adamGap)

  let figure = Figure(
    width: 1100, height: 650,
    title: "Same λ: L2 and weight decay coincide for SGD and part ways for Adam")
  let axes = figure.axes
  axes.xLabel = "epoch"
  axes.yLabel = "norm of all weights ‖W‖₂"
  let styles: [LineStyle] = [.solid, .dashed, .solid, .dashed]
  for (k, (name, norms)) in curves.enumerated() {
    axes.line(
      x: norms.indices.map { Double($0 + 1) }, y: norms, label: name,
      color: .okabeIto(k < 2 ? 0 : 1), style: styles[k], width: k % 2 == 0 ? 4 : 2)
  }
  axes.legendPosition = .outsideRight
  try run.save(
    figure, name: "l2-vs-weight-decay",
    caption: "The weight norm during training with λ = 0.01 as an L2 gradient term or as "
      + "decoupled decay: identical curves for plain SGD, different ones for Adam.")
  return .object(summary)
}
