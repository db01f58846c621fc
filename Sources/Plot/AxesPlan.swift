// The layout of one axes: its data limits, ticks, margins and plot area in pixels.

import Foundation

struct AxesPlan {
  let axes: Axes
  let cell: Rect
  let mode: Axes.Mode
  /// Data limits (for a matrix heatmap: 0…columns and 0…rows).
  var x: (Double, Double)
  var y: (Double, Double)
  var showXTickLabels = true
  var showYTickLabels = true
  var margins = Margins()
  /// The plot area; edges are whole pixels.
  var area: Rect
  var xTicks = TickSet(major: [], labels: [])
  var yTicks = TickSet(major: [], labels: [])
  /// Widest y tick label, for placing the y axis label.
  var yTickLabelWidth = 0.0
  /// Width reserved right of the plot area for a colorbar (0: none).
  var colorbarWidth = 0.0
  /// Width reserved right of the plot area for an outside legend (0: none).
  var outsideLegendWidth = 0.0
  /// For a `.below` legend: its columns and the distance from the plot area's bottom edge
  /// to its top (under the tick labels and the x axis label).
  var belowLegendColumns = 1
  var belowLegendOffset = 0.0

  init(axes: Axes, cell: Rect, warn: (String) -> Void) {
    self.axes = axes
    self.cell = cell
    mode = axes.mode
    switch mode {
    case .cartesian:
      (x, y) = axes.automaticLimits(warn: warn)
    case .matrix(let rows, let columns):
      x = (0, Double(columns))
      y = (0, Double(rows))
    case .imageGrid:
      x = (0, 1)
      y = (0, 1)
    }
    area = Rect(
      left: cell.left + 80, top: cell.top + 45, right: cell.right - 25, bottom: cell.bottom - 60)
  }

  var xScale: Scale {
    if case .cartesian = mode { return axes.xScale }
    return .linear
  }

  var yScale: Scale {
    if case .cartesian = mode { return axes.yScale }
    return .linear
  }

  var xMapping: AxisMapping {
    AxisMapping(lower: x.0, upper: x.1, scale: xScale, start: area.left, end: area.right)
  }

  /// y grows upwards, except for a matrix heatmap whose row 0 is at the top.
  var yMapping: AxisMapping {
    if case .matrix = mode {
      return AxisMapping(lower: y.0, upper: y.1, scale: .linear, start: area.top, end: area.bottom)
    }
    return AxisMapping(lower: y.0, upper: y.1, scale: yScale, start: area.bottom, end: area.top)
  }

  var layout: AxesLayout { AxesLayout(x: xMapping, y: yMapping) }

  /// Maps a data point to pixels (nil when a coordinate cannot be shown).
  func pixel(_ px: Double, _ py: Double) -> Point? {
    guard let a = xMapping.pixel(px), let b = yMapping.pixel(py) else { return nil }
    return Point(x: a, y: b)
  }

  /// The heatmap whose colorbar this axes shows, if any.
  var colorbarHeatmap: HeatmapSpec? {
    for s in axes.series {
      if case .heatmap(let spec) = s.kind, spec.colorbar { return spec }
    }
    return nil
  }

  /// Chooses ticks for the current plot area size.
  mutating func computeTicks() {
    switch mode {
    case .cartesian:
      // Targets of about one label per 70 px across and 45 px up; thinning removes any
      // labels that would still touch.
      let xIntervals = Swift.min(10, Swift.max(2, Int(area.width / 70)))
      let yIntervals = Swift.min(10, Swift.max(2, Int(area.height / 45)))
      xTicks =
        xScale == .log
        ? Ticks.log(x.0, x.1, maxIntervals: xIntervals)
        : Ticks.linear(x.0, x.1, maxIntervals: xIntervals)
      yTicks =
        yScale == .log
        ? Ticks.log(y.0, y.1, maxIntervals: yIntervals)
        : Ticks.linear(y.0, y.1, maxIntervals: yIntervals)
      if let labels = axes.categoryLabels, xScale == .linear {
        let visible = labels.indices.filter { Double($0) >= x.0 && Double($0) <= x.1 }
        xTicks = TickSet(major: visible.map(Double.init), labels: visible.map { labels[$0] })
      }
    case .matrix(let rows, let columns):
      var spec: HeatmapSpec?
      for s in axes.series {
        if case .heatmap(let h) = s.kind { spec = h }
      }
      let columnLabels = spec?.columnLabels ?? (0..<columns).map(String.init)
      let rowLabels = spec?.rowLabels ?? (0..<rows).map(String.init)
      xTicks = TickSet(
        major: (0..<columns).map { Double($0) + 0.5 },
        labels: (0..<columns).map { $0 < columnLabels.count ? columnLabels[$0] : "" })
      yTicks = TickSet(
        major: (0..<rows).map { Double($0) + 0.5 },
        labels: (0..<rows).map { $0 < rowLabels.count ? rowLabels[$0] : "" })
    case .imageGrid:
      xTicks = TickSet(major: [], labels: [])
      yTicks = TickSet(major: [], labels: [])
    }
  }

  /// Reserves room for everything drawn outside the plot area.
  mutating func measureMargins(text: TextRenderer, fonts: FontSizes) {
    let titleSpace =
      axes.title.isEmpty ? 16 : text.lineHeight(size: fonts.title) + 22
    if case .imageGrid = mode {
      margins = Margins(left: 4, top: titleSpace, right: 4, bottom: 4)
      return
    }
    yTickLabelWidth =
      showYTickLabels ? (yTicks.labels.map { text.width($0, size: fonts.tick) }.max() ?? 0) : 0
    var left = 8 + yTickLabelWidth + textGap + tickLength
    if !axes.yLabel.isEmpty { left += text.lineHeight(size: fonts.label) + 10 }
    var bottom = tickLength + textGap + 8
    if showXTickLabels { bottom += text.lineHeight(size: fonts.tick) }
    if !axes.xLabel.isEmpty { bottom += text.lineHeight(size: fonts.label) + 10 }
    // Half of the last x tick label may stick out to the right.
    let lastLabel = showXTickLabels ? text.width(xTicks.labels.last ?? "", size: fonts.tick) : 0
    var right = Swift.max(16, lastLabel / 2 + 6)
    if let spec = colorbarHeatmap {
      let range = HeatmapRange(spec: spec)
      let ticks = Ticks.linear(range.lower, range.upper, maxIntervals: 6)
      let widest = ticks.labels.map { text.width($0, size: fonts.tick) }.max() ?? 0
      colorbarWidth = 18 + 20 + tickLength + textGap + widest + 6
      if spec.colorbarLabel != nil { colorbarWidth += text.lineHeight(size: fonts.label) + 8 }
      right = Swift.max(right, colorbarWidth + 6)
    }
    if axes.legendPosition == .outsideRight {
      let legend = Legend(axes: axes, text: text, fonts: fonts)
      if !legend.entries.isEmpty {
        outsideLegendWidth = legend.size().width + 16
        right += outsideLegendWidth
      }
    }
    if axes.legendPosition == .below {
      let legend = Legend(axes: axes, text: text, fonts: fonts)
      if !legend.entries.isEmpty {
        belowLegendColumns = legend.columnsFitting(width: cell.width - left - right)
        belowLegendOffset = bottom + 4
        bottom += 4 + legend.size(columns: belowLegendColumns).height + 6
      }
    }
    margins = Margins(left: left, top: titleSpace, right: right, bottom: bottom)
  }

  /// Sets the plot area from cell and margins, squared for matrix heatmaps and equal aspect.
  mutating func placePlotArea() {
    var r = Rect(
      left: (cell.left + margins.left).rounded(), top: (cell.top + margins.top).rounded(),
      right: (cell.right - margins.right).rounded(),
      bottom: (cell.bottom - margins.bottom).rounded())
    r.right = Swift.max(r.right, r.left + 10)
    r.bottom = Swift.max(r.bottom, r.top + 10)
    var unitsWide = 0.0
    var unitsHigh = 0.0
    if case .matrix(let rows, let columns) = mode {
      unitsWide = Double(columns)
      unitsHigh = Double(rows)
    } else if axes.equalAspect, case .cartesian = mode, xScale == .linear, yScale == .linear {
      unitsWide = x.1 - x.0
      unitsHigh = y.1 - y.0
    }
    if unitsWide > 0 && unitsHigh > 0 {
      let s = Swift.min(r.width / unitsWide, r.height / unitsHigh)
      let w = (s * unitsWide).rounded()
      let h = (s * unitsHigh).rounded()
      let left = (r.left + (r.width - w) / 2).rounded()
      let top = (r.top + (r.height - h) / 2).rounded()
      r = Rect(left: left, top: top, right: left + w, bottom: top + h)
    }
    area = r
  }
}

/// The values a heatmap maps to the two ends of its colormap.
struct HeatmapRange {
  var lower: Double
  var upper: Double

  init(spec: HeatmapSpec) {
    if let range = spec.range {
      lower = range.lowerBound
      upper = range.upperBound
    } else {
      let finite = spec.values.joined().filter(\.isFinite)
      lower = finite.min() ?? 0
      upper = finite.max() ?? 1
    }
    if upper <= lower {
      (lower, upper) = Ticks.widened(lower, upper, scale: .linear)
    }
  }

  /// Position of `value` along the colormap, 0…1 (NaN for non-finite values).
  func fraction(_ value: Double) -> Double {
    guard value.isFinite else { return .nan }
    return (value - lower) / (upper - lower)
  }
}
