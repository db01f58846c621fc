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
}

/// The chapters in course order. `course` runs those whose executable is built; adding a
/// chapter means adding its line here (and its executable target in Package.swift).
public let chapterCatalog: [ChapterInfo] = [
  ChapterInfo(
    number: "3.1", executable: "models", title: "Models", sourceTitle: "深度学习模型",
    folder: "3.1-models"),
  ChapterInfo(
    number: "3.2", executable: "losses", title: "Loss functions", sourceTitle: "损失函数",
    folder: "3.2-loss-functions"),
  ChapterInfo(
    number: "3.3", executable: "optimizers", title: "Optimizers", sourceTitle: "优化算法",
    folder: "3.3-optimizers"),
  ChapterInfo(
    number: "3.4", executable: "regularization", title: "Regularization", sourceTitle: "正则化",
    folder: "3.4-regularization"),
  ChapterInfo(
    number: "3.5", executable: "monte-carlo", title: "Monte Carlo", sourceTitle: "蒙特卡洛法",
    folder: "3.5-monte-carlo"),
  ChapterInfo(
    number: "3.6", executable: "sequences", title: "Sequence models", sourceTitle: "序列模型",
    folder: "3.6-sequences"),
  ChapterInfo(
    number: "3.7", executable: "rnn", title: "Recurrent neural networks", sourceTitle: "循环神经网络",
    folder: "3.7-rnn"),
  ChapterInfo(
    number: "3.8", executable: "gan", title: "Generative adversarial networks",
    sourceTitle: "生成对抗网络", folder: "3.8-gan"),
]
