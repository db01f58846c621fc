// Colormaps: value in 0...1 → colour.
//
// The viridis-like map is computed here, not copied: a smooth curve through five anchor
// colours chosen in Oklab (Ottosson 2020, a perceptual space where equal distances look
// equally different). Lightness L rises linearly from dark purple to light yellow, so the
// map is monotone in lightness (it prints well in grey and reads correctly for colour-blind
// readers); the hue turns purple → blue → teal → green → yellow through Catmull–Rom
// interpolation of the anchors' (a, b) chroma coordinates. Colours outside the sRGB gamut
// are pulled towards grey at the same lightness and hue until they fit.

import Foundation

/// A map from values in 0...1 to colours.
public enum Colormap: Sendable, Hashable {
  /// Perceptually uniform dark purple → yellow, monotone in lightness.
  case viridis
  /// Black (0) → white (1).
  case grey
  /// White (0) → black (1): dark strokes on white paper.
  case greyReversed

  /// The colour at `t` (clamped to 0...1; NaN gives a neutral mid grey).
  public func color(at t: Double) -> Color {
    guard !t.isNaN else { return Color(red: 150, green: 150, blue: 150) }
    let u = Swift.min(1, Swift.max(0, t))
    switch self {
    case .grey:
      let v = Int((u * 255).rounded())
      return Color(red: v, green: v, blue: v)
    case .greyReversed:
      let v = Int(((1 - u) * 255).rounded())
      return Color(red: v, green: v, blue: v)
    case .viridis:
      return Colormap.viridisTable[Int((u * 255).rounded())]
    }
  }

  /// 256 samples of the viridis-like curve, computed once.
  static let viridisTable: [Color] = (0..<256).map { viridisColor(Double($0) / 255) }
}

/// A colour in Oklab: perceptual lightness `l` and the opponent axes `a` (green–red) and
/// `b` (blue–yellow).
struct OklabColor {
  var l: Double
  var a: Double
  var b: Double

  /// Anchor from lightness, chroma and hue angle in degrees.
  init(lightness: Double, chroma: Double, hueDegrees: Double) {
    let h = hueDegrees * .pi / 180
    self.init(l: lightness, a: chroma * cos(h), b: chroma * sin(h))
  }

  init(l: Double, a: Double, b: Double) {
    self.l = l
    self.a = a
    self.b = b
  }

  /// Linear-light sRGB (may fall outside 0...1 for out-of-gamut colours), by Ottosson's
  /// published Oklab → LMS → linear sRGB matrices.
  var linearRGB: (r: Double, g: Double, b: Double) {
    let l1 = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b
    let m1 = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b
    let s1 = l - 0.089_484_177_5 * a - 1.291_485_548_0 * b
    let (lc, mc, sc) = (l1 * l1 * l1, m1 * m1 * m1, s1 * s1 * s1)
    return (
      4.076_741_662_1 * lc - 3.307_711_591_3 * mc + 0.230_969_929_2 * sc,
      -1.268_438_004_6 * lc + 2.609_757_401_1 * mc - 0.341_319_396_5 * sc,
      -0.004_196_086_3 * lc - 0.703_418_614_7 * mc + 1.707_614_701_0 * sc
    )
  }

  /// The nearest displayable colour: chroma is halved by bisection until in gamut.
  var clippedToSRGB: Color {
    func inGamut(_ c: OklabColor) -> Bool {
      let rgb = c.linearRGB
      let tolerance = 1e-9
      return [rgb.r, rgb.g, rgb.b].allSatisfy { $0 >= -tolerance && $0 <= 1 + tolerance }
    }
    var low = 0.0
    var high = 1.0
    if !inGamut(self) {
      for _ in 0..<40 {
        let mid = (low + high) / 2
        if inGamut(OklabColor(l: l, a: a * mid, b: b * mid)) { low = mid } else { high = mid }
      }
    } else {
      low = 1
    }
    let rgb = OklabColor(l: l, a: a * low, b: b * low).linearRGB
    return Color(red: encode(rgb.r), green: encode(rgb.g), blue: encode(rgb.b))
  }

  /// The sRGB transfer curve (IEC 61966-2-1), then 0–255.
  private func encode(_ linear: Double) -> Int {
    let v = Swift.min(1, Swift.max(0, linear))
    let encoded = v <= 0.003_130_8 ? 12.92 * v : 1.055 * pow(v, 1 / 2.4) - 0.055
    return Int((encoded * 255).rounded())
  }
}

/// The viridis-like curve at `t` in 0...1 (see the file comment).
func viridisColor(_ t: Double) -> Color {
  // Anchors (lightness, chroma, hue°) chosen by eye for a purple→yellow sweep; only their
  // hues and chromas are used, lightness is the straight line below.
  let anchors = [
    OklabColor(lightness: 0, chroma: 0.11, hueDegrees: 310),
    OklabColor(lightness: 0, chroma: 0.12, hueDegrees: 268),
    OklabColor(lightness: 0, chroma: 0.10, hueDegrees: 210),
    OklabColor(lightness: 0, chroma: 0.15, hueDegrees: 150),
    OklabColor(lightness: 0, chroma: 0.18, hueDegrees: 108),
  ]
  let lightness = 0.30 + 0.62 * t
  let position = t * Double(anchors.count - 1)
  let segment = Swift.min(anchors.count - 2, Int(position))
  let u = position - Double(segment)
  func point(_ i: Int) -> OklabColor { anchors[Swift.min(anchors.count - 1, Swift.max(0, i))] }
  // Catmull–Rom through p1 → p2 with neighbours p0, p3: smooth (C¹) hue changes.
  let (p0, p1, p2, p3) = (
    point(segment - 1), point(segment), point(segment + 1), point(segment + 2)
  )
  func spline(_ v0: Double, _ v1: Double, _ v2: Double, _ v3: Double) -> Double {
    let u2 = u * u
    let u3 = u2 * u
    return 0.5
      * (2 * v1 + (v2 - v0) * u + (2 * v0 - 5 * v1 + 4 * v2 - v3) * u2
        + (3 * v1 - v0 - 3 * v2 + v3) * u3)
  }
  let color = OklabColor(
    l: lightness, a: spline(p0.a, p1.a, p2.a, p3.a), b: spline(p0.b, p1.b, p2.b, p3.b))
  return color.clippedToSRGB
}
