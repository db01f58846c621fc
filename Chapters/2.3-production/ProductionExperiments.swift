import ArgumentParser
import ChapterKit
import Datasets

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
  var expectedBatch: Double = 1024

  @Option(
    name: .customLong("private-epochs"), parsing: .unconditional,
    help: "Explore: DP-SGD epochs, 1 … 200 (default 20, 1 with --quick).")
  var privateEpochs: Int?

  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Explore: DP-SGD's learning rate (momentum 0.9), in (0, 100] (default 2).")
  var learningRate: Double = 2

  @Option(
    name: .customLong("clip-norm"), parsing: .unconditional,
    help: "Explore: per-example clipping norm C in (0, 100] (default 1).")
  var clipNorm: Double = 1

  func validate() throws {
    if let sigma = noiseMultiplier, !(sigma > 0 && sigma <= 100) {
      throw ValidationError("--noise-multiplier \(sigma) must lie in (0, 100]")
    }
    guard expectedBatch >= 1, expectedBatch <= 16384 else {
      throw ValidationError("--expected-batch \(expectedBatch) must lie in 1 … 16384")
    }
    if let epochs = privateEpochs, !(1...200).contains(epochs) {
      throw ValidationError("--private-epochs \(epochs) must lie in 1 … 200")
    }
    guard learningRate > 0, learningRate <= 100 else {
      throw ValidationError("--learning-rate \(learningRate) must lie in (0, 100]")
    }
    guard clipNorm > 0, clipNorm <= 100 else {
      throw ValidationError("--clip-norm \(clipNorm) must lie in (0, 100]")
    }
  }

  func run() throws {
    let sizes = ProductionSizes(quick: chapter.quick)
    let data = try loadData(sizes: sizes, directory: data)
    if let sigma = noiseMultiplier {
      var settings = PrivateTraining(noiseMultiplier: sigma)
      settings.expectedBatchSize = Swift.min(expectedBatch, Double(data.training.count))
      settings.learningRate = learningRate
      settings.clipNorm = clipNorm
      try explorePrivacy(
        settings, epochs: privateEpochs ?? (chapter.quick ? 1 : 20), data: data, seed: chapter.seed)
      return
    }
    try runExperiments(options: chapter, sizes: sizes, data: data)
  }
}
