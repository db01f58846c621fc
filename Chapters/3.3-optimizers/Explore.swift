// Explore mode: one optimizer, one test function, the whole path.

import ChapterKit
import Foundation
import Optimizers
import Plot

/// The checked settings of one explore run.
struct ExploreSettings {
  var function: TestFunction
  var kind: OptimizerKind
  var hyperparameters: Hyperparameters
  var start: TestFunction.Point
  var steps: Int
}

struct Explore {
  let settings: ExploreSettings
  let options: ChapterOptions

  func run() throws {
    let s = settings
    let path = s.function.descend(
      from: s.start, kind: s.kind, hyperparameters: s.hyperparameters, steps: s.steps)
    if options.json {
      print(json(path).serialized())
    } else {
      report(path)
    }
    // An exploration: without --output the figure goes to Explorations/optimizers/, never
    // among the course's figures (which the gallery counts); no summary.json is written.
    let run = try ChapterRun(
      chapter: "optimizers", title: "3.3 Optimizers (优化算法): explore", options: quiet,
      exploring: true)
    let figure = Figure(width: 900, height: 760, title: title)
    drawPaths(
      on: figure.axes, function: s.function, paths: [(s.kind.displayName, path)],
      window: window(for: path), colors: [color(of: s.kind)])
    figure.axes.title =
      s.function.formula + (path.divergedAt.map { ": diverged at step \($0)" } ?? "")
    try run.save(figure, name: "explore", caption: title)
    if !options.json { print("figure: \(run.directory.path)/explore.png") }
  }

  /// The run's options with `--json` switched on, so ChapterRun prints nothing itself.
  private var quiet: ChapterOptions {
    var quiet = options
    quiet.json = true
    return quiet
  }

  private var title: String {
    let lr = formatNumber(settings.hyperparameters.learningRate)
    return "\(settings.kind.displayName) (lr \(lr)) on \(settings.function.displayName), "
      + "\(settings.steps) steps"
  }

  /// The function's window, widened to hold the whole path (up to 10× its size).
  private func window(for path: Trajectory) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    let base = settings.function.window
    func widen(_ range: ClosedRange<Double>, _ values: [Double]) -> ClosedRange<Double> {
      let span = range.upperBound - range.lowerBound
      let low = max(min(range.lowerBound, values.min() ?? 0), range.lowerBound - 5 * span)
      let high = min(max(range.upperBound, values.max() ?? 0), range.upperBound + 5 * span)
      let margin = (high - low) * (low < range.lowerBound || high > range.upperBound ? 0.05 : 0)
      return (low - margin)...(high + margin)
    }
    return (
      widen(base.x, path.points.map(\.x)), widen(base.y, path.points.map(\.y))
    )
  }

  private func json(_ path: Trajectory) -> JSONValue {
    var hyperparameters: [String: JSONValue] = [:]
    for (name, value) in settings.hyperparameters.effectiveValues(for: settings.kind) {
      hyperparameters[name] = name == "nesterov" ? .bool(value == 1) : .number(value)
    }
    return .object([
      "function": .string(settings.function.rawValue),
      "optimizer": .string(settings.kind.rawValue),
      "hyperparameters": .object(hyperparameters),
      "start": .numbers([settings.start.x, settings.start.y]),
      "steps": .number(Double(settings.steps)),
      "trajectory": .array(path.points.map { .numbers([$0.x, $0.y]) }),
      "values": .numbers(path.values),
      "minimum": settings.function.minimumValue.isFinite
        ? .number(settings.function.minimumValue) : .null,
      "diverged_at": path.divergedAt.map { .number(Double($0)) } ?? .null,
    ])
  }

  private func report(_ path: Trajectory) {
    let s = settings
    print("\(s.kind.displayName) on \(s.function.rawValue): \(s.function.formula)")
    let values = s.hyperparameters.effectiveValues(for: s.kind)
    print(values.map { "\($0.name) \(formatNumber($0.value))" }.joined(separator: ", "))
    print("start (\(formatNumber(s.start.x)), \(formatNumber(s.start.y))), \(s.steps) steps\n")
    // A compact table: the first ten steps, then about twenty more, and the last.
    let count = path.points.count
    let stride = max(1, (count - 11) / 20)
    let shown = Array(
      Set(Array(0..<min(11, count)) + Swift.stride(from: 10, to: count, by: stride) + [count - 1])
    ).sorted()
    let rows = shown.map { k -> [String] in
      let p = path.points[k]
      let g = s.function.gradient(p.x, p.y)
      return [
        "\(k)", formatNumber(p.x, digits: 6), formatNumber(p.y, digits: 6),
        formatNumber(path.values[k], digits: 6), formatNumber(hypot(g.x, g.y)),
      ]
    }
    print(formatTable(header: ["step", "x", "y", "f(x, y)", "|∇f|"], rows: rows))
    if let k = path.divergedAt {
      print(
        "\ndiverged at step \(k): the point left the finite numbers; \(advice(path)) "
          + "(the path above stops at step \(k - 1))")
    } else if s.function.minimumValue.isFinite {
      let gap = path.finalValue - s.function.minimumValue
      print("\nf − f* after \(count - 1) steps: \(formatNumber(gap))")
    }
  }

  /// What to change after a divergence: a smaller learning rate is the usual cure, but not
  /// when f is already infinite at the start, or when ε = 0 meets a zero gradient component
  /// (the adaptive update g/√v is then 0/0).
  private func advice(_ path: Trajectory) -> String {
    let s = settings
    let f = s.function
    let startGradient = f.gradient(s.start.x, s.start.y)
    if !f.value(s.start.x, s.start.y).isFinite
      || !(startGradient.x.isFinite && startGradient.y.isFinite)
    {
      return "f or its gradient is not finite at the start point, so no learning rate helps: "
        + "choose a start nearer the minimum (default "
        + "\(formatNumber(f.defaultStart.x)),\(formatNumber(f.defaultStart.y)))"
    }
    let epsilon = s.hyperparameters.effectiveValues(for: s.kind).first { $0.name == "epsilon" }
    let g = f.gradient(path.end.x, path.end.y)
    if let epsilon, epsilon.value == 0, g.x == 0 || g.y == 0 {
      return "ε = 0 with a zero gradient component makes the update 0/0: give --epsilon > 0"
    }
    return "try a smaller learning rate"
  }
}
