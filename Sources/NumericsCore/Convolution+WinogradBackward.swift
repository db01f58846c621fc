// The backward pass of Winograd F(2×2, 3×3) (`Convolution+Winograd.swift` has the
// formulas): ∂M = A ∂Y Aᵀ per tile, ∂U = Vᵀ·∂M and ∂V = ∂M·Uᵀ per position ξ (float32
// sgemms), ∂L/∂W = Gᵀ ∂U G in float64 and ∂L/∂X = Σ B ∂V Bᵀ in float32, a block of images at a time.

/// `∂L/∂W`, `∂L/∂b` and, when asked, `∂L/∂X` of `convolutionForwardWinograd`, with the
/// backward passes of the ReLU layers around the convolution folded in when their outputs
/// are given (as `convolutionBackwardFloat32` does, the same products `g·(m > 0 ? 1 : 0)`):
///
///     ∂Y ← ∂Y ∘ [Y > 0]          rectifiedOutput = Y, the output of a ReLU after the layer
///     ∂L/∂X ← ∂L/∂X ∘ [X > 0]    rectifiedInput = X, the output of a ReLU before it
///
/// - Parameters:
///   - outputGradient: `∂L/∂Y`, `batch × (H'·W'·F)` (or `(batch·H'·W') × F`: the same
///     elements).
///   - tiles: the forward pass's V.
///   - kernels, shape, geometry: as in the forward pass.
///   - inputGradient: whether to compute `∂L/∂X`.
/// - Returns: `input` (`batch × shape.count`, nil unless asked), `kernels` (`9·C × F`) and
///   `bias` (`1 × F`), float64.
/// - Precondition: the shapes are those of the forward pass.
public func convolutionBackwardWinograd(
  _ outputGradient: Matrix, tiles: WinogradTiles, kernels: Matrix, shape: ImageShape,
  geometry: ConvolutionGeometry, inputGradient: Bool, rectifiedOutput: Matrix? = nil,
  rectifiedInput: Matrix? = nil
) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
  let (c, f, batch) = (shape.channels, kernels.columns, tiles.batch)
  let plan = WinogradPlan(shape: shape, padding: geometry.padding, filters: f)
  precondition(
    geometry.admitsWinograd && kernels.rows == 9 * c && tiles.perImage == 16 * plan.tiles * c
      && outputGradient.count == batch * plan.outputCount
      && (rectifiedOutput?.count ?? outputGradient.count) == outputGradient.count
      && (rectifiedInput.map { $0.rows == batch && $0.columns == shape.count } ?? true),
    "convolutionBackwardWinograd: gradient \(outputGradient.shapeDescription), kernels "
      + "\(kernels.shapeDescription), rectified output "
      + "\(rectifiedOutput?.shapeDescription ?? "-"), input "
      + "\(rectifiedInput?.shapeDescription ?? "-") do not fit \(batch) images \(shape) "
      + "with \(geometry)")
  // U[ξ]ᵀ (F × C) for ∂V = ∂M·Uᵀ: multiplied as it lies (NN), the product runs in
  // OpenBLAS's small-matrix kernel; as ∂M·U[ξ]ᵀ (NT) it took the general path, packing.
  let u = winogradKernels(kernels, channels: c)
  var ut = uninitializedFloats(16 * c * f)
  for xi in 0..<16 {
    for ch in 0..<c {
      for k in 0..<f { ut[(xi * f + k) * c + ch] = u[(xi * c + ch) * f + k] }
    }
  }
  let threads = convolutionThreads()
  let blocks = plan.blockCount(batch: batch)
  // Per thread: one block's ∂M and ∂V; per block: its ∂U (added in block order at the end).
  let blockM = min(batch, plan.imagesPerBlock) * plan.tiles * 16 * f
  let blockV = inputGradient ? min(batch, plan.imagesPerBlock) * plan.tiles * 16 * c : 0
  var dm = uninitializedFloats(threads * blockM)
  var duBlocks = uninitializedFloats(blocks * 16 * c * f)
  var dv = uninitializedFloats(threads * blockV)
  var biasGradient = Matrix.zeros(rows: 1, columns: f)
  var input = inputGradient ? Matrix.uninitialized(rows: batch, columns: shape.count) : nil
  let rows = batch * plan.outHeight * plan.outWidth
  // ∂U[ξ] and ∂V[ξ] of a block (of one image with more than `blockTiles` tiles) in chunks
  // of ≤ `blockTiles` tiles, the ∂U chunks added in order: each product within
  // `winogradProductLimit`, on the thread that calls it.
  let chunk = plan.blockTiles
  outputGradient.withUnsafeElements { gb in
    tiles.elements.withUnsafeBufferPointer { vb in
      ut.withUnsafeBufferPointer { ub in
        dm.withUnsafeMutableBufferPointer { dmb in
          duBlocks.withUnsafeMutableBufferPointer { dub in
            dv.withUnsafeMutableBufferPointer { dvb in
              biasGradient.withUnsafeMutableElements { dbb in
                withElements(of: rectifiedOutput) { outMask in
                  withElements(of: rectifiedInput) { inMask in
                    guard let g = gb.baseAddress, let v = vb.baseAddress,
                      let ut = ub.baseAddress, let dm = dmb.baseAddress,
                      let dub = dub.baseAddress, let db = dbb.baseAddress
                    else { return }
                    // ∂L/∂b: each column over all the rows in order, the columns split.
                    forEachChunk(f, threads: threads) { range in
                      for r in 0..<rows {
                        let row = g + r * f
                        if let mask = outMask.map({ $0 + r * f }) {
                          for k in range { db[k] += row[k] * (mask[k] > 0 ? 1 : 0) }
                        } else {
                          for k in range { db[k] += row[k] }
                        }
                      }
                    }
                    let inVector = c % 4 == 0 && blockV % 4 == 0
                    let outVector = f % 4 == 0 && isAligned(dm) && blockM % 4 == 0
                    plan.forEachBlock(batch: batch, threads: threads) { first, count, thread in
                      let tiles = count * plan.tiles
                      let vBlock = v + first * 16 * plan.tiles * c
                      let dmBlock = dm + thread * blockM
                      let duBlock = dub + (first / plan.imagesPerBlock) * 16 * c * f
                      withAlignedScratch(4 * f) { s in
                        for image in first..<(first + count) {
                          plan.transformOutputGradient(
                            g + image * plan.outputCount,
                            mask: outMask.map { $0 + image * plan.outputCount },
                            tile0: (image - first) * plan.tiles, plane: tiles * f, into: dmBlock,
                            scratch: s, vector: outVector)
                        }
                      }
                      // ∂U[ξ] = V[ξ]ᵀ·∂M[ξ] (C × F) of the block.
                      for xi in 0..<16 {
                        for t0 in stride(from: 0, to: tiles, by: chunk) {
                          sgemm(
                            transposeA: true, m: c, n: f, k: min(chunk, tiles - t0),
                            a: vBlock + (xi * tiles + t0) * c, lda: c,
                            b: dmBlock + (xi * tiles + t0) * f, ldb: f, beta: t0 == 0 ? 0 : 1,
                            c: duBlock + xi * c * f, ldc: f)
                        }
                      }
                      guard inputGradient, let dvBase = dvb.baseAddress else { return }
                      let dvBlock = dvBase + thread * blockV
                      // ∂V[ξ] = ∂M[ξ]·U[ξ]ᵀ (tiles × C).
                      for xi in 0..<16 {
                        for t0 in stride(from: 0, to: tiles, by: chunk) {
                          sgemm(
                            m: min(chunk, tiles - t0), n: c, k: f,
                            a: dmBlock + (xi * tiles + t0) * f, lda: f, b: ut + xi * f * c,
                            ldb: c, c: dvBlock + (xi * tiles + t0) * c, ldc: c)
                        }
                      }
                      input?.withUnsafeMutableElements { dxb in
                        guard let dx = dxb.baseAddress else { return }
                        let scratch = plan.paddedHeight * plan.paddedWidth * c
                        withAlignedScratch(scratch) { padded in
                          for image in first..<(first + count) {
                            plan.transformInputGradient(
                              dvBlock, tile0: (image - first) * plan.tiles, plane: tiles * c,
                              mask: inMask.map { $0 + image * shape.count }, scratch: padded,
                              into: dx + image * shape.count,
                              vector: inVector && isAligned(dvBlock))
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
  }
  // ∂U = Σ_blocks ∂U_block, in block order (float64).
  var du = [Double](repeating: 0, count: 16 * c * f)
  for block in 0..<blocks {
    for i in 0..<(16 * c * f) { du[i] += Double(duBlocks[block * 16 * c * f + i]) }
  }
  return (input, winogradKernelGradient(du, channels: c, filters: f), biasGradient)
}

/// `∂L/∂W = Gᵀ ∂U G` per (c, f), from `du[ξ][c][f]`: `9·C × F`, rows (ky, kx, c).
private func winogradKernelGradient(_ du: [Double], channels c: Int, filters f: Int) -> Matrix {
  var gradient = Matrix.uninitialized(rows: 9 * c, columns: f)
  gradient.withUnsafeMutableElements { wb in
    du.withUnsafeBufferPointer { db in
      guard let w = wb.baseAddress, let d = db.baseAddress else { return }
      let plane = c * f
      for ch in 0..<c {
        for k in 0..<f {
          let p = d + ch * f + k
          @inline(__always) func e(_ i: Int) -> Double { p[i * plane] }
          // Down the columns (Gᵀ ∂U), then along the rows (· G).
          let c0 = winogradGT((e(0), e(4), e(8), e(12)))
          let c1 = winogradGT((e(1), e(5), e(9), e(13)))
          let c2 = winogradGT((e(2), e(6), e(10), e(14)))
          let c3 = winogradGT((e(3), e(7), e(11), e(15)))
          let rows = (
            winogradGT((c0.0, c1.0, c2.0, c3.0)), winogradGT((c0.1, c1.1, c2.1, c3.1)),
            winogradGT((c0.2, c1.2, c2.2, c3.2))
          )
          @inline(__always) func put(_ ky: Int, _ r: (Double, Double, Double)) {
            w[((ky * 3) * c + ch) * f + k] = r.0
            w[((ky * 3 + 1) * c + ch) * f + k] = r.1
            w[((ky * 3 + 2) * c + ch) * f + k] = r.2
          }
          put(0, rows.0)
          put(1, rows.1)
          put(2, rows.2)
        }
      }
    }
  }
  return gradient
}
