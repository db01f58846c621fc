import NumericsCore

/// Two-variable functions with known minima, on which optimizers can be watched at work.
///
/// Each case gives its value, gradient and Hessian in closed form, its minimum value `f*`
/// and minimisers, a default start and a plotting window. The raw values are the names a
/// student types: `--function ill-conditioned`.
///
/// | name | f(x, y) | f* at |
/// |---|---|---|
/// | quadratic | x²/20 + y² | 0 at (0, 0) |
/// | ill-conditioned | 0.1x² + 2y² | 0 at (0, 0) |
/// | rosenbrock | (1 − x)² + 100(y − x²)² | 0 at (1, 1) |
/// | beale | (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)² | 0 at (3, 0.5) |
/// | saddle | x² − y² | none (unbounded below) |
/// | himmelblau | (x² + y − 11)² + (x + y² − 7)² | 0 at four points |
///
/// Rosenbrock (1960) and Beale (1958) are the classic benchmarks of optimisation; the
/// elongated bowl `x²/20 + y²` is the one DLFS uses in its chapter 6; Himmelblau (1972).
public enum TestFunction: String, CaseIterable, Sendable, Codable {
  case quadratic
  case illConditioned = "ill-conditioned"
  case rosenbrock, beale, saddle, himmelblau

  /// A point of the plane.
  public struct Point: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The first coordinate.
    public var x: Double
    /// The second coordinate.
    public var y: Double
    /// Creates a point.
    public init(_ x: Double, _ y: Double) {
      self.x = x
      self.y = y
    }
    /// The point as a 1 × 2 matrix, the shape an optimizer updates.
    public var matrix: Matrix { Matrix(row: [x, y]) }
    /// `(x, y)`.
    public var description: String { "(\(x), \(y))" }
    /// Whether both coordinates are finite.
    public var isFinite: Bool { x.isFinite && y.isFinite }
  }

  /// The name for titles, e.g. `Rosenbrock`.
  public var displayName: String {
    switch self {
    case .quadratic: "Elongated bowl"
    case .illConditioned: "Ill-conditioned bowl"
    case .rosenbrock: "Rosenbrock"
    case .beale: "Beale"
    case .saddle: "Saddle"
    case .himmelblau: "Himmelblau"
    }
  }

  /// The formula as text, e.g. `f = x²/20 + y²`.
  public var formula: String {
    switch self {
    case .quadratic: "f = x²/20 + y²"
    case .illConditioned: "f = 0.1x² + 2y²"
    case .rosenbrock: "f = (1 − x)² + 100(y − x²)²"
    case .beale: "f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    case .saddle: "f = x² − y²"
    case .himmelblau: "f = (x² + y − 11)² + (x + y² − 7)²"
    }
  }

  /// The value `f(x, y)`.
  public func value(_ x: Double, _ y: Double) -> Double {
    switch self {
    case .quadratic: return x * x / 20 + y * y
    case .illConditioned: return 0.1 * x * x + 2 * y * y
    case .rosenbrock: return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    case .beale:
      let terms = Beale.terms(x, y)
      return terms.a1 * terms.a1 + terms.a2 * terms.a2 + terms.a3 * terms.a3
    case .saddle: return x * x - y * y
    case .himmelblau:
      let (u, w) = (x * x + y - 11, x + y * y - 7)
      return u * u + w * w
    }
  }

  /// The gradient `(∂f/∂x, ∂f/∂y)`.
  public func gradient(_ x: Double, _ y: Double) -> Point {
    switch self {
    case .quadratic: return Point(x / 10, 2 * y)
    case .illConditioned: return Point(0.2 * x, 4 * y)
    case .rosenbrock:
      let r = y - x * x
      return Point(-2 * (1 - x) - 400 * x * r, 200 * r)
    case .beale:
      // f = Σ a_k², a_k = c_k − x + x·y^k ⇒ ∇f = Σ 2·a_k·∇a_k, ∇a_k = (y^k − 1, k·x·y^(k−1)).
      let t = Beale.terms(x, y)
      let dx = 2 * (t.a1 * (y - 1) + t.a2 * (y * y - 1) + t.a3 * (y * y * y - 1))
      let dy = 2 * (t.a1 * x + t.a2 * 2 * x * y + t.a3 * 3 * x * y * y)
      return Point(dx, dy)
    case .saddle: return Point(2 * x, -2 * y)
    case .himmelblau:
      // f = u² + w², u = x² + y − 11, w = x + y² − 7.
      let (u, w) = (x * x + y - 11, x + y * y - 7)
      return Point(4 * x * u + 2 * w, 2 * u + 4 * y * w)
    }
  }

  /// The Hessian `[[f_xx, f_xy], [f_xy, f_yy]]` as a symmetric 2 × 2 matrix.
  public func hessian(_ x: Double, _ y: Double) -> Matrix {
    let (xx, xy, yy): (Double, Double, Double)
    switch self {
    case .quadratic: (xx, xy, yy) = (0.1, 0, 2)
    case .illConditioned: (xx, xy, yy) = (0.2, 0, 4)
    case .rosenbrock: (xx, xy, yy) = (2 - 400 * y + 1200 * x * x, -400 * x, 200)
    case .beale:
      // ∇²f = Σ 2(∇a_k ∇a_kᵀ + a_k ∇²a_k), with ∇²a_k = [[0, k y^(k−1)], [k y^(k−1), k(k−1) x y^(k−2)]].
      let t = Beale.terms(x, y)
      let gx = [y - 1, y * y - 1, y * y * y - 1]
      let gy = [x, 2 * x * y, 3 * x * y * y]
      let hxy = [1, 2 * y, 3 * y * y]
      let hyy = [0, 2 * x, 6 * x * y]
      let a = [t.a1, t.a2, t.a3]
      var sums = (xx: 0.0, xy: 0.0, yy: 0.0)
      for k in 0..<3 {
        sums.xx += 2 * gx[k] * gx[k]
        sums.xy += 2 * (gx[k] * gy[k] + a[k] * hxy[k])
        sums.yy += 2 * (gy[k] * gy[k] + a[k] * hyy[k])
      }
      (xx, xy, yy) = sums
    case .saddle: (xx, xy, yy) = (2, 0, -2)
    case .himmelblau:
      let (u, w) = (x * x + y - 11, x + y * y - 7)
      (xx, xy, yy) = (8 * x * x + 4 * u + 2, 4 * x + 4 * y, 2 + 8 * y * y + 4 * w)
    }
    return Matrix([[xx, xy], [xy, yy]])
  }

  /// The value at a 1 × 2 point `[x, y]`.
  public func value(at point: Matrix) -> Double {
    checkPoint(point)
    return value(point[0, 0], point[0, 1])
  }

  /// The gradient at a 1 × 2 point `[x, y]`, as a 1 × 2 matrix.
  public func gradient(at point: Matrix) -> Matrix {
    checkPoint(point)
    return gradient(point[0, 0], point[0, 1]).matrix
  }

  /// The minimum value `f*`; `−∞` for the saddle, which has no minimum.
  public var minimumValue: Double {
    self == .saddle ? -Double.infinity : 0
  }

  /// Every global minimiser (none for the saddle; four for Himmelblau).
  public var minimizers: [Point] {
    switch self {
    case .quadratic, .illConditioned: [Point(0, 0)]
    case .rosenbrock: [Point(1, 1)]
    case .beale: [Point(3, 0.5)]
    case .saddle: []
    case .himmelblau:
      [
        Point(3, 2), Point(-2.805118086952745, 3.131312518250573),
        Point(-3.779310253377747, -3.283185991286170),
        Point(3.584428340330492, -1.848126526964404),
      ]
    }
  }

  /// Where the experiments start unless told otherwise.
  public var defaultStart: Point {
    switch self {
    case .quadratic: Point(-7, 2)
    case .illConditioned: Point(-5, -2)
    case .rosenbrock: Point(-1.5, 2)
    case .beale: Point(1, 1.5)
    case .saddle: Point(-1.5, 0.01)
    case .himmelblau: Point(0, 0)
    }
  }

  /// The region to draw: it holds the default start and the minimisers near it.
  public var window: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    switch self {
    case .quadratic: (-10...10, -5...5)
    case .illConditioned: (-6...6, -3...3)
    case .rosenbrock: (-2...2, -1...3)
    case .beale: (-4.5...4.5, -4.5...4.5)
    case .saddle: (-2...2, -2...2)
    case .himmelblau: (-5...5, -5...5)
    }
  }

  private func checkPoint(_ point: Matrix) {
    precondition(
      point.rows == 1 && point.columns == 2,
      "\(rawValue): a point is 1×2 [x, y], got \(point.shapeDescription)")
  }
}

/// Beale's three residuals `a_k = c_k − x + x·y^k`, `c = (1.5, 2.25, 2.625)`.
private enum Beale {
  static func terms(_ x: Double, _ y: Double) -> (a1: Double, a2: Double, a3: Double) {
    (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y)
  }
}
