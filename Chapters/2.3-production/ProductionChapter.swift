// 2.3 The problems of production (现阶段存在的问题): the chapter executable `production`.
//
// `production` (or `production run`) runs the chapter's experiments; `production privacy`
// is the accountant: the (ε, δ) that a DP-SGD run spends, for a teacher to check by hand
// or against another accountant.

import ArgumentParser
import ChapterKit

@main
struct ProductionChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "production",
    abstract: "2.3 The problems of production (现阶段存在的问题): reliability under shift and "
      + "calibration, latency and quantisation, privacy (DP-SGD), interpretability.",
    subcommands: [ProductionExperiments.self, PrivacyCommand.self],
    defaultSubcommand: ProductionExperiments.self)
}
