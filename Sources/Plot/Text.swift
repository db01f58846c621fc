// Text: FreeType through gdImageStringFT with DejaVu Sans, or libgd's built-in bitmap
// fonts when the TrueType font cannot be loaded.
//
// DejaVu Sans has no Chinese, Japanese or Korean glyphs, so text is cut into runs: CJK
// characters (by Unicode block) are drawn with WenQuanYi Micro Hei (Debian
// `fonts-wqy-microhei`) when it is installed, everything else with DejaVu; without the
// CJK font those runs go to DejaVu like the rest (and show as boxes), and without DejaVu
// everything goes to libgd's built-in ASCII font.
//
// Sizes are in pixels (the em size). libgd renders FreeType text at 96 dpi, so a pixel
// size s is s · 72/96 points. Vertical placement uses fixed font metrics (DejaVu Sans:
// ascent ≈ 0.76 em for capitals, descent ≈ 0.24 em) rather than each string's own box, so
// labels with and without descenders line up.

import CGD
import Foundation

/// Which point of the text's box is placed at the given position, horizontally.
enum HorizontalAnchor { case left, center, right }
/// Which line of the text's box is placed at the given position, vertically.
enum VerticalAnchor { case top, middle, baseline, bottom }

/// Measures and draws strings with one font.
final class TextRenderer {
  let fontPath: String
  /// False when the TrueType font could not be loaded: the bitmap font is used.
  let usesFreeType: Bool

  /// The font for CJK runs, or nil when it is not installed (or DejaVu is missing).
  let cjkFontPath: String?

  /// Where Debian's `fonts-wqy-microhei` puts its font.
  static let defaultCJKFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

  /// Tries the font once; on failure reports through `warn` and falls back.
  init(
    fontPath: String, cjkFontPath: String = TextRenderer.defaultCJKFontPath, warn: (String) -> Void
  ) {
    self.fontPath = fontPath
    var box = [Int32](repeating: 0, count: 8)
    let error = gdImageStringFT(nil, &box, 0, fontPath, 12, 0, 0, 0, "Ag")
    usesFreeType = error == nil
    if let error {
      warn(
        "cannot load font \(fontPath) (\(String(cString: error))); using libgd's built-in "
          + "font (ASCII only)")
    }
    let cjkLoads =
      usesFreeType && FileManager.default.fileExists(atPath: cjkFontPath)
      && gdImageStringFT(nil, &box, 0, cjkFontPath, 12, 0, 0, 0, "中") == nil
    self.cjkFontPath = cjkLoads ? cjkFontPath : nil
  }

  /// `text` cut into runs that share a font: CJK runs get the CJK font when it loads.
  private func runs(_ text: String) -> [(text: String, font: String)] {
    guard let cjk = cjkFontPath else { return [(text, fontPath)] }
    var result: [(text: String, font: String)] = []
    for character in text {
      let font = isCJK(character) ? cjk : fontPath
      if let last = result.last, last.font == font {
        result[result.count - 1].text.append(character)
      } else {
        result.append((String(character), font))
      }
    }
    return result
  }

  /// FreeType's advance width of one run, or nil when the font fails on it.
  private func runWidth(_ text: String, font: String, size: Double) -> Double? {
    var box = [Int32](repeating: 0, count: 8)
    guard gdImageStringFT(nil, &box, 0, font, size * 0.75, 0, 0, 0, text) == nil else {
      return nil
    }
    return Double(box[2] - box[0])
  }

  /// The capital height above the baseline for text of `size` px.
  func ascent(size: Double) -> Double {
    usesFreeType ? (size * 0.76).rounded() : Double(bitmapFont(size: size).pointee.h) * 0.8
  }

  /// The descender depth below the baseline for text of `size` px.
  func descent(size: Double) -> Double {
    usesFreeType ? (size * 0.24).rounded() : Double(bitmapFont(size: size).pointee.h) * 0.2
  }

  /// The height of one line of text (ascent + descent).
  func lineHeight(size: Double) -> Double { ascent(size: size) + descent(size: size) }

  /// The advance width of `text` at `size` px.
  func width(_ text: String, size: Double) -> Double {
    guard !text.isEmpty else { return 0 }
    if usesFreeType {
      return runs(text).reduce(0) { total, run in
        total
          + (runWidth(run.text, font: run.font, size: size) ?? Double(run.text.count) * size * 0.6)
      }
    }
    let font = bitmapFont(size: size)
    return Double(asciiFallback(text).utf8.count) * Double(font.pointee.w)
  }

  /// Draws `text` so that the anchor point of its box is at `(x, y)`; `rotated` turns it
  /// 90° counter-clockwise (reading upwards), with `(x, y)` the centre of the box.
  func draw(
    _ text: String, on canvas: Canvas, x: Double, y: Double, size: Double, color: Color,
    horizontal: HorizontalAnchor = .left, vertical: VerticalAnchor = .baseline,
    rotated: Bool = false
  ) {
    guard !text.isEmpty else { return }
    let w = width(text, size: size)
    let asc = ascent(size: size)
    let desc = descent(size: size)
    if rotated {
      // Baseline runs upwards; glyph tops point to −x.
      let baselineX = x + (asc - desc) / 2
      let originY = y + w / 2
      drawRaw(text, on: canvas, x: baselineX, y: originY, size: size, color: color, up: true)
      return
    }
    let left: Double
    switch horizontal {
    case .left: left = x
    case .center: left = x - w / 2
    case .right: left = x - w
    }
    let baseline: Double
    switch vertical {
    case .top: baseline = y + asc
    case .middle: baseline = y + (asc - desc) / 2
    case .baseline: baseline = y
    case .bottom: baseline = y - desc
    }
    drawRaw(text, on: canvas, x: left, y: baseline, size: size, color: color, up: false)
  }

  /// Draws with the baseline origin at `(x, y)`.
  private func drawRaw(
    _ text: String, on canvas: Canvas, x: Double, y: Double, size: Double, color: Color,
    up: Bool
  ) {
    let gdColor = Canvas.gdColor(color)
    let ix = Int32(x.rounded())
    let iy = Int32(y.rounded())
    if usesFreeType {
      var box = [Int32](repeating: 0, count: 8)
      let angle = up ? Double.pi / 2 : 0
      var advance = 0.0  // along the baseline: +x, or −y when the text reads upwards
      var failed = false
      for run in runs(text) {
        let rx = up ? ix : ix + Int32(advance.rounded())
        let ry = up ? iy - Int32(advance.rounded()) : iy
        if gdImageStringFT(
          canvas.image, &box, gdColor, run.font, size * 0.75, angle, rx, ry, run.text) != nil
        {
          failed = true
          break
        }
        advance += runWidth(run.text, font: run.font, size: size) ?? 0
      }
      if !failed { return }
    }
    let font = bitmapFont(size: size)
    var bytes = Array(asciiFallback(text).utf8)
    bytes.append(0)
    let height = font.pointee.h
    bytes.withUnsafeMutableBufferPointer { buffer in
      if up {
        // gdImageStringUp's (x, y) is the top-left of the rotated box, whose left edge is
        // the glyph tops.
        gdImageStringUp(
          canvas.image, font, ix - Int32(Double(height) * 0.8), iy, buffer.baseAddress,
          gdColor)
      } else {
        gdImageString(
          canvas.image, font, ix, iy - Int32(Double(height) * 0.8), buffer.baseAddress, gdColor)
      }
    }
  }

  /// The built-in font closest to `size` px.
  private func bitmapFont(size: Double) -> gdFontPtr {
    if size >= 17 { return gdFontGetLarge() }
    if size >= 13 { return gdFontGetMediumBold() }
    return gdFontGetSmall()
  }
}

/// Replaces characters the built-in font lacks: superscript digits become `^…`, the minus
/// sign `-`, a few Greek letters their names, anything else outside ASCII `?`.
func asciiFallback(_ text: String) -> String {
  let superscripts: [Character: Character] = [
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
    "⁹": "9", "⁻": "-",
  ]
  let names: [Character: String] = [
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "eps", "η": "eta",
    "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "∇": "grad", "−": "-",
    "×": "x", "·": "*", "…": "...", "≈": "~", "≤": "<=", "≥": ">=", "→": "->", "√": "sqrt",
  ]
  var result = ""
  var inSuperscript = false
  for character in text {
    if let digit = superscripts[character] {
      if !inSuperscript { result.append("^") }
      inSuperscript = true
      result.append(digit)
      continue
    }
    inSuperscript = false
    if character.isASCII {
      result.append(character)
    } else if let name = names[character] {
      result.append(name)
    } else {
      result.append("?")
    }
  }
  return result
}

/// Whether `character` belongs to a CJK block that DejaVu Sans lacks: CJK symbols and
/// punctuation, kana, unified ideographs (and extension A), Hangul, full-width forms.
func isCJK(_ character: Character) -> Bool {
  guard let scalar = character.unicodeScalars.first?.value else { return false }
  switch scalar {
  case 0x2E80...0x2FDF, 0x3000...0x30FF, 0x3100...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF:
    return true
  default:
    return false
  }
}
