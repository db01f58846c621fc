// A convolution followed by max pooling, a few images at a time, so that the convolution's
// full-size output never reaches main memory.
//
// The function is exactly `MaxPool2D(size: p) ∘ Conv2D` (pooling stride p, floor size):
//
//     z = im2col(X)·W + b                                 (batch·P) × F   (Conv2D)
//     y[n, py, px, f] = max_{dy,dx < p} z[n, py·p + dy, px·p + dx, f]    (first maximum wins)
//
//     backward: ∂L/∂z = the pooled gradient at each output's winning position, 0 elsewhere
//               ∂L/∂W = X̂ᵀ·∂L/∂z,  ∂L/∂b = Σ ∂L/∂y,  ∂L/∂X = col2im(∂L/∂z·Wᵀ)
//
// Why: chapter 3.4's first layer maps 28×28×1 to 26×26×32. Unfused, the convolution writes
// its output (64 images: 11 MB of doubles) for the pooling to read back, the pooling's
// backward pass writes a same-sized gradient, three quarters zeros, for the convolution's
// backward pass to read, and the pooling's arg-max is a 4-byte index per output. Here a
// block of two or three images (about 1,500 patch rows: their z, 380 KB, stays in the
// 1 MB L2 cache) is convolved by one GEMM and pooled at once; only the pooled output and a
// one-byte window position per output leave the block. The backward pass rebuilds the
// block's patches from the input (K = 9 numbers per row: cheaper than keeping 3 MB of them)
// and its ∂L/∂z from the winners, in cache. The block's patches are stored transposed,
// X̂ᵀ (K × rows): with one channel a patch row is three runs of three pixels (a copy call
// for every three numbers), while a row of X̂ᵀ, one kernel tap over the positions of one
// output row, is a run of 26. The arithmetic is that of `Conv2D` and
// `MaxPool2D` (the same GEMM per row, the same comparisons), so the outputs are the same
// numbers; ∂L/∂W sums its blocks in another order, which changes the last bits.

/// `MaxPool2D(size: poolSize) ∘ Conv2D` a block of images at a time, and the arg-max of
/// every output.
///
/// - Parameters:
///   - images: `batch × shape.count`, one image per row, channels last.
///   - shape: each image's shape.
///   - geometry: the convolution's kernel, stride and padding.
///   - kernels: `K × F`, rows in (ky, kx, c) order.
///   - bias: `1 × F`.
///   - poolSize: the pooling window side p (stride p, no padding, floor output size).
///   - keep: if given, only the top-left `keep.height × keep.width` pooled outputs are
///     computed (and only the convolution outputs their windows read): what a following
///     layer actually uses (see `ConvPool2D.init(_:poolSize:keeping:)`).
/// - Returns: `output`, `batch × (pooledHeight · pooledWidth · F)`, and `winners`: for every
///   output element its window position `dy·p + dx` (ties go to the first in that order).
/// - Precondition: the shapes fit, `1 ≤ p ≤ 16` and p ≤ the convolution's output size.
public func pooledConvolutionForward(
  _ images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry, kernels: Matrix,
  bias: Matrix, poolSize: Int, keep: (height: Int, width: Int)? = nil
) -> (output: Matrix, winners: [UInt8]) {
  let plan = PooledPlan(
    "pooledConvolutionForward", images: images, shape: shape, geometry: geometry,
    kernels: kernels, bias: bias, poolSize: poolSize, keep: keep)
  let (k, f, batch) = (plan.k, plan.f, images.rows)
  let rows = min(batch, plan.imagesPerBlock) * plan.positions
  var columns = [Double](repeating: 0, count: rows * k)
  var z = [Double](repeating: 0, count: rows * f)
  var output = Matrix.uninitialized(rows: batch, columns: plan.outputCount)
  var winners = [UInt8](repeating: 0, count: batch * plan.outputCount)
  images.withUnsafeElements { xb in
    kernels.withUnsafeElements { wb in
      bias.withUnsafeElements { bb in
        output.withUnsafeMutableElements { yb in
          winners.withUnsafeMutableBufferPointer { qb in
            columns.withUnsafeMutableBufferPointer { cb in
              z.withUnsafeMutableBufferPointer { zb in
                guard let x = xb.baseAddress, let w = wb.baseAddress, let b = bb.baseAddress,
                  let y = yb.baseAddress, let q = qb.baseAddress, let cols = cb.baseAddress,
                  let zs = zb.baseAddress
                else { return }
                plan.forEachBlock(batch: batch) { first, count in
                  let blockRows = count * plan.positions
                  plan.gatherTransposed(x + first * shape.count, images: count, into: cols)
                  // Bias first, then the GEMM adds X̂·W on top (beta = 1), as Conv2D.
                  for r in 0..<blockRows { (zs + r * f).update(from: b, count: f) }
                  gemm(
                    transposeA: true, m: blockRows, n: f, k: k, a: cols, lda: blockRows,
                    b: w, ldb: f, beta: 1, c: zs, ldc: f)
                  let offset = first * plan.outputCount
                  plan.pool(zs, images: count, into: y + offset, winners: q + offset)
                }
              }
            }
          }
        }
      }
    }
  }
  return (output, winners)
}

/// The backward pass of `pooledConvolutionForward`: `∂L/∂W`, `∂L/∂b` and, when asked,
/// `∂L/∂X`, from the gradient of the pooled output and the winners.
///
/// - Parameters:
///   - outputGradient: `∂L/∂y`, `batch × (pooledHeight · pooledWidth · F)`.
///   - images: the forward pass's input.
///   - winners: the forward pass's arg-max.
///   - shape, geometry, kernels, poolSize, keep: as in the forward pass.
///   - inputGradient: whether to compute `∂L/∂X` (a first layer needs none).
/// - Returns: `input` (`batch × shape.count`, nil unless asked), `kernels` (`K × F`),
///   `bias` (`1 × F`).
/// - Precondition: the shapes are those of the forward pass.
public func pooledConvolutionBackward(
  _ outputGradient: Matrix, images: Matrix, winners: [UInt8], shape: ImageShape,
  geometry: ConvolutionGeometry, kernels: Matrix, poolSize: Int,
  keep: (height: Int, width: Int)? = nil, inputGradient: Bool
) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
  let plan = PooledPlan(
    "pooledConvolutionBackward", images: images, shape: shape, geometry: geometry,
    kernels: kernels, bias: nil, poolSize: poolSize, keep: keep)
  let (k, f, batch) = (plan.k, plan.f, images.rows)
  precondition(
    outputGradient.rows == batch && outputGradient.columns == plan.outputCount
      && winners.count == outputGradient.count,
    "pooledConvolutionBackward: gradient \(outputGradient.shapeDescription) and "
      + "\(winners.count) winners do not fit \(batch) × \(plan.outputCount)")
  var kernelGradient = Matrix.zeros(rows: k, columns: f)
  var biasGradient = Matrix.zeros(rows: 1, columns: f)
  // A 1 × 1 placeholder when ∂L/∂X is not wanted (never written).
  var input = Matrix.zeros(
    rows: inputGradient ? batch : 1, columns: inputGradient ? shape.count : 1)
  let rows = min(batch, plan.imagesPerBlock) * plan.positions
  var columns = [Double](repeating: 0, count: rows * k)
  var gz = [Double](repeating: 0, count: rows * f)
  var t = [Double](repeating: 0, count: inputGradient ? rows * k : 0)
  outputGradient.withUnsafeElements { gb in
    images.withUnsafeElements { xb in
      kernels.withUnsafeElements { wb in
        kernelGradient.withUnsafeMutableElements { dwb in
          biasGradient.withUnsafeMutableElements { dbb in
            winners.withUnsafeBufferPointer { qb in
              input.withUnsafeMutableElements { dxb in
                columns.withUnsafeMutableBufferPointer { cb in
                  gz.withUnsafeMutableBufferPointer { gzb in
                    t.withUnsafeMutableBufferPointer { tb in
                      guard let g = gb.baseAddress, let x = xb.baseAddress,
                        let w = wb.baseAddress, let dw = dwb.baseAddress,
                        let db = dbb.baseAddress, let q = qb.baseAddress,
                        let dx = dxb.baseAddress, let cols = cb.baseAddress,
                        let gzs = gzb.baseAddress
                      else { return }
                      plan.forEachBlock(batch: batch) { first, count in
                        let blockRows = count * plan.positions
                        plan.gatherTransposed(x + first * shape.count, images: count, into: cols)
                        let offset = first * plan.outputCount
                        plan.unpool(
                          g + offset, winners: q + offset, images: count, into: gzs,
                          biasGradient: db)
                        // ∂L/∂W += X̂_blockᵀ · ∂L/∂z_block
                        gemm(
                          m: k, n: f, k: blockRows, a: cols, lda: blockRows, b: gzs, ldb: f,
                          beta: 1, c: dw, ldc: f)
                        guard inputGradient, let ts = tb.baseAddress else { return }
                        gemm(
                          transposeB: true, m: blockRows, n: k, k: f, a: gzs, lda: f, b: w,
                          ldb: f, beta: 0, c: ts, ldc: k)
                        plan.scatterAdd(ts, images: count, onto: dx + first * shape.count)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return (inputGradient ? input : nil, kernelGradient, biasGradient)
}
