import ArgumentParser
import ChapterKit
import Datasets
import Foundation

/// `production` / `production run`: the chapter's experiments.
struct ProductionExperiments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run the chapter's experiments and write the figures.",
    discussion: """
      Needs Fashion-MNIST (Debian: \(FashionMNIST.installCommand)), read from
      \(FashionMNIST.defaultDirectory) or --data DIR. Four parts: reliability under
      distribution shift and calibration; latency and size in float64, float32 and int8;
      privacy with DP-SGD and a membership-inference attack; attribution maps.
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(help: "Folder with the Fashion-MNIST .gz files.")
  var data: String = FashionMNIST.defaultDirectory

  @Option(
    name: .customLong("noise-multiplier"), parsing: .unconditional,
    help:
      "Explore: train one DP-SGD model with this σ in (0, 100] and print its ε and accuracy (no figures)."
  )
  var noiseMultiplier: Double?

  @Option(
    name: .customLong("expected-batch"), parsing: .unconditional,
    help: "Explore: DP-SGD's expected batch size q·N, 1 … 16384 (default 1024).")
  var expectedBatch: Double?

  @Option(
    name: .customLong("private-epochs"), parsing: .unconditional,
    help: "Explore: DP-SGD epochs, 1 … 200 (default 20, 1 with --quick).")
  var privateEpochs: Int?

  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Explore: DP-SGD's learning rate (momentum 0.9), in (0, 100] (default 2).")
  var learningRate: Double?

  @Option(
    name: .customLong("clip-norm"), parsing: .unconditional,
    help: "Explore: per-example clipping norm C in (0, 100] (default 1).")
  var clipNorm: Double?

  func validate() throws {
    if data.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--data: the folder name is empty")
    }
    if let sigma = noiseMultiplier, !(sigma > 0 && sigma <= 100) {
      throw ValidationError("--noise-multiplier \(sigma) must lie in (0, 100]")
    }
    if let expectedBatch, !(expectedBatch >= 1 && expectedBatch <= 16384) {
      throw ValidationError("--expected-batch \(expectedBatch) must lie in 1 … 16384")
    }
    if let epochs = privateEpochs, !(1...200).contains(epochs) {
      throw ValidationError("--private-epochs \(epochs) must lie in 1 … 200")
    }
    if let learningRate, !(learningRate > 0 && learningRate <= 100) {
      throw ValidationError("--learning-rate \(learningRate) must lie in (0, 100]")
    }
    if let clipNorm, !(clipNorm > 0 && clipNorm <= 100) {
      throw ValidationError("--clip-norm \(clipNorm) must lie in (0, 100]")
    }
    // The exploration options set the one DP-SGD run; without it they would be ignored.
    let exploration = [
      ("--expected-batch", expectedBatch != nil), ("--private-epochs", privateEpochs != nil),
      ("--learning-rate", learningRate != nil), ("--clip-norm", clipNorm != nil),
    ]
    if noiseMultiplier == nil, let (name, _) = exploration.first(where: { $0.1 }) {
      throw ValidationError("\(name) sets the DP-SGD exploration: give --noise-multiplier too")
    }
  }

  func run() throws {
    let sizes = ProductionSizes(quick: chapter.quick)
    let data = try loadData(sizes: sizes, directory: data)
    if let sigma = noiseMultiplier {
      var settings = PrivateTraining(noiseMultiplier: sigma)
      settings.expectedBatchSize = Swift.min(expectedBatch ?? 1024, Double(data.training.count))
      settings.learningRate = learningRate ?? 2
      settings.clipNorm = clipNorm ?? 1
      try explorePrivacy(
        settings, epochs: privateEpochs ?? (chapter.quick ? 1 : 20), data: data, seed: chapter.seed)
      return
    }
    try runExperiments(options: chapter, sizes: sizes, data: data)
  }
}
