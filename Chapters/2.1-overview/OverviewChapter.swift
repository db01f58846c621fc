// 2.1–2.2 What deep learning is, and why (什么是深度学习？/ 为什么需要深度学习？): the
// chapter executable `overview`.
//
// The source's opening claims about data, compute and iterations, measured: a learning
// curve of a linear model and an MLP on Fashion-MNIST (test accuracy against the number of
// labelled training images), the training time and multiply-adds of both, and the number
// of optimizer steps each needs before its validation accuracy stops improving.

import ArgumentParser
import ChapterKit
import Datasets
import Foundation

@main
struct OverviewChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "overview",
    abstract: "2.1–2.2 What deep learning is, and why (什么是深度学习？/ 为什么需要深度学习？): "
      + "a learning curve, training time and steps of a linear model and an MLP.",
    discussion: """
      Needs Fashion-MNIST (Debian: \(FashionMNIST.installCommand)), read from
      \(FashionMNIST.defaultDirectory) or --data DIR.

      Examples:
        overview                          full run (about a minute in release)
        overview --quick                  100 and 500 training images, a few seconds
        overview --sizes 100,1000,10000   other training-set sizes
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(
    parsing: .unconditional,
    help: """
      Training-set sizes, comma-separated, at most 12, each in 10...55000 (10...500 with \
      --quick; default 100,300,1000,3000,10000,30000,55000; 100,500 with --quick).
      """)
  var sizes: String?

  @Option(help: "Folder with the Fashion-MNIST .gz files.")
  var data: String = FashionMNIST.defaultDirectory

  func validate() throws { _ = try settings() }

  /// The options, checked; every problem is a one-line `ValidationError` (exit 64).
  func settings() throws -> LearningCurveSettings {
    guard !data.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("--data: the folder name is empty")
    }
    var settings = LearningCurveSettings(quick: chapter.quick, dataDirectory: data)
    if let sizes {
      let parsed = try sizes.split(separator: ",", omittingEmptySubsequences: false).map {
        part -> Int in
        let text = part.trimmingCharacters(in: .whitespaces)
        guard let size = Int(text), (10...settings.largestSize).contains(size) else {
          throw ValidationError(
            "--sizes: '\(text)' is not a training-set size in 10...\(settings.largestSize)")
        }
        return size
      }
      guard parsed.count <= 12 else {
        throw ValidationError("--sizes: at most 12 sizes, got \(parsed.count)")
      }
      settings.sizes = Array(Set(parsed)).sorted()
    }
    return settings
  }

  func run() throws {
    let settings = try settings()
    let data = try loadData(settings)
    let run = try ChapterRun(
      chapter: "overview", title: "2.1–2.2 What deep learning is, and why (什么是深度学习？)",
      options: chapter)
    let curve = try runLearningCurve(settings, data: data, run: run)
    try saveOverviewFigures(curve, run: run)
    try run.finish()
  }
}

/// Loads the training and test splits, turning data errors into one readable line.
private func loadData(
  _ settings: LearningCurveSettings
) throws -> (train: ClassificationSet, test: ClassificationSet) {
  try loadFashionMNIST(
    from: settings.dataDirectory, trainingLimit: settings.trainingLimit,
    testLimit: settings.testLimit)
}
