import ChapterKit
import Foundation
import NumericsCore

/// A 2-D Gaussian N(μ, Σ): the target with a known answer.
struct Gaussian2D: Equatable {
  /// μ, two entries.
  var mean: [Double]
  /// Σ, 2×2, symmetric positive definite.
  var covariance: [[Double]]
  /// The lower-triangular Cholesky factor L with Σ = L·Lᵀ.
  let factor: [[Double]]

  /// Creates the Gaussian, or explains what is wrong with Σ.
  /// - Throws: `GaussianInputError` when μ does not have 2 entries, Σ is not 2×2, not
  ///   symmetric, or not positive definite.
  init(mean: [Double], covariance: [[Double]]) throws(GaussianInputError) {
    guard mean.count == 2 else { throw .meanCount(mean.count) }
    guard covariance.count == 2, covariance.allSatisfy({ $0.count == 2 }) else {
      throw .covarianceCount(covariance.map(\.count).reduce(0, +))
    }
    let (a, b, c, d) = (covariance[0][0], covariance[0][1], covariance[1][0], covariance[1][1])
    let scale = max(abs(a), abs(b), abs(c), abs(d), .leastNormalMagnitude)
    guard abs(b - c) <= 1e-12 * scale else { throw .notSymmetric(b, c) }
    guard let factor = choleskyFactor(a, b, d) else {
      throw .notPositiveDefinite(a: a, b: b, d: d)
    }
    self.mean = mean
    self.covariance = covariance
    self.factor = factor
  }

  /// `count` draws `x = μ + L·ε`, `ε ~ N(0, I)`, as `count × 2`.
  func sample<G: RandomNumberGenerator>(count: Int, using rng: inout G) -> Matrix {
    var elements = [Double]()
    elements.reserveCapacity(2 * count)
    for _ in 0..<count {
      let e0 = rng.nextNormal()
      let e1 = rng.nextNormal()
      elements.append(mean[0] + factor[0][0] * e0)
      elements.append(mean[1] + factor[1][0] * e0 + factor[1][1] * e1)
    }
    return Matrix(rows: count, columns: 2, elements: elements)
  }
}

/// What is wrong with a `--mean` or `--covariance` the user typed.
enum GaussianInputError: Error, Equatable, CustomStringConvertible {
  case meanCount(Int)
  case covarianceCount(Int)
  case notSymmetric(Double, Double)
  case notPositiveDefinite(a: Double, b: Double, d: Double)

  var description: String {
    switch self {
    case .meanCount(let n):
      return "--mean needs 2 values (e.g. \"0,2\"), got \(n)"
    case .covarianceCount(let n):
      return "--covariance needs 4 values as \"a,b;b,d\" (e.g. \"2,0.3;0.3,0.5\"), got \(n)"
    case .notSymmetric(let b, let c):
      return "--covariance is not symmetric: entry (1,2) is \(formatNumber(b)) but (2,1) is "
        + "\(formatNumber(c))"
    case .notPositiveDefinite(let a, let b, let d) where a > 0 && a * d - b * b > 0:
      return "--covariance is too close to singular for float64 (needs d − b²/a > "
        + "10⁻¹²·max(a, d); a = \(formatNumber(a)), d − b²/a = \(formatNumber(d - b * b / a)))"
    case .notPositiveDefinite(let a, let b, let d):
      return "--covariance is not positive definite (needs a > 0 and a·d − b² > 0; "
        + "a = \(formatNumber(a)), a·d − b² = \(formatNumber(a * d - b * b)))"
    }
  }
}

/// The Cholesky factor of `[[a, b], [b, d]]`, or nil unless it is positive definite.
///
/// ```
/// L = [[√a, 0], [b/√a, √(d − b²/a)]]
/// ```
func choleskyFactor(_ a: Double, _ b: Double, _ d: Double) -> [[Double]]? {
  guard a > 0, a.isFinite, d.isFinite, b.isFinite else { return nil }
  let l00 = a.squareRoot()
  let l10 = b / l00
  let rest = d - l10 * l10
  guard rest > 1e-12 * max(a, d) else { return nil }
  return [[l00, 0], [l10, rest.squareRoot()]]
}

/// The sample mean and the (unbiased) sample covariance of the rows of `x` (`n × 2`).
func sampleMoments(_ x: Matrix) -> (mean: [Double], covariance: [[Double]]) {
  precondition(x.columns == 2 && x.rows >= 2, "sampleMoments: need n ≥ 2 rows of 2 columns")
  let n = Double(x.rows)
  var m0 = 0.0
  var m1 = 0.0
  for r in 0..<x.rows {
    m0 += x[r, 0]
    m1 += x[r, 1]
  }
  m0 /= n
  m1 /= n
  var c00 = 0.0
  var c01 = 0.0
  var c11 = 0.0
  for r in 0..<x.rows {
    let u = x[r, 0] - m0
    let v = x[r, 1] - m1
    c00 += u * u
    c01 += u * v
    c11 += v * v
  }
  let scale = 1 / (n - 1)
  return ([m0, m1], [[c00 * scale, c01 * scale], [c01 * scale, c11 * scale]])
}

/// The affine standardisation `u = L⁻¹(x − μ)` of a data set and its inverse `x = μ + L·u`,
/// from the data's own sample mean and covariance.
///
/// Standardising the inputs is ordinary preprocessing (as for any network); here it makes
/// every Gaussian target look like N(0, I) to the GAN, so one set of hyperparameters
/// serves every mean and covariance. The GAN still has to *learn* N(0, I): the
/// standardisation fixes the coordinates, not the generator.
struct Standardization {
  let mean: [Double]
  let factor: [[Double]]

  /// From the sample moments of `data` (`n × 2`).
  /// - Precondition: the sample covariance is positive definite.
  init(data: Matrix) {
    let moments = sampleMoments(data)
    let c = moments.covariance
    guard let factor = choleskyFactor(c[0][0], c[0][1], c[1][1]) else {
      preconditionFailure("Standardization: the sample covariance \(c) is singular")
    }
    mean = moments.mean
    self.factor = factor
  }

  /// `u = L⁻¹(x − μ)` row by row (forward substitution).
  func standardize(_ x: Matrix) -> Matrix {
    var out = x
    for r in 0..<x.rows {
      let u0 = (x[r, 0] - mean[0]) / factor[0][0]
      out[r, 0] = u0
      out[r, 1] = (x[r, 1] - mean[1] - factor[1][0] * u0) / factor[1][1]
    }
    return out
  }

  /// `x = μ + L·u` row by row.
  func restore(_ u: Matrix) -> Matrix {
    var out = u
    for r in 0..<u.rows {
      out[r, 0] = mean[0] + factor[0][0] * u[r, 0]
      out[r, 1] = mean[1] + factor[1][0] * u[r, 0] + factor[1][1] * u[r, 1]
    }
    return out
  }
}
