// The gate nonlinearities as Swift evaluated them before they moved to C
// (`Sources/CElementKernels/activation_kernels.c`): the same textbook method, four lanes
// of `SIMD4<Double>` at a time. The C kernels must give these exact bits, so that moving
// them changed no result of the course (VectorActivationsTests).

typealias Lanes = SIMD4<Double>

/// `(2^k, q(r))` with `e^x = 2^k·(1 + q)`, for four lanes.
func exponentParts(_ x: Lanes) -> (scale: Lanes, q: Lanes) {
  let low = Lanes(repeating: -708)
  let high = Lanes(repeating: 709)
  let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
  let shifter = Lanes(repeating: 6_755_399_441_055_744.0)
  let shifted = clamped * Lanes(repeating: 1.442_695_040_888_963_4) + shifter
  let k = shifted - shifter
  let r =
    (clamped - k * Lanes(repeating: 6.931_471_803_691_238_164_90e-01))
    - k * Lanes(repeating: 1.908_214_929_270_587_700_02e-10)
  var p = Lanes(repeating: 1.0 / 479_001_600)
  let divisors: [Double] = [39_916_800, 3_628_800, 362_880, 40_320, 5_040, 720, 120, 24, 6, 2, 1]
  for d in divisors {
    p = p * r + Lanes(repeating: 1.0 / d)
  }
  let q = p * r
  let bits =
    unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &- unsafeBitCast(shifter, to: SIMD4<UInt64>.self)
  let scale = unsafeBitCast((bits &+ 1023) &<< 52, to: Lanes.self)
  return (scale, q)
}

/// `f` applied to `values` four at a time (the tail padded with zeros).
func fourLanes(_ values: [Double], _ f: (Lanes) -> Lanes) -> [Double] {
  var out: [Double] = []
  for start in stride(from: 0, to: values.count, by: 4) {
    var v = Lanes.zero
    let end = min(start + 4, values.count)
    for j in start..<end { v[j - start] = values[j] }
    let y = f(v)
    for j in start..<end { out.append(y[j - start]) }
  }
  return out
}

func keepingNaN(_ y: Lanes, of x: Lanes) -> Lanes { y.replacing(with: x, where: x .!= x) }

func fourLaneTanh(_ x: Lanes) -> Lanes {
  let negativeAbs = x.replacing(with: -x, where: x .> 0)
  let (scale, q) = exponentParts(2 * negativeAbs)
  let m = scale * q + (scale - 1)
  let magnitude = -m / (2 + m)
  return keepingNaN(magnitude.replacing(with: -magnitude, where: x .< 0), of: x)
}

func fourLaneSigmoid(_ x: Lanes) -> Lanes {
  let (scale, q) = exponentParts(-x)
  return keepingNaN(1 / (1 + scale * (1 + q)), of: x)
}

func fourLaneExp(_ x: Lanes) -> Lanes {
  let (scale, q) = exponentParts(x)
  return keepingNaN(scale * (1 + q), of: x)
}
