import ArgumentParser
import ChapterKit

/// `production` / `production run`: the chapter's experiments.
struct ProductionExperiments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run the chapter's experiments and write the figures.")

  @OptionGroup var chapter: ChapterOptions

  func run() throws {
    try runExperiments(options: chapter)
  }
}
