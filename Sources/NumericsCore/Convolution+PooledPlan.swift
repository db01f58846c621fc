// The sizes, blocking and max-pooling arithmetic of the pooled convolution
// (`Convolution+Pooled.swift`): the forward pass's pooling of a block and its adjoint.

/// The sizes and the pooling arithmetic shared by the pooled convolution's two passes.
struct PooledPlan {
  let shape: ImageShape
  let geometry: ConvolutionGeometry
  let poolSize: Int
  /// K and F.
  let k: Int
  let f: Int
  /// The height and width of the convolution outputs computed: those the kept windows
  /// cover (the floor's remainder and anything cropped are never needed).
  let height: Int
  let width: Int
  /// The pooled output's height and width.
  let pooledHeight: Int
  let pooledWidth: Int

  /// Convolution positions computed per image, P.
  var positions: Int { height * width }
  /// Pooled numbers per image.
  var outputCount: Int { pooledHeight * pooledWidth * f }
  /// Images per block: about 1,500 patch rows, so a block's z (rows × F doubles; 380 KB
  /// for F = 32) stays in L2 between the GEMM that writes it and the pooling that reads it.
  var imagesPerBlock: Int { max(1, 1536 / positions) }

  init(
    _ caller: String, images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry,
    kernels: Matrix, bias: Matrix?, poolSize: Int, keep: (height: Int, width: Int)?
  ) {
    let z = geometry.outputShape(for: shape, channels: kernels.columns)
    precondition(
      images.columns == shape.count && kernels.rows == geometry.patchSize(for: shape)
        && (bias.map { $0.rows == 1 && $0.columns == kernels.columns } ?? true),
      "\(caller): images \(images.shapeDescription), kernels \(kernels.shapeDescription)"
        + (bias.map { ", bias \($0.shapeDescription)" } ?? "")
        + " do not fit \(shape) with \(geometry)")
    precondition(
      poolSize >= 1 && poolSize <= z.height && poolSize <= z.width && poolSize <= 16,
      "\(caller): pooling window \(poolSize) does not fit the convolution's output \(z) "
        + "(1 ≤ p ≤ 16)")
    self.shape = shape
    self.geometry = geometry
    self.poolSize = poolSize
    k = kernels.rows
    f = kernels.columns
    precondition(
      keep.map { $0.height >= 1 && $0.width >= 1 } ?? true,
      "\(caller): the kept output \(keep.map { "\($0.height)×\($0.width)" } ?? "") must be ≥ 1×1")
    pooledHeight = min(z.height / poolSize, keep?.height ?? .max)
    pooledWidth = min(z.width / poolSize, keep?.width ?? .max)
    // Only the convolution outputs that some kept window reads are computed.
    height = pooledHeight * poolSize
    width = pooledWidth * poolSize
  }

  /// The number of blocks of `imagesPerBlock` images a batch makes (the last one shorter).
  func blockCount(batch: Int) -> Int { (batch + imagesPerBlock - 1) / imagesPerBlock }

  /// Calls `body(firstImage, imageCount, thread)` for consecutive blocks of
  /// `imagesPerBlock` images, the blocks taken in turn by `threads` threads
  /// (`forEachClaimed`; on the caller's thread, in order, when `threads` is 1).
  func forEachBlock(
    batch: Int, threads: Int = 1, _ body: (_ first: Int, _ count: Int, _ thread: Int) -> Void
  ) {
    forEachClaimed(blockCount(batch: batch), threads: threads) { block, thread in
      let first = block * imagesPerBlock
      body(first, min(imagesPerBlock, batch - first), thread)
    }
  }

  /// Writes the transposed patch matrix `X̂ᵀ` of `images` images starting at `x`:
  /// `K × (images·P)`, row `(ky·kW + kx)·C + c`, column `n·P + oy·W' + ox` holding
  /// `x[n, oy·s − pad + ky, ox·s − pad + kx, c]` (0 in the border). The inner loop runs
  /// along one output row, reading every `s·C`-th input number.
  @inline(__always)
  func gatherTransposed(
    _ x: UnsafePointer<Double>, images: Int, into out: UnsafeMutablePointer<Double>
  ) {
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let (s, pad) = (geometry.stride, geometry.padding)
    let rows = images * positions
    for ky in 0..<geometry.kernelHeight {
      for kx in 0..<geometry.kernelWidth {
        // The output columns whose input column ox·s − pad + kx is inside the image.
        let firstInside = max(0, (pad - kx + s - 1) / s)
        let lastInside = min(width - 1, (w - 1 + pad - kx) / s)
        for ch in 0..<c {
          let row = out + ((ky * geometry.kernelWidth + kx) * c + ch) * rows
          for n in 0..<images {
            let image = x + n * shape.count
            for oy in 0..<height {
              let to = row + n * positions + oy * width
              let y = oy * s - pad + ky
              guard y >= 0 && y < h, firstInside <= lastInside else {
                to.update(repeating: 0, count: width)
                continue
              }
              for ox in 0..<firstInside { to[ox] = 0 }
              let from = image + (y * w + firstInside * s - pad + kx) * c + ch
              let step = s * c
              for ox in firstInside...lastInside { to[ox] = from[(ox - firstInside) * step] }
              for ox in (lastInside + 1)..<width { to[ox] = 0 }
            }
          }
        }
      }
    }
  }

  /// The adjoint of the patch gather (col2im for the computed positions): adds the
  /// row-major patch rows `t` (`images·P × K`) onto the pixels they were read from.
  func scatterAdd(
    _ t: UnsafePointer<Double>, images: Int, onto dx: UnsafeMutablePointer<Double>
  ) {
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let (kh, kw, s, pad) = (
      geometry.kernelHeight, geometry.kernelWidth, geometry.stride, geometry.padding
    )
    var row = t
    for n in 0..<images {
      let image = dx + n * shape.count
      for oy in 0..<height {
        for ox in 0..<width {
          for ky in 0..<kh {
            let y = oy * s - pad + ky
            for kx in 0..<kw {
              let x = ox * s - pad + kx
              guard y >= 0 && y < h && x >= 0 && x < w else { continue }
              let (to, from) = (image + (y * w + x) * c, row + (ky * kw + kx) * c)
              for ch in 0..<c { to[ch] += from[ch] }
            }
          }
          row += k
        }
      }
    }
  }

  /// Max-pools a block's convolution output `z` (`images·P × F`) into `y` and the window
  /// position of each maximum into `winners`. Candidates are compared in (dy, dx) order
  /// with `>`, so the first maximum wins (as `MaxPool2D` and PyTorch).
  @inline(__always)
  func pool(
    _ z: UnsafePointer<Double>, images: Int, into y: UnsafeMutablePointer<Double>,
    winners q: UnsafeMutablePointer<UInt8>
  ) {
    let p = poolSize
    var o = 0
    for n in 0..<images {
      let image = z + n * positions * f
      for py in 0..<pooledHeight {
        for px in 0..<pooledWidth {
          let corner = image + (py * p * width + px * p) * f
          poolWindow(corner, into: y + o, winners: q + o)
          o += f
        }
      }
    }
  }

  /// One window's F maxima, four channels per step in SIMD registers (branch-free selects:
  /// a scalar loop's unpredictable branches cost more than the comparisons).
  @inline(__always)
  private func poolWindow(
    _ corner: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>,
    winners q: UnsafeMutablePointer<UInt8>
  ) {
    let p = poolSize
    var c = 0
    while c + 4 <= f {
      var best = load4(corner + c)
      var label = SIMD4<Int64>(repeating: 0)
      for position in 1..<(p * p) {
        let candidate = load4(corner + ((position / p) * width + position % p) * f + c)
        let take = candidate .> best
        best.replace(with: candidate, where: take)
        label.replace(with: Int64(position), where: take)
      }
      store4(best, at: y + c)
      UnsafeMutableRawPointer(q + c).storeBytes(
        of: SIMD4<UInt8>(truncatingIfNeeded: label), as: SIMD4<UInt8>.self)
      c += 4
    }
    while c < f {
      var (best, label) = (corner[c], UInt8(0))
      for position in 1..<(p * p) {
        let candidate = corner[((position / p) * width + position % p) * f + c]
        if candidate > best { (best, label) = (candidate, UInt8(position)) }
      }
      (y[c], q[c]) = (best, label)
      c += 1
    }
  }

  /// The adjoint of `pool` for a block: writes `∂L/∂z` (`images·P × F`), the pooled
  /// gradient `g` at each output's winning position and 0 at the others, and adds `g`'s
  /// column sums onto `biasGradient` (unless it is nil).
  @inline(__always)
  func unpool(
    _ g: UnsafePointer<Double>, winners q: UnsafePointer<UInt8>, images: Int,
    into gz: UnsafeMutablePointer<Double>, biasGradient db: UnsafeMutablePointer<Double>?
  ) {
    let p = poolSize
    var o = 0
    for n in 0..<images {
      let image = gz + n * positions * f
      for py in 0..<pooledHeight {
        for px in 0..<pooledWidth {
          let corner = image + (py * p * width + px * p) * f
          let (go, qo) = (g + o, q + o)
          if let db { for c in 0..<f { db[c] += go[c] } }
          for position in 0..<(p * p) {
            let target = corner + ((position / p) * width + position % p) * f
            let label = UInt8(truncatingIfNeeded: position)
            var c = 0
            while c + 4 <= f {
              let won = SIMD4<Int64>(truncatingIfNeeded: loadLabels4(qo + c)) .== Int64(label)
              store4(
                SIMD4<Double>(repeating: 0).replacing(with: load4(go + c), where: won),
                at: target + c)
              c += 4
            }
            while c < f {
              target[c] = qo[c] == label ? go[c] : 0
              c += 1
            }
          }
          o += f
        }
      }
    }
  }
}

@inline(__always)
private func load4(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
}

@inline(__always)
private func store4(_ v: SIMD4<Double>, at p: UnsafeMutablePointer<Double>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
}

@inline(__always)
private func loadLabels4(_ p: UnsafePointer<UInt8>) -> SIMD4<UInt8> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD4<UInt8>.self)
}
