// Experiment 3: the textbook softmax cross-entropy against the log-sum-exp form as the
// logits grow.
//
// The logits are t·[1, −1, 0] for t = 1 … 1000. In float64, exp(x) overflows to +inf for
// x > 709.78 and a positive number underflows to 0 below about 4.9e−324 (e^−744.4). The
// textbook formula −log(e^{s_y} / Σ_j e^{s_j}) meets both limits long before the loss
// itself is large: for the true class 1 the probability e^{−2t} underflows once
// t > 372 (so −log 0 = inf), and for t ≥ 710 both numerator and denominator are inf
// (inf/inf = NaN). The Losses module never exponentiates a positive number and never
// takes the log of a probability, so it stays exact: the loss is 2t + log(1 + e^−t + e^−2t).

import ChapterKit
import Foundation
import Losses
import NumericsCore
import Plot

/// The textbook softmax cross-entropy, deliberately without the max subtraction.
func naiveSoftmaxCrossEntropy(logits: [Double], label: Int) -> Double {
  let e = logits.map { Foundation.exp($0) }
  return -Foundation.log(e[label] / e.reduce(0, +))
}

func softmaxStability(_ run: ChapterRun) throws {
  run.section("3. Numerical stability: naive softmax cross-entropy vs log-sum-exp")
  let ts = (1...1000).map(Double.init)
  func logits(_ t: Double) -> [Double] { [t, -t, 0] }
  func stable(_ t: Double, _ label: Int) -> Double {
    softmaxCrossEntropy(logits: Matrix(row: logits(t)), labels: [label]).value
  }
  // Label 0 is the largest logit (a confident, correct prediction); label 1 the smallest
  // (a confident, wrong one).
  let naiveRight = ts.map { naiveSoftmaxCrossEntropy(logits: logits($0), label: 0) }
  let naiveWrong = ts.map { naiveSoftmaxCrossEntropy(logits: logits($0), label: 1) }
  let stableRight = ts.map { stable($0, 0) }
  let stableWrong = ts.map { stable($0, 1) }
  let firstInf = ts.indices.first { !naiveWrong[$0].isFinite }.map { ts[$0] }
  let firstNaN = ts.indices.first { naiveRight[$0].isNaN }.map { ts[$0] }
  let stableFinite = (stableRight + stableWrong).allSatisfy(\.isFinite)

  run.say("logits t·[1, −1, 0]; loss for the true class 0 (largest logit) and 1 (smallest):")
  let shown: [Double] = [1, 10, 100, 360, 372, 373, 500, 709, 710, 1000]
  run.table(
    header: ["t", "naive, class 0", "stable, class 0", "naive, class 1", "stable, class 1"],
    rows: shown.map { t in
      let i = Int(t) - 1
      return [
        formatNumber(t), formatNumber(naiveRight[i]), formatNumber(stableRight[i]),
        formatNumber(naiveWrong[i], digits: 8), formatNumber(stableWrong[i], digits: 8),
      ]
    })
  if let firstInf, let firstNaN {
    run.say(
      "naive: inf from t = \(formatNumber(firstInf)) (e^−2t underflows to 0), "
        + "NaN from t = \(formatNumber(firstNaN)) (e^t overflows: inf/inf); "
        + "log-sum-exp: finite everywhere = \(stableFinite)")
  }

  let figure = Figure(
    width: 1400, height: 620, rows: 1, columns: 2,
    title: "Softmax cross-entropy of the logits t·[1, −1, 0]: textbook formula vs log-sum-exp")
  let losses = figure[0, 0]
  losses.title = "Loss (breaks in a line are inf or NaN)"
  losses.xLabel = "logit scale t"
  losses.yLabel = "cross-entropy"
  // The naive curves are drawn wide and pale underneath, the stable ones thin on top, so
  // the point where a naive curve stops is visible while the stable one carries on.
  let pale = [Color.okabeIto(1), Color.okabeIto(3)].map { $0.mixed(with: .white, fraction: 0.45) }
  losses.line(x: ts, y: naiveWrong, label: "naive, true class 1", color: pale[0], width: 9)
  losses.line(x: ts, y: naiveRight, label: "naive, true class 0", color: pale[1], width: 9)
  losses.line(x: ts, y: stableWrong, label: "log-sum-exp, true class 1", color: .blue, width: 2)
  losses.line(x: ts, y: stableRight, label: "log-sum-exp, true class 0", color: .black, width: 2)
  if let firstInf {
    losses.verticalLine(
      x: firstInf, label: "naive → inf (t = \(formatNumber(firstInf)))", color: .okabeIto(1))
  }
  if let firstNaN {
    losses.verticalLine(
      x: firstNaN, label: "naive → NaN (t = \(formatNumber(firstNaN)))", color: .okabeIto(3))
  }
  losses.legendPosition = .upperLeft

  // The relative error shows the damage starts long before inf or NaN. For class 0 the
  // true loss ≈ e^−t is below the rounding error of log(p) with p ≈ 1 from t ≈ 37 on, so
  // the naive value is 0: 100% wrong. For class 1 the probability e^−2t is subnormal
  // (fewer significant bits) for t between 354 and 372.
  let errors = figure[0, 1]
  errors.title = "Relative error of the naive loss (lines end at inf / NaN)"
  errors.xLabel = "logit scale t (log scale)"
  errors.yLabel = "|naive − stable| / stable"
  errors.xScale = .log
  errors.yScale = .log
  let floor = 1e-17
  func relativeError(_ naive: [Double], _ exact: [Double]) -> [Double] {
    zip(naive, exact).map { naive, exact in
      naive.isFinite && exact > 0 ? max(abs(naive - exact) / exact, floor) : .nan
    }
  }
  errors.line(
    x: ts, y: relativeError(naiveWrong, stableWrong), label: "true class 1 (smallest logit)",
    color: .okabeIto(1))
  errors.line(
    x: ts, y: relativeError(naiveRight, stableRight), label: "true class 0 (largest logit)",
    color: .okabeIto(3))
  errors.yLimits = 1e-18...1e3
  errors.xLimits = 1...1000
  errors.horizontalLine(y: 1, color: .grey, style: .dotted)
  // Both notes sit in empty space left of the first vertical line (t = 373), below the
  // 100% line and above the floor, so no curve or reference line crosses them.
  errors.text("naive loss = 0 (100% off)", at: (40, 0.03), size: 12)
  if let firstInf {
    errors.verticalLine(x: firstInf, color: .okabeIto(1))
  }
  if let firstNaN {
    errors.verticalLine(x: firstNaN, color: .okabeIto(3))
  }
  errors.text("exact agreement drawn at 1e-17", at: (12, 1e-14), size: 12)
  errors.legendPosition = .upperLeft
  try run.save(
    figure, name: "softmax-stability",
    caption: "The textbook softmax cross-entropy returns inf once e^−2t underflows "
      + "(t ≥ \(firstInf.map { formatNumber($0) } ?? "-")) and NaN once e^t overflows "
      + "(t ≥ \(firstNaN.map { formatNumber($0) } ?? "-")), and loses all precision on "
      + "small losses much earlier; the log-sum-exp form is accurate throughout.")
  run.summary["naive_first_inf_logit"] = firstInf.map(JSONValue.number) ?? .null
  run.summary["naive_first_nan_logit"] = firstNaN.map(JSONValue.number) ?? .null
  run.summary["stable_all_finite"] = .bool(stableFinite)
  run.summary["stable_loss_at_max_logit"] = .number(stableWrong.last ?? .nan)
  run.summary["max_logit"] = .number(ts.last ?? .nan)
}
