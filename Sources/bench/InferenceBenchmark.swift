import ChapterKit
import Layers
import NumericsCore
import Production

/// Inference of the 3.1 MLP (784-256-10, ReLU) in the three number formats of chapter
/// 2.3's `DeployedMLP`: float64 (`cblas_dgemm`), float32 (`cblas_sgemm`) and int8 (per-channel
/// weights, rows quantised on arrival, the int8 × int8 → int32 C kernel), at batch 1 (one
/// request) and batch 256 (throughput).
///
/// Weights are random (`multilayerPerceptron`'s initialisation, seed 23): the cost of a
/// product does not depend on what it has learned. Inputs are uniform on [0, 1], like pixel
/// intensities. The three formats of one batch size run interleaved, so the time ratios
/// to float64 compare them under the same load (with `--statistic median`, the median of
/// round-by-round ratios).
struct InferenceSection: BenchmarkSection {
  let key = "inference"
  let title =
    "3.1 MLP 784-256-10 inference, ms per batch; time ratios to float64 (< 1 = faster)"

  func run(_ settings: BenchSettings) -> SectionResult {
    var rng = Xoshiro256StarStar(seed: 23)
    let network = Sequential.multilayerPerceptron(sizes: [784, 256, 10], using: &rng)
    let formats = DeployedMLP.Format.allCases
    let deployed = formats.map { DeployedMLP(network, format: $0) }
    var rows: [[String]] = []
    var records: [JSONValue] = []
    for batch in [1, 256] {
      let input = Matrix.uniform(rows: batch, columns: 784, in: 0, 1, using: &rng)
      var sinks = [Double](repeating: 0, count: formats.count)
      let times = measureInterleaved(
        deployed.indices.map { i in { sinks[i] += deployed[i].predict(input)[0, 0] } },
        targetSeconds: settings.targetSeconds)
      precondition(sinks.allSatisfy(\.isFinite), "inference benchmark: non-finite logits")
      let ms = times.map { $0.seconds(settings.statistic) * 1e3 }
      let ratios = times.map { timeRatio($0, to: times[0], settings.statistic) }
      rows.append(
        ["\(batch)"] + ms.map { fixed($0, 4) } + ratios.dropFirst().map { fixed($0, 3) })
      for (i, format) in formats.enumerated() {
        records.append(
          .object([
            "batch": .number(Double(batch)), "format": .string(format.rawValue),
            "ms_per_batch": .number(ms[i]), "time_ratio_to_float64": .number(ratios[i]),
          ]))
      }
    }
    return SectionResult(
      header: ["batch", "float64", "float32", "int8", "float32/float64", "int8/float64"],
      rows: rows, records: records)
  }

  /// `t / t_reference`: the ratio of the best times, or the median of paired round ratios.
  private func timeRatio(
    _ measurement: Measurement, to reference: Measurement, _ statistic: Statistic
  ) -> Double {
    statistic == .best ? measurement.best / reference.best : measurement.pairedRatio(to: reference)
  }
}
