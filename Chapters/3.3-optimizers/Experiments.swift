// The six experiments of the lesson, run in order; each records its numbers in the summary.

import ChapterKit
import Foundation
import NumericsCore
import Optimizers
import Plot

func runExperiments(options: ChapterOptions) throws {
  let run = try ChapterRun(
    chapter: "optimizers", title: "3.3 Optimizers (优化算法)", options: options)
  try pathFigures(run)
  try convergence(run)
  try stability(run)
  try sensitivity(run)
  try noise(run)
  try weightDecay(run)
  try run.finish()
}

/// 1. Paths over contour lines: one panel per optimizer on the bowl and on Rosenbrock.
func pathFigures(_ run: ChapterRun) throws {
  run.section("1. Paths over contour lines")
  var record: [String: JSONValue] = [:]
  for function in [TestFunction.quadratic, .rosenbrock] {
    let steps =
      run.options.quick ? TunedRates.steps(on: function) / 3 : TunedRates.steps(on: function)
    let figure = Figure(
      width: 1600, height: 820, rows: 2, columns: 4,
      title: "\(function.displayName) \(function.formula): \(steps) steps from "
        + "(\(formatNumber(function.defaultStart.x)), \(formatNumber(function.defaultStart.y)))")
    var rows: [[String]] = []
    var entries: [String: JSONValue] = [:]
    for (index, kind) in OptimizerKind.allCases.enumerated() {
      let lr = TunedRates.paths(kind, on: function)
      let path = function.descend(
        from: function.defaultStart, kind: kind,
        hyperparameters: Hyperparameters(learningRate: lr), steps: steps)
      let axes = figure[index / 4, index % 4]
      drawPaths(
        on: axes, function: function, paths: [(kind.displayName, path)], window: function.window,
        colors: [color(of: kind)], labelMarkers: index == 0)
      axes.title = "\(kind.displayName), lr \(formatNumber(lr))"
      axes.legendPosition = index == 0 ? .best : .none
      let gap = path.finalValue - function.minimumValue
      rows.append([
        kind.rawValue, formatNumber(lr),
        "(\(formatNumber(path.end.x)), \(formatNumber(path.end.y)))", formatNumber(gap),
        path.divergedAt.map { "\($0)" } ?? "-",
      ])
      entries[kind.rawValue] = [
        "learning_rate": .number(lr), "final_gap": .number(gap),
        "end": .numbers([path.end.x, path.end.y]),
      ]
    }
    run.say("\(function.rawValue) (\(function.formula)), \(steps) steps:")
    run.table(header: ["optimizer", "lr", "end", "f − f*", "diverged at"], rows: rows)
    record[function.rawValue] = .object(entries)
    try run.save(
      figure, name: "paths-\(function.rawValue)",
      caption: "Paths of the eight optimizers on \(function.displayName) (\(function.formula)) "
        + "from (\(formatNumber(function.defaultStart.x)), \(formatNumber(function.defaultStart.y))), "
        + "\(steps) steps, learning rates tuned by hand.")
  }
  run.summary["paths"] = .object(record)
}

/// One learning-rate sweep: the gap f − f* after `steps` steps for every rate.
struct Sweep {
  var function: TestFunction
  var steps: Int
  var rates: [Double]
  /// `gaps[kind][i]` for `rates[i]`; +∞ when the run diverged.
  var gaps: [OptimizerKind: [Double]]
  var initialGap: Double

  /// The rate with the smallest gap for `kind`.
  func bestRate(_ kind: OptimizerKind) -> Double {
    let g = gaps[kind] ?? []
    let best = g.indices.min { g[$0] < g[$1] } ?? 0
    return rates[best]
  }

  /// How many decades of learning rate reach a gap below `fraction` of the initial gap.
  func forgivingDecades(_ kind: OptimizerKind, fraction: Double = 1e-3) -> Double {
    let good = (gaps[kind] ?? []).filter { $0 < fraction * initialGap }.count
    let decadesPerStep = log10(rates[rates.count - 1] / rates[0]) / Double(rates.count - 1)
    return Double(good) * decadesPerStep
  }
}

/// 4. Learning-rate sensitivity: the final gap across a log-spaced sweep of rates.
func sensitivity(_ run: ChapterRun) throws {
  let quick = run.options.quick
  let functions: [(TestFunction, Int)] = [
    (.quadratic, quick ? 60 : 100), (.rosenbrock, quick ? 300 : 1000),
  ]
  let rates = logarithmicallySpaced(from: 1e-4, to: 10, count: quick ? 11 : 31)
  var sweeps: [TestFunction: Sweep] = [:]
  for (function, steps) in functions {
    var gaps: [OptimizerKind: [Double]] = [:]
    for kind in OptimizerKind.allCases {
      gaps[kind] = rates.map { lr in
        let path = function.descend(
          from: function.defaultStart, kind: kind,
          hyperparameters: Hyperparameters(learningRate: lr), steps: steps)
        return path.divergedAt == nil ? path.finalValue - function.minimumValue : .infinity
      }
    }
    let start = function.defaultStart
    sweeps[function] = Sweep(
      function: function, steps: steps, rates: rates, gaps: gaps,
      initialGap: function.value(start.x, start.y) - function.minimumValue)
  }

  run.section("4. Learning-rate sensitivity")
  let shown: [TestFunction] = [.quadratic, .rosenbrock]
  let figure = Figure(
    width: 1900, height: 680, rows: 1, columns: 2,
    title: "Gap f − f* after N steps against the learning rate: every optimizer has a window")
  var record: [String: JSONValue] = [:]
  for (column, function) in shown.enumerated() {
    guard let sweep = sweeps[function] else { continue }
    let axes = figure[0, column]
    axes.title = "\(function.displayName), \(sweep.steps) steps"
    axes.xScale = .log
    axes.yScale = .log
    axes.xLabel = "learning rate"
    axes.yLabel = "f − f* after \(sweep.steps) steps"
    // Exact zeros cannot go on a log axis: they sit on a labelled floor. Gaps beyond the
    // ceiling, and diverged runs, are drawn at the ceiling with their own markers, so
    // neither vanishes from the picture.
    let floor = 1e-16
    let ceiling = sweep.initialGap * 1e3
    for kind in OptimizerKind.allCases {
      let gaps = sweep.gaps[kind] ?? []
      let finite = sweep.rates.indices.filter { gaps[$0].isFinite }
      axes.line(
        x: finite.map { sweep.rates[$0] }, y: finite.map { min(max(gaps[$0], floor), ceiling) },
        label: kind.displayName, color: color(of: kind), marker: .circle)
      let diverged = sweep.rates.indices.filter { !gaps[$0].isFinite }
      if !diverged.isEmpty {
        axes.scatter(
          x: diverged.map { sweep.rates[$0] },
          y: diverged.map { _ in ceiling * pow(10, 0.2 * Double(1 + kindIndex(kind))) },
          color: color(of: kind), size: 11, alpha: 1, marker: .cross)
      }
    }
    axes.scatter(
      x: [], y: [], label: "× diverged (one row per optimizer, above the ceiling)", color: .grey,
      marker: .cross)
    axes.horizontalLine(y: 1e-3 * sweep.initialGap, label: "10⁻³ × initial gap")
    axes.horizontalLine(
      y: floor, label: "floor 10⁻¹⁶: gap 0 or below", color: .grey, style: .dotted)
    axes.horizontalLine(
      y: ceiling, label: "ceiling 10³ × initial gap", color: .grey, style: .dashDot)
    axes.yLimits = (floor / 10)...(ceiling * 100)
    axes.legendPosition = column == shown.count - 1 ? .outsideRight : .none
    var rows: [[String]] = []
    var entries: [String: JSONValue] = [:]
    for kind in OptimizerKind.allCases {
      let decades = sweep.forgivingDecades(kind)
      rows.append([
        kind.rawValue, formatNumber(sweep.bestRate(kind)),
        formatNumber((sweep.gaps[kind] ?? []).min() ?? .nan), formatNumber(decades, digits: 3),
      ])
      entries[kind.rawValue] = [
        "best_learning_rate": .number(sweep.bestRate(kind)),
        "forgiving_decades": .number(decades),
      ]
    }
    run.say("\(function.rawValue), \(sweep.steps) steps, \(sweep.rates.count) rates 1e-4…10:")
    run.table(
      header: ["optimizer", "best lr", "best f − f*", "decades with gap < 1e-3·initial"],
      rows: rows)
    record[function.rawValue] = .object(entries)
  }
  run.summary["sensitivity"] = .object(record)
  try run.save(
    figure, name: "learning-rate-sensitivity",
    caption: "Final gap against the learning rate for every optimizer: a wide valley means a "
      + "forgiving optimizer. Crosses above the ceiling are diverged runs, one row per "
      + "optimizer; gaps of exactly 0 sit "
      + "on the floor (dotted). The second figure gives each valley's width.")
  try saveWindowWidths(sweeps, run: run)
}

/// 2. Convergence: the gap f − f* per step at the path figures' rates, over more steps.
func convergence(_ run: ChapterRun) throws {
  run.section("2. Convergence (at the rates of the path figures)")
  let functions: [(TestFunction, Int)] = [
    (.quadratic, run.options.quick ? 100 : 300), (.rosenbrock, run.options.quick ? 500 : 5000),
  ]
  let figure = Figure(
    width: 2000, height: 640, rows: 1, columns: 2,
    title: "Convergence: f − f* per step (log scale)")
  var record: [String: JSONValue] = [:]
  for (index, (function, steps)) in functions.enumerated() {
    let axes = figure[0, index]
    axes.title = "\(function.displayName) \(function.formula)"
    axes.yScale = .log
    axes.xLabel = "step"
    axes.yLabel = "f − f*"
    var rows: [[String]] = []
    var entries: [String: JSONValue] = [:]
    let start = function.defaultStart
    for kind in OptimizerKind.allCases {
      let lr = TunedRates.paths(kind, on: function)
      let path = function.descend(
        from: start, kind: kind, hyperparameters: Hyperparameters(learningRate: lr),
        steps: steps)
      let floor = 1e-16
      let gaps = path.values.map { max($0 - function.minimumValue, floor) }
      axes.line(
        x: gaps.indices.map(Double.init), y: gaps,
        label: "\(kind.displayName) (lr \(formatNumber(lr, digits: 2)))", color: color(of: kind))
      let reached = gaps.firstIndex { $0 < 1e-6 }
      rows.append([
        kind.rawValue, formatNumber(lr), formatNumber(gaps[gaps.count - 1]),
        reached.map { "\($0)" } ?? "-",
      ])
      entries[kind.rawValue] = [
        "learning_rate": .number(lr), "final_gap": .number(gaps[gaps.count - 1]),
        "steps_to_1e-6": reached.map { .number(Double($0)) } ?? .null,
      ]
    }
    axes.yLimits = 1e-16...(function.value(start.x, start.y) * 10)
    axes.legendPosition = .outsideRight  // the curves reach every corner of the plot
    run.say("\(function.rawValue), \(steps) steps:")
    run.table(header: ["optimizer", "lr", "final f − f*", "steps to 1e-6"], rows: rows)
    record[function.rawValue] = .object(entries)
  }
  run.summary["convergence"] = .object(record)
  try run.save(
    figure, name: "convergence",
    caption: "f − f* per step on a log axis for the eight optimizers at the learning rates "
      + "of the path figures.")
}

/// The width of each optimizer's learning-rate window, as bars: how many decades of rate
/// bring the gap below 10⁻³ of its start (the valley of the sensitivity figure, measured).
private func saveWindowWidths(_ sweeps: [TestFunction: Sweep], run: ChapterRun) throws {
  let figure = Figure(
    width: 1400, height: 900, rows: 2, columns: 1,
    title: "How wide each optimizer's learning-rate window is (decades of rate that work)")
  for (row, function) in [TestFunction.quadratic, .rosenbrock].enumerated() {
    guard let sweep = sweeps[function] else { continue }
    let axes = figure[row, 0]
    axes.title = "\(function.displayName), \(sweep.steps) steps"
    axes.yLabel = "decades with gap < 10⁻³ × initial"
    axes.bars(
      labels: OptimizerKind.allCases.map(\.displayName),
      heights: OptimizerKind.allCases.map { sweep.forgivingDecades($0) }, color: .blue)
    axes.yLimits = 0...3
  }
  try run.save(
    figure, name: "learning-rate-windows",
    caption: "For each optimizer, the decades of learning rate (of the swept 10⁻⁴…10) whose "
      + "final gap is below 10⁻³ of the starting gap: the width of its valley in the "
      + "sensitivity figure. A bar of 0 means no rate worked within the step budget.")
}

/// The position of `kind` in `OptimizerKind.allCases` (its row of divergence marks).
private func kindIndex(_ kind: OptimizerKind) -> Int {
  OptimizerKind.allCases.firstIndex(of: kind) ?? 0
}
