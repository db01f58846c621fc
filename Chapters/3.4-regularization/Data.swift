import ChapterKit
import Datasets
import Layers
import NumericsCore

/// The Fashion-MNIST slices the experiments use, all from the one loader in Datasets.
struct ChapterData {
  /// The small training set of experiments 1–4 and 6 (overfitting needs few examples).
  var small: Examples
  /// Its validation split: every strength and the stopping epoch are chosen on it.
  var validation: Examples
  /// The full training set (minus the validation split) for experiment 5.
  var full: Examples
  /// The test set: reported, never used to choose anything.
  var test: Examples
}

/// Loads Fashion-MNIST and cuts it: a seeded validation split off the training set, the
/// small training set from the rest, and the test set.
func loadChapterData(
  _ sizes: ExperimentSizes, directory: String, run: ChapterRun
) throws
  -> ChapterData
{
  let (train, test) = try loadFashionMNIST(
    from: directory, trainingLimit: sizes.trainingLimit, testLimit: sizes.testLimit)
  var rng = run.makeGenerator(for: "split")
  let parts = train.split(validationCount: sizes.validationCount, using: &rng)
  let rest = parts.training
  let small = rest.prefix(sizes.smallTrainingCount)
  run.say(
    "data: \(small.count) small-set training, \(parts.validation.count) validation, "
      + "\(rest.count) full training and \(test.count) test images from \(directory)")
  return ChapterData(
    small: examples(small), validation: examples(parts.validation), full: examples(rest),
    test: examples(test))
}

private func examples(_ set: ClassificationSet) -> Examples {
  Examples(inputs: set.features, labels: set.labels, classCount: set.classCount)
}
