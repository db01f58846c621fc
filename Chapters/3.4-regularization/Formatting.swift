import ChapterKit
import NumericsCore

/// `0.9123` → `91.23%` (ChapterKit's `formatPercent`, four significant digits).
func percent(_ fraction: Double) -> String { formatPercent(fraction) }

/// A mean and its standard error over seeds, `(x̄, √(s²/n))` with NumericsCore's `mean` and
/// `variance`; SE is 0 for one seed, both are NaN for none.
func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double) {
  guard !values.isEmpty else { return (.nan, .nan) }
  guard values.count > 1 else { return (mean(values), 0) }
  return (mean(values), (variance(values) / Double(values.count)).squareRoot())
}
