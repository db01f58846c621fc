// The pixel surface: a libgd truecolor image with a clip rectangle and alpha compositing.
//
// libgd is used for storage, rectangles, text and PNG encoding. Lines, polygons and markers
// go through `Rasterizer` (coverage antialiasing at sub-pixel precision) and are blended
// here, because libgd's own antialiased lines take integer end points and its thick
// antialiased lines band.

import CGD

/// A white RGB canvas wrapping a `gdImagePtr` (owned; destroyed with the canvas).
final class Canvas {
  let image: gdImagePtr
  let width: Int
  let height: Int
  /// Pixels outside `[clipLeft, clipRight) × [clipTop, clipBottom)` are never changed by
  /// `blend` and `fillRect`.
  private(set) var clipLeft = 0
  private(set) var clipTop = 0
  private(set) var clipRight: Int
  private(set) var clipBottom: Int

  init(width: Int, height: Int, background: Color = .white) {
    precondition(width > 0 && height > 0, "Canvas: size \(width)×\(height) must be positive")
    guard let image = gdImageCreateTrueColor(Int32(width), Int32(height)) else {
      preconditionFailure("gdImageCreateTrueColor(\(width), \(height)) failed: out of memory")
    }
    self.image = image
    self.width = width
    self.height = height
    clipRight = width
    clipBottom = height
    gdImageAlphaBlending(image, 1)
    gdImageSaveAlpha(image, 0)
    gdImageFilledRectangle(
      image, 0, 0, Int32(width - 1), Int32(height - 1), Canvas.gdColor(background))
  }

  deinit { gdImageDestroy(image) }

  /// libgd's packed truecolour with alpha 0 (opaque) … 127 (transparent); Swift cannot
  /// import the `gdTrueColorAlpha` macro.
  static func gdColor(_ color: Color, opacity: Double = 1) -> Int32 {
    let alpha = Int32((127 * (1 - Swift.min(1, Swift.max(0, opacity)))).rounded())
    return (alpha << 24) | Int32(color.red << 16) | Int32(color.green << 8) | Int32(color.blue)
  }

  /// Restricts drawing to a rectangle (integer pixel edges, right/bottom exclusive).
  func setClip(left: Int, top: Int, right: Int, bottom: Int) {
    clipLeft = Swift.max(0, left)
    clipTop = Swift.max(0, top)
    clipRight = Swift.min(width, right)
    clipBottom = Swift.min(height, bottom)
    gdImageSetClip(
      image, Int32(clipLeft), Int32(clipTop), Int32(Swift.max(clipLeft, clipRight - 1)),
      Int32(Swift.max(clipTop, clipBottom - 1)))
  }

  /// Removes the clip rectangle.
  func resetClip() { setClip(left: 0, top: 0, right: width, bottom: height) }

  /// Mixes `color` into one pixel with weight `coverage · opacity` (in 0...1).
  @inline(__always)
  func blend(x: Int, y: Int, color: Color, weight: Double) {
    guard x >= clipLeft, x < clipRight, y >= clipTop, y < clipBottom, weight > 0 else { return }
    let w = Swift.min(1, weight)
    let old = gdImageGetTrueColorPixel(image, Int32(x), Int32(y))
    func mix(_ shift: Int32, _ channel: Int) -> Int32 {
      let d = Double((old >> shift) & 0xFF)
      return Int32((d + (Double(channel) - d) * w).rounded())
    }
    let packed = (mix(16, color.red) << 16) | (mix(8, color.green) << 8) | mix(0, color.blue)
    image.pointee.tpixels[y]![x] = packed
  }

  /// Fills whole pixels `[left, right) × [top, bottom)` (clipped), optionally translucent.
  func fillRect(left: Int, top: Int, right: Int, bottom: Int, color: Color, opacity: Double = 1) {
    let x0 = Swift.max(left, clipLeft)
    let y0 = Swift.max(top, clipTop)
    let x1 = Swift.min(right, clipRight)
    let y1 = Swift.min(bottom, clipBottom)
    guard x1 > x0, y1 > y0 else { return }
    if opacity >= 1 {
      gdImageFilledRectangle(
        image, Int32(x0), Int32(y0), Int32(x1 - 1), Int32(y1 - 1), Canvas.gdColor(color))
    } else {
      for y in y0..<y1 {
        for x in x0..<x1 { blend(x: x, y: y, color: color, weight: opacity) }
      }
    }
  }

  /// The pixels as a `RasterImage`.
  func raster() -> RasterImage {
    var pixels = [UInt32](repeating: 0, count: width * height)
    for y in 0..<height {
      guard let row = image.pointee.tpixels[y] else { continue }
      for x in 0..<width { pixels[y * width + x] = UInt32(bitPattern: row[x]) & 0xFF_FFFF }
    }
    return RasterImage(width: width, height: height, pixels: pixels)
  }

  /// The image encoded as PNG (nil if libgd fails).
  func pngData() -> [UInt8]? {
    var size: Int32 = 0
    guard let pointer = gdImagePngPtrEx(image, &size, 9), size > 0 else { return nil }
    defer { gdFree(pointer) }
    let bytes = UnsafeRawBufferPointer(start: pointer, count: Int(size))
    return Array(bytes)
  }
}
