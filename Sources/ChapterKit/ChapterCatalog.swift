/// One chapter of the course: its source section, its executable, its title.
public struct ChapterInfo: Sendable {
  /// The source article's section number, e.g. `3.2`.
  public let number: String
  /// The executable's name, also the folder of its figures, e.g. `losses`.
  public let executable: String
  /// The English title.
  public let title: String
  /// The source's Chinese section title, so readers can map one to the other.
  public let sourceTitle: String
  /// The folder under `Chapters/`, e.g. `3.2-loss-functions`.
  public let folder: String
  /// Chapters whose `summary.json` this one reads (3.7 reads 3.6's n-gram perplexity):
  /// when both run in one `course`, this one starts only after they have finished.
  public let readsFrom: [String]
  /// Roughly how long the full run takes on one core, in seconds. Only the order in which
  /// `course` starts chapters depends on it (longest first, so that the longest chapter is
  /// not left to run alone at the end); a stale value costs minutes, never correctness.
  public let typicalSeconds: Int

  public init(
    number: String, executable: String, title: String, sourceTitle: String, folder: String,
    readsFrom: [String] = [], typicalSeconds: Int = 0
  ) {
    self.number = number
    self.executable = executable
    self.title = title
    self.sourceTitle = sourceTitle
    self.folder = folder
    self.readsFrom = readsFrom
    self.typicalSeconds = typicalSeconds
  }
}

/// The chapters in course order. `course` runs those whose executable is built; adding a
/// chapter means adding its line here (and its executable target in Package.swift).
public let chapterCatalog: [ChapterInfo] = [
  ChapterInfo(
    number: "2.1–2.2", executable: "overview", title: "What deep learning is, and why",
    sourceTitle: "什么是深度学习？/ 为什么需要深度学习？", folder: "2.1-overview", typicalSeconds: 49),
  ChapterInfo(
    number: "2.3", executable: "production", title: "The problems of production",
    sourceTitle: "现阶段存在的问题", folder: "2.3-production", typicalSeconds: 310),
  ChapterInfo(
    number: "3.1", executable: "models", title: "Models", sourceTitle: "深度学习模型",
    folder: "3.1-models", typicalSeconds: 43),
  ChapterInfo(
    number: "3.2", executable: "losses", title: "Loss functions", sourceTitle: "损失函数",
    folder: "3.2-loss-functions", typicalSeconds: 1),
  ChapterInfo(
    number: "3.3", executable: "optimizers", title: "Optimizers", sourceTitle: "优化算法",
    folder: "3.3-optimizers", typicalSeconds: 3),
  ChapterInfo(
    number: "3.4", executable: "regularization", title: "Regularization", sourceTitle: "正则化",
    folder: "3.4-regularization", typicalSeconds: 402),
  ChapterInfo(
    number: "3.5", executable: "monte-carlo", title: "Monte Carlo", sourceTitle: "蒙特卡洛法",
    folder: "3.5-monte-carlo", typicalSeconds: 11),
  ChapterInfo(
    number: "3.6", executable: "sequences", title: "Sequence models", sourceTitle: "序列模型",
    folder: "3.6-sequences", typicalSeconds: 3),
  ChapterInfo(
    number: "3.7", executable: "rnn", title: "Recurrent neural networks", sourceTitle: "循环神经网络",
    folder: "3.7-rnn", readsFrom: ["sequences"], typicalSeconds: 736),
  ChapterInfo(
    number: "3.8", executable: "gan", title: "Generative adversarial networks",
    sourceTitle: "生成对抗网络", folder: "3.8-gan", typicalSeconds: 70),
]
