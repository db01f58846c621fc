import ArgumentParser
import ChapterKit
import Datasets
import Foundation
import Regularization

/// The `regularization` command: overfitting on a small training set, every cure the source
/// names measured on one run, and a CNN (parameter sharing) on the full data.
struct RegularizationChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "regularization",
    abstract: "3.4 Regularization (正则化): overfitting made visible, and what cures it.",
    discussion: """
      Experiments: (1) a wide MLP overfits 1,000 Fashion-MNIST images; (2) L2, L1, max-norm, \
      dropout, early stopping and augmentation side by side, each tuned on the validation \
      split, ±SE over seeds; (3) L1 against L2 weights: exact zeros and the λ sweep from \
      overfitting to underfitting; (4) max-norm bounds weights, not gradients; (5) a CNN \
      against MLPs on the full training set; (6) L2 equals weight decay for SGD, not Adam. \
      With --l2, --l1, --max-norm or --dropout the chapter trains the small-set MLP once \
      with those strengths (exploration; writes to --output, default under .build/).
      Needs Fashion-MNIST (Debian: \(FashionMNIST.installCommand)), read from \
      \(FashionMNIST.defaultDirectory) or --data DIR.
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(help: "Folder with the Fashion-MNIST .gz files.")
  var data: String = FashionMNIST.defaultDirectory

  @Option(
    parsing: .unconditional, help: "Explore: L2 strength λ (coupled gradient term λ·W), in [0, 1].")
  var l2: Double?

  @Option(
    parsing: .unconditional, help: "Explore: L1 strength λ (proximal soft-thresholding), in [0, 1]."
  )
  var l1: Double?

  @Option(
    name: .customLong("max-norm"), parsing: .unconditional,
    help: "Explore: max-norm radius c, in (0, 100].")
  var maxNorm: Double?

  @Option(
    parsing: .unconditional, help: "Explore: dropout rate after each hidden layer, in [0, 0.9].")
  var dropout: Double?

  @Option(
    parsing: .unconditional,
    help: "Explore: epochs of the exploration run, 1…500 (default 30, quick 2).")
  var epochs: Int?

  var exploring: Bool { l2 != nil || l1 != nil || maxNorm != nil || dropout != nil }

  func validate() throws {
    if data.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--data: the folder name is empty")
    }
    if let l2, !(l2 >= 0 && l2 <= 1) { throw ValidationError("--l2 must lie in [0, 1], got \(l2)") }
    if let l1, !(l1 >= 0 && l1 <= 1) { throw ValidationError("--l1 must lie in [0, 1], got \(l1)") }
    if let maxNorm, !(maxNorm > 0 && maxNorm <= 100) {
      throw ValidationError("--max-norm must lie in (0, 100], got \(maxNorm)")
    }
    if let dropout, !(dropout >= 0 && dropout <= 0.9) {
      throw ValidationError("--dropout must lie in [0, 0.9], got \(dropout)")
    }
    if let epochs {
      guard (1...500).contains(epochs) else {
        throw ValidationError("--epochs must lie in 1…500, got \(epochs)")
      }
      guard exploring else {
        throw ValidationError(
          "--epochs sets the exploration run: give --l2, --l1, --max-norm or --dropout")
      }
    }
  }

  func run() throws {
    let sizes = chapter.quick ? ExperimentSizes.quick : ExperimentSizes.full
    let run = try ChapterRun(
      chapter: "regularization", title: "3.4 Regularization (正则化)", options: chapter,
      exploring: exploring)
    let data = try loadChapterData(sizes, directory: self.data, run: run)
    if exploring {
      run.summary["exploration"] = try runExploration(
        Regularization(l2: l2 ?? 0, l1: l1 ?? 0, maxNorm: maxNorm), dropout: dropout ?? 0,
        epochs: epochs ?? sizes.epochs, data: data, sizes: sizes, run: run)
      try run.finish()
      return
    }
    // Each experiment's wall-clock seconds go to the report and to summary.json
    // (`seconds.<experiment>`): what the chapter's share of the course budget buys.
    var seconds = [String: JSONValue]()
    func timed<T>(_ key: String, _ body: () throws -> T) rethrows -> T {
      let clock = ContinuousClock()
      let start = clock.now
      let result = try body()
      let (whole, fraction) = (clock.now - start).components
      seconds[key] = .number(Double(whole) + Double(fraction) * 1e-18)
      return result
    }
    run.summary["overfitting"] = try timed("overfitting") {
      try runOverfittingExperiment(data: data, sizes: sizes, run: run).summary
    }
    run.summary["cures"] = try timed("cures") {
      try runCuresExperiment(data: data, sizes: sizes, run: run).summary
    }
    run.summary["sparsity"] = try timed("sparsity") {
      try runSparsityExperiment(data: data, sizes: sizes, run: run)
    }
    run.summary["max_norm"] = try timed("max_norm") {
      try runMaxNormExperiment(
        data: data, sizes: sizes, radius: sizes.maxNormCandidates.min() ?? 1, run: run)
    }
    let cnn = try timed("cnn_and_mlps") { try runCNNExperiment(data: data, sizes: sizes, run: run) }
    run.summary["cnn"] = cnn.cnn
    run.summary["models"] = cnn.models
    run.summary["weight_decay"] = try timed("weight_decay") {
      try runWeightDecayExperiment(data: data, sizes: sizes, run: run)
    }
    run.summary["seconds"] = .object(seconds)
    run.section("Seconds per experiment (wall clock)")
    run.table(
      header: ["experiment", "seconds"],
      rows: seconds.keys.sorted().map { key in
        if case .number(let value) = seconds[key] { return [key, formatNumber(value, digits: 3)] }
        return [key, "?"]
      })
    try run.finish()
  }
}
