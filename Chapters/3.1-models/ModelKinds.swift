import ChapterKit

/// One kind of model from the source's list, and what changes in the network.
struct ModelKind {
  var kind: String
  var source: String
  var output: String
  var loss: String
  var chapter: String
}

/// The six kinds of model that section 3.1 of the source lists.
let modelKinds = [
  ModelKind(
    kind: "classification", source: "分类模型", output: "C scores → softmax",
    loss: "cross-entropy", chapter: "3.1 models (this one)"),
  ModelKind(
    kind: "regression", source: "回归模型", output: "k real values, no activation",
    loss: "MSE / MAE / Huber", chapter: "3.1 models, 3.2 losses"),
  ModelKind(
    kind: "clustering", source: "聚类模型", output: "no labels: an embedding or k centres",
    loss: "within-cluster distance (k-means)", chapter: "planned"),
  ModelKind(
    kind: "sequence", source: "序列模型", output: "one distribution per time step",
    loss: "cross-entropy per step (perplexity)", chapter: "3.6 sequences, 3.7 rnn (both planned)"),
  ModelKind(
    kind: "recommendation", source: "推荐系统模型", output: "a score per (user, item) pair",
    loss: "MSE on ratings or ranking loss", chapter: "planned"),
  ModelKind(
    kind: "reinforcement learning", source: "强化学习模型",
    output: "action values or action probabilities",
    loss: "TD error or policy gradient (no fixed labels)", chapter: "planned"),
]

/// Part 3: prints the table of model kinds and records it in the summary.
func reportModelKinds(run: ChapterRun) {
  run.section("3. Kinds of model: what changes is the output layer and the loss")
  // The Chinese names stay out of the terminal table: they are two columns wide each,
  // which a character-counting table cannot align. LESSON.md shows them.
  run.table(
    header: ["kind", "output layer", "loss", "chapter"],
    rows: modelKinds.map { [$0.kind, $0.output, $0.loss, $0.chapter] })
  run.summary["model_kinds"] = .array(modelKinds.map { .string($0.kind) })
}
