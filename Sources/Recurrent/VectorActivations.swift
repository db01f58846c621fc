// The gate nonlinearities, four lanes at a time: `exp`, `σ` and `tanh` over a buffer.
//
// A recurrent step calls a transcendental function for every gate unit (5 per unit and
// step for an LSTM), and libm's scalar `tanh`/`exp` cost 50–80 instructions each, as much
// as the step's GEMMs at these sizes. These kernels evaluate four lanes per instruction
// (`SIMD4<Double>`) with the textbook method; accuracy is within a few ulp of libm, far
// inside the 1e-9 the PyTorch fixtures are checked to:
// ```
// e^x = 2^k · e^r,   k = round(x / ln 2),  r = x − k·ln 2  (ln 2 in two parts, |r| ≤ ½ ln 2)
// e^r − 1 = q(r) = r + r²/2! + … + r¹²/12!     (Taylor; the remainder r¹³/13! < 2e−16)
// e^x − 1 = 2^k·q(r) + (2^k − 1)                (expm1: no cancellation for small x)
// tanh x  = sign(x) · (−m)/(2 + m),  m = expm1(−2|x|)
// σ(x)    = 1 / (1 + e^(−x))
// ```
// Inputs are clamped to [−708, 709] (beyond, e^x is 0 or ∞ to double precision anyway);
// a NaN input gives a NaN output, so a diverging run still shows up as NaN.

private typealias Lanes = SIMD4<Double>

/// `(2^k, q(r))` with `e^x = 2^k·(1 + q)`, for four lanes.
@inline(__always)
private func exponentParts(_ x: Lanes) -> (scale: Lanes, q: Lanes) {
  let low = Lanes(repeating: -708)
  let high = Lanes(repeating: 709)
  let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
  // k = round(x / ln 2) via the 1.5·2⁵² trick: adding it leaves k in the low mantissa bits.
  let shifter = Lanes(repeating: 6_755_399_441_055_744.0)
  let shifted = clamped * Lanes(repeating: 1.442_695_040_888_963_4) + shifter
  let k = shifted - shifter
  let r =
    (clamped - k * Lanes(repeating: 6.931_471_803_691_238_164_90e-01))
    - k * Lanes(repeating: 1.908_214_929_270_587_700_02e-10)
  // q(r) = r·(1 + r/2·(1 + r/3·(1 + …))) written as a Horner polynomial in r.
  var p = Lanes(repeating: 1.0 / 479_001_600)  // 1/12!
  p = p * r + Lanes(repeating: 1.0 / 39_916_800)
  p = p * r + Lanes(repeating: 1.0 / 3_628_800)
  p = p * r + Lanes(repeating: 1.0 / 362_880)
  p = p * r + Lanes(repeating: 1.0 / 40_320)
  p = p * r + Lanes(repeating: 1.0 / 5_040)
  p = p * r + Lanes(repeating: 1.0 / 720)
  p = p * r + Lanes(repeating: 1.0 / 120)
  p = p * r + Lanes(repeating: 1.0 / 24)
  p = p * r + Lanes(repeating: 1.0 / 6)
  p = p * r + Lanes(repeating: 0.5)
  p = p * r + Lanes(repeating: 1)
  let q = p * r
  let bits =
    unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
    &- unsafeBitCast(
      shifter, to: SIMD4<UInt64>.self)
  let scale = unsafeBitCast((bits &+ 1023) &<< 52, to: Lanes.self)
  return (scale, q)
}

/// Applies `f` to `count` values at `p`, four at a time; the last 1–3 values go through a
/// padded vector.
@inline(__always)
private func forEachLanes(
  _ p: UnsafeMutablePointer<Double>, count: Int, _ f: (Lanes) -> Lanes
) {
  let raw = UnsafeMutableRawPointer(p)
  var i = 0
  while i + 4 <= count {
    let v = raw.loadUnaligned(fromByteOffset: i * 8, as: Lanes.self)
    raw.storeBytes(of: f(v), toByteOffset: i * 8, as: Lanes.self)
    i += 4
  }
  if i < count {
    var v = Lanes.zero
    for j in 0..<(count - i) { v[j] = p[i + j] }
    let y = f(v)
    for j in 0..<(count - i) { p[i + j] = y[j] }
  }
}

/// A NaN input stays NaN (clamping would otherwise turn it into a number).
@inline(__always)
private func keepingNaN(_ y: Lanes, of x: Lanes) -> Lanes {
  y.replacing(with: x, where: x .!= x)
}

/// `p[i] ← σ(p[i])` for `i < count`.
func sigmoidInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
  forEachLanes(p, count: count) { x in
    let (scale, q) = exponentParts(-x)
    return keepingNaN(1 / (1 + scale * (1 + q)), of: x)
  }
}

/// `p[i] ← tanh(p[i])` for `i < count`.
func tanhInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
  forEachLanes(p, count: count) { x in
    let negativeAbs = x.replacing(with: -x, where: x .> 0)
    let (scale, q) = exponentParts(2 * negativeAbs)
    let m = scale * q + (scale - 1)  // expm1(−2|x|) ∈ (−1, 0]
    let magnitude = -m / (2 + m)
    return keepingNaN(magnitude.replacing(with: -magnitude, where: x .< 0), of: x)
  }
}

/// `p[i] ← e^(p[i])` for `i < count`.
func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
  forEachLanes(p, count: count) { x in
    let (scale, q) = exponentParts(x)
    return keepingNaN(scale * (1 + q), of: x)
  }
}
