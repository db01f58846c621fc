import Adversarial
import ChapterKit
import NumericsCore
import Plot

/// The two figures of experiment 2: snapshots of one seed under both losses, and the
/// counts over seeds.
func drawRingFigures(run: ChapterRun, ring: Ring, runs: [RingRun], sizes: RingSizes) throws {
  // For each loss, the run that covers the fewest modes (the first such seed).
  let featured = [GeneratorLoss.nonSaturating, .saturating].compactMap { loss in
    runs.filter { $0.loss == loss }.min { $0.covered < $1.covered }
  }
  let columns = sizes.snapshots.count
  let figure = Figure(
    width: 330 * columns + 100, height: 760, rows: 2, columns: columns,
    title: "G's samples on the ring, non-saturating (NS, top) and saturating (S) loss; "
      + "grey: data")
  // The data behind the snapshots: a fixed stream, independent of the run's generators.
  var dataRNG = Xoshiro256StarStar(seed: 8)
  let data = ring.sample(count: 800, using: &dataRNG)
  for (row, ringRun) in featured.enumerated() {
    for (column, snapshot) in ringRun.snapshots.enumerated() {
      let axes = figure[row, column]
      let short = ringRun.loss == .saturating ? "S" : "NS"
      axes.title = "\(short), seed \(ringRun.seed), step \(snapshot.step)"
      axes.xLabel = "x₁"
      axes.yLabel = column == 0 ? "x₂" : ""
      axes.equalAspect = true
      axes.xLimits = -3...3
      axes.yLimits = -3...3
      axes.scatter(
        x: data.column(0), y: data.column(1), label: nil, color: .grey, size: 3, alpha: 0.4)
      axes.scatter(
        x: snapshot.samples.column(0), y: snapshot.samples.column(1), label: nil,
        color: row == 0 ? .blue : .red, size: 3, alpha: 0.5)
      axes.legendPosition = .none
    }
  }
  try run.save(
    figure, name: "ring-snapshots",
    caption: "1000 fixed noise vectors through G during training on 8 Gaussians (grey), "
      + "for each loss the seed that covers the fewest modes; top: non-saturating loss, bottom: "
      + "saturating (minimax) loss. Final: "
      + featured.map { "\($0.loss.rawValue) covers \($0.covered) of 8 modes" }.joined(
        separator: ", ") + ".")

  let counts = Figure(
    width: 1400, height: 620, rows: 1, columns: 2,
    title: "Over \(sizes.seeds) seeds: modes covered and sample quality for both G losses")
  let covered = counts[0, 0]
  covered.title = "modes covered (≥ 1% of samples within 3σ)"
  covered.xLabel = "run (loss · seed)"
  covered.yLabel = "modes covered (of 8)"
  covered.yLimits = 0...11
  let quality = counts[0, 1]
  quality.title = "share of samples within 3σ of a mode"
  quality.xLabel = "run (loss · seed)"
  quality.yLabel = "high-quality share"
  quality.yLimits = 0...1.2
  // One category per run; each loss is a bar series that is zero on the other's runs.
  let losses: [(GeneratorLoss, String, Color)] = [
    (.nonSaturating, "NS", .blue), (.saturating, "S", .red),
  ]
  let labels = losses.flatMap { loss in (0..<sizes.seeds).map { "\(loss.1)·\($0)" } }
  for (loss, _, color) in losses {
    let values = losses.flatMap { other in
      runs.filter { $0.loss == other.0 }.map { other.0 == loss ? $0 : nil }
    }
    covered.bars(
      labels: labels, heights: values.map { $0.map { Double($0.covered) } ?? 0 },
      label: "\(loss.rawValue) (\(loss == .saturating ? "S" : "NS"))", color: color)
    quality.bars(
      labels: labels, heights: values.map { $0?.highQuality ?? 0 },
      label: "\(loss.rawValue) (\(loss == .saturating ? "S" : "NS"))", color: color)
  }
  covered.horizontalLine(y: 8, label: "all 8 modes", color: .grey)
  covered.legendPosition = .upperRight
  quality.legendPosition = .upperRight
  try run.save(
    counts, name: "ring-modes",
    caption: "Modes covered and high-quality share after \(sizes.steps) steps, per seed "
      + "(NS: non-saturating, S: saturating loss). A run below 8 has collapsed onto fewer modes.")
}
