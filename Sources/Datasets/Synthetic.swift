import NumericsCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small seeded data sets with known structure, for tests and for figures.
///
/// Every generator takes the random generator as its last argument and draws from it in
/// a fixed, documented order, so the same seed always gives the same points. Samples are
/// stored class by class (class 0 first); shuffle through mini-batches when training.
public enum Synthetic {
  /// Two interleaved spirals (Lang and Witbrock, 1988): not linearly separable, the
  /// classic test that a network with hidden layers can bend its decision boundary.
  ///
  /// ```
  /// t_i = i / n,   θ = 2π · turns · t_i + π · k,   r = t_i          (class k ∈ {0, 1})
  /// x = r · (cos θ, sin θ) + noise · (ε₁, ε₂),   ε ~ N(0, 1)
  /// ```
  /// - Parameters:
  ///   - pointsPerClass: points on each spiral (`n`).
  ///   - turns: how many times each spiral winds around (default 1.5).
  ///   - noise: standard deviation of the Gaussian jitter.
  ///   - rng: the generator (two normal draws per point, class 0 first).
  /// - Returns: `2n × 2` features in roughly [−1, 1]², labels 0 and 1.
  public static func twoSpirals<G: RandomNumberGenerator>(
    pointsPerClass n: Int, turns: Double = 1.5, noise: Double = 0.05, using rng: inout G
  ) -> ClassificationSet {
    precondition(n > 0, "twoSpirals: pointsPerClass \(n) must be positive")
    precondition(noise >= 0, "twoSpirals: noise \(noise) must be non-negative")
    var points = [Double]()
    var labels = [Int]()
    for k in 0..<2 {
      for i in 0..<n {
        let t = Double(i) / Double(n)
        let theta = 2 * Double.pi * turns * t + Double.pi * Double(k)
        points.append(t * cos(theta) + noise * rng.nextNormal())
        points.append(t * sin(theta) + noise * rng.nextNormal())
        labels.append(k)
      }
    }
    return ClassificationSet(
      features: Matrix(rows: 2 * n, columns: 2, elements: points), labels: labels,
      classNames: ["spiral A", "spiral B"])
  }

  /// Two interleaving half circles ("moons"), as scikit-learn's `make_moons`.
  ///
  /// ```
  /// θ_i = π · i / (n − 1)
  /// class 0: (cos θ_i, sin θ_i) + noise · ε
  /// class 1: (1 − cos θ_i, ½ − sin θ_i) + noise · ε,   ε ~ N(0, I₂)
  /// ```
  /// - Returns: `2n × 2` features, labels 0 (upper moon) and 1 (lower moon).
  public static func moons<G: RandomNumberGenerator>(
    pointsPerClass n: Int, noise: Double = 0.1, using rng: inout G
  ) -> ClassificationSet {
    precondition(n > 1, "moons: pointsPerClass \(n) must be at least 2")
    precondition(noise >= 0, "moons: noise \(noise) must be non-negative")
    var points = [Double]()
    var labels = [Int]()
    for k in 0..<2 {
      for i in 0..<n {
        let theta = Double.pi * Double(i) / Double(n - 1)
        let (x, y) = k == 0 ? (cos(theta), sin(theta)) : (1 - cos(theta), 0.5 - sin(theta))
        points.append(x + noise * rng.nextNormal())
        points.append(y + noise * rng.nextNormal())
        labels.append(k)
      }
    }
    return ClassificationSet(
      features: Matrix(rows: 2 * n, columns: 2, elements: points), labels: labels,
      classNames: ["upper moon", "lower moon"])
  }

  /// Isotropic Gaussian clusters, one class per center.
  ///
  /// ```
  /// x = center_k + standardDeviation · ε,   ε ~ N(0, I_d)
  /// ```
  /// - Parameters:
  ///   - centers: one point per class, all of the same dimension `d`.
  ///   - pointsPerCenter: samples drawn around each center.
  ///   - standardDeviation: the spread of every cluster.
  /// - Returns: `(k·n) × d` features, labels `0..<k` in the order of `centers`.
  public static func gaussianBlobs<G: RandomNumberGenerator>(
    centers: [[Double]], pointsPerCenter n: Int, standardDeviation: Double = 1,
    using rng: inout G
  ) -> ClassificationSet {
    precondition(!centers.isEmpty, "gaussianBlobs: no centers")
    let d = centers[0].count
    precondition(
      centers.allSatisfy { $0.count == d }, "gaussianBlobs: centers of different dimensions")
    precondition(n > 0, "gaussianBlobs: pointsPerCenter \(n) must be positive")
    precondition(standardDeviation >= 0, "gaussianBlobs: negative spread \(standardDeviation)")
    var points = [Double]()
    var labels = [Int]()
    for (k, center) in centers.enumerated() {
      for _ in 0..<n {
        for coordinate in center {
          points.append(coordinate + standardDeviation * rng.nextNormal())
        }
        labels.append(k)
      }
    }
    return ClassificationSet(
      features: Matrix(rows: centers.count * n, columns: d, elements: points), labels: labels,
      classNames: centers.indices.map { "blob \($0)" })
  }

  /// Samples of a 1-D function with Gaussian noise, for regression.
  ///
  /// ```
  /// x_i ~ U(domain) (then sorted),   y_i = f(x_i) + noise · ε_i,   ε_i ~ N(0, 1)
  /// ```
  /// - Parameters:
  ///   - count: number of samples.
  ///   - domain: where the inputs are drawn.
  ///   - noise: standard deviation of the noise.
  ///   - function: the truth `f`.
  ///   - rng: the generator (all `count` uniforms first, then `count` normals).
  /// - Returns: inputs and targets, both `count × 1`, inputs in increasing order.
  public static func noisyFunction<G: RandomNumberGenerator>(
    count: Int, domain: ClosedRange<Double>, noise: Double,
    function: (Double) -> Double, using rng: inout G
  ) -> RegressionSet {
    precondition(count > 0, "noisyFunction: count \(count) must be positive")
    precondition(noise >= 0, "noisyFunction: noise \(noise) must be non-negative")
    let xs = (0..<count).map { _ in
      rng.nextUniform(in: domain.lowerBound, domain.upperBound)
    }.sorted()
    let ys = xs.map { function($0) + noise * rng.nextNormal() }
    return RegressionSet(inputs: Matrix(column: xs), targets: Matrix(column: ys))
  }
}

/// Inputs and real-valued targets for regression (`count × inputs`, `count × outputs`).
public struct RegressionSet: Sendable, Equatable {
  /// One sample per row.
  public var inputs: Matrix
  /// The target of each row.
  public var targets: Matrix

  /// Creates a set.
  /// - Precondition: as many target rows as input rows.
  public init(inputs: Matrix, targets: Matrix) {
    precondition(
      inputs.rows == targets.rows,
      "RegressionSet: \(inputs.rows) input rows but \(targets.rows) target rows")
    self.inputs = inputs
    self.targets = targets
  }

  /// The number of samples.
  public var count: Int { inputs.rows }
}
