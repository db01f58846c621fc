import CBLAS

// Winograd's minimal filtering F(2×2, 3×3) for stride-1 3×3 convolutions, float32 products
// (Lavin and Gray 2016, *Fast Algorithms for Convolutional Neural Networks*, §4 and §5;
// Winograd 1980, *Arithmetic Complexity of Computations*).
//
// A 2×2 block of outputs of a 3×3 filter reads a 4×4 window d of the input. Written with
//
//          ⎡1  0 −1  0⎤          ⎡ 1    0    0 ⎤
//     Bᵀ = ⎢0  1  1  0⎥     G =  ⎢1/2  1/2  1/2⎥     Aᵀ = ⎡1  1  1  0⎤
//          ⎢0 −1  1  0⎥          ⎢1/2 −1/2  1/2⎥          ⎣0  1 −1 −1⎦
//          ⎣0  1  0 −1⎦          ⎣ 0    0    1 ⎦
//
// the block is Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A: 16 multiplications instead of 2·2·9 = 36,
// the transforms being additions (and halvings). Summed over the C input channels, each
// of the 16 positions ξ of the 4×4 transformed tile is a matrix product over all tiles:
//
//     U[ξ] = (G g Gᵀ)[ξ]       C × F      per (c, f): the kernels, once per pass
//     V[ξ] = (Bᵀ d B)[ξ]       tiles × C  per (tile, c): the input
//     M[ξ] = V[ξ] · U[ξ]       tiles × F  16 sgemms
//     Y    = Aᵀ M A + b        per (tile, f), cropped to H' × W'
//
// and the backward pass, given ∂L/∂Y, is the adjoint of each step in reverse:
//
//     ∂M      = A ∂Y Aᵀ                    (∂Y of the cropped outputs is 0)
//     ∂U[ξ]   = V[ξ]ᵀ · ∂M[ξ]              16 sgemms, C × F, summed over the tiles
//     ∂L/∂W   = Gᵀ ∂U G                    per (c, f)
//     ∂V[ξ]   = ∂M[ξ] · U[ξ]ᵀ              16 sgemms, tiles × C
//     ∂L/∂X  += B ∂V Bᵀ                    per tile; windows overlap by 2: they add
//     ∂L/∂b   = Σ ∂Y                       in float64, as the im2col paths do
//
// The three products do 2.25× fewer multiply-adds than im2col's (16 against 36 per 2×2
// outputs and channel pair): for chapter 3.4's 12×12×32 → 10×10×64, 25 tiles an image;
// the bench's 13×13 → 11×11 is computed as 12×12 (36 tiles) and cropped, 1.9× fewer.
//
// Tiles: output tile (ty, tx) covers outputs (2ty…2ty+1, 2tx…2tx+1) and reads the input
// window from (2ty − p, 2tx − p), zero outside the image (p = padding). Each pass works a
// block of at most `WinogradPlan.blockTiles` tiles (whole images) at a time, so V, M and ∂M of a
// block stay in the cache between the transforms and the products; V of the whole batch
// is kept for ∂U (16·tiles·C floats: 4.7 MB for the bench, half of im2col's patches).
// Threads: each block is one thread's work, its transforms and its 16 products (small
// enough for OpenBLAS to run them on the calling thread), the blocks taken in turn by the
// threads; ∂L/∂b is split over columns and ∂U added over the blocks in order afterwards:
// the bits do not depend on the thread count (`Convolution+Threads.swift`).
//
// Rounding (u = 2⁻²⁴; γ(m) = m·u/(1 − m·u); Higham 2002, §3.1 and §3.5). The kernel
// transforms (U = G g Gᵀ, ∂W = Gᵀ ∂U G) are float64, U rounded to float32 once. The tile
// transforms are float32 (4 lanes a vector): the inputs, ∂Y rounded once, then two passes
// of the 1-D transforms, each a sum of ≤ 3 terms; `cblas_sgemm` sums the products over C
// (or the tiles, or F); the tile sums of ∂U are added in float64. Counting the roundings
// along the longest chain (inputs 1, transforms ≤ 4, products n, output or overlap adds
// ≤ 4), every result is within γ(n + 12) of the exact value relative to the sum of the
// magnitudes of all the terms it adds. That sum is larger than the direct convolution's
// Σ|x·w|: the transformed terms are mixtures with cancelling signs. Products of the 1-D
// constants bound it (forward, per axis: Σ_ξ |Aᵀ|-entries · |Bᵀ|-row sums · |G|-row sums
// = 8; ∂W: Σ_ξ |G|·|Bᵀ|·|A| = 6; ∂X: |B|·|G|·|A| over the two tiles a pixel is in = 8):
//
//     |Ŷ − Y|      ≤ γ(C + 12) · 64 · C · ‖X‖∞ · ‖W‖∞
//     |∂Ŵ − ∂W|    ≤ γ(T + 12) · 36 · T · ‖X‖∞ · ‖∂Y‖∞        (T = tiles summed)
//     |∂X̂ − ∂X|    ≤ γ(F + 12) · 64 · F · ‖W‖∞ · ‖∂Y‖∞
//
// against 9·C·‖X‖∞‖W‖∞ (and 9·F, 9·T) for im2col in float32: a constant ≤ 7× larger worst
// case, still ~10⁻⁵ relative for C = 32, below mini-batch gradient noise by four orders
// (Lavin and Gray measure no accuracy loss from F(2×2, 3×3) in float32). When every
// input, kernel and ∂Y value and every sum is a float32 number with few bits (small
// integers, kernels in quarters: the halvings of G stay exact), no step rounds and the
// result equals the direct convolution's exactly (both tested: WinogradTests).

/// The most multiply-adds (M·N·K) one product of the Winograd passes may have: OpenBLAS
/// runs a product of up to 65,536·4 of them on the thread that calls it (its
/// `GEMM_MULTITHREAD_THRESHOLD`), above that on all its threads. The passes keep their
/// products below it and share the blocks among their own threads instead: OpenBLAS's
/// threads, woken for a product of 2 MFLOP, only spin against ours (a block of 512 tiles,
/// over the line, made the bench's forward pass 3× slower; 128 and 256 tiles, below it,
/// ran alike).
let winogradProductLimit = 262_144

/// What the Winograd backward pass needs from the forward pass: the transformed input
/// tiles V of the whole batch, float32, block after block (`Convolution+Winograd.swift`).
public struct WinogradTiles: Sendable {
  /// Images.
  public let batch: Int
  /// Numbers of V per image: 16 · tiles · C.
  public let perImage: Int
  /// Block after block, each `[ξ][tile][c]`.
  let elements: [Float]
}

extension ConvolutionGeometry {
  /// Whether Winograd F(2×2, 3×3) computes this convolution: a 3×3 kernel at stride 1
  /// (any zero padding).
  public var admitsWinograd: Bool { kernelHeight == 3 && kernelWidth == 3 && stride == 1 }
}

/// `U[ξ][c][f] = (G g Gᵀ)[ξ]` of the kernels (`9·C × F`, rows (ky, kx, c)), computed in
/// float64 and rounded to float32 once.
func winogradKernels(_ kernels: Matrix, channels c: Int) -> [Float] {
  let f = kernels.columns
  var u = uninitializedFloats(16 * c * f)
  kernels.withUnsafeElements { wb in
    u.withUnsafeMutableBufferPointer { ub in
      guard let w = wb.baseAddress, let u = ub.baseAddress else { return }
      for ch in 0..<c {
        for k in 0..<f {
          @inline(__always) func g(_ ky: Int, _ kx: Int) -> Double {
            w[((ky * 3 + kx) * c + ch) * f + k]
          }
          // Down the columns (G g), then along the rows (· Gᵀ).
          let c0 = winogradG(g(0, 0), g(1, 0), g(2, 0))
          let c1 = winogradG(g(0, 1), g(1, 1), g(2, 1))
          let c2 = winogradG(g(0, 2), g(1, 2), g(2, 2))
          let rows = (
            winogradG(c0.0, c1.0, c2.0), winogradG(c0.1, c1.1, c2.1),
            winogradG(c0.2, c1.2, c2.2), winogradG(c0.3, c1.3, c2.3)
          )
          let o = u + ch * f + k
          let plane = c * f
          @inline(__always) func put(_ i: Int, _ r: Four) {
            o[(4 * i) * plane] = Float(r.0)
            o[(4 * i + 1) * plane] = Float(r.1)
            o[(4 * i + 2) * plane] = Float(r.2)
            o[(4 * i + 3) * plane] = Float(r.3)
          }
          put(0, rows.0)
          put(1, rows.1)
          put(2, rows.2)
          put(3, rows.3)
        }
      }
    }
  }
  return u
}

/// `Y = conv(X, W) + b` by Winograd F(2×2, 3×3) with float32 products (see the top of this
/// file), and, when `rectified`, ReLU's `max(0, Y)` in the same pass (written
/// `y > 0 ? y : 0`, as ReLU's kernel).
///
/// - Parameters: as `convolutionForwardFloat32`; `geometry.admitsWinograd`.
/// - Returns: `output`, `batch × (H'·W'·F)` in float64, and the tiles V for the backward
///   pass.
/// - Precondition: the shapes fit and the geometry is 3×3 stride 1.
public func convolutionForwardWinograd(
  _ images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry, kernels: Matrix,
  bias: Matrix, rectified: Bool = false
) -> (output: Matrix, tiles: WinogradTiles) {
  precondition(
    geometry.admitsWinograd && images.columns == shape.count
      && kernels.rows == geometry.patchSize(for: shape) && bias.rows == 1
      && bias.columns == kernels.columns,
    "convolutionForwardWinograd: images \(images.shapeDescription), kernels "
      + "\(kernels.shapeDescription), bias \(bias.shapeDescription) do not fit \(shape) "
      + "with \(geometry) (Winograd needs 3×3 stride 1)")
  let (c, f, batch) = (shape.channels, kernels.columns, images.rows)
  let plan = WinogradPlan(shape: shape, padding: geometry.padding, filters: f)
  let perImage = 16 * plan.tiles * c
  let u = winogradKernels(kernels, channels: c)
  var v = uninitializedFloats(batch * perImage)
  let threads = convolutionThreads()
  // One block's M per thread.
  let blockM = min(batch, plan.imagesPerBlock) * plan.tiles * 16 * f
  var m = uninitializedFloats(threads * blockM)
  var output = Matrix.uninitialized(rows: batch, columns: plan.outputCount)
  images.withUnsafeElements { xb in
    bias.withUnsafeElements { bb in
      output.withUnsafeMutableElements { yb in
        v.withUnsafeMutableBufferPointer { vb in
          m.withUnsafeMutableBufferPointer { mb in
            u.withUnsafeBufferPointer { ub in
              guard let x = xb.baseAddress, let b = bb.baseAddress, let y = yb.baseAddress,
                let v = vb.baseAddress, let m = mb.baseAddress, let u = ub.baseAddress
              else { return }
              let (inVector, outVector) = (
                c % 4 == 0 && isAligned(v), f % 4 == 0 && isAligned(m) && blockM % 4 == 0
              )
              // Each block whole on one thread (transforms and its 16 products, which are
              // small enough for OpenBLAS to run on the calling thread): the blocks are
              // shared by the threads, with no other synchronisation.
              plan.forEachBlock(batch: batch, threads: threads) { first, count, thread in
                let tiles = count * plan.tiles
                let vBlock = v + first * perImage
                let mBlock = m + thread * blockM
                withAlignedScratch(max(plan.paddedHeight * plan.paddedWidth * c, 4 * f)) {
                  scratch in
                  for image in first..<(first + count) {
                    plan.transformInput(
                      x + image * shape.count, into: vBlock,
                      tile0: (image - first) * plan.tiles, plane: tiles * c, scratch: scratch,
                      vector: inVector)
                  }
                  // M[ξ] = V[ξ]·U[ξ], tiles × F.
                  for xi in 0..<16 {
                    sgemm(
                      m: tiles, n: f, k: c, a: vBlock + xi * tiles * c, lda: c,
                      b: u + xi * c * f, ldb: f, c: mBlock + xi * tiles * f, ldc: f)
                  }
                  for image in first..<(first + count) {
                    plan.transformOutput(
                      mBlock, tile0: (image - first) * plan.tiles, plane: tiles * f, bias: b,
                      rectified: rectified, into: y + image * plan.outputCount,
                      scratch: scratch, vector: outVector)
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return (output, WinogradTiles(batch: batch, perImage: perImage, elements: v))
}

/// Whether `p` is 16-byte aligned (a SIMD4<Float> can be loaded from it).
@inline(__always)
func isAligned(_ p: UnsafeMutablePointer<Float>) -> Bool { Int(bitPattern: p) & 15 == 0 }

/// Calls `body` with `count` floats of 16-byte-aligned scratch on the stack (or heap).
@inline(__always)
func withAlignedScratch(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
  withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: (count + 3) / 4) { buffer in
    guard let base = buffer.baseAddress else { return }
    base.withMemoryRebound(to: Float.self, capacity: 4 * buffer.count) { body($0) }
  }
}
