// A rendered figure as plain pixels: what tests inspect.

/// An RGB image in memory, row-major from the top-left corner.
public struct RasterImage: Sendable, Equatable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// Pixels as `0xRRGGBB`, row by row from the top.
  public let pixels: [UInt32]

  /// Creates an image from `width · height` packed pixels.
  ///
  /// - Precondition: `pixels.count == width * height`.
  public init(width: Int, height: Int, pixels: [UInt32]) {
    precondition(
      pixels.count == width * height,
      "RasterImage: \(pixels.count) pixels for \(width)×\(height)")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// The colour at column `x`, row `y` (0-based from the top left).
  ///
  /// - Precondition: the coordinates are inside the image.
  public func pixel(x: Int, y: Int) -> (red: Int, green: Int, blue: Int) {
    precondition(
      x >= 0 && x < width && y >= 0 && y < height,
      "pixel(x: \(x), y: \(y)) outside \(width)×\(height)")
    let p = pixels[y * width + x]
    return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
  }

  /// The colour at a pixel as a `Color`.
  public func color(x: Int, y: Int) -> Color {
    let p = pixel(x: x, y: y)
    return Color(red: p.red, green: p.green, blue: p.blue)
  }
}
