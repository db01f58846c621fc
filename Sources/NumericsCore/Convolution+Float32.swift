import CBLAS

// A convolution layer's three products with float32 arithmetic inside (mixed precision).
//
// The products are those of `Convolution+Blocked.swift`, computed a block of images at a
// time in the same order; only the numbers the GEMMs read and write are `Float`:
//
//     forward:   X̂₃₂ = fl(im2col(X)),  W₃₂ = fl(W),  Y = Double(X̂₃₂·W₃₂) + b
//     backward:  G₃₂ = fl(G),  ∂L/∂W = Σ_blocks Double(X̂₃₂ᵀ·G₃₂),
//                ∂L/∂b = Σ_rows G (in Double),  ∂L/∂X = col2im(Double(G₃₂·W₃₂ᵀ))
//
// `fl` rounds to the nearest float32 (unit roundoff u = 2⁻²⁴ ≈ 6·10⁻⁸) and `cblas_sgemm`
// sums in float32. im2col writes the rounded patches straight into the `Float` patch
// matrix and col2im adds the `Float` block back onto the `Double` image, so there is no
// extra full-size conversion pass; the parameters, the optimizer, the bias, the pooling and
// everything outside the three GEMMs stay float64.
//
// Why: a float32 GEMM does twice the multiply-adds per vector instruction and moves half
// the bytes, and chapter 3.4's second convolution spends nearly all its time in its three
// GEMMs. PyTorch trains in float32 for the same reason.
//
// The error to expect: every element is a dot product of n terms (n = K = kH·kW·C forward,
// n = F for ∂L/∂X, n = the block's patch rows, up to ~2,000, for ∂L/∂W). Rounding the
// inputs costs ~2u relative per term, summing costs ≲ n·u in the worst case and ~√n·u
// typically (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1; rounding
// errors of random sign add like a random walk). Relative to Σ|terms|, that is ~10⁻⁶ for
// K = 288 and ~10⁻⁵ for ∂L/∂W: far below the noise of a mini-batch gradient, whose
// relative standard deviation over batches of 64 is of order 10⁻¹. This is why training
// in low precision with a full-precision master copy of the weights reaches the same
// accuracy (Micikevicius et al. 2018, *Mixed Precision Training*; they go down to float16
// with loss scaling, where u is 8,000× larger than here).

/// The patch matrix `X̂ = im2col(X)` rounded to float32, `(batch·P) × K`, row-major: what
/// the float32 backward pass needs from the forward pass (half the memory of float64).
public struct Float32Patches: Sendable {
  /// batch·P, one per output position of every image.
  public let rows: Int
  /// K = kernelHeight·kernelWidth·channels.
  public let columns: Int
  /// Row-major elements.
  public let elements: [Float]
}

/// `Y = im2col(X)·W + b` with the GEMM in float32, a block of images at a time (see the
/// top of this file for what is rounded where), and, when `rectified`, ReLU's
/// `max(0, Y)` in the same pass (written `y > 0 ? y : 0`, as ReLU's kernel: the same bits
/// as a ReLU layer after the convolution, without another pass over `Y`).
///
/// - Parameters: as `convolutionForward(_:shape:geometry:kernels:bias:)`, and `rectified`.
/// - Returns: `output`, `(batch·P) × F` in float64, and the float32 patch matrix.
/// - Precondition: the shapes fit.
public func convolutionForwardFloat32(
  _ images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry, kernels: Matrix,
  bias: Matrix, rectified: Bool = false
) -> (output: Matrix, columns: Float32Patches) {
  precondition(
    images.columns == shape.count && kernels.rows == geometry.patchSize(for: shape)
      && bias.rows == 1 && bias.columns == kernels.columns,
    "convolutionForwardFloat32: images \(images.shapeDescription), kernels "
      + "\(kernels.shapeDescription), bias \(bias.shapeDescription) do not fit \(shape) "
      + "with \(geometry)")
  let plan = PatchPlan(shape: shape, geometry: geometry, batch: images.rows)
  let (k, f) = (plan.patch, kernels.columns)
  let positions = plan.outHeight * plan.outWidth
  let w32 = kernels.withUnsafeElements { $0.map(Float.init) }
  // Each block's X̂·W. On two threads it is added (β = 1) onto a buffer that starts at zero
  // and that the pass back to float64 clears as it reads, which spares OpenBLAS's own
  // clearing pass for β = 0 (see `convolutionBackwardFloat32`: the same bits); on one
  // thread it is written whole (β = 0) before it is read, so it need not be zeroed.
  let accumulate = convolutionThreads() > 1
  let productCount = min(plan.rows, blockRows + positions) * f
  var product =
    accumulate ? [Float](repeating: 0, count: productCount) : uninitializedFloats(productCount)
  var output = Matrix.uninitialized(rows: plan.rows, columns: f)
  let patches = [Float](unsafeUninitializedCapacity: plan.columnsCount) { cb, count in
    images.withUnsafeElements { xb in
      bias.withUnsafeElements { bb in
        output.withUnsafeMutableElements { yb in
          product.withUnsafeMutableBufferPointer { pb in
            guard let x = xb.baseAddress, let b = bb.baseAddress, let cols = cb.baseAddress,
              let y = yb.baseAddress, let p = pb.baseAddress
            else { return }
            let threads = convolutionThreads()
            forEachBlock(batch: images.rows, positions: positions) { first, count in
              let (rows, row0) = (count * positions, first * positions)
              forEachImagePart(first: first, count: count, threads: threads) { part, images in
                PatchPlan(shape: shape, geometry: geometry, batch: images).forEachRun(
                  from: x + part * shape.count, into: cols + part * positions * k)
              }
              sgemm(
                m: rows, n: f, k: k, a: cols + row0 * k, lda: k, b: w32, ldb: f,
                beta: accumulate ? 1 : 0, c: p, ldc: f)
              // Back to float64, adding the bias (and rectifying) in the same pass, the
              // rows split.
              let out = y + row0 * f
              forEachChunk(rows, threads: threads) { chunk in
                for r in chunk {
                  let from = p + r * f
                  storeBiasedRow(from, bias: b, into: out + r * f, count: f, rectified: rectified)
                  if accumulate { from.update(repeating: 0, count: f) }
                }
              }
            }
          }
        }
      }
    }
    count = plan.columnsCount
  }
  return (output, Float32Patches(rows: plan.rows, columns: k, elements: patches))
}

/// `∂L/∂W`, `∂L/∂b` and, when asked, `∂L/∂X` with the GEMMs in float32 (see the top of
/// this file), a block of images at a time; with the backward passes of the ReLU layers
/// around the convolution folded in when their outputs are given:
///
///     G ← G ∘ [Y > 0]            rectifiedOutput = Y, the output of a ReLU after the layer
///     ∂L/∂X ← ∂L/∂X ∘ [X > 0]    rectifiedInput = X, the output of a ReLU before it
///
/// Each product is written `g · (m > 0 ? 1 : 0)`, as ReLU's backward kernel writes it, so
/// the bits are those of the layers one by one. The first is done in the pass that rounds
/// G to float32, the second on each image right after its col2im, while it is in the cache:
/// two passes over the activations fewer.
///
/// - Parameters: as `convolutionBackward(_:columns:kernels:shape:geometry:inputGradient:)`,
///   with the float32 patches of `convolutionForwardFloat32`; `rectifiedOutput` has G's
///   elements (`(batch·P) × F` or `batch × P·F`), `rectifiedInput` the images' shape.
/// - Returns: `input` (`batch × shape.count`, nil unless asked), `kernels` (`K × F`) and
///   `bias` (`1 × F`), all float64.
/// - Precondition: the shapes are those of the forward pass.
public func convolutionBackwardFloat32(
  _ outputGradient: Matrix, columns: Float32Patches, kernels: Matrix, shape: ImageShape,
  geometry: ConvolutionGeometry, inputGradient: Bool, rectifiedOutput: Matrix? = nil,
  rectifiedInput: Matrix? = nil
) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
  let (positions, k, f, batch) = backwardSizes(
    "convolutionBackwardFloat32", outputGradient, columns: (columns.rows, columns.columns),
    kernels: kernels, shape: shape, geometry: geometry)
  precondition(
    (rectifiedOutput?.count ?? outputGradient.count) == outputGradient.count
      && (rectifiedInput.map { $0.rows == batch && $0.columns == shape.count } ?? true),
    "convolutionBackwardFloat32: rectified output \(rectifiedOutput?.shapeDescription ?? "-") "
      + "or input \(rectifiedInput?.shapeDescription ?? "-") does not fit gradient "
      + "\(outputGradient.shapeDescription) and images \(batch) × \(shape.count)")
  let w32 = kernels.withUnsafeElements { $0.map(Float.init) }
  var kernelGradient = Matrix.zeros(rows: k, columns: f)
  var biasGradient = Matrix.zeros(rows: 1, columns: f)
  // Each image's slice is zeroed by the thread that adds its col2im (below).
  var input = inputGradient ? Matrix.uninitialized(rows: batch, columns: shape.count) : nil
  // Scratch written whole before it is read (conversions; GEMMs with β = 0).
  let bufferRows = min(columns.rows, blockRows + positions)
  var g32 = uninitializedFloats(bufferRows * f)
  var blockKernelGradient = uninitializedFloats(k * f)
  // G·Wᵀ, one block at a time. On two threads OpenBLAS clears C for β = 0 in a pass of its
  // own over the 2.2 MB block before its kernels add to it (β = 1 skips it: 0.356 ms a
  // block against 0.386, C microbench, repeatable); so there the buffer starts at zero,
  // each product is added onto it (the same bits: 0 + x = x) and col2im clears what it
  // has read. On one thread OpenBLAS shows no such pass in a profile, and β = 0 stays.
  let accumulate = convolutionThreads() > 1
  let count32 = inputGradient ? bufferRows * k : 0
  var t32 = accumulate ? [Float](repeating: 0, count: count32) : uninitializedFloats(count32)
  outputGradient.withUnsafeElements { gb in
    columns.elements.withUnsafeBufferPointer { cb in
      kernelGradient.withUnsafeMutableElements { dwb in
        biasGradient.withUnsafeMutableElements { dbb in
          g32.withUnsafeMutableBufferPointer { g32b in
            blockKernelGradient.withUnsafeMutableBufferPointer { bwb in
              t32.withUnsafeMutableBufferPointer { tb in
                withElements(of: rectifiedOutput) { outMask in
                  withElements(of: rectifiedInput) { inMask in
                    guard let g = gb.baseAddress, let cols = cb.baseAddress,
                      let dw = dwb.baseAddress, let db = dbb.baseAddress,
                      let gs = g32b.baseAddress, let bw = bwb.baseAddress
                    else { return }
                    let threads = convolutionThreads()
                    forEachBlock(batch: batch, positions: positions) { first, count in
                      let (rows, row0) = (count * positions, first * positions)
                      let gBlock = g + row0 * f
                      let mBlock = outMask.map { $0 + row0 * f }
                      if threads == 1 {
                        // G (masked) to float32 and ∂L/∂b in float64, one pass.
                        for r in 0..<rows {
                          for c in (r * f)..<(r * f + f) {
                            let v = rectifierProduct(gBlock, mBlock, c)
                            db[c - r * f] += v
                            gs[c] = Float(v)
                          }
                        }
                      } else {
                        // Each chunk: its rows to float32, and its columns of ∂L/∂b, each
                        // column over every row in order (the same sums as above).
                        let chunks = max(1, min(8, f))
                        forEachClaimed(chunks, threads: threads) { chunk, _ in
                          let own = partRange(chunk, of: chunks, count: rows)
                          for c in (own.lowerBound * f)..<(own.upperBound * f) {
                            gs[c] = Float(rectifierProduct(gBlock, mBlock, c))
                          }
                          let columns = partRange(chunk, of: chunks, count: f)
                          for r in 0..<rows {
                            for c in columns {
                              db[c] += rectifierProduct(gBlock, mBlock, r * f + c)
                            }
                          }
                        }
                      }
                      // ∂L/∂W += Double(X̂_blockᵀ · G_block): each block's sum rounded once.
                      // Formed transposed, (∂L/∂W)ᵀ = Gᵀ·X̂ (F × K): OpenBLAS then packs the
                      // patches as they lie instead of transposing them (0.40 ms a block
                      // against 0.48 on two threads, 0.76 against 0.79 on one), the same
                      // sums in the same order (the same bits: ConvolutionFloat32LayoutTests).
                      sgemm(
                        transposeA: true, m: f, n: k, k: rows, a: gs, lda: f,
                        b: cols + row0 * k, ldb: k, c: bw, ldc: k)
                      for i in 0..<k {
                        for j in 0..<f { dw[i * f + j] += Double(bw[j * k + i]) }
                      }
                      guard inputGradient, let t = tb.baseAddress else { return }
                      sgemm(
                        transposeB: true, m: rows, n: k, k: f, a: gs, lda: f, b: w32, ldb: f,
                        beta: accumulate ? 1 : 0, c: t, ldc: k)
                      input?.withUnsafeMutableElements { dxb in
                        guard let dx = dxb.baseAddress else { return }
                        forEachImagePart(first: first, count: count, threads: threads) {
                          part, images in
                          let (to, n) = (dx + part * shape.count, images * shape.count)
                          to.update(repeating: 0, count: n)
                          PatchPlan(shape: shape, geometry: geometry, batch: images).addRuns(
                            from: t + (part - first) * positions * k, onto: to,
                            clearing: accumulate)
                          guard let inMask else { return }
                          let mask = inMask + part * shape.count
                          for i in 0..<n { to[i] = rectifierProduct(to, mask, i) }
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
  }
  return (input, kernelGradient, biasGradient)
}

/// `g[i] · (m[i] > 0 ? 1 : 0)`, ReLU's backward product for its output `m` (as
/// `Matrix.rectifierGradient` with slope 0), or `g[i]` when there is no ReLU.
@inline(__always)
private func rectifierProduct(
  _ g: UnsafePointer<Double>, _ m: UnsafePointer<Double>?, _ i: Int
) -> Double {
  guard let m else { return g[i] }
  return g[i] * (m[i] > 0 ? 1 : 0)
}

/// Calls `body` with the elements of `matrix`, or with nil when there is none (the
/// optional ReLU masks of the float32 and Winograd backward passes).
@inline(__always)
func withElements<R>(
  of matrix: Matrix?, _ body: (UnsafePointer<Double>?) -> R
) -> R {
  guard let matrix else { return body(nil) }
  return matrix.withUnsafeElements { body($0.baseAddress) }
}

/// `to[c] = Double(from[c]) + bias[c]` for every `c < count`, and with `rectified` ReLU's
/// `v > 0 ? v : 0` of it (as ReLU's kernel writes it): a float32 product row back in
/// float64 with its bias, one pass, the bits of the layers one by one.
@inline(__always)
func storeBiasedRow(
  _ from: UnsafePointer<Float>, bias: UnsafePointer<Double>,
  into to: UnsafeMutablePointer<Double>, count: Int, rectified: Bool
) {
  if rectified {
    for c in 0..<count {
      let v = Double(from[c]) + bias[c]
      to[c] = v > 0 ? v : 0
    }
  } else {
    for c in 0..<count { to[c] = Double(from[c]) + bias[c] }
  }
}

/// `count` floats whose values are not set: scratch that is written before it is read.
func uninitializedFloats(_ count: Int) -> [Float] {
  [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// Row-major float32 `c ← op(a)·op(b)` on raw pointers (`m × n`, inner dimension `k`).
func sgemm(
  transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
  c: UnsafeMutablePointer<Float>, ldc: Int
) {
  cblas_sgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
