import Foundation
import Losses
import NumericsCore

// Calibration: does a model's confidence mean what it says? Among the predictions made
// with confidence 0.9, about 90% should be right. Modern networks trained to a low
// training loss are often over-confident (Guo, Pleiss, Sun & Weinberger, "On Calibration
// of Modern Neural Networks", ICML 2017), and temperature scaling — dividing every logit by
// one number T fitted on held-out data — is the simple fix that paper recommends.

/// One bin of a reliability diagram.
public struct ReliabilityBin: Sendable, Equatable {
  /// The bin's confidence interval `(lower, upper]` (the first bin includes 0).
  public let lower: Double
  public let upper: Double
  /// Predictions whose confidence fell in the bin.
  public let count: Int
  /// Their mean confidence (NaN for an empty bin).
  public let meanConfidence: Double
  /// The fraction of them that were right (NaN for an empty bin).
  public let accuracy: Double
}

/// The reliability diagram's bins: predictions grouped by confidence.
///
/// The confidence of a prediction is its top probability `max_j p_ij`, the prediction its
/// arg-max. Bins are equal-width on [0, 1]: bin `b` holds confidences in
/// `(b/B, (b+1)/B]` (the first also 0).
///
/// - Parameters:
///   - probabilities: `N × C`, rows summing to 1.
///   - labels: `N` true classes.
///   - binCount: `B ≥ 1` (the course uses 15, as Guo et al. 2017).
public func reliabilityBins(
  probabilities: Matrix, labels: [Int], binCount: Int = 15
)
  -> [ReliabilityBin]
{
  precondition(
    probabilities.rows == labels.count,
    "reliabilityBins: \(probabilities.rows) rows of probabilities but \(labels.count) labels")
  precondition(binCount >= 1, "reliabilityBins: bin count \(binCount) must be ≥ 1")
  var counts = [Int](repeating: 0, count: binCount)
  var confidenceSums = [Double](repeating: 0, count: binCount)
  var correct = [Int](repeating: 0, count: binCount)
  let predictions = probabilities.rowArgmax()
  for i in 0..<labels.count {
    let confidence = probabilities[i, predictions[i]]
    // ⌈c·B⌉ − 1 puts c = b/B exactly into bin b − 1: intervals closed on the right.
    let bin = Swift.min(
      binCount - 1, Swift.max(0, Int((confidence * Double(binCount)).rounded(.up)) - 1))
    counts[bin] += 1
    confidenceSums[bin] += confidence
    if predictions[i] == labels[i] { correct[bin] += 1 }
  }
  return (0..<binCount).map { b in
    ReliabilityBin(
      lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount),
      count: counts[b], meanConfidence: confidenceSums[b] / Double(counts[b]),
      accuracy: Double(correct[b]) / Double(counts[b]))
  }
}

/// The expected calibration error: the gap between confidence and accuracy, averaged over
/// the bins *weighted by how many predictions each holds*.
///
/// ```
/// ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b|        (B equal-width bins)
/// ```
/// (Naeini, Cooper & Hauskrecht 2015; Guo et al. 2017 with B = 15.) Weighting each bin
/// equally instead would let a handful of rare low-confidence predictions dominate.
///
/// - Returns: ECE in [0, 1] (0 for no predictions).
public func expectedCalibrationError(
  probabilities: Matrix, labels: [Int], binCount: Int = 15
)
  -> Double
{
  let bins = reliabilityBins(probabilities: probabilities, labels: labels, binCount: binCount)
  let total = Double(labels.count)
  guard total > 0 else { return 0 }
  return bins.reduce(0) { sum, bin in
    bin.count == 0 ? sum : sum + Double(bin.count) / total * abs(bin.accuracy - bin.meanConfidence)
  }
}

/// The mean negative log-likelihood of the labels under `softmax(logits / T)`.
public func temperatureScaledNLL(logits: Matrix, labels: [Int], temperature: Double) -> Double {
  precondition(temperature > 0, "temperatureScaledNLL: temperature \(temperature) must be > 0")
  return softmaxCrossEntropy(logits: logits / temperature, labels: labels).value
}

/// Fits the temperature `T` that minimises the validation NLL of `softmax(z/T)`.
///
/// With `β = 1/T`, the NLL `(1/N) Σ_i [logsumexp(β z_i) − β z_{i,y_i}]` is convex in β: its
/// second derivative is the mean variance of the logits under `softmax(β z_i)`. So Newton's
/// method on β, kept inside a bracket that shrinks with the sign of the first derivative,
/// finds the unique minimum:
///
/// ```
/// NLL'(β)  = (1/N) Σ_i (E_{p_i}[z_i] − z_{i,y_i}),     p_i = softmax(β z_i)
/// NLL''(β) = (1/N) Σ_i Var_{p_i}[z_i]
/// ```
/// Only T changes, never the arg-max, so accuracy is untouched.
///
/// - Parameters:
///   - logits: `N × C` validation logits (never the test set).
///   - labels: their classes.
/// - Returns: `T` in [0.01, 100].
public func fitTemperature(logits: Matrix, labels: [Int]) -> Double {
  precondition(
    logits.rows == labels.count && !labels.isEmpty, "fitTemperature: needs labelled logits")
  var (low, high) = (0.01, 100.0)  // the bracket on β
  var beta = 1.0
  for _ in 0..<100 {
    let (first, second) = nllDerivatives(logits: logits, labels: labels, beta: beta)
    if first > 0 { high = beta } else { low = beta }
    var next = second > 0 ? beta - first / second : .nan
    if !(next > low && next < high) { next = (low + high) / 2 }  // Newton left the bracket
    if abs(next - beta) <= 1e-12 * beta { beta = next; break }
    beta = next
  }
  return 1 / beta
}

/// The first and second derivative of the mean NLL with respect to β = 1/T.
private func nllDerivatives(logits: Matrix, labels: [Int], beta: Double) -> (Double, Double) {
  let p = softmax(logits * beta)
  var (first, second) = (0.0, 0.0)
  for i in 0..<logits.rows {
    var (mean, meanSquare) = (0.0, 0.0)
    for j in 0..<logits.columns {
      mean += p[i, j] * logits[i, j]
      meanSquare += p[i, j] * logits[i, j] * logits[i, j]
    }
    first += mean - logits[i, labels[i]]
    second += meanSquare - mean * mean
  }
  let n = Double(logits.rows)
  return (first / n, second / n)
}
