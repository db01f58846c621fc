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

  func run() throws {
    let sizes = ProductionSizes(quick: chapter.quick)
    let data = try loadData(sizes: sizes, directory: data)
    try runExperiments(options: chapter, sizes: sizes, data: data)
  }
}
