// The sizes, blocking and max-pooling arithmetic of the pooled convolution
// (`Convolution+Pooled.swift`): the forward pass's pooling of a block and its adjoint.

/// The sizes and the pooling arithmetic shared by the pooled convolution's two passes.
struct PooledPlan {
  let poolSize: Int
  /// K and F.
  let k: Int
  let f: Int
  /// The convolution's output height and width.
  let height: Int
  let width: Int
  /// The pooled output's height and width.
  let pooledHeight: Int
  let pooledWidth: Int

  /// Convolution positions per image, P.
  var positions: Int { height * width }
  /// Pooled numbers per image.
  var outputCount: Int { pooledHeight * pooledWidth * f }
  /// Images per block: about 1,500 patch rows, so a block's z (rows × F doubles; 380 KB
  /// for F = 32) stays in L2 between the GEMM that writes it and the pooling that reads it.
  var imagesPerBlock: Int { max(1, 1536 / positions) }
  /// Whether the windows cover every convolution output (no floor remainder).
  var coversAll: Bool { pooledHeight * poolSize == height && pooledWidth * poolSize == width }

  init(
    _ caller: String, images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry,
    kernels: Matrix, bias: Matrix?, poolSize: Int
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
    self.poolSize = poolSize
    k = kernels.rows
    f = kernels.columns
    height = z.height
    width = z.width
    pooledHeight = z.height / poolSize
    pooledWidth = z.width / poolSize
  }

  /// Calls `body(firstImage, imageCount)` for consecutive blocks of `imagesPerBlock` images.
  func forEachBlock(batch: Int, _ body: (Int, Int) -> Void) {
    var first = 0
    while first < batch {
      let count = min(imagesPerBlock, batch - first)
      body(first, count)
      first += count
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
  /// column sums onto `biasGradient`.
  @inline(__always)
  func unpool(
    _ g: UnsafePointer<Double>, winners q: UnsafePointer<UInt8>, images: Int,
    into gz: UnsafeMutablePointer<Double>, biasGradient db: UnsafeMutablePointer<Double>
  ) {
    let p = poolSize
    // Positions outside every window (the floor's remainder) get no gradient.
    if !coversAll { gz.update(repeating: 0, count: images * positions * f) }
    var o = 0
    for n in 0..<images {
      let image = gz + n * positions * f
      for py in 0..<pooledHeight {
        for px in 0..<pooledWidth {
          let corner = image + (py * p * width + px * p) * f
          let (go, qo) = (g + o, q + o)
          for c in 0..<f { db[c] += go[c] }
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
