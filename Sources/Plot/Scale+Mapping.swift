// Mapping data values to pixels along one axis, for linear and log10 scales.
//
//     t(v) = v            (linear)
//     t(v) = log10(v)     (log; v ≤ 0 has no position)
//     pixel(v) = start + (t(v) − t(lower)) / (t(upper) − t(lower)) · (end − start)

import Foundation

/// One axis of a rendered axes: data limits, scale and the pixel span they map onto.
public struct AxisMapping: Sendable, Equatable {
  /// The data value at `start`.
  public var lower: Double
  /// The data value at `end`.
  public var upper: Double
  /// Linear or log10.
  public var scale: Scale
  /// Pixel coordinate of `lower` (left edge for x, bottom edge for y).
  public var start: Double
  /// Pixel coordinate of `upper` (right edge for x, top edge for y).
  public var end: Double

  /// Creates a mapping.
  public init(lower: Double, upper: Double, scale: Scale, start: Double, end: Double) {
    self.lower = lower
    self.upper = upper
    self.scale = scale
    self.start = start
    self.end = end
  }

  /// The transformed value: the value itself, or its log10 (nil for v ≤ 0 on a log axis).
  public func transformed(_ value: Double) -> Double? {
    switch scale {
    case .linear: return value.isFinite ? value : nil
    case .log: return value > 0 && value.isFinite ? log10(value) : nil
    }
  }

  /// The pixel coordinate of a data value, or nil when it cannot be placed.
  public func pixel(_ value: Double) -> Double? {
    guard let t = transformed(value), let t0 = transformed(lower), let t1 = transformed(upper)
    else { return nil }
    let span = t1 - t0
    guard span != 0 else { return (start + end) / 2 }
    return start + (t - t0) / span * (end - start)
  }

  /// The data value at a pixel coordinate (inverse of `pixel`).
  public func value(atPixel pixel: Double) -> Double {
    let t0 = transformed(lower) ?? 0
    let t1 = transformed(upper) ?? 1
    let t = t0 + (pixel - start) / (end - start) * (t1 - t0)
    return scale == .log ? pow(10, t) : t
  }
}
