import ChapterKit

/// `0.9123` → `91.23%`.
func percent(_ fraction: Double) -> String {
  fraction.isFinite ? formatNumber(fraction * 100, digits: 4) + "%" : "-"
}

/// A mean and its standard error over seeds: `(mean, SE)`; SE is 0 for one seed.
func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double) {
  let n = Double(values.count)
  guard n > 0 else { return (.nan, .nan) }
  let mean = values.reduce(0, +) / n
  guard n > 1 else { return (mean, 0) }
  let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  return (mean, (variance / n).squareRoot())
}
