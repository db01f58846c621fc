import CElementKernels

// Gradient descent folded into the product that forms the gradient.
//
// A Dense layer's weight gradient is a product, ∂L/∂W = Xᵀ·G, and plain SGD reads it once:
// W ← W − η·(∂L/∂W + λ·W). Formed apart, the gradient is written whole (in × out numbers,
// 1.6 MB for a 784 × 256 layer) and read back by a second pass over W. Where the
// small-product kernel runs the product (`Matrix+SmallProduct.swift`) the update runs inside
// its last step instead, on the sums still in registers, with the IEEE operations of
// `sgd_update` in the same order: the same bits, without the buffer and without the pass.
// PyTorch offers the same idea as "optimizer in backward" (a hook that steps each parameter
// as soon as its gradient is accumulated), for memory rather than speed.

extension Matrix {
  /// `self ← self − η·(op(a)·b + λ·self)`: one step of gradient descent along the gradient
  /// `op(a)·b` (SGD without momentum, with coupled weight decay λ), in one pass where the
  /// small-product kernel takes the product; elsewhere the product is formed and
  /// ``formSGDUpdate(along:learningRate:weightDecay:threads:)`` applied. The same bits
  /// either way (`MatrixFusedDescentTests`).
  ///
  /// - Parameters:
  ///   - a: `op(a)` is `rows × k` (`a` is `k × rows` when `transposeA`).
  ///   - b: `k × columns`.
  ///   - learningRate: η.
  ///   - weightDecay: λ (0 for none).
  /// - Precondition: the shapes fit.
  public mutating func formSGDUpdate(
    alongProductOf a: Matrix, _ b: Matrix, transposeA: Bool = false, learningRate: Double,
    weightDecay: Double
  ) {
    let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    precondition(
      m == rows && b.rows == k && b.columns == columns,
      "formSGDUpdate(alongProductOf:): (\(a.shapeDescription))\(transposeA ? "ᵀ" : "")·"
        + "(\(b.shapeDescription)) does not give the parameter's \(shapeDescription)")
    let n = columns
    let fused =
      k > 0
      && a.withUnsafeElements { pa in
        b.withUnsafeElements { pb in
          withUnsafeMutableElements { pc in
            guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress
            else { return false }
            return smallProduct(
              transposeA: transposeA, transposeB: false, m: m, n: n, k: k, pa, lda: a.columns,
              pb, ldb: n, alpha: 1, beta: 0, into: pc,
              epilogue: ProductEpilogue(
                kind: Int32(SMALL_GEMM_DESCENT), rate: learningRate, decay: weightDecay))
          }
        }
      }
    if fused { return }
    formSGDUpdate(
      along: matmul(a, b, transposeA: transposeA), learningRate: learningRate,
      weightDecay: weightDecay)
  }

  /// The largest `|x|` of the elements (0 when there are none), or `+∞` if one is NaN or
  /// infinite: what a caller needs to bound a product before forming it.
  ///
  /// Computed on the bit patterns (`largest_magnitude_bits`): with the sign bit cleared,
  /// the order of IEEE doubles is the order of their patterns as unsigned integers, and ±∞
  /// and NaN have the largest ones, so one integer maximum gives both answers.
  public var largestMagnitude: Double {
    let largest = withUnsafeElements { buffer in
      guard let x = buffer.baseAddress else { return UInt64(0) }
      return UInt64(largest_magnitude_bits(x, buffer.count))
    }
    let infinity = Double.infinity.bitPattern
    return largest >= infinity ? .infinity : Double(bitPattern: largest)
  }
}
