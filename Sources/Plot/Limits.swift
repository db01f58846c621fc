// Automatic axis limits: the union of every series' data range, padded by 5 % of the span
// on the sides where padding helps (lines, points) and tight where it would look wrong
// (bars start at zero, a contour grid or heatmap fills the area exactly).
//
// Work happens in transformed coordinates (log10 on a log axis), so padding is a fixed
// fraction of the drawn length on both scales.

import Foundation

/// A data interval contributed by one series along one axis.
struct Extent {
  var lower: Double
  var upper: Double
  var padLower = true
  var padUpper = true
}

/// Gathers extents along one axis, counting values a log axis cannot show.
struct ExtentCollector {
  let scale: Scale
  var extents: [Extent] = []
  var droppedNonPositive = 0

  init(scale: Scale) { self.scale = scale }

  /// Whether a value can be placed on this axis (finite; positive on a log axis).
  func accepts(_ value: Double) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }

  /// Adds the range of `values` (values the axis cannot show are skipped and counted).
  mutating func add(_ values: [Double], padLower: Bool = true, padUpper: Bool = true) {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values {
      if accepts(v) {
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
      } else if v.isFinite {
        droppedNonPositive += 1
      }
    }
    if lo <= hi {
      extents.append(Extent(lower: lo, upper: hi, padLower: padLower, padUpper: padUpper))
    }
  }

  /// The padded union, or nil without data.
  func limits() -> (Double, Double)? {
    guard !extents.isEmpty else { return nil }
    func t(_ v: Double) -> Double { scale == .log ? log10(v) : v }
    let lo = extents.map { t($0.lower) }.min()!
    let hi = extents.map { t($0.upper) }.max()!
    var span = hi - lo
    if span <= abs(hi) * 1e-12 {
      // A constant series: let `Ticks.widened` choose a sensible range around it.
      let (a, b) = Ticks.widened(extents[0].lower, extents[0].upper, scale: scale)
      return (a, b)
    }
    span *= 0.05
    var paddedLo = Double.infinity
    var paddedHi = -Double.infinity
    for e in extents {
      paddedLo = Swift.min(paddedLo, t(e.lower) - (e.padLower ? span : 0))
      paddedHi = Swift.max(paddedHi, t(e.upper) + (e.padUpper ? span : 0))
    }
    return scale == .log ? (pow(10, paddedLo), pow(10, paddedHi)) : (paddedLo, paddedHi)
  }
}

extension Axes {
  /// What kind of plot area this axes is.
  enum Mode {
    /// Ordinary x/y axes.
    case cartesian
    /// A heatmap of a matrix: columns along x, rows downwards.
    case matrix(rows: Int, columns: Int)
    /// A grid of images: no axes at all.
    case imageGrid
  }

  /// The labels of a bar series: the x axis then shows categories instead of numbers.
  var categoryLabels: [String]? {
    for s in series {
      if case .bars(let labels, _, _) = s.kind { return labels }
    }
    return nil
  }

  var mode: Mode {
    for s in series {
      if case .imageGrid = s.kind { return .imageGrid }
      if case .heatmap(let spec) = s.kind, spec.extent == nil {
        return .matrix(rows: spec.values.count, columns: spec.values[0].count)
      }
    }
    return .cartesian
  }

  /// The data limits this axes would choose alone (explicit limits win), reporting values
  /// dropped from log axes through `warn`.
  func automaticLimits(warn: (String) -> Void) -> (x: (Double, Double), y: (Double, Double)) {
    var xs = ExtentCollector(scale: xScale)
    var ys = ExtentCollector(scale: yScale)
    for s in series { s.addExtents(x: &xs, y: &ys) }
    let name = title.isEmpty ? "" : " of '\(title)'"
    if xs.droppedNonPositive > 0 {
      warn("log x axis\(name): ignored \(xs.droppedNonPositive) non-positive values")
    }
    if ys.droppedNonPositive > 0 {
      warn("log y axis\(name): ignored \(ys.droppedNonPositive) non-positive values")
    }
    let defaultRange: (Double, Double) = (xScale == .log ? (1, 10) : (0, 1))
    let defaultY: (Double, Double) = (yScale == .log ? (1, 10) : (0, 1))
    var x = xs.limits() ?? defaultRange
    var y = ys.limits() ?? defaultY
    if let xLimits { x = (xLimits.lowerBound, xLimits.upperBound) }
    if let yLimits { y = (yLimits.lowerBound, yLimits.upperBound) }
    return (Ticks.widened(x.0, x.1, scale: xScale), Ticks.widened(y.0, y.1, scale: yScale))
  }
}

extension Series {
  /// Adds this series' data to the collectors; only points valid on both axes count.
  func addExtents(x xs: inout ExtentCollector, y ys: inout ExtentCollector) {
    func pairs(_ x: [Double], _ y: [Double]) {
      var px: [Double] = []
      var py: [Double] = []
      for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
        if xs.accepts(a) && ys.accepts(b) {
          px.append(a)
          py.append(b)
        } else {
          if !xs.accepts(a) { xs.droppedNonPositive += 1 }
          if !ys.accepts(b) { ys.droppedNonPositive += 1 }
        }
      }
      xs.add(px)
      ys.add(py)
    }
    switch kind {
    case .line(let x, let y, _, _, _), .scatter(let x, let y, _, _, _):
      pairs(x, y)
    case .band(let x, let lower, let upper, _, _):
      pairs(x + x, lower + upper)
    case .contour(let x, let y, _, _, _, _):
      xs.add(x, padLower: false, padUpper: false)
      ys.add(y, padLower: false, padUpper: false)
    case .heatmap(let spec):
      if let extent = spec.extent {
        xs.add([extent.x.lowerBound, extent.x.upperBound], padLower: false, padUpper: false)
        ys.add([extent.y.lowerBound, extent.y.upperBound], padLower: false, padUpper: false)
      }
    case .imageGrid:
      break
    case .histogram(let values, let bins, _):
      if let h = HistogramBins(values: values, bins: bins) {
        xs.add([h.edges[0], h.edges[h.edges.count - 1]])
        ys.add([0, Double(h.counts.max() ?? 0)], padLower: ys.scale == .log, padUpper: true)
      }
    case .bars(let labels, let heights, _):
      xs.add([-0.5, Double(labels.count) - 0.5], padLower: false, padUpper: false)
      let finite = heights.filter(\.isFinite)
      ys.add(
        [finite.min().map { Swift.min(0, $0) } ?? 0, finite.max().map { Swift.max(0, $0) } ?? 1],
        padLower: (finite.min() ?? 0) < 0, padUpper: true)
    case .horizontalLine(let y, _, _):
      ys.add([y])
    case .verticalLine(let x, _, _):
      xs.add([x])
    case .text(_, let point, _):
      pairs([point.x], [point.y])
    case .arrow(let from, let to, _):
      pairs([from.x, to.x], [from.y, to.y])
    }
  }
}

/// Equal-width bins over the finite values' range (a constant sample gets width 1).
struct HistogramBins {
  var edges: [Double]
  var counts: [Int]

  init?(values: [Double], bins: Int) {
    let finite = values.filter(\.isFinite)
    guard let lo0 = finite.min(), let hi0 = finite.max() else { return nil }
    var lo = lo0
    var hi = hi0
    if hi - lo <= abs(hi) * 1e-12 {
      lo -= 0.5
      hi += 0.5
    }
    let width = (hi - lo) / Double(bins)
    edges = (0...bins).map { lo + Double($0) * width }
    edges[bins] = hi
    counts = [Int](repeating: 0, count: bins)
    for v in finite {
      let index = Swift.min(bins - 1, Swift.max(0, Int((v - lo) / width)))
      counts[index] += 1
    }
  }
}
