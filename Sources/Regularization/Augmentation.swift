import NumericsCore

/// Data augmentation for images: every training image is shown slightly moved and, for
/// symmetric classes, mirrored, so the network cannot memorise exact pixel positions.
/// A label-preserving transformation adds, in effect, more training examples (Simard,
/// Steinkraus and Platt 2003; LeCun et al. 1998 used distortions on MNIST).
///
/// Per image, independently, drawn from the run's generator:
/// ```
/// dy, dx ~ U{−maxShift, …, maxShift}         out[y, x] = in[y − dy, x − dx]   (0 outside)
/// flip ~ Bernoulli(flipProbability)           out[y, x] = in[y, W − 1 − x]
/// ```
/// Applied to each mini-batch by the training loop's `transformBatch` hook; evaluation
/// sees the original images.
public struct ImageAugmentation: Sendable, Equatable {
  /// The shape of each image (a row).
  public let shape: ImageShape
  /// The largest shift in pixels along each axis, ≥ 0.
  public let maxShift: Int
  /// The probability of a horizontal flip, in [0, 1].
  public let flipProbability: Double

  /// Creates an augmentation.
  /// - Precondition: `0 ≤ maxShift < min(height, width)`, `0 ≤ flipProbability ≤ 1`.
  public init(shape: ImageShape, maxShift: Int = 2, flipProbability: Double = 0.5) {
    precondition(
      maxShift >= 0 && maxShift < min(shape.height, shape.width),
      "ImageAugmentation: shift \(maxShift) must lie in 0..<\(min(shape.height, shape.width))")
    precondition(
      flipProbability >= 0 && flipProbability <= 1,
      "ImageAugmentation: flip probability \(flipProbability) must lie in [0, 1]")
    self.shape = shape
    self.maxShift = maxShift
    self.flipProbability = flipProbability
  }

  /// Transforms every row of `images` in place.
  /// - Precondition: `images.columns == shape.count`.
  public func apply<G: RandomNumberGenerator>(to images: inout Matrix, using rng: inout G) {
    precondition(
      images.columns == shape.count,
      "ImageAugmentation: images are \(images.shapeDescription), expected batch × \(shape.count)")
    let span = UInt64(2 * maxShift + 1)
    for r in 0..<images.rows {
      let dy = Int(rng.next() % span) - maxShift
      let dx = Int(rng.next() % span) - maxShift
      let flip = flipProbability > 0 && Double(rng.next() >> 11) * 0x1p-53 < flipProbability
      let source = images.row(r)
      images.withUnsafeMutableElements { out in
        shifted(source, into: out, row: r, dy: dy, dx: dx, flip: flip)
      }
    }
  }

  /// Writes one transformed image: flip first, then shift, zeros where nothing lands.
  private func shifted(
    _ source: [Double], into out: UnsafeMutableBufferPointer<Double>, row r: Int, dy: Int,
    dx: Int, flip: Bool
  ) {
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let base = r * shape.count
    for y in 0..<h {
      for x in 0..<w {
        let sy = y - dy
        let shiftedX = x - dx
        let inside = sy >= 0 && sy < h && shiftedX >= 0 && shiftedX < w
        let sx = flip ? w - 1 - shiftedX : shiftedX
        for ch in 0..<c {
          out[base + (y * w + x) * c + ch] = inside ? source[(sy * w + sx) * c + ch] : 0
        }
      }
    }
  }
}
