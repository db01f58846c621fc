// Colours: an opaque sRGB triple, the Okabe–Ito colour-blind-safe cycle, and a few names.
//
// Okabe & Ito (2008, "Color Universal Design") chose eight colours that stay distinct for
// the common forms of colour blindness. The cycle below reorders them so that the first
// series get the most contrasting pairs (blue, vermillion, green, orange) and the yellow,
// which is hard to see on white, comes last.

/// An opaque colour in sRGB, 0–255 per channel.
public struct Color: Sendable, Hashable, CustomStringConvertible {
  /// Red, 0–255.
  public var red: Int
  /// Green, 0–255.
  public var green: Int
  /// Blue, 0–255.
  public var blue: Int

  /// Creates a colour from 0–255 channels.
  ///
  /// - Precondition: every channel is in 0...255.
  public init(red: Int, green: Int, blue: Int) {
    precondition(
      (0...255).contains(red) && (0...255).contains(green) && (0...255).contains(blue),
      "Color(red: \(red), green: \(green), blue: \(blue)): channels must be in 0...255")
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Creates a colour from a hexadecimal `0xRRGGBB` literal.
  public init(hex: Int) {
    self.init(red: (hex >> 16) & 0xFF, green: (hex >> 8) & 0xFF, blue: hex & 0xFF)
  }

  /// `#rrggbb`.
  public var description: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for channel in [red, green, blue] {
      text.append(digits[channel >> 4])
      text.append(digits[channel & 15])
    }
    return text
  }

  /// The Okabe–Ito palette in plotting order: blue, vermillion, bluish green, orange,
  /// sky blue, reddish purple, black, and in eighth place a dark yellow (#997700, from
  /// Paul Tol's high-contrast scheme) instead of Okabe–Ito's yellow #F0E442, which has a
  /// contrast of about 1.2 : 1 against white and cannot be seen as a thin line.
  public static let okabeItoPalette: [Color] = [
    Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xE69F00),
    Color(hex: 0x56B4E9), Color(hex: 0xCC79A7), Color(hex: 0x000000), Color(hex: 0x997700),
  ]

  /// The `index`-th colour of the Okabe–Ito cycle (wraps around after eight).
  public static func okabeIto(_ index: Int) -> Color {
    let count = okabeItoPalette.count
    return okabeItoPalette[((index % count) + count) % count]
  }

  /// Okabe–Ito vermillion: the palette's red.
  public static let red = Color(hex: 0xD55E00)
  /// Okabe–Ito bluish green: the palette's green.
  public static let green = Color(hex: 0x009E73)
  /// Okabe–Ito blue.
  public static let blue = Color(hex: 0x0072B2)
  /// Okabe–Ito orange.
  public static let orange = Color(hex: 0xE69F00)
  /// Okabe–Ito reddish purple.
  public static let purple = Color(hex: 0xCC79A7)
  /// Black.
  public static let black = Color(red: 0, green: 0, blue: 0)
  /// White.
  public static let white = Color(red: 255, green: 255, blue: 255)
  /// A mid grey for reference lines and secondary marks.
  public static let grey = Color(red: 128, green: 128, blue: 128)
  /// A light grey, the colour of grid lines.
  public static let lightGrey = Color(red: 222, green: 222, blue: 222)
  /// The dark grey used for text and axis lines (softer than pure black).
  public static let darkGrey = Color(red: 38, green: 38, blue: 38)

  /// Relative luminance-like lightness in 0...1 (Rec. 709 weights on sRGB values), used to
  /// choose black or white text on a coloured cell.
  public var lightness: Double {
    (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
  }

  /// This colour mixed with `other`: `self·(1−t) + other·t`.
  public func mixed(with other: Color, fraction t: Double) -> Color {
    func mix(_ a: Int, _ b: Int) -> Int {
      Int((Double(a) * (1 - t) + Double(b) * t).rounded())
    }
    return Color(
      red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }
}
