import Foundation
import NumericsCore

// Distribution shift made on purpose: the test images, corrupted at increasing severity,
// in the spirit of Hendrycks & Dietterich's ImageNet-C ("Benchmarking Neural Network
// Robustness to Common Corruptions and Perturbations", ICLR 2019). A deployed model meets
// such inputs without being told; what matters is whether its confidence drops with its
// accuracy (it usually does not: silent failure).

/// A corruption of single-channel images with pixel values in [0, 1].
public enum Corruption: String, Sendable, CaseIterable {
  /// Additive Gaussian noise, σ = 0.08·severity.
  case gaussianNoise = "noise"
  /// A box blur of radius = severity pixels (a (2r+1)² mean, edges clamped).
  case blur
  /// A translation by `severity` pixels right and down (zeros shifted in).
  case shift
  /// Contrast reduced around the image's mean by the factor 1 − 0.18·severity.
  case contrast

  /// Corrupts every row (one `height × width` image per row) at `severity` in 0…5 (0 = none).
  ///
  /// Results are clipped to [0, 1]. Only `.gaussianNoise` draws from `rng`.
  public func apply(
    to images: Matrix, height: Int, width: Int, severity: Int, using rng: inout Xoshiro256StarStar
  ) -> Matrix {
    precondition(
      images.columns == height * width, "Corruption: \(images.columns) pixels ≠ \(height)×\(width)")
    precondition((0...5).contains(severity), "Corruption: severity \(severity) outside 0…5")
    if severity == 0 { return images }
    var out = images
    let s = Double(severity)
    for r in 0..<images.rows {
      let image = images.row(r)
      var result = image
      switch self {
      case .gaussianNoise:
        for i in result.indices { result[i] += 0.08 * s * rng.nextNormal() }
      case .blur:
        let radius = severity
        for y in 0..<height {
          for x in 0..<width {
            var sum = 0.0
            for dy in -radius...radius {
              for dx in -radius...radius {
                let yy = Swift.min(height - 1, Swift.max(0, y + dy))
                let xx = Swift.min(width - 1, Swift.max(0, x + dx))
                sum += image[yy * width + xx]
              }
            }
            result[y * width + x] = sum / Double((2 * radius + 1) * (2 * radius + 1))
          }
        }
      case .shift:
        for y in 0..<height {
          for x in 0..<width {
            let (yy, xx) = (y - severity, x - severity)
            result[y * width + x] = yy >= 0 && xx >= 0 ? image[yy * width + xx] : 0
          }
        }
      case .contrast:
        let mean = image.reduce(0, +) / Double(image.count)
        let factor = 1 - 0.18 * s
        for i in result.indices { result[i] = mean + factor * (image[i] - mean) }
      }
      for (c, v) in result.enumerated() { out[r, c] = Swift.min(1, Swift.max(0, v)) }
    }
    return out
  }
}
