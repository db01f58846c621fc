// Seeded pseudo-random generators and the samplers built on them.
//
// Every random API in this package takes its generator explicitly, as its last argument
// (`using rng: inout G`). There is no global or clock-seeded generator anywhere: the same
// seed gives the same numbers, the same trained weights and the same figure bytes, which
// is what makes a result something a course can teach.

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by a Weyl sequence
/// and scrambled by two xor-shift-multiply rounds.
///
/// ```
/// state ← state + 0x9E3779B97F4A7C15
/// z ← (state ⊕ (state ≫ 30)) · 0xBF58476D1CE4E5B9
/// z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
/// output z ⊕ (z ≫ 31)
/// ```
/// Fast and good enough on its own; here it mainly expands one seed into the 256-bit
/// state of `Xoshiro256StarStar`, as that generator's authors recommend.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The current state; the next output is derived from `state + 0x9E3779B97F4A7C15`.
  public var state: UInt64 { word }
  @usableFromInline var word: UInt64

  /// Creates a generator from a seed (every seed, including 0, is fine).
  public init(seed: UInt64) { word = seed }

  /// The next 64 random bits. Inlinable: a Monte Carlo loop calls it billions of times.
  @inlinable
  public mutating func next() -> UInt64 {
    word &+= 0x9E37_79B9_7F4A_7C15
    var z = word
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256** (Blackman and Vigna, 2018): the default generator of this package.
///
/// 256 bits of state, period 2²⁵⁶ − 1, passes BigCrush. Output and transition:
/// ```
/// output rotl(s1 · 5, 7) · 9
/// t ← s1 ≪ 17
/// s2 ← s2 ⊕ s0;  s3 ← s3 ⊕ s1;  s1 ← s1 ⊕ s2;  s0 ← s0 ⊕ s3
/// s2 ← s2 ⊕ t;   s3 ← rotl(s3, 45)
/// ```
/// Seeded by four outputs of `SplitMix64(seed:)`, so nearby seeds give unrelated streams
/// and the all-zero state (the one state it must avoid) cannot occur in practice.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  /// The four 64-bit words of state.
  public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }
  @usableFromInline var s0, s1, s2, s3: UInt64

  /// Creates a generator whose state is the next four outputs of `SplitMix64(seed: seed)`.
  public init(seed: UInt64) {
    var mixer = SplitMix64(seed: seed)
    (s0, s1, s2, s3) = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
  }

  /// Creates a generator with an explicit state.
  /// - Precondition: the state is not all zero.
  public init(state: (UInt64, UInt64, UInt64, UInt64)) {
    precondition(
      state.0 | state.1 | state.2 | state.3 != 0, "Xoshiro256StarStar: the all-zero state")
    (s0, s1, s2, s3) = state
  }

  @inlinable @inline(__always)
  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// The next 64 random bits. Inlinable, so that hot sampling loops (π by darts, dropout
  /// masks) are specialised into straight-line code instead of a call per draw.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = Self.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Self.rotl(s3, 45)
    return result
  }
}

extension RandomNumberGenerator {
  /// A uniform `Double` in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
  ///
  /// Every representable multiple of 2⁻⁵³ in [0, 1) is equally likely. We do not use
  /// `Double.random(in:using:)` because its algorithm belongs to the standard library and
  /// may change between Swift versions; this one is fixed, so figures stay byte-identical.
  @inlinable
  public mutating func nextUniform() -> Double {
    // The shifted value is below 2⁵³, so the signed conversion (one instruction) is exact;
    // converting a UInt64 directly compiles to a slower unsigned sequence.
    Double(Int64(truncatingIfNeeded: next() >> 11)) * 0x1.0p-53
  }

  /// A uniform `Double` in [lower, upper).
  @inlinable
  public mutating func nextUniform(in lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * nextUniform()
  }

  /// A uniform integer in `0..<bound`, by Lemire's multiply-and-reject method (unbiased).
  /// - Precondition: `bound > 0`.
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "nextInt(below:): bound \(bound) must be positive")
    let n = UInt64(bound)
    var product = next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold { product = next().multipliedFullWidth(by: n) }
    }
    return Int(product.high)
  }

  /// A standard normal draw N(0, 1), by the Box–Muller transform.
  ///
  /// ```
  /// u1 ∈ (0, 1], u2 ∈ [0, 1)  uniform
  /// z = √(−2 ln u1) · cos(2π u2)
  /// ```
  /// Why Box–Muller and not Marsaglia's polar method: it uses exactly two uniforms per
  /// draw (no rejection loop), so the number of generator calls is predictable and the
  /// sampler needs no hidden state; the unused sine partner is discarded for the same
  /// reason. `u1` is taken in (0, 1] so the logarithm is always finite.
  @inlinable
  public mutating func nextNormal() -> Double {
    let u1 = 1.0 - nextUniform()
    let u2 = nextUniform()
    return (-2.0 * cLog(u1)).squareRoot() * cCos(2.0 * Double.pi * u2)
  }

  /// A normal draw with the given mean and standard deviation.
  /// - Precondition: `standardDeviation >= 0`.
  @inlinable
  public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
    precondition(
      standardDeviation >= 0, "nextNormal: standard deviation \(standardDeviation) is negative")
    return mean + standardDeviation * nextNormal()
  }
}

/// A permutation of `0..<n` drawn uniformly by the Fisher–Yates shuffle.
public func randomPermutation<G: RandomNumberGenerator>(_ n: Int, using rng: inout G) -> [Int] {
  var p = Array(0..<n)
  var i = n - 1
  while i > 0 {
    let j = rng.nextInt(below: i + 1)
    p.swapAt(i, j)
    i -= 1
  }
  return p
}
