import ArgumentParser
import CBLAS
import ChapterKit
import Datasets
import Foundation

/// The `gan` command: the chapter's experiments (the default) and the `gaussian`
/// calculator.
///
/// The root has no options of its own: `gan --quick` runs the default subcommand
/// (`experiments`), so `--json` and `--seed` mean one thing in each subcommand.
struct GANChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "gan",
    abstract: "3.8 Generative adversarial networks (生成对抗网络): a game with known answers, "
      + "and watching it fail.",
    subcommands: [ExperimentsCommand.self, GaussianCommand.self],
    defaultSubcommand: ExperimentsCommand.self)
}

/// `gan [experiments]`: every experiment of the chapter, with figures.
struct ExperimentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "experiments",
    abstract: "Run the chapter's experiments and write the figures (the default).",
    discussion: """
      Writes the figures to <output>/gan/: (1) a 2-D Gaussian with a known answer; (2) a
      ring of 8 Gaussians, modes covered over seeds, saturating against non-saturating
      loss; (3) the dynamics of min_x max_y x·y under simultaneous and alternating steps;
      (4) the optimal discriminator in 1-D; (5) an MLP GAN on Fashion-MNIST (needs
      \(FashionMNIST.defaultDirectory) or --data DIR).
      """)

  @OptionGroup var chapter: ChapterOptions

  @Option(help: "Folder with the Fashion-MNIST .gz files.")
  var data: String = FashionMNIST.defaultDirectory

  func validate() throws {
    if data.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--data: the folder name is empty")
    }
  }

  func run() throws {
    useOneBLASThread()
    let run = try ChapterRun(
      chapter: "gan", title: "3.8 Generative adversarial networks (生成对抗网络)", options: chapter)
    // Load first, so that missing data stops the run before any training.
    _ = try FashionMNIST.load(.train, from: data, limit: 1)
    run.summary["gaussian"] = try runGaussianExperiment(run: run)
    run.summary["gaussian_robustness"] = try runGaussianRobustness(run: run)
    let ring = try runRingExperiment(run: run)
    run.summary["ring"] = ring.json
    run.summary["bilinear_game"] = try runBilinearGameExperiment(run: run)
    run.summary["optimal_discriminator"] = try runOptimalDiscriminatorExperiment(run: run)
    run.summary["fashion"] = try runFashionExperiment(run: run, dataDirectory: data)
    run.summary["saturation"] = try runSaturationExperiment(run: run)
    try run.finish()
  }
}

/// Runs OpenBLAS on one thread. The matrices of this chapter are small (a batch of 256
/// through layers of 32–256 units): splitting one such product over two cores costs more
/// in synchronisation than it saves (measured on `gan gaussian`: 4.1 s of CPU with two
/// threads, 1.7 s with one, for the same numbers).
func useOneBLASThread() {
  openblas_set_num_threads(1)
}
