/// The trailing moving average over `window` values, shorter at the start, for readable
/// curves of noisy per-step values (losses, D's outputs):
/// ```
/// out[i] = (1 / m) Σ_{j = i−m+1 … i} values[j],     m = min(i + 1, window)
/// ```
/// A running sum: O(n) whatever the window. The sum adds each value once and subtracts it
/// once, so for values of similar size the rounding error stays near n·ε·max|value|.
/// - Precondition: `window ≥ 1`.
public func movingAverage(_ values: [Double], window: Int) -> [Double] {
  precondition(window >= 1, "movingAverage: window \(window) must be ≥ 1")
  var out: [Double] = []
  out.reserveCapacity(values.count)
  var sum = 0.0
  for (i, v) in values.enumerated() {
    sum += v
    if i >= window { sum -= values[i - window] }
    out.append(sum / Double(min(i + 1, window)))
  }
  return out
}
