// Counting values into equal-width bins: the data behind every histogram figure.

/// Counts of values in equal-width bins, with NumPy's conventions (`numpy.histogram`).
///
/// ```
/// width  = (upper − lower) / bins
/// edgeᵢ  = lower + i · width,                 i = 0 … bins
/// bin i  = [edgeᵢ, edgeᵢ₊₁)   (the last bin also includes `upper`)
/// ```
/// Values outside the range, and NaN, are not counted. Shapes: `edges` has `bins + 1`
/// elements, `counts` has `bins`.
///
/// ```swift
/// let h = Histogram(values: [0, 0.5, 1, 1.5, 2], bins: 2)   // range 0...2
/// h.edges    // [0, 1, 2]
/// h.counts   // [2, 3]   (0, 0.5 | 1, 1.5, 2)
/// ```
public struct Histogram: Sendable, Equatable {
  /// The bin edges, increasing; `edges.count == counts.count + 1`.
  public let edges: [Double]
  /// How many values fell into each bin.
  public let counts: [Int]

  /// Bins `values` into `bins` equal-width bins over `range`.
  ///
  /// - Parameters:
  ///   - values: the sample; NaN and values outside `range` are ignored.
  ///   - bins: the number of bins, at least 1.
  ///   - range: the interval to cover. By default the sample's minimum…maximum (over the
  ///     finite values); when that interval is a single point `v`, it becomes
  ///     `v − 0.5 … v + 0.5`, as in NumPy.
  /// - Precondition: `bins >= 1`; `range` has finite bounds; without `range`, `values`
  ///   holds at least one finite value.
  public init(values: [Double], bins: Int, range: ClosedRange<Double>? = nil) {
    precondition(bins >= 1, "Histogram: bins \(bins) must be at least 1")
    var lower: Double
    var upper: Double
    if let range {
      precondition(
        range.lowerBound.isFinite && range.upperBound.isFinite,
        "Histogram: range \(range) must have finite bounds")
      (lower, upper) = (range.lowerBound, range.upperBound)
    } else {
      let finite = values.filter { $0.isFinite }
      precondition(!finite.isEmpty, "Histogram: no finite values to choose a range from")
      (lower, upper) = (finite.min()!, finite.max()!)
    }
    if lower == upper {
      lower -= 0.5
      upper += 0.5
    }
    let width = (upper - lower) / Double(bins)
    var edges = (0...bins).map { lower + Double($0) * width }
    edges[bins] = upper  // exact, whatever the rounding of lower + bins · width
    var counts = [Int](repeating: 0, count: bins)
    for x in values where x >= lower && x <= upper {
      // The division can land one bin off next to an edge; the edges are the truth.
      var i = Swift.min(Int((x - lower) / width), bins - 1)
      if i > 0 && x < edges[i] { i -= 1 }
      if i < bins - 1 && x >= edges[i + 1] { i += 1 }
      counts[i] += 1
    }
    self.edges = edges
    self.counts = counts
  }

  /// The midpoint of each bin (`bins` values), where a bar or a line point goes.
  public var centers: [Double] {
    (0..<counts.count).map { (edges[$0] + edges[$0 + 1]) / 2 }
  }

  /// The counts scaled to a probability density: `countᵢ / (N · widthᵢ)`, where `N` is
  /// the number of values counted, so the bars' areas sum to 1 (NumPy's `density=True`).
  /// All zeros when nothing was counted.
  public var densities: [Double] {
    let total = counts.reduce(0, +)
    guard total > 0 else { return counts.map { _ in 0 } }
    return (0..<counts.count).map {
      Double(counts[$0]) / (Double(total) * (edges[$0 + 1] - edges[$0]))
    }
  }
}
