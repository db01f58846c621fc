import CElementKernels

// The rectifiers' element loops (ReLU and leaky ReLU, forward and backward), in the C
// kernels of `Sources/CElementKernels` so they run on the CPU's widest vectors: a compare
// and a blend per 8 doubles with AVX-512, where Swift's baseline build needs a compare
// and three mask operations per 2. The GAN's step spends about a tenth of its
// instructions here (512 × 64 activations, four times per layer per step). Each kernel
// computes exactly the scalar expression in its doc comment, so the bits are those of a
// Swift loop.

extension Matrix {
  /// `max(0, x)` element-wise, written `x > 0 ? x : 0` (a NaN becomes 0, a negative 0 stays
  /// +0): ReLU's forward pass.
  public func rectified() -> Matrix {
    var out = Matrix.uninitialized(rows: rows, columns: columns)
    let n = count
    withUnsafeElements { x in
      out.withUnsafeMutableElements { y in
        guard let xp = x.baseAddress, let yp = y.baseAddress else { return }
        relu_forward(xp, yp, n)
      }
    }
    return out
  }

  /// `x > 0 ? x : slope·x` element-wise: leaky ReLU's forward pass.
  public func leakyRectified(slope: Double) -> Matrix {
    var out = Matrix.uninitialized(rows: rows, columns: columns)
    let n = count
    withUnsafeElements { x in
      out.withUnsafeMutableElements { y in
        guard let xp = x.baseAddress, let yp = y.baseAddress else { return }
        leaky_relu_forward(xp, yp, n, slope)
      }
    }
    return out
  }

  /// `g · (c > 0 ? 1 : slope)` element-wise: the backward pass of ReLU (`slope` 0, `c` the
  /// output) and of leaky ReLU (`c` the input). A product rather than a select of `g`, so
  /// `−g·0 = −0` and an infinite `g` gives NaN, as the chain rule written out would.
  /// - Precondition: `gradient` and `cache` have the same shape.
  public static func rectifierGradient(
    _ gradient: Matrix, cache: Matrix, slope: Double
  ) -> Matrix {
    precondition(
      gradient.shape == cache.shape,
      "rectifier backward: gradient \(gradient.shapeDescription) differs from the forward "
        + "shape \(cache.shapeDescription)")
    var out = Matrix.uninitialized(rows: gradient.rows, columns: gradient.columns)
    let n = gradient.count
    gradient.withUnsafeElements { g in
      cache.withUnsafeElements { c in
        out.withUnsafeMutableElements { d in
          guard let gp = g.baseAddress, let cp = c.baseAddress, let dp = d.baseAddress else {
            return
          }
          rectifier_backward(gp, cp, dp, n, slope)
        }
      }
    }
    return out
  }
}
