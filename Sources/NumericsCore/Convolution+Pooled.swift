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
//
// Threads (`Convolution+Threads.swift`): with OpenBLAS on two threads, the blocks are taken
// in turn by the caller and one Dispatch worker, each with its own buffers. Backward, each
// block's ∂L/∂W product then goes to its own K × F partial (β = 0) and the partials are
// added in block order afterwards, and ∂L/∂b is summed by columns: the same bits as one
// thread.

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
  // One patch and one z buffer per thread; each block is one thread's, whole.
  let threads = min(convolutionThreads(), plan.blockCount(batch: batch))
  var columns = [Double](repeating: 0, count: threads * rows * k)
  var z = [Double](repeating: 0, count: threads * rows * f)
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
                  let y = yb.baseAddress, let q = qb.baseAddress, let allColumns = cb.baseAddress,
                  let allZ = zb.baseAddress
                else { return }
                plan.forEachBlock(batch: batch, threads: threads) { first, count, thread in
                  let (cols, zs) = (allColumns + thread * rows * k, allZ + thread * rows * f)
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
  let blocks = plan.blockCount(batch: batch)
  // Per thread: a block's patches, ∂L/∂z and (if asked) ∂L/∂X̂; on two threads also every
  // block's own X̂ᵀ·∂L/∂z, added in block order at the end (the same bits as β = 1).
  let threads = min(convolutionThreads(), blocks)
  var columns = [Double](repeating: 0, count: threads * rows * k)
  var gz = [Double](repeating: 0, count: threads * rows * f)
  var t = [Double](repeating: 0, count: inputGradient ? threads * rows * k : 0)
  var partials = [Double](repeating: 0, count: threads > 1 ? blocks * k * f : 0)
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
                      partials.withUnsafeMutableBufferPointer { pb in
                        guard let g = gb.baseAddress, let x = xb.baseAddress,
                          let w = wb.baseAddress, let dw = dwb.baseAddress,
                          let db = dbb.baseAddress, let q = qb.baseAddress,
                          let dx = dxb.baseAddress, let allColumns = cb.baseAddress,
                          let allGZ = gzb.baseAddress
                        else { return }
                        let sums = PooledSums(
                          dw: dw, db: db, partials: pb.baseAddress, threads: threads)
                        if threads > 1 {
                          sums.addBiasGradient(g, rows: batch * plan.outputCount / f, f: f)
                        }
                        plan.forEachBlock(batch: batch, threads: threads) {
                          first, count, thread in
                          let cols = allColumns + thread * rows * k
                          let gzs = allGZ + thread * rows * f
                          let blockRows = count * plan.positions
                          plan.gatherTransposed(x + first * shape.count, images: count, into: cols)
                          let offset = first * plan.outputCount
                          plan.unpool(
                            g + offset, winners: q + offset, images: count, into: gzs,
                            biasGradient: threads > 1 ? nil : db)
                          // ∂L/∂W += X̂_blockᵀ · ∂L/∂z_block (on two threads: into its own
                          // partial, added in order below)
                          let (target, beta) = sums.kernelTarget(
                            block: first / plan.imagesPerBlock, k * f)
                          gemm(
                            m: k, n: f, k: blockRows, a: cols, lda: blockRows, b: gzs, ldb: f,
                            beta: beta, c: target, ldc: f)
                          guard inputGradient,
                            let ts = tb.baseAddress.map({ $0 + thread * rows * k })
                          else { return }
                          gemm(
                            transposeB: true, m: blockRows, n: k, k: f, a: gzs, lda: f, b: w,
                            ldb: f, beta: 0, c: ts, ldc: k)
                          plan.scatterAdd(ts, images: count, onto: dx + first * shape.count)
                        }
                        sums.addPartials(blocks: blocks, k * f)
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

/// Where the pooled backward pass's sums over blocks go: on one thread straight into ∂L/∂W
/// and ∂L/∂b, block after block; on two, each block's ∂L/∂W product into its own partial,
/// added in block order once all are done, and ∂L/∂b by columns (each column over every
/// row in order): the same sums in the same order, so the same bits.
private struct PooledSums {
  let dw: UnsafeMutablePointer<Double>
  let db: UnsafeMutablePointer<Double>
  let partials: UnsafeMutablePointer<Double>?
  let threads: Int

  /// The product's destination and β for `block` (`size` = K·F).
  func kernelTarget(block: Int, _ size: Int) -> (UnsafeMutablePointer<Double>, Double) {
    guard threads > 1, let partials else { return (dw, 1) }
    return (partials + block * size, 0)
  }

  /// `dw += partial` for every block, in block order (two threads only).
  func addPartials(blocks: Int, _ size: Int) {
    guard threads > 1, let partials else { return }
    for block in 0..<blocks {
      let p = partials + block * size
      for i in 0..<size { dw[i] += p[i] }
    }
  }

  /// `db[c] += Σ_r g[r, c]` over the `rows × f` gradient, rows in order, the columns split
  /// between the threads.
  func addBiasGradient(_ g: UnsafePointer<Double>, rows: Int, f: Int) {
    forEachChunk(f, threads: threads) { range in
      for r in 0..<rows {
        let row = g + r * f
        for c in range { db[c] += row[c] }
      }
    }
  }
}
