// The tile transforms of Winograd's F(2×2, 3×3) (`Convolution+Winograd.swift` has the
// algorithm and the matrices) and their adjoints, one tile at a time, four channels (input,
// ∂L/∂X) or filters (output, ∂L/∂M) per SIMD4<Float> (`Convolution+WinogradVectors.swift`):
// the numbers of one pixel are contiguous in the channels-last layout, so the vectors run
// along them. The tile transforms add in float32 (the values they add are rounded to
// float32 anyway for the products); the kernel transforms (`winogradKernels`, ∂L/∂W) are
// float64. Each 2-D transform is the 1-D one applied down the columns, then along the rows.

/// The tiling of one image for F(2×2, 3×3): output tiles of 2×2 (the last row or column of
/// tiles reaching past an odd output size, whose extra outputs are computed and dropped),
/// tile (ty, tx) read from the 4×4 input window at `(2·ty − padding, 2·tx − padding)`
/// (zeros outside the image).
struct WinogradPlan {
  let shape: ImageShape
  let padding: Int
  let filters: Int
  let outHeight: Int
  let outWidth: Int
  let tilesHigh: Int
  let tilesWide: Int

  init(shape: ImageShape, padding: Int, filters: Int) {
    self.shape = shape
    self.padding = padding
    self.filters = filters
    outHeight = shape.height + 2 * padding - 2
    outWidth = shape.width + 2 * padding - 2
    precondition(
      outHeight >= 1 && outWidth >= 1,
      "WinogradPlan: a 3×3 kernel does not fit \(shape) with padding \(padding)")
    tilesHigh = (outHeight + 1) / 2
    tilesWide = (outWidth + 1) / 2
  }

  /// Tiles per image.
  var tiles: Int { tilesHigh * tilesWide }
  /// Output numbers per image, `H'·W'·F`.
  var outputCount: Int { outHeight * outWidth * filters }
  /// Tiles per block: a block's product V[ξ]·U[ξ] within `winogradProductLimit`
  /// (128 for C = 32, F = 64: V[ξ], M[ξ] of a block 16 KB and 32 KB), at least 16.
  var blockTiles: Int { max(16, winogradProductLimit / (shape.channels * filters)) }
  /// Images per block: at most `blockTiles` tiles, at least one image.
  var imagesPerBlock: Int { max(1, blockTiles / tiles) }
  /// Rows and columns of the padded input the tiles cover, `2·tiles + 2` each.
  var paddedHeight: Int { 2 * tilesHigh + 2 }
  var paddedWidth: Int { 2 * tilesWide + 2 }

  /// Blocks of `imagesPerBlock` images (the last one shorter) in a batch.
  func blockCount(batch: Int) -> Int { (batch + imagesPerBlock - 1) / imagesPerBlock }

  /// Calls `body(first, count, thread)` for every block, the blocks taken in turn by
  /// `threads` threads (`forEachClaimed`; `thread` names the caller's scratch): the same
  /// blocks whatever the threads, so every number computed per block is too.
  func forEachBlock(
    batch: Int, threads: Int, _ body: (_ first: Int, _ count: Int, _ thread: Int) -> Void
  ) {
    forEachClaimed(blockCount(batch: batch), threads: threads) { block, thread in
      let first = block * imagesPerBlock
      body(first, min(imagesPerBlock, batch - first), thread)
    }
  }

  /// `V = Bᵀ d B` of every tile of the image at `x`, rounded to float32, written to
  /// `v[ξ·plane + (tile0 + t)·C + c]` for the 16 positions ξ = 4i + j (`plane` = the
  /// block's tiles times C: V[ξ] is a contiguous `tiles × C` matrix, which OpenBLAS
  /// multiplies twice as fast as one with leading dimension 16·C). The image is first
  /// rounded once into `padded` (scratch for `paddedHeight·paddedWidth·C` floats, the
  /// zero border included), from which every tile reads its window: each pixel is in up
  /// to four windows. `vector`: C is a multiple of 4 and the buffers are 16-byte aligned.
  @inline(__always)
  func transformInput(
    _ x: UnsafePointer<Double>, into v: UnsafeMutablePointer<Float>, tile0: Int, plane: Int,
    scratch padded: UnsafeMutablePointer<Float>, vector: Bool
  ) {
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let pw = paddedWidth
    padded.update(repeating: 0, count: paddedHeight * pw * c)
    for y in 0..<h {
      let (to, from) = (padded + ((y + padding) * pw + padding) * c, x + y * w * c)
      for i in 0..<(w * c) { to[i] = Float(from[i]) }
    }
    let row = pw * c
    for ty in 0..<tilesHigh {
      for tx in 0..<tilesWide {
        let corner = padded + (2 * ty * pw + 2 * tx) * c
        let out = v + (tile0 + ty * tilesWide + tx) * c
        for ch in stride(from: 0, to: c, by: 4) {
          let n = c - ch
          let p = corner + ch
          @inline(__always) func e(_ a: Int, _ b: Int) -> F4 {
            Lanes.load(p + a * row + b * c, n, vector)
          }
          // Down the columns (t = Bᵀd), then along the rows (V = tB).
          let c0 = Lanes.bt((e(0, 0), e(1, 0), e(2, 0), e(3, 0)))
          let c1 = Lanes.bt((e(0, 1), e(1, 1), e(2, 1), e(3, 1)))
          let c2 = Lanes.bt((e(0, 2), e(1, 2), e(2, 2), e(3, 2)))
          let c3 = Lanes.bt((e(0, 3), e(1, 3), e(2, 3), e(3, 3)))
          Lanes.store16(
            Lanes.bt((c0.0, c1.0, c2.0, c3.0)), Lanes.bt((c0.1, c1.1, c2.1, c3.1)),
            Lanes.bt((c0.2, c1.2, c2.2, c3.2)), Lanes.bt((c0.3, c1.3, c2.3, c3.3)), out + ch,
            plane: plane, n, vector)
        }
      }
    }
  }

  /// `Y = Aᵀ M A + b` of every tile of one image, from `m[ξ·plane + (tile0 + t)·F + f]`
  /// (which it sets back to 0 after reading: the next block's products add onto it),
  /// written (cropped to H'×W', and rectified `y > 0 ? y : 0` when asked) to the image's
  /// output `y`, `H'·W'·F` channels last. `s` is scratch for 4·F floats.
  @inline(__always)
  func transformOutput(
    _ m: UnsafeMutablePointer<Float>, tile0: Int, plane: Int, bias: UnsafePointer<Double>,
    rectified: Bool, into y: UnsafeMutablePointer<Double>, scratch s: UnsafeMutablePointer<Float>,
    vector: Bool
  ) {
    let f = filters
    for ty in 0..<tilesHigh {
      for tx in 0..<tilesWide {
        let from = m + (tile0 + ty * tilesWide + tx) * f
        for k in stride(from: 0, to: f, by: 4) {
          let n = f - k
          let (k0, k1, k2, k3) = Lanes.columns16(from + k, stride: plane, n, vector)
          let (c0, c1, c2, c3) = (Lanes.at(k0), Lanes.at(k1), Lanes.at(k2), Lanes.at(k3))
          let r0 = Lanes.at((c0.0, c1.0, c2.0, c3.0))
          let r1 = Lanes.at((c0.1, c1.1, c2.1, c3.1))
          Lanes.store(r0.0, s + k, n, vector)
          Lanes.store(r0.1, s + f + k, n, vector)
          Lanes.store(r1.0, s + 2 * f + k, n, vector)
          Lanes.store(r1.1, s + 3 * f + k, n, vector)
        }
        for q in 0..<4 {
          let (dy, dx) = (q >> 1, q & 1)
          let (oy, ox) = (2 * ty + dy, 2 * tx + dx)
          guard oy < outHeight && ox < outWidth else { continue }
          storeBiasedRow(
            s + q * f, bias: bias, into: y + (oy * outWidth + ox) * f, count: f,
            rectified: rectified)
        }
      }
    }
  }

  /// `∂L/∂M = A ∂L/∂Y Aᵀ` of every tile of one image (∂L/∂Y of the cropped outputs is 0),
  /// from the image's `g` (`H'·W'·F`, times `[mask > 0]` when a mask is given: the
  /// backward pass of a ReLU after the layer), to `dm[ξ·plane + (tile0 + t)·F + f]` in
  /// float32. `s` is scratch for 4·F floats.
  @inline(__always)
  func transformOutputGradient(
    _ g: UnsafePointer<Double>, mask: UnsafePointer<Double>?, tile0: Int, plane: Int,
    into dm: UnsafeMutablePointer<Float>, scratch s: UnsafeMutablePointer<Float>, vector: Bool
  ) {
    let f = filters
    for ty in 0..<tilesHigh {
      for tx in 0..<tilesWide {
        for q in 0..<4 {
          let (dy, dx) = (q >> 1, q & 1)
          let (oy, ox) = (2 * ty + dy, 2 * tx + dx)
          let to = s + q * f
          guard oy < outHeight && ox < outWidth else {
            to.update(repeating: 0, count: f)
            continue
          }
          let i = (oy * outWidth + ox) * f
          if let mask {
            for k in 0..<f { to[k] = Float(g[i + k] * (mask[i + k] > 0 ? 1 : 0)) }
          } else {
            for k in 0..<f { to[k] = Float(g[i + k]) }
          }
        }
        let out = dm + (tile0 + ty * tilesWide + tx) * f
        for k in stride(from: 0, to: f, by: 4) {
          let n = f - k
          let (e00, e01) = (Lanes.load(s + k, n, vector), Lanes.load(s + f + k, n, vector))
          let (e10, e11) = (
            Lanes.load(s + 2 * f + k, n, vector), Lanes.load(s + 3 * f + k, n, vector)
          )
          let c0 = Lanes.a(e00, e10)
          let c1 = Lanes.a(e01, e11)
          Lanes.store16(
            Lanes.a(c0.0, c1.0), Lanes.a(c0.1, c1.1), Lanes.a(c0.2, c1.2), Lanes.a(c0.3, c1.3),
            out + k, plane: plane,
            n, vector)
        }
      }
    }
  }

  /// `∂L/∂X = Σ_tiles B ∂L/∂V Bᵀ` of one image (neighbouring windows overlap by two rows or
  /// columns: their contributions add, in float32), from `dv[ξ·plane + (tile0 + t)·C + c]`
  /// (set back to 0 after reading, as in `transformOutput`), written (the padding
  /// dropped; times `[mask > 0]` when a mask is given: the backward pass of a ReLU before
  /// the layer) to the image's `dx`. `padded` is scratch for
  /// `paddedHeight·paddedWidth·C` floats.
  @inline(__always)
  func transformInputGradient(
    _ dv: UnsafeMutablePointer<Float>, tile0: Int, plane: Int, mask: UnsafePointer<Double>?,
    scratch padded: UnsafeMutablePointer<Float>, into dx: UnsafeMutablePointer<Double>,
    vector: Bool
  ) {
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let pw = paddedWidth
    padded.update(repeating: 0, count: paddedHeight * pw * c)
    for ty in 0..<tilesHigh {
      for tx in 0..<tilesWide {
        let from = dv + (tile0 + ty * tilesWide + tx) * c
        let corner = padded + ((2 * ty) * pw + 2 * tx) * c
        for ch in stride(from: 0, to: c, by: 4) {
          let n = c - ch
          let (k0, k1, k2, k3) = Lanes.columns16(from + ch, stride: plane, n, vector)
          let (c0, c1, c2, c3) = (Lanes.b(k0), Lanes.b(k1), Lanes.b(k2), Lanes.b(k3))
          @inline(__always) func add(_ row: Int, _ r: FourF4) {
            let q = corner + row * pw * c + ch
            Lanes.store(Lanes.load(q, n, vector) + r.0, q, n, vector)
            Lanes.store(Lanes.load(q + c, n, vector) + r.1, q + c, n, vector)
            Lanes.store(Lanes.load(q + 2 * c, n, vector) + r.2, q + 2 * c, n, vector)
            Lanes.store(Lanes.load(q + 3 * c, n, vector) + r.3, q + 3 * c, n, vector)
          }
          add(0, Lanes.b((c0.0, c1.0, c2.0, c3.0)))
          add(1, Lanes.b((c0.1, c1.1, c2.1, c3.1)))
          add(2, Lanes.b((c0.2, c1.2, c2.2, c3.2)))
          add(3, Lanes.b((c0.3, c1.3, c2.3, c3.3)))
        }
      }
    }
    for y in 0..<h {
      let from = padded + ((y + padding) * pw + padding) * c
      let to = dx + y * w * c
      if let mask {
        let m = mask + y * w * c
        for i in 0..<(w * c) { to[i] = Double(from[i]) * (m[i] > 0 ? 1 : 0) }
      } else {
        for i in 0..<(w * c) { to[i] = Double(from[i]) }
      }
    }
  }
}
