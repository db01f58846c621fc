import NumericsCore
import XCTest

/// The generators against reference values, and the samplers against their distributions.
final class RandomTests: XCTestCase {
  // MARK: Generators

  func testSplitMix64PublishedOutputsForSeedZero() {
    var rng = SplitMix64(seed: 0)
    XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
    XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
    XCTAssertEqual(rng.next(), 0x06C4_5D18_8009_454F)
  }

  /// A literal port of Blackman and Vigna's C reference `next()` (xoshiro256starstar.c),
  /// on a plain `[UInt64]` state, as the independent oracle.
  private struct ReferenceXoshiro {
    var s: [UInt64]

    static func rotl(_ x: UInt64, _ k: Int) -> UInt64 { (x << UInt64(k)) | (x >> UInt64(64 - k)) }

    mutating func next() -> UInt64 {
      let result = Self.rotl(s[1] &* 5, 7) &* 9
      let t = s[1] << 17
      s[2] ^= s[0]
      s[3] ^= s[1]
      s[1] ^= s[2]
      s[0] ^= s[3]
      s[2] ^= t
      s[3] = Self.rotl(s[3], 45)
      return result
    }
  }

  func testXoshiroHandComputedFirstOutputs() {
    // State (1, 2, 3, 4): rotl(2·5, 7)·9 = 1280·9 = 11520; then s1 becomes 0, so the
    // second output is 0; the third is (262149·5 ≪ 7)·9 = 1509978240.
    var rng = Xoshiro256StarStar(state: (1, 2, 3, 4))
    XCTAssertEqual(rng.next(), 11520)
    XCTAssertEqual(rng.next(), 0)
    XCTAssertEqual(rng.next(), 1_509_978_240)
  }

  func testXoshiroMatchesTheReferenceAlgorithm() {
    let states: [[UInt64]] = [
      [1, 2, 3, 4],
      [0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, 0xDEAD_BEEF_CAFE_F00D, 42],
      [UInt64.max, 0, UInt64.max, 0],
    ]
    for state in states {
      var reference = ReferenceXoshiro(s: state)
      var rng = Xoshiro256StarStar(state: (state[0], state[1], state[2], state[3]))
      for step in 0..<1000 {
        let expected = reference.next()
        let actual = rng.next()
        if actual != expected {
          XCTFail("state \(state), step \(step): \(actual) ≠ reference \(expected)")
          break
        }
      }
    }
  }

  func testXoshiroSeedIsFourSplitMixOutputs() {
    var reference = ReferenceXoshiro(s: [
      0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
      0xF88B_B8A8_724C_81EC,
    ])
    var rng = Xoshiro256StarStar(seed: 0)
    for _ in 0..<10 { XCTAssertEqual(rng.next(), reference.next()) }
  }

  func testSameSeedSameSequenceDifferentSeedDifferentSequence() {
    var a = Xoshiro256StarStar(seed: 42)
    var b = Xoshiro256StarStar(seed: 42)
    var c = Xoshiro256StarStar(seed: 43)
    let sa = (0..<100).map { _ in a.nextNormal() }
    let sb = (0..<100).map { _ in b.nextNormal() }
    let sc = (0..<100).map { _ in c.nextNormal() }
    XCTAssertEqual(sa, sb)
    XCTAssertNotEqual(sa, sc)
  }

  // MARK: Uniform doubles

  /// Returns the queued words, to probe how a sampler turns bits into numbers.
  private struct ScriptedGenerator: RandomNumberGenerator {
    var words: [UInt64]
    mutating func next() -> UInt64 { words.removeFirst() }
  }

  func testNextUniformUsesTheTop53Bits() {
    var rng = ScriptedGenerator(words: [0, UInt64.max, 1 << 11, (1 << 11) - 1, 1 << 63])
    XCTAssertEqual(rng.nextUniform(), 0)
    XCTAssertEqual(rng.nextUniform(), 1 - 0x1.0p-53)  // the largest value, below 1
    XCTAssertEqual(rng.nextUniform(), 0x1.0p-53)  // bit 11 is the lowest one used
    XCTAssertEqual(rng.nextUniform(), 0)  // the 11 low bits are dropped
    XCTAssertEqual(rng.nextUniform(), 0.5)
  }

  func testNextUniformRangeAndResolution() {
    var rng = Xoshiro256StarStar(seed: 1)
    var lowestBitSet = 0
    let n = 10_000
    for _ in 0..<n {
      let u = rng.nextUniform()
      XCTAssertTrue(u >= 0 && u < 1)
      let scaled = u * 0x1.0p53  // exact: an integer below 2⁵³
      XCTAssertEqual(scaled, scaled.rounded())
      if UInt64(scaled) & 1 == 1 { lowestBitSet += 1 }
    }
    // The 53rd bit is a fair coin: 5000 ± 5·50 (binomial standard deviation √(n/4) = 50).
    XCTAssertEqual(Double(lowestBitSet), 5000, accuracy: 250)
    let v = rng.nextUniform(in: -3, 5)
    XCTAssertTrue(v >= -3 && v < 5)
  }

  // MARK: Integers

  func testNextIntBounds() {
    var rng = Xoshiro256StarStar(seed: 2)
    for _ in 0..<100 { XCTAssertEqual(rng.nextInt(below: 1), 0) }
    var seen = Set<Int>()
    for _ in 0..<1000 {
      let k = rng.nextInt(below: 7)
      XCTAssertTrue((0..<7).contains(k))
      seen.insert(k)
    }
    XCTAssertEqual(seen, Set(0..<7))
    for _ in 0..<100 { XCTAssertTrue((0..<Int.max).contains(rng.nextInt(below: Int.max))) }
  }

  func testNextIntIsUniformByChiSquare() {
    var rng = Xoshiro256StarStar(seed: 5)
    let bins = 10
    let draws = 100_000
    var counts = [Int](repeating: 0, count: bins)
    for _ in 0..<draws { counts[rng.nextInt(below: bins)] += 1 }
    let expected = Double(draws) / Double(bins)
    let chiSquare = counts.reduce(0.0) {
      $0 + (Double($1) - expected) * (Double($1) - expected) / expected
    }
    // 9 degrees of freedom: P(χ² > 33.72) = 1e-4, so a fair generator fails 1 seed in 10⁴.
    XCTAssertLessThan(chiSquare, 33.72, "counts \(counts)")
  }

  func testRandomPermutationIsAPermutation() {
    var rng = Xoshiro256StarStar(seed: 9)
    let p = randomPermutation(50, using: &rng)
    XCTAssertEqual(p.sorted(), Array(0..<50))
    XCTAssertNotEqual(p, Array(0..<50))
    XCTAssertEqual(randomPermutation(0, using: &rng), [])
    XCTAssertEqual(randomPermutation(1, using: &rng), [0])
  }

  // MARK: Normal samples

  func testNormalMomentsOfAMillionDraws() {
    var rng = Xoshiro256StarStar(seed: 2024)
    let n = 1_000_000
    var (s1, s2, s3, s4) = (0.0, 0.0, 0.0, 0.0)
    for _ in 0..<n {
      let z = rng.nextNormal()
      let z2 = z * z
      s1 += z
      s2 += z2
      s3 += z2 * z
      s4 += z2 * z2
    }
    let count = Double(n)
    let mean = s1 / count
    // Central moments from raw moments; with a mean of order 10⁻³ there is no cancellation.
    let m2 = s2 / count - mean * mean
    let m3 = s3 / count - 3 * mean * s2 / count + 2 * mean * mean * mean
    let m4 = s4 / count - 4 * mean * s3 / count + 6 * mean * mean * s2 / count - 3 * pow(mean, 4)
    let skewness = m3 / pow(m2, 1.5)
    let excessKurtosis = m4 / (m2 * m2) - 3
    // Bounds are 5 standard errors of each estimator under N(0, 1):
    // SE(mean) = 1/√n = 0.001, SE(variance) = √(2/n) ≈ 0.00141,
    // SE(skewness) ≈ √(6/n) ≈ 0.00245, SE(excess kurtosis) ≈ √(24/n) ≈ 0.0049.
    XCTAssertEqual(mean, 0, accuracy: 0.005)
    XCTAssertEqual(m2, 1, accuracy: 0.0071)
    XCTAssertEqual(skewness, 0, accuracy: 0.0123)
    XCTAssertEqual(excessKurtosis, 0, accuracy: 0.0245)
  }

  func testNormalWithMeanAndStandardDeviation() {
    var rng = Xoshiro256StarStar(seed: 8)
    let n = 20_000
    let draws = (0..<n).map { _ in rng.nextNormal(mean: 3, standardDeviation: 2) }
    let m = draws.reduce(0, +) / Double(n)
    let v = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
    // 5 SE: SE(mean) = 2/√n ≈ 0.0141; SE(variance) = 4·√(2/n) = 0.04.
    XCTAssertEqual(m, 3, accuracy: 0.071)
    XCTAssertEqual(v, 4, accuracy: 0.2)
    XCTAssertEqual(rng.nextNormal(mean: -1, standardDeviation: 0), -1)
  }
}
