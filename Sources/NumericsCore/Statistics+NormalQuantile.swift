#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The inverse of the standard normal CDF, for confidence intervals at any level.
//
// Peter Acklam's rational approximation (2003) splits (0, 1) into a central region, where
// Φ⁻¹ is nearly linear in p − ½ and a ratio of polynomials in (p − ½)² fits it, and two
// tails, where it behaves like √(−2 ln p) and a ratio of polynomials in that variable
// fits it. Its relative error is below 1.15·10⁻⁹. One step of Halley's method on
// Φ(x) − p = 0, with Φ from the C library's `erfc`, then brings the result to within a
// few units in the last place: Halley converges cubically, so 10⁻⁹ becomes ~10⁻²⁷,
// far below double precision.

private let centralNumerator: [Double] = [
  -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
  1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
]
private let centralDenominator: [Double] = [
  -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
  6.680131188771972e+01, -1.328068155288572e+01, 1,
]
private let tailNumerator: [Double] = [
  -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
  -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
]
private let tailDenominator: [Double] = [
  7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
  3.754408661907416e+00, 1,
]

/// Horner's rule; `coefficients` run from the highest power down to the constant.
private func polynomial(_ coefficients: [Double], _ x: Double) -> Double {
  var result = 0.0
  for c in coefficients { result = result * x + c }
  return result
}

/// The standard normal cumulative distribution function, `Φ(x) = ½ erfc(−x/√2)`.
///
/// `erfc` rather than `1 + erf` keeps full relative precision in the lower tail, where
/// `Φ(x)` is tiny.
/// - Parameter x: any real number.
/// - Returns: `P(Z ≤ x)` for `Z ~ N(0, 1)`.
public func normalCDF(_ x: Double) -> Double {
  0.5 * erfc(-x / 2.0.squareRoot())
}

/// The standard normal quantile function `Φ⁻¹(p)`: the `z` with `P(Z ≤ z) = p`.
///
/// ```
/// central (0.02425 ≤ p ≤ 0.97575):  q = p − ½,  x = q · A(q²) / B(q²)
/// lower tail (p < 0.02425):          q = √(−2 ln p),  x = C(q) / D(q)
/// upper tail:                        x = −Φ⁻¹(1 − p)
/// Halley step:  e = Φ(x) − p,  u = e · √(2π) · exp(x²/2),  x ← x − u / (1 + x·u/2)
/// ```
/// `A`, `B`, `C`, `D` are Acklam's polynomials (degrees 5, 5, 5, 4). Examples:
/// `normalQuantile(0.975) ≈ 1.959964`, `normalQuantile(0.5) == 0`.
///
/// Source: P. J. Acklam, "An algorithm for computing the inverse normal cumulative
/// distribution function" (2003); the refinement is Halley's method as Acklam suggests.
/// - Parameter p: a probability in (0, 1); `0` and `1` give `−∞` and `+∞`.
/// - Returns: `Φ⁻¹(p)`, accurate to about 1e-15 relative.
/// - Precondition: `0 ≤ p ≤ 1`.
public func normalQuantile(_ p: Double) -> Double {
  precondition(p >= 0 && p <= 1, "normalQuantile: probability \(p) is not in [0, 1]")
  if p == 0 { return -.infinity }
  if p == 1 { return .infinity }
  let lowerBreak = 0.02425
  var x: Double
  if p < lowerBreak {
    let q = (-2 * log(p)).squareRoot()
    x = polynomial(tailNumerator, q) / polynomial(tailDenominator, q)
  } else if p <= 1 - lowerBreak {
    let q = p - 0.5
    let r = q * q
    x = q * polynomial(centralNumerator, r) / polynomial(centralDenominator, r)
  } else {
    let q = (-2 * log1p(-p)).squareRoot()
    x = -polynomial(tailNumerator, q) / polynomial(tailDenominator, q)
  }
  // Φ(x) − p. Above ½ write it as (1 − p) − (1 − Φ(x)): 1 − p is exact there and erfc
  // gives the upper tail precisely, whereas Φ(x) ≈ 1 − tiny would round the residual away.
  let e = p > 0.5 ? (1 - p) - 0.5 * erfc(x / 2.0.squareRoot()) : normalCDF(x) - p
  let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
  x -= u / (1 + x * u / 2)
  return x
}
