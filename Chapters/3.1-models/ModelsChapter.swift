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
    parsing: .unconditional, help: "Epochs of classifier training (default 15; 1 with --quick).")
  var epochs: Int?

  @Option(help: "Hidden layer sizes of the classifier, comma-separated (default 256,128).")
  var hidden: String = "256,128"

  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Adam's learning rate for the classifier (default 0.001).")
  var learningRate: Double = 1e-3

  @Option(
    name: .customLong("batch-size"), parsing: .unconditional,
    help: "Mini-batch size for the classifier (default 128).")
  var batchSize: Int = 128

  @Option(
    parsing: .unconditional,
    help: "Dropout rate after each hidden layer of the classifier, in [0, 1) (default 0).")
  var dropout: Double = 0

  @Option(help: "Folder with the Fashion-MNIST .gz files.")
  var data: String = FashionMNIST.defaultDirectory

  func validate() throws {
    _ = try settings()
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
    guard sizes.count <= 8 else {
      throw ValidationError("--hidden: at most 8 hidden layers, got \(sizes.count)")
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
    guard dropout >= 0 && dropout < 1 else {
      throw ValidationError("--dropout \(dropout) must lie in [0, 1)")
    }
    return ClassifierSettings(
      hidden: sizes, dropout: dropout, epochs: epochCount, learningRate: learningRate,
      batchSize: batchSize,
      dataDirectory: data, trainingLimit: chapter.quick ? 2000 : nil,
      testLimit: chapter.quick ? 1000 : nil)
  }

  func run() throws {
    let settings = try settings()
    // Load first, so that missing data stops the run before any report is printed.
    let data = try loadFashionMNIST(settings)
    let run = try ChapterRun(
      chapter: "models", title: "3.1 Deep learning models (深度学习模型)", options: chapter)
    try runClassifier(settings, data: data, run: run)
    try runRegression(run: run)
    reportModelKinds(run: run)
    try run.finish()
  }
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
