import ChapterKit
import Foundation
import Layers
import NumericsCore
import Plot
import Production

/// Part 2: latency (p50/p99 per request) and throughput against batch size and width, in
/// float64, float32 and int8, with the accuracy and the size of each.
func runLatency(
  model: Sequential, sizes: ProductionSizes, data: ProductionData, run: ChapterRun
)
  throws
{
  run.section("2. Latency, size and accuracy: float64, float32, int8")
  var rows = [[String]]()
  var formats: [String: JSONValue] = [:]
  var p50ByFormat: [DeployedMLP.Format: [Double]] = [:]
  var p99ByFormat: [DeployedMLP.Format: [Double]] = [:]
  for format in DeployedMLP.Format.allCases {
    let deployed = DeployedMLP(model, format: format)
    let predictions = deployed.predict(data.test.features).rowArgmax()
    let accuracy =
      Double(zip(predictions, data.test.labels).filter { $0 == $1 }.count) / Double(data.test.count)
    var p50s = [Double](), p99s = [Double](), throughputs = [Double]()
    for batch in sizes.batchSizes {
      let input = data.test.features.rows(at: Array(0..<batch))
      var sink = 0.0
      let latency = measureLatency(repeats: sizes.latencyRepeats) {
        sink += deployed.predict(input)[0, 0]
      }
      precondition(sink.isFinite)
      p50s.append(latency.quantile(0.5))
      p99s.append(latency.quantile(0.99))
      throughputs.append(Double(batch) / latency.quantile(0.5))
    }
    p50ByFormat[format] = p50s
    p99ByFormat[format] = p99s
    rows.append([
      format.rawValue, formatPercent(accuracy, decimals: 2),
      "\(deployed.parameterBytes / 1024) KiB",
      microseconds(p50s[0]), microseconds(p99s[0]), "\(Int(throughputs.last!)) /s",
    ])
    formats[format.rawValue] = .object([
      "test_accuracy": .number(accuracy),
      "parameter_bytes": .number(Double(deployed.parameterBytes)),
      "batch_sizes": .numbers(sizes.batchSizes.map(Double.init)), "p50_seconds": .numbers(p50s),
      "p99_seconds": .numbers(p99s), "throughput_per_second": .numbers(throughputs),
    ])
  }
  run.table(
    header: [
      "format", "test acc", "parameters", "p50 batch 1", "p99 batch 1",
      "throughput at \(sizes.batchSizes.last!)",
    ],
    rows: rows)
  run.summary["latency"] = .object(formats)
  if case .object(let f64) = formats["float64"], case .object(let i8) = formats["int8"],
    case .number(let a64) = f64["test_accuracy"], case .number(let a8) = i8["test_accuracy"],
    case .number(let b64) = f64["parameter_bytes"], case .number(let b8) = i8["parameter_bytes"]
  {
    let p50Ratio = p50ByFormat[.int8]![0] / p50ByFormat[.float64]![0]
    let paired = pairedBatch1Ratios(
      model: model, input: data.test.features.rows(at: [0]), rounds: sizes.latencyRounds)
    run.summary["int8_vs_float64"] = .object([
      "accuracy_points_lost": .number(100 * (a64 - a8)), "size_ratio": .number(b64 / b8),
      "batch1_latency_ratio": .number(paired.int8), "batch1_p50_ratio": .number(p50Ratio),
      "batch1_float32_latency_ratio": .number(paired.float32),
      "batch1_rounds": .number(Double(sizes.latencyRounds)),
    ])
    run.say(
      "int8 vs float64: \(formatNumber(100 * (a64 - a8), digits: 3)) accuracy points lost, "
        + "\(formatNumber(b64 / b8, digits: 3))× smaller, batch-1 latency × "
        + "\(formatNumber(paired.int8, digits: 3)) (median of \(sizes.latencyRounds) "
        + "interleaved rounds; ratio of the p50s above: \(formatNumber(p50Ratio, digits: 3)))")
  }
  let widthLatencies = try measureWidths(sizes: sizes, data: data, run: run)
  try saveLatencyFigure(
    sizes: sizes, p50: p50ByFormat, p99: p99ByFormat, widths: widthLatencies, run: run)
}

/// The batch-1 latency of int8 and float32 relative to float64, robust to a shared machine.
///
/// Each round times one request in every format back to back, and the ratio is the median
/// over rounds of `t_int8 / t_float64` (`Measurement.pairedRatio`): the formats of one round
/// meet the same background load, and the median ignores the rounds a neighbour's burst
/// hit. Two separately measured p50s, as in the table, can drift apart by more than the
/// effect being measured when other jobs share the CPU.
private func pairedBatch1Ratios(
  model: Sequential, input: Matrix, rounds: Int
)
  -> (int8: Double, float32: Double)
{
  let formats: [DeployedMLP.Format] = [.float64, .float32, .int8]
  let deployed = formats.map { DeployedMLP(model, format: $0) }
  var samples = [[Double]](repeating: [], count: formats.count)
  var sink = 0.0
  for round in 0..<(rounds + 10) {
    for (i, network) in deployed.enumerated() {
      let seconds = secondsToRun { sink += network.predict(input)[0, 0] }
      if round >= 10 { samples[i].append(seconds) }  // 10 warm-up rounds
    }
  }
  precondition(sink.isFinite)
  let times = samples.map { Measurement(perCallSeconds: $0) }
  return (times[2].pairedRatio(to: times[0]), times[1].pairedRatio(to: times[0]))
}

/// Batch-1 p50 latency of untrained one-hidden-layer networks of several widths.
private func measureWidths(
  sizes: ProductionSizes, data: ProductionData, run: ChapterRun
) throws
  -> [DeployedMLP.Format: [Double]]
{
  var rng = run.makeGenerator(for: "widths")
  var result: [DeployedMLP.Format: [Double]] = [:]
  let input = data.test.features.rows(at: [0])
  for width in sizes.widths {
    let network = Sequential.multilayerPerceptron(sizes: [784, width, 10], using: &rng)
    for format in DeployedMLP.Format.allCases {
      let deployed = DeployedMLP(network, format: format)
      var sink = 0.0
      let latency = measureLatency(repeats: sizes.latencyRepeats) {
        sink += deployed.predict(input)[0, 0]
      }
      precondition(sink.isFinite)
      result[format, default: []].append(latency.quantile(0.5))
    }
  }
  run.summary["latency_by_width"] = .object(
    Dictionary(uniqueKeysWithValues: result.map { ($0.key.rawValue, JSONValue.numbers($0.value)) })
      .merging(["widths": .numbers(sizes.widths.map(Double.init))]) { a, _ in a })
  return result
}

private func saveLatencyFigure(
  sizes: ProductionSizes, p50: [DeployedMLP.Format: [Double]], p99: [DeployedMLP.Format: [Double]],
  widths: [DeployedMLP.Format: [Double]], run: ChapterRun
) throws {
  // The title states what this run measured: the fastest format at batch 1.
  let fastest = DeployedMLP.Format.allCases.min { p50[$0]![0] < p50[$1]![0] }!
  let figure = Figure(
    width: 1400, height: 650, rows: 1, columns: 2,
    title: "At batch 1, \(fastest.rawValue) answered fastest in this run; "
      + "timings vary with the load")
  let left = figure[0, 0]
  left.title = "Latency per batch (p50 solid, p99 dotted)"
  left.xLabel = "batch size"
  left.yLabel = "seconds per batch"
  left.xScale = .log
  left.yScale = .log
  let batches = sizes.batchSizes.map(Double.init)
  for (index, format) in DeployedMLP.Format.allCases.enumerated() {
    left.line(
      x: batches, y: p50[format]!, label: format.rawValue, color: .okabeIto(index), marker: .circle)
    left.line(x: batches, y: p99[format]!, color: .okabeIto(index), style: .dotted)
  }
  let right = figure[0, 1]
  right.title = "Batch-1 p50 latency vs hidden width (784-w-10)"
  right.xLabel = "hidden units w"
  right.yLabel = "seconds"
  right.xScale = .log
  right.yScale = .log
  for (index, format) in DeployedMLP.Format.allCases.enumerated() {
    right.line(
      x: sizes.widths.map(Double.init), y: widths[format]!, label: format.rawValue,
      color: .okabeIto(index), marker: .circle)
  }
  try run.save(
    figure, name: "latency",
    caption: "Inference of the 3.1 MLP on one core of this machine in three number formats: "
      + "time per batch (p50 and p99 over repeated single requests) against batch size, and "
      + "batch-1 latency against the hidden width.")
}

/// `12.3 µs`.
func microseconds(_ seconds: Double) -> String { "\(formatNumber(seconds * 1e6, digits: 3)) µs" }
