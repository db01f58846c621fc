import ArgumentParser
import ChapterKit
import Datasets
import Foundation

/// The `sequences` command: the three sequence problems solved with classical models, and
/// the `ngram` calculator.
struct SequencesChapter: ChapterCommand {
  static let configuration = CommandConfiguration(
    commandName: "sequences",
    abstract: "3.6 Sequence models (序列模型): probability (n-gram language models), prediction "
      + "(AR forecasts) and labelling (HMM decoding), the baselines chapter 3.7's RNN must beat.",
    discussion: """
      Experiments: (1) character n-gram models, n = 1…6, on the English word list split by
      word (add-1, add-k and interpolated Kneser–Ney tuned on validation; perplexity;
      generated words); (2) AR(p) on a noisy periodic signal, p chosen on validation, one-
      vs k-step forecast error, QR against the normal equations; (3) a hidden Markov model:
      Viterbi, posterior and filtered decoding against noise and the number of states, and
      10⁵ steps in log space.

      Calculator: `sequences ngram --help`.
      """,
    subcommands: [NGramCalculator.self])

  @OptionGroup var chapter: ChapterOptions

  @Option(
    help: ArgumentHelp(
      "Word list for experiment 1 (default: the wamerican list). Another list is an "
        + "exploration: unless --output is given, figures then go to .build/exploration/."))
  var words: String = WordList.defaultPath

  func validate() throws {
    if words.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--words: the file name is empty")
    }
  }

  func run() throws {
    // Exploring another word list must not overwrite the committed figure set.
    let run = try ChapterRun(
      chapter: "sequences", title: "3.6 Sequence models (序列模型)", options: chapter,
      exploring: words != WordList.defaultPath)
    let sizes = ExperimentSizes(quick: chapter.quick)
    try runProbabilityExperiment(run: run, sizes: sizes, wordsPath: words)
    run.summary["ar"] = try runPredictionExperiment(run: run, sizes: sizes)
    run.summary["conditioning"] = try runConditioningExperiment(run: run)
    run.summary["hmm"] = try runLabellingExperiment(run: run, sizes: sizes)
    try run.finish()
  }
}
