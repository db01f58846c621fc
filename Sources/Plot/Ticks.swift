// "Nice" tick positions and compact labels.
//
// Linear axes: the step is 1, 2 or 5 × 10^k, the smallest such step that gives at most the
// target number of intervals over the range; ticks are the multiples of the step inside
// the range. Log axes: one tick per decade (every 2nd, 3rd, … decade when there are many),
// with 2…9 × 10^k as unlabelled minor ticks; a range within one decade falls back to
// 1/2/5 steps. Labels are as short as the step allows: 0.25, −3, 1e-6, 10⁴.

import Foundation

/// Tick positions for one axis.
struct TickSet: Equatable {
  /// Labelled ticks, ascending.
  var major: [Double]
  /// Unlabelled minor ticks (log axes only), ascending.
  var minor: [Double] = []
  /// The labels of `major`.
  var labels: [String]
}

enum Ticks {
  /// The smallest 1/2/5 × 10^k step that divides `span` into at most `maxIntervals`.
  static func niceStep(span: Double, maxIntervals: Int) -> Double {
    precondition(span > 0 && span.isFinite, "niceStep: span \(span) must be positive")
    let raw = span / Double(Swift.max(1, maxIntervals))
    let exponent = floor(log10(raw))
    let base = pow(10, exponent)
    for multiple in [1.0, 2, 5, 10] where multiple * base >= raw * (1 - 1e-9) {
      return multiple * base
    }
    return 10 * base
  }

  /// Limits widened when they are empty or reversed: a zero-width range around `v` becomes
  /// `v ± 10 %` (±1 around zero); on a log axis `v / √10 … v · √10`.
  static func widened(_ lower: Double, _ upper: Double, scale: Scale) -> (Double, Double) {
    var lo = Swift.min(lower, upper)
    var hi = Swift.max(lower, upper)
    if scale == .log {
      if !(lo > 0) { lo = hi > 0 ? hi / 10 : 1 }
      if !(hi > 0) { hi = 10 }
      if hi / lo < 1 + 1e-9 {
        lo /= 10.0.squareRoot()
        hi *= 10.0.squareRoot()
      }
      return (lo, hi)
    }
    if hi - lo <= abs(hi) * 1e-12 {
      let delta = lo == 0 ? 1 : abs(lo) * 0.1
      lo -= delta
      hi += delta
    }
    return (lo, hi)
  }

  /// Ticks for `[lower, upper]` on a linear axis with at most `maxIntervals` steps.
  static func linear(_ lower: Double, _ upper: Double, maxIntervals: Int) -> TickSet {
    let (lo, hi) = widened(lower, upper, scale: .linear)
    let step = niceStep(span: hi - lo, maxIntervals: maxIntervals)
    let first = (lo / step - 1e-9).rounded(.up)
    let last = (hi / step + 1e-9).rounded(.down)
    var values: [Double] = []
    if last >= first {
      for k in stride(from: first, through: last, by: 1) {
        let value = k * step
        values.append(abs(value) < step * 1e-9 ? 0 : value)
      }
    }
    return TickSet(major: values, labels: values.map { format($0, step: step) })
  }

  /// Ticks for `[lower, upper]` on a log10 axis, about `maxIntervals` labelled ticks.
  static func log(_ lower: Double, _ upper: Double, maxIntervals: Int) -> TickSet {
    var (lo, hi) = widened(lower, upper, scale: .log)
    // Widening (or an infinite limit) can leave the doubles: clamp to the finite positive
    // range so every exponent below converts to Int.
    let smallest = Double.leastNormalMagnitude
    let largest = Double.greatestFiniteMagnitude
    lo = lo.isNaN ? 1 : Swift.min(Swift.max(lo, smallest), largest / 10)
    hi = hi.isNaN ? lo * 10 : Swift.min(Swift.max(hi, lo), largest)
    let e0 = Int((log10(lo) - 1e-9).rounded(.up))
    let e1 = Int((log10(hi) + 1e-9).rounded(.down))
    if e1 - e0 < 1 {
      // Less than two decade ticks: use 1/2/5 steps in value, which still read well.
      var ticks = linear(lo, hi, maxIntervals: Swift.max(2, maxIntervals / 2))
      let keep = ticks.major.indices.filter { ticks.major[$0] > 0 }
      ticks.major = keep.map { ticks.major[$0] }
      ticks.labels = keep.map { ticks.labels[$0] }
      return ticks
    }
    if e1 - e0 == 1 || (e1 - e0 == 2 && maxIntervals >= 8) {
      // Two or three decade ticks leave long unlabelled stretches: label 2× and 5× too.
      var major: [Double] = []
      var minor: [Double] = []
      for exponent in (e0 - 1)...e1 {
        for m in 1...9 {
          let v = Double(m) * pow(10, Double(exponent))
          guard v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) else { continue }
          if m == 1 || m == 2 || m == 5 { major.append(v) } else { minor.append(v) }
        }
      }
      let plain = e0 >= -3 && e1 <= 4
      let labels = major.map { v -> String in
        let exponent = Int(floor(log10(v) + 1e-9))
        let mantissa = Int((v / pow(10, Double(exponent))).rounded())
        if plain { return format(v, step: pow(10, Double(exponent))) }
        return mantissa == 1
          ? formatPowerOfTen(exponent, plain: false)
          : "\(mantissa)·" + formatPowerOfTen(exponent, plain: false)
      }
      return TickSet(major: major, minor: minor, labels: labels)
    }
    let decades = e1 - e0
    let every = Swift.max(
      1, Int((Double(decades) / Double(Swift.max(1, maxIntervals))).rounded(.up)))
    var major: [Double] = []
    var exponents: [Int] = []
    var e = e0
    while e <= e1 {
      major.append(pow(10, Double(e)))
      exponents.append(e)
      e += every
    }
    var minor: [Double] = []
    if every == 1 {
      for exponent in (e0 - 1)...e1 {
        for m in 2...9 {
          let v = Double(m) * pow(10, Double(exponent))
          if v >= lo && v <= hi { minor.append(v) }
        }
      }
    } else {
      for exponent in e0...e1 where !exponents.contains(exponent) {
        minor.append(pow(10, Double(exponent)))
      }
    }
    // One style per axis: plain decimals when every label is short, else all powers.
    let plain = exponents.allSatisfy { (-3...3).contains($0) }
    return TickSet(
      major: major, minor: minor,
      labels: exponents.map { formatPowerOfTen($0, plain: plain) })
  }

  /// `10^e` as `0.001` … `1000` when `plain` (only sensible for |e| ≤ 3), else `10⁴`,
  /// `10⁻⁶`.
  static func formatPowerOfTen(_ exponent: Int, plain: Bool = true) -> String {
    if plain && exponent >= 0 && exponent <= 3 { return String(Int(pow(10, Double(exponent)))) }
    if plain && exponent < 0 && exponent >= -3 {
      return "0." + String(repeating: "0", count: -exponent - 1) + "1"
    }
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    var text = "10"
    if exponent < 0 { text.append("⁻") }
    for character in String(abs(exponent)) { text.append(digits[Int(String(character))!]) }
    return text
  }

  /// A value on a grid of `step`, with as many decimals as the step needs; very large or
  /// very small values as `2.5e-6`. Negative numbers use the minus sign `−`.
  ///
  /// Steps are 1, 2 or 5 × 10^k, so `⌈−log10(step)⌉` decimals always suffice.
  static func format(_ value: Double, step: Double) -> String {
    let magnitude = abs(value)
    // Every label of a fixed-point axis gets the step's number of decimals (0.5, 1.0, 1.5),
    // as in printed tables, so the labels line up and read as one scale.
    let decimals = Swift.max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    let text: String
    if value == 0 {
      return decimals == 0 || step < 1e-3 ? "0" : String(format: "%.\(decimals)f", 0.0)
    } else if magnitude >= 1e5 || magnitude < 1e-3 {
      text = scientific(magnitude, step: step)
    } else {
      text = String(format: "%.\(decimals)f", magnitude)
    }
    return value < 0 ? "−" + text : text
  }

  /// `m e k` with the fewest mantissa digits that tell ticks `step` apart.
  private static func scientific(_ magnitude: Double, step: Double) -> String {
    let exponent = Int(floor(log10(magnitude) + 1e-9))
    let mantissa = magnitude / pow(10, Double(exponent))
    let stepExponent = Int(floor(log10(step) + 1e-9))
    let decimals = Swift.min(6, Swift.max(0, exponent - stepExponent))
    let digits = trimZeros(String(format: "%.\(decimals)f", mantissa))
    return "\(digits)e\(exponent)"
  }

  private static func trimZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = text
    while result.hasSuffix("0") { result.removeLast() }
    if result.hasSuffix(".") { result.removeLast() }
    return result
  }

  /// Indices of labels to keep so that none overlaps its neighbour: every k-th label for
  /// the smallest k that leaves at least `gap` pixels between neighbouring extents,
  /// starting so that the `preferring` label (e.g. zero) is kept.
  ///
  /// - Parameters:
  ///   - centers: label centres along the axis (pixels, in tick order).
  ///   - extents: label lengths along the axis (pixels).
  static func thinned(
    centers: [Double], extents: [Double], gap: Double, preferring: Int? = nil
  ) -> [Int] {
    guard centers.count > 1 else { return Array(centers.indices) }
    for every in 1...centers.count {
      let phase = (preferring ?? 0) % every
      let kept = Array(stride(from: phase, to: centers.count, by: every))
      var fits = true
      for (a, b) in zip(kept, kept.dropFirst()) {
        let distance = abs(centers[b] - centers[a])
        if distance < (extents[a] + extents[b]) / 2 + gap {
          fits = false
          break
        }
      }
      if fits { return kept }
    }
    return [0]
  }
}
