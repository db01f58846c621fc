// Deterministic sample data for the gallery (no dependency on NumericsCore).

import Foundation

/// SplitMix64: a tiny seeded generator, enough for gallery data.
struct GalleryRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// Standard normal by Box–Muller.
  mutating func normal() -> Double {
    let u = Swift.max(uniform(), 1e-300)
    let v = uniform()
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
  }
}
