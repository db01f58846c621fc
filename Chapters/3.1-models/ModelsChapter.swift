// 3.1 Deep learning models (深度学习模型): the chapter executable `models`.
//
// Three parts: an MLP classifying Fashion-MNIST (input, hidden and output layers at work,
// with what the first layer learned), an MLP fitting a noisy 1-D function as its hidden
// layer widens, and the table of model kinds the source lists.

import ArgumentParser
import ChapterKit
import Datasets
import Foundation

@main
struct ModelsChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "3.1 Deep learning models (深度学习模型): an MLP classifies Fashion-MNIST; an MLP "
      + "fits a noisy curve as its hidden layer widens; the kinds of models and what changes.",
    discussion: """
      Needs Fashion-MNIST (Debian: \(FashionMNIST.installCommand)), read from
      \(FashionMNIST.defaultDirectory) or --data DIR.

      Examples:
        models                                  full run (≈ 20 s of training in release)
        models --quick                          2,000 training and 1,000 test images, 1 epoch
        models --hidden 64 --epochs 5           a smaller network
        models --hidden 512,256,128 --learning-rate 0.0005
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(
    parsing: .unconditional,
    help: "Epochs of classifier training, 1…1000 (default 15; 1 with --quick).")
  var epochs: Int?

  @Option(
    help: ArgumentHelp(
      "Hidden layer sizes of the classifier, comma-separated (default 256,128): at most "
        + "\(maximumLayers) layers of 1…\(maximumWidth) units, \(maximumWidth) units in all, "
        + "\(maximumParameters) parameters, and batch size × units at most \(maximumActivations)."))
  var hidden: String = "256,128"

  @Option(
    name: .customLong("training-images"), parsing: .unconditional,
    help: """
      Training images to use, 201…60000 (200 are held out for validation; default all; \
      2000 with --quick).
      """)
  var trainingImages: Int?

  @Option(
    name: .customLong("test-images"), parsing: .unconditional,
    help: "Test images to use, 1…10000 (default all; 1000 with --quick).")
  var testImages: Int?

  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Adam's learning rate for the classifier (default 0.001).")
  var learningRate: Double = 1e-3

  @Option(
    name: .customLong("batch-size"), parsing: .unconditional,
    help: "Mini-batch size for the classifier, 1…60000 (default 128).")
  var batchSize: Int = 128

  @Option(
    parsing: .unconditional,
    help: "Dropout rate after each hidden layer of the classifier, in [0, 1) (default 0).")
  var dropout: Double = 0

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Run only these parts, e.g. 1 (1 classifier, 2 regression, 3 kinds of model; default "
        + "all). Without --output a subset writes to \(ChapterOptions.explorationDirectory)/."))
  var experiments: String?

  @Option(help: "Folder with the Fashion-MNIST .gz files.")
  var data: String = FashionMNIST.defaultDirectory

  func validate() throws {
    _ = try settings()
    _ = try selectedParts()
  }

  /// The parts to run, 1…3.
  func selectedParts() throws -> Set<Int> {
    guard let experiments else { return [1, 2, 3] }
    let numbers = try parseIntegers(experiments, option: "experiments")
    if let bad = numbers.first(where: { !(1...3).contains($0) }) {
      throw ValidationError("--experiments: \(bad) is not a part; they are 1…3")
    }
    return Set(numbers)
  }

  /// The options, checked; every problem is a one-line `ValidationError` (exit 64).
  func settings() throws -> ClassifierSettings {
    let sizes = try hidden.split(separator: ",", omittingEmptySubsequences: false).map {
      part -> Int in
      let text = part.trimmingCharacters(in: .whitespaces)
      guard let size = Int(text), size > 0, size <= 4096 else {
        throw ValidationError("--hidden: '\(text)' is not a layer size in 1...4096 (e.g. 256,128)")
      }
      return size
    }
    guard sizes.count <= Self.maximumLayers else {
      throw ValidationError(
        "--hidden: at most \(Self.maximumLayers) hidden layers, got \(sizes.count)")
    }
    let units = sizes.reduce(0, +)
    guard units <= Self.maximumWidth else {
      throw ValidationError(
        "--hidden: \(units) hidden units in all, at most \(Self.maximumWidth)")
    }
    let widths = [FashionMNIST.imageWidth * FashionMNIST.imageHeight] + sizes + [10]
    let parameters = zip(widths, widths.dropFirst()).map { ($0 + 1) * $1 }.reduce(0, +)
    guard parameters <= Self.maximumParameters else {
      throw ValidationError(
        "--hidden \(hidden) has \(parameters) parameters, at most \(Self.maximumParameters)")
    }
    let epochCount = epochs ?? (chapter.quick ? 1 : 15)
    guard epochCount >= 1 && epochCount <= 1000 else {
      throw ValidationError("--epochs \(epochCount) must lie in 1...1000")
    }
    guard learningRate > 0 && learningRate.isFinite && learningRate <= 10 else {
      throw ValidationError("--learning-rate \(learningRate) must lie in (0, 10]")
    }
    guard batchSize >= 1 && batchSize <= 60_000 else {
      throw ValidationError("--batch-size \(batchSize) must lie in 1...60000")
    }
    guard batchSize * units <= Self.maximumActivations else {
      throw ValidationError(
        "--batch-size \(batchSize) × \(units) hidden units = \(batchSize * units) activations, "
          + "at most \(Self.maximumActivations)")
    }
    guard dropout >= 0 && dropout < 1 else {
      throw ValidationError("--dropout \(dropout) must lie in [0, 1)")
    }
    // 200 of them are held out for validation (`ClassifierSettings.validationCount`).
    if let trainingImages, !(201...60_000).contains(trainingImages) {
      throw ValidationError(
        "--training-images \(trainingImages) must lie in 201...60000 (200 are held out for "
          + "validation)")
    }
    if let testImages, !(1...10_000).contains(testImages) {
      throw ValidationError("--test-images \(testImages) must lie in 1...10000")
    }
    guard !data.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("--data: the folder name is empty")
    }
    return ClassifierSettings(
      hidden: sizes, dropout: dropout, epochs: epochCount, learningRate: learningRate,
      batchSize: batchSize,
      dataDirectory: data, trainingLimit: trainingImages ?? (chapter.quick ? 2000 : nil),
      testLimit: testImages ?? (chapter.quick ? 1000 : nil))
  }

  func run() throws {
    let settings = try settings()
    let parts = try selectedParts()
    // Load first, so that missing data stops the run before any report is printed.
    let data = parts.contains(1) ? try loadFashionMNIST(settings) : nil
    let run = try ChapterRun(
      chapter: "models", title: "3.1 Deep learning models (深度学习模型)", options: chapter,
      exploring: parts.count < 3)
    if let data { try runClassifier(settings, data: data, run: run) }
    if parts.contains(2) { try runRegression(run: run) }
    if parts.contains(3) { reportModelKinds(run: run) }
    try run.finish()
  }
}

extension ModelsChapter {
  /// Bounds on the classifier's size, so that no command line needs gigabytes (the widest
  /// network once allowed, 8 × 4096, took 3.9 GB). Memory is about 5 copies of the
  /// parameters (weights, gradients, Adam's two moments, the best weights) plus the
  /// activations of a batch, forward and backward, in doubles:
  /// ```
  /// 5 · 8 B · 4,000,000 parameters          = 160 MB
  /// 2 · 8 B · 2²⁵ batch × hidden activations = 537 MB
  /// ```
  static let maximumLayers = 8
  static let maximumWidth = 4096
  static let maximumParameters = 4_000_000
  static let maximumActivations = 1 << 25
}

/// What the classifier experiment trains, after validation.
struct ClassifierSettings {
  var hidden: [Int]
  var dropout: Double
  var epochs: Int
  var learningRate: Double
  var batchSize: Int
  var dataDirectory: String
  /// Read only this many training images (quick mode).
  var trainingLimit: Int?
  /// Read only this many test images (quick mode).
  var testLimit: Int?
  /// Training images held out (seeded) for validation: 5,000 of 60,000, 200 with --quick.
  var validationCount: Int { trainingLimit == nil ? 5000 : 200 }
}
