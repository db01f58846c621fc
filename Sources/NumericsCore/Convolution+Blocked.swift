import CBLAS

// A convolution layer's three products, computed a block of images at a time.
//
// The arithmetic is exactly that of `im2col`, one GEMM and `col2im` (Conv2D's doc comment
// gives the formulas):
//
//     forward:   X̂ = im2col(X),  Y = X̂·W + b
//     backward:  ∂L/∂W = X̂ᵀ·G,  ∂L/∂b = Σ_rows G,  ∂L/∂X = col2im(G·Wᵀ)
//
// What changes is the order. Done whole, the forward pass writes the patch matrix X̂
// (for chapter 3.4's second convolution 7,744 × 288 numbers, 18 MB) and only then reads it
// back in the GEMM, and the backward pass writes a second matrix of that size, G·Wᵀ, only
// to add it onto the image in col2im. Done a block of images at a time (about 2,000 patch
// rows, 4.6 MB), each block's patches are multiplied while they are still in the cache,
// and G·Wᵀ lives in one reused block-sized buffer that never reaches main memory. X̂ is
// still kept whole, because ∂L/∂W needs it in the backward pass.
//
// Sums are the same sums; only ∂L/∂W adds its blocks in another order than one GEMM
// would, which changes the last bits (the tests compare to PyTorch at 1e-9).

/// Patch rows per block: ~2,000 rows × 288 numbers ≈ 4.6 MB stays in the 32 MB L3 next
/// to the matrices the GEMM reads, and keeps each GEMM large enough for two threads.
let blockRows = 2048

/// `Y = im2col(X)·W + b` and the patch matrix `X̂`, a block of images at a time.
///
/// - Parameters:
///   - images: `batch × shape.count`, one image per row, channels last.
///   - shape: each image's shape.
///   - geometry: kernel size, stride and padding.
///   - kernels: `K × F`, K = kernelHeight·kernelWidth·channels, rows in (ky, kx, c) order.
///   - bias: `1 × F`.
/// - Returns: `output`, `(batch·P) × F` (P output positions; the same numbers as
///   `batch × (P·F)`), and `columns` = `im2col(images)`, `(batch·P) × K`.
/// - Precondition: the shapes fit (`images.columns == shape.count`, `kernels.rows == K`,
///   `bias` is `1 × F`).
public func convolutionForward(
  _ images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry, kernels: Matrix,
  bias: Matrix
) -> (output: Matrix, columns: Matrix) {
  precondition(
    images.columns == shape.count && kernels.rows == geometry.patchSize(for: shape)
      && bias.rows == 1 && bias.columns == kernels.columns,
    "convolutionForward: images \(images.shapeDescription), kernels "
      + "\(kernels.shapeDescription), bias \(bias.shapeDescription) do not fit \(shape) "
      + "with \(geometry)")
  let plan = PatchPlan(shape: shape, geometry: geometry, batch: images.rows)
  let (k, f) = (plan.patch, kernels.columns)
  let positions = plan.outHeight * plan.outWidth
  var columns = Matrix.uninitialized(rows: plan.rows, columns: k)
  var output = Matrix.uninitialized(rows: plan.rows, columns: f)
  images.withUnsafeElements { xb in
    kernels.withUnsafeElements { wb in
      bias.withUnsafeElements { bb in
        columns.withUnsafeMutableElements { cb in
          output.withUnsafeMutableElements { yb in
            guard let x = xb.baseAddress, let w = wb.baseAddress, let b = bb.baseAddress,
              let cols = cb.baseAddress, let y = yb.baseAddress
            else { return }
            let threads = convolutionThreads()
            forEachBlock(batch: images.rows, positions: positions) { first, count in
              let (rows, row0) = (count * positions, first * positions)
              // The block's patches, and the bias as the product's starting value (beta = 1:
              // no extra pass), its images split between the threads.
              forEachImagePart(first: first, count: count, threads: threads) { part, images in
                let start = part * positions
                PatchPlan(shape: shape, geometry: geometry, batch: images).forEachRun(
                  from: x + part * shape.count, into: cols + start * k)
                for r in start..<(start + images * positions) {
                  (y + r * f).update(from: b, count: f)
                }
              }
              let out = y + row0 * f
              gemm(
                m: rows, n: f, k: k, a: cols + row0 * k, lda: k, b: w, ldb: f, beta: 1,
                c: out, ldc: f)
            }
          }
        }
      }
    }
  }
  return (output, columns)
}

/// `∂L/∂W = X̂ᵀ·G`, `∂L/∂b = Σ_rows G` and, when asked, `∂L/∂X = col2im(G·Wᵀ)`, a block of
/// images at a time.
///
/// - Parameters:
///   - outputGradient: `G`, `(batch·P) × F`.
///   - columns: `X̂` from `convolutionForward`, `(batch·P) × K`.
///   - kernels: `W`, `K × F`.
///   - shape, geometry: as in the forward pass.
///   - inputGradient: whether to compute `∂L/∂X` (a first layer needs none).
/// - Returns: `input` (`batch × shape.count`, nil unless asked), `kernels` (`K × F`) and
///   `bias` (`1 × F`).
/// - Precondition: the shapes are those of the forward pass.
public func convolutionBackward(
  _ outputGradient: Matrix, columns: Matrix, kernels: Matrix, shape: ImageShape,
  geometry: ConvolutionGeometry, inputGradient: Bool
) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
  let (positions, k, f, batch) = backwardSizes(
    "convolutionBackward", outputGradient, columns: (columns.rows, columns.columns),
    kernels: kernels, shape: shape, geometry: geometry)
  var kernelGradient = Matrix.zeros(rows: k, columns: f)
  var biasGradient = Matrix.zeros(rows: 1, columns: f)
  var input = inputGradient ? Matrix.zeros(rows: batch, columns: shape.count) : nil
  // One block of G·Wᵀ, reused by every block.
  let bufferRows = inputGradient ? min(columns.rows, blockRows + positions) : 0
  var buffer = [Double](repeating: 0, count: bufferRows * k)
  outputGradient.withUnsafeElements { gb in
    columns.withUnsafeElements { cb in
      kernels.withUnsafeElements { wb in
        kernelGradient.withUnsafeMutableElements { dwb in
          biasGradient.withUnsafeMutableElements { dbb in
            buffer.withUnsafeMutableBufferPointer { tb in
              guard let g = gb.baseAddress, let cols = cb.baseAddress, let w = wb.baseAddress,
                let dw = dwb.baseAddress, let db = dbb.baseAddress
              else { return }
              let threads = convolutionThreads()
              forEachBlock(batch: batch, positions: positions) { first, count in
                let rows = count * positions
                let row0 = first * positions
                let gBlock = g + row0 * f
                // ∂L/∂W += X̂_blockᵀ · G_block   (K × F, summed over the block's rows)
                gemm(
                  transposeA: true, m: k, n: f, k: rows, a: cols + row0 * k, lda: k,
                  b: gBlock, ldb: f, beta: 1, c: dw, ldc: f)
                // ∂L/∂b: each column over the rows in order, the columns split.
                forEachChunk(f, threads: threads) { range in
                  for r in 0..<rows {
                    let row = gBlock + r * f
                    for c in range { db[c] += row[c] }
                  }
                }
                guard inputGradient, let t = tb.baseAddress else { return }
                // G_block · Wᵀ into the buffer, then added back onto the block's images.
                gemm(
                  transposeB: true, m: rows, n: k, k: f, a: gBlock, lda: f, b: w, ldb: f,
                  beta: 0, c: t, ldc: k)
                input?.withUnsafeMutableElements { dxb in
                  guard let dx = dxb.baseAddress else { return }
                  forEachImagePart(first: first, count: count, threads: threads) {
                    part, images in
                    PatchPlan(shape: shape, geometry: geometry, batch: images).addRuns(
                      from: t + (part - first) * positions * k, onto: dx + part * shape.count)
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return (input, kernelGradient, biasGradient)
}

/// Calls `body(firstImage, imageCount)` for consecutive blocks of whole images of about
/// `blockRows` patch rows each (at least one image per block).
func forEachBlock(batch: Int, positions: Int, _ body: (Int, Int) -> Void) {
  let images = max(1, blockRows / max(1, positions))
  var first = 0
  while first < batch {
    let count = min(images, batch - first)
    body(first, count)
    first += count
  }
}

/// Row-major `c ← op(a)·op(b) + beta·c` on raw pointers (`m × n`, inner dimension `k`).
func gemm(
  transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
  a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
  c: UnsafeMutablePointer<Double>, ldc: Int
) {
  cblas_dgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

extension PatchPlan {
  /// Writes `im2col` of the plan's images (`x`, its first image) into `out`.
  @inline(__always)
  func forEachRun(from x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
    forEachRun { image, column, length in
      if let image {
        (out + column).update(from: x + image, count: length)
      } else {
        (out + column).update(repeating: 0, count: length)
      }
    }
  }

  /// Adds the patch rows `columns` back onto the images at `x` (`col2im`, accumulating).
  @inline(__always)
  func addRuns(from columns: UnsafePointer<Double>, onto x: UnsafeMutablePointer<Double>) {
    forEachRun { image, column, length in
      guard let image else { return }
      let to = x + image
      let from = columns + column
      for i in 0..<length { to[i] += from[i] }
    }
  }
}

/// The sizes both backward passes (float64 and float32) work with: output positions per
/// image `P`, patch length `K`, filters `F` and images `batch`, after checking that the
/// gradient `(batch·P) × F`, the patches `(batch·P) × K` and the kernels `K × F` fit.
func backwardSizes(
  _ caller: String, _ outputGradient: Matrix, columns: (rows: Int, columns: Int),
  kernels: Matrix, shape: ImageShape, geometry: ConvolutionGeometry
) -> (positions: Int, k: Int, f: Int, batch: Int) {
  let out = geometry.outputShape(for: shape, channels: 1)
  let positions = out.height * out.width
  let (k, f) = (kernels.rows, kernels.columns)
  precondition(
    columns.columns == k && columns.rows % positions == 0 && outputGradient.rows == columns.rows
      && outputGradient.columns == f,
    "\(caller): gradient \(outputGradient.shapeDescription), columns "
      + "\(columns.rows) × \(columns.columns), kernels \(kernels.shapeDescription) do not fit "
      + "\(shape) with \(geometry)")
  return (positions, k, f, columns.rows / positions)
}
