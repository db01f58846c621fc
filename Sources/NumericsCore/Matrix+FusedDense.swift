import CElementKernels

// A Dense layer and the rectifier after it as one pass over the output, forward and back.
//
// Forward, `Y = relu(X·W + b)` computed the plain way is three passes over the batch ×
// out output: copy the bias into every row, add the product (β = 1), rectify into a new
// matrix. Backward, `∂L/∂A = (G·Wᵀ) ⊙ [cache > 0]` is two: the product, then the mask.
// Where `matmul` runs the small AVX-512 kernel (`Matrix+SmallProduct.swift`) these run
// inside its last step instead, on the sums still in registers, with the same IEEE
// operations in the same order: the same bits as the plain passes, which run everywhere
// else (other CPUs, shapes the rule leaves to OpenBLAS).

/// A rectifier that can follow a Dense layer in one pass.
public enum Rectifier: Sendable, Equatable {
  /// `x > 0 ? x : 0` (``Matrix/rectified()``).
  case relu
  /// `x > 0 ? x : slope·x` (``Matrix/leakyRectified(slope:)``).
  case leaky(slope: Double)

  /// The gradient factor where the cache is not positive: 0 or the slope.
  public var slope: Double {
    switch self {
    case .relu: 0
    case .leaky(let slope): slope
    }
  }
}

/// `rectifier(X·W + b)`, `b` added to every row: a Dense layer and its activation.
///
/// Shapes: `x` `batch × in`, `weights` `in × out`, `bias` `1 × out`, the result
/// `batch × out`. The same bits as `Matrix.repeating(row: bias, count:)`, `matmul(…,
/// beta: 1, into:)` and then `rectified()` / `leakyRectified(slope:)`.
/// - Precondition: the shapes fit.
public func affine(
  _ x: Matrix, _ weights: Matrix, bias: Matrix, rectifier: Rectifier
) -> Matrix {
  precondition(
    x.columns == weights.rows && bias.rows == 1 && bias.columns == weights.columns,
    "affine: input \(x.shapeDescription), weights \(weights.shapeDescription) and bias "
      + "\(bias.shapeDescription) do not fit")
  let (m, k, n) = (x.rows, x.columns, weights.columns)
  var out = Matrix.uninitialized(rows: m, columns: n)
  let kind =
    rectifier == .relu ? Int32(SMALL_GEMM_RELU) : Int32(SMALL_GEMM_LEAKY_RELU)
  let fused = x.withUnsafeElements { px in
    weights.withUnsafeElements { pw in
      bias.withUnsafeElements { pb in
        out.withUnsafeMutableElements { pc in
          guard let px = px.baseAddress, let pw = pw.baseAddress, let pb = pb.baseAddress,
            let pc = pc.baseAddress, k > 0
          else { return false }
          return smallProduct(
            transposeA: false, transposeB: false, m: m, n: n, k: k, px, lda: k, pw, ldb: n,
            alpha: 1, beta: 1, into: pc,
            epilogue: ProductEpilogue(bias: pb, kind: kind, slope: rectifier.slope))
        }
      }
    }
  }
  if fused { return out }
  out = Matrix.repeating(row: bias, count: m)
  matmul(x, weights, beta: 1, into: &out)
  switch rectifier {
  case .relu: return out.rectified()
  case .leaky(let slope): return out.leakyRectified(slope: slope)
  }
}

/// `(G·Wᵀ) ⊙ (cache > 0 ? 1 : slope)`: the input gradient of a Dense layer carried on
/// through the rectifier before it, whose forward cache (its output, or its input: their
/// signs agree) is `cache`.
///
/// Shapes: `gradient` `batch × out`, `weights` `in × out`, `cache` and the result
/// `batch × in`. The same bits as `matmul(gradient, weights, transposeB: true)` followed
/// by ``Matrix/rectifierGradient(_:cache:slope:)``.
/// - Precondition: the shapes fit.
public func productRectifierGradient(
  _ gradient: Matrix, _ weights: Matrix, cache: Matrix, slope: Double
) -> Matrix {
  precondition(
    gradient.columns == weights.columns && cache.rows == gradient.rows
      && cache.columns == weights.rows,
    "productRectifierGradient: gradient \(gradient.shapeDescription), weights "
      + "\(weights.shapeDescription) and cache \(cache.shapeDescription) do not fit")
  let (m, k, n) = (gradient.rows, gradient.columns, weights.rows)
  var out = Matrix.uninitialized(rows: m, columns: n)
  let fused = gradient.withUnsafeElements { pg in
    weights.withUnsafeElements { pw in
      cache.withUnsafeElements { pcache in
        out.withUnsafeMutableElements { pc in
          guard let pg = pg.baseAddress, let pw = pw.baseAddress,
            let pcache = pcache.baseAddress, let pc = pc.baseAddress, k > 0
          else { return false }
          return smallProduct(
            transposeA: false, transposeB: true, m: m, n: n, k: k, pg, lda: k, pw, ldb: k,
            alpha: 1, beta: 0, into: pc,
            epilogue: ProductEpilogue(
              kind: Int32(SMALL_GEMM_RECTIFIER_GRADIENT), slope: slope, cache: pcache))
        }
      }
    }
  }
  if fused { return out }
  matmul(gradient, weights, transposeB: true, into: &out)
  return Matrix.rectifierGradient(out, cache: cache, slope: slope)
}
