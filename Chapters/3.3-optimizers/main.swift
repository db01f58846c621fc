// 3.3 Optimizers (优化算法): the chapter executable.
//
// Without explore options it runs the six experiments of the lesson and writes their
// figures; with `--function` or `--optimizer` it runs one optimizer on one test function
// and shows the path ("explore mode").

import ArgumentParser
import ChapterKit
import Optimizers
import Plot

struct OptimizersChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimizers",
    abstract: "3.3 Optimizers (优化算法): SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam, "
      + "AdamW and AdaDelta at work.",
    discussion: """
      Without --function/--optimizer: paths over contour lines, convergence, the stability
      limit 2/λ_max, learning-rate sensitivity, mini-batch noise on a small classifier, and
      AdamW vs Adam with L2.

      Explore mode, e.g.:
        optimizers --function rosenbrock --optimizer adam --learning-rate 0.2 --steps 100
      Functions: \(TestFunction.allCases.map(\.rawValue).joined(separator: ", ")).
      Optimizers: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).
      Omitted hyperparameters take PyTorch's defaults.
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(help: "Explore mode: the test function (default rosenbrock).")
  var function: String?

  @Option(help: "Explore mode: the optimizer (default adam).")
  var optimizer: String?

  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Explore mode: the learning rate lr > 0 (default: a rate tuned for the function).")
  var learningRate: Double?

  @Option(
    parsing: .unconditional,
    help: "Explore mode: the number of steps, 1…\(maximumSteps) (default 100).")
  var steps: Int?

  @Option(parsing: .unconditional, help: "Explore mode: the start point x,y.")
  var start: String?

  @Option(parsing: .unconditional, help: "Momentum μ in [0, 1) (SGD, RMSprop).")
  var momentum: Double?

  @Option(parsing: .unconditional, help: "Dampening d in [0, 1) (SGD with momentum).")
  var dampening: Double?

  @Flag(help: "Nesterov momentum (SGD).")
  var nesterov = false

  @Option(parsing: .unconditional, help: "β1 in [0, 1) (Adam, AdamW).")
  var beta1: Double?

  @Option(parsing: .unconditional, help: "β2 in [0, 1) (Adam, AdamW).")
  var beta2: Double?

  @Option(parsing: .unconditional, help: "ε ≥ 0 (AdaGrad, RMSprop, Adam, AdamW, AdaDelta).")
  var epsilon: Double?

  @Option(parsing: .unconditional, help: "α in [0, 1) (RMSprop).")
  var alpha: Double?

  @Option(parsing: .unconditional, help: "ρ in [0, 1) (AdaDelta).")
  var rho: Double?

  @Option(
    name: .customLong("weight-decay"), parsing: .unconditional,
    help: "Weight decay λ ≥ 0 (L2; decoupled for AdamW).")
  var weightDecay: Double?

  /// Explore mode is on when a function or optimizer is named.
  var exploring: Bool { function != nil || optimizer != nil }

  func validate() throws {
    let exploreOnly: [(String, Bool)] = [
      ("--learning-rate", learningRate != nil), ("--steps", steps != nil),
      ("--start", start != nil), ("--momentum", momentum != nil),
      ("--dampening", dampening != nil), ("--nesterov", nesterov), ("--beta1", beta1 != nil),
      ("--beta2", beta2 != nil), ("--epsilon", epsilon != nil), ("--alpha", alpha != nil),
      ("--rho", rho != nil), ("--weight-decay", weightDecay != nil),
    ]
    if !exploring, let (name, _) = exploreOnly.first(where: \.1) {
      throw ValidationError("\(name) belongs to explore mode: add --function or --optimizer")
    }
    guard exploring else { return }
    _ = try exploreSettings()
  }

  func run() throws {
    if exploring {
      try Explore(settings: exploreSettings(), options: chapter).run()
    } else {
      try runExperiments(options: chapter)
    }
  }

  /// Parses and checks the explore options; every problem is a one-line `ValidationError`.
  func exploreSettings() throws -> ExploreSettings {
    let functionName = function ?? "rosenbrock"
    guard let testFunction = TestFunction(rawValue: functionName) else {
      throw ValidationError(
        "unknown function '\(functionName)'; choose one of "
          + TestFunction.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let optimizerName = optimizer ?? "adam"
    guard let kind = OptimizerKind(rawValue: optimizerName) else {
      throw ValidationError(
        "unknown optimizer '\(optimizerName)'; choose one of "
          + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let stepCount = steps ?? 100
    guard stepCount > 0 && stepCount <= Self.maximumSteps else {
      throw ValidationError("--steps \(stepCount) must lie in 1...\(Self.maximumSteps)")
    }
    var startPoint = testFunction.defaultStart
    if let start {
      let values = try parseList(start, option: "start")
      guard values.count == 2 else {
        throw ValidationError("--start: expected two numbers x,y, got \(values.count)")
      }
      startPoint = TestFunction.Point(values[0], values[1])
    }
    let rate = learningRate ?? TunedRates.explore(kind, on: testFunction)
    let hyperparameters = Hyperparameters(
      learningRate: rate, momentum: momentum, dampening: dampening, nesterov: nesterov,
      alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon, rho: rho,
      weightDecay: weightDecay)
    if let problem = hyperparameters.problem(for: kind) {
      throw ValidationError(problem)
    }
    try refuseUnusedHyperparameters(of: kind, hyperparameters: hyperparameters)
    return ExploreSettings(
      function: testFunction, kind: kind, hyperparameters: hyperparameters, start: startPoint,
      steps: stepCount)
  }
}

extension OptimizersChapter {
  /// The most explore steps: the path, its values and the drawing take about 1 kB per step,
  /// so 100,000 steps stay near 100 MB (a million took 1.1 GB).
  static let maximumSteps = 100_000

  /// Refuses a hyperparameter the chosen optimizer does not read (`--optimizer adam
  /// --momentum 0.9`), instead of silently ignoring it.
  func refuseUnusedHyperparameters(
    of kind: OptimizerKind, hyperparameters: Hyperparameters
  )
    throws
  {
    let used = Set(
      hyperparameters.effectiveValues(for: kind).map {
        "--" + $0.name.replacingOccurrences(of: "_", with: "-")
      })
    let given: [(String, Bool)] = [
      ("--momentum", momentum != nil), ("--dampening", dampening != nil),
      ("--nesterov", nesterov), ("--beta1", beta1 != nil), ("--beta2", beta2 != nil),
      ("--epsilon", epsilon != nil), ("--alpha", alpha != nil), ("--rho", rho != nil),
    ]
    if let (name, _) = given.first(where: { $0.1 && !used.contains($0.0) }) {
      let takes = hyperparameters.effectiveValues(for: kind).map {
        "--" + $0.name.replacingOccurrences(of: "_", with: "-")
      }
      throw ValidationError(
        "\(name) is not used by --optimizer \(kind.rawValue) (it takes "
          + "\(takes.joined(separator: ", ")))")
    }
  }
}

OptimizersChapter.main()
