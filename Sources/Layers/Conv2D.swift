import NumericsCore

/// A 2-D convolution: one small set of weights (a kernel per output channel) slid over every
/// position of the image. This is *parameter sharing*: a Dense layer from 28×28 to 26×26×32
/// would need 784·21,632 weights; the convolution needs 3·3·32 and sees the same pattern
/// wherever it appears.
///
/// Images are rows of a `Matrix`, channels last (`ImageShape`): the input is
/// `batch × (H·W·C)`, the output `batch × (H'·W'·F)`. With `im2col` the whole layer is one
/// matrix product (K = kernelHeight·kernelWidth·C, P = H'·W' positions):
/// ```
/// X̂ = im2col(X)                 (batch·P) × K
/// Y = X̂ · W + b                 (batch·P) × F  =  batch × (P·F), already channels last
/// ```
/// Backward, given `G = ∂L/∂Y` read as `(batch·P) × F`:
/// ```
/// ∂L/∂W = X̂ᵀ · G                K × F        (sums over every position of every image)
/// ∂L/∂b = Σ_rows G              1 × F
/// ∂L/∂X = col2im(G · Wᵀ)        batch × (H·W·C)
/// ```
/// `convolutionForward`/`convolutionBackward` (NumericsCore) compute exactly these
/// products a block of images at a time, so the patch rows are multiplied while they are
/// still in the cache and `G·Wᵀ` never exists whole.
///
/// As in PyTorch (and every framework) this is a cross-correlation: the kernel is not
/// flipped. Weight layout: `kernels[(ky·kW + kx)·C + c, f]` is PyTorch's
/// `weight[f, c, ky, kx]`; an image element `[n, (y·W + x)·C + c]` is PyTorch's
/// `x[n, c, y, x]` (PyTorch is N×C×H×W; `Benchmarks/peers/conv_fixtures.py` converts).
///
/// `precision` chooses the arithmetic of the three GEMMs: `.float64` (the default, matched
/// to PyTorch float64 at 1e-9) or `.float32` (patches, kernels and ∂L/∂Y rounded to float32,
/// products summed in float32, results back in float64; about twice as fast, relative
/// error ~10⁻⁶: see `ConvolutionPrecision`). `algorithm` chooses how a float32 layer computes
/// them: a 3×3 stride-1 float32 layer uses Winograd's F(2×2, 3×3) by default, 2.25× fewer
/// multiplications (`ConvolutionAlgorithm`, `Convolution+Winograd.swift`); every other
/// layer, and any layer set to `.im2col`, the im2col products above.
///
/// LeCun, Bottou, Bengio and Haffner (1998), *Gradient-based learning applied to document
/// recognition*; im2col: Chellapilla, Puri and Simard (2006).
public struct Conv2D: KernelBiasLayer {
  /// The float64 or float32 patch matrix `X̂` the forward pass keeps for `∂L/∂W`.
  public enum Cache: Sendable {
    case float64(Matrix)
    case float32(Float32Patches)
    /// Winograd's transformed input tiles (float32).
    case winograd(WinogradTiles)

    /// Images in the batch.
    func batch(positions: Int) -> Int {
      switch self {
      case .float64(let columns): columns.rows / positions
      case .float32(let columns): columns.rows / positions
      case .winograd(let tiles): tiles.batch
      }
    }
  }

  /// `K × F`, K = kernelHeight·kernelWidth·inputChannels: column `f` is filter `f`,
  /// its rows in (ky, kx, c) order.
  public var kernels: Matrix
  /// `1 × F`, one bias per filter.
  public var bias: Matrix
  /// The shape of each input image.
  public let inputShape: ImageShape
  /// Kernel size, stride and padding.
  public let geometry: ConvolutionGeometry
  /// The arithmetic of the convolution's GEMMs (the parameters stay float64 either way).
  public var precision: ConvolutionPrecision
  /// How the float32 products are organised (`.automatic`: Winograd for 3×3 stride 1).
  public var algorithm: ConvolutionAlgorithm

  /// Creates a layer from explicit kernels and bias.
  /// - Precondition: `kernels` is `K × F` with K = patch size, `bias` is `1 × F`.
  public init(
    inputShape: ImageShape, geometry: ConvolutionGeometry, kernels: Matrix, bias: Matrix,
    precision: ConvolutionPrecision = .float64, algorithm: ConvolutionAlgorithm = .automatic
  ) {
    let patch = geometry.patchSize(for: inputShape)
    precondition(
      kernels.rows == patch && bias.rows == 1 && bias.columns == kernels.columns,
      "Conv2D: kernels \(kernels.shapeDescription) and bias \(bias.shapeDescription) do not "
        + "fit input \(inputShape) with kernel \(geometry) (expected \(patch) × F and 1 × F)")
    _ = geometry.outputShape(for: inputShape, channels: 1)
    self.inputShape = inputShape
    self.geometry = geometry
    self.kernels = kernels
    self.bias = bias
    self.precision = precision
    self.algorithm = algorithm
  }

  /// Creates a layer with He-normal kernels (fan-in K) and zero bias.
  ///
  /// - Parameters:
  ///   - inputShape: e.g. `28×28×1`.
  ///   - filters: output channels F.
  ///   - kernelSize: square kernel side (3 for 3×3).
  ///   - stride: step between outputs.
  ///   - padding: zeros on each side (`(kernelSize − 1)/2` keeps the size at stride 1).
  ///   - initializer: `.heNormal` before ReLU.
  ///   - precision: the GEMMs' arithmetic (`.float64` unless speed matters more than the
  ///     last seven digits).
  ///   - rng: draws the kernels.
  public init<G: RandomNumberGenerator>(
    inputShape: ImageShape, filters: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    initializer: Initializer = .heNormal, precision: ConvolutionPrecision = .float64,
    algorithm: ConvolutionAlgorithm = .automatic, using rng: inout G
  ) {
    let geometry = ConvolutionGeometry(
      kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding)
    let patch = geometry.patchSize(for: inputShape)
    self.init(
      inputShape: inputShape, geometry: geometry,
      kernels: initializer.weights(fanIn: patch, fanOut: filters, using: &rng),
      bias: .zeros(rows: 1, columns: filters), precision: precision, algorithm: algorithm)
  }

  /// Output channels F.
  public var filters: Int { kernels.columns }
  /// The shape of each output image, `H'×W'×F`.
  public var outputShape: ImageShape { geometry.outputShape(for: inputShape, channels: filters) }

  public var description: String {
    "Conv2D(\(inputShape) → \(outputShape), \(geometry.kernelHeight)×\(geometry.kernelWidth)"
      + (geometry.stride == 1 ? "" : " stride \(geometry.stride)")
      + (geometry.padding == 0 ? "" : " pad \(geometry.padding)")
      + (precision == .float64 ? "" : ", \(precision) GEMMs")
      + (usesWinograd ? ", Winograd" : "") + ")"
  }

  /// - Returns: the output and the patch matrix `X̂` (what `∂L/∂W` needs).
  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Cache) {
    precondition(
      input.columns == inputShape.count,
      "\(self).forward: input is \(input.shapeDescription), expected batch × \(inputShape.count)")
    if usesWinograd {
      let (output, tiles) = convolutionForwardWinograd(
        input, shape: inputShape, geometry: geometry, kernels: kernels, bias: bias)
      return (output, .winograd(tiles))
    }
    switch precision {
    case .float64:
      let (output, columns) = convolutionForward(
        input, shape: inputShape, geometry: geometry, kernels: kernels, bias: bias)
      return (output.reshaped(rows: input.rows, columns: outputShape.count), .float64(columns))
    case .float32:
      let (output, columns) = convolutionForwardFloat32(
        input, shape: inputShape, geometry: geometry, kernels: kernels, bias: bias)
      return (output.reshaped(rows: input.rows, columns: outputShape.count), .float32(columns))
    }
  }

  /// The backward products in the precision the forward pass used (the cache says which).
  public func gradients(
    _ outputGradient: Matrix, cache: Cache, inputGradient: Bool
  ) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
    let g = positionRows(outputGradient, cache: cache)
    switch cache {
    case .float64(let columns):
      return convolutionBackward(
        g, columns: columns, kernels: kernels, shape: inputShape, geometry: geometry,
        inputGradient: inputGradient)
    case .float32(let columns):
      return convolutionBackwardFloat32(
        g, columns: columns, kernels: kernels, shape: inputShape, geometry: geometry,
        inputGradient: inputGradient)
    case .winograd(let tiles):
      return convolutionBackwardWinograd(
        g, tiles: tiles, kernels: kernels, shape: inputShape, geometry: geometry,
        inputGradient: inputGradient)
    }
  }

  /// `∂L/∂Y` (`batch × P·F`) read as one row per position, `(batch·P) × F`: same elements.
  func positionRows(_ outputGradient: Matrix, cache: Cache) -> Matrix {
    let positions = outputShape.height * outputShape.width
    let batch = cache.batch(positions: positions)
    precondition(
      outputGradient.columns == outputShape.count && outputGradient.rows == batch,
      "\(self).backward: gradient is \(outputGradient.shapeDescription), expected "
        + "\(batch) × \(outputShape.count)")
    return outputGradient.reshaped(rows: batch * positions, columns: filters)
  }
}

/// The arithmetic of a convolution's three GEMMs (`X̂·W`, `X̂ᵀ·G`, `G·Wᵀ`).
///
/// - `.float64`: everything in double precision (unit roundoff 1.1·10⁻¹⁶).
/// - `.float32`: the patches `X̂`, the kernels `W` and `∂L/∂Y` are rounded to float32
///   (unit roundoff u = 2⁻²⁴ ≈ 6·10⁻⁸) and each product is summed in float32 by
///   `cblas_sgemm`; the results are added back in float64, and the parameters, the bias,
///   the optimizer and every other layer stay float64 (a float64 master copy of the
///   weights, as in mixed-precision training). A dot product of n terms then carries a
///   relative error (to Σ|terms|) of ~√n·u typically and ≤ n·u at worst: ~10⁻⁶ for the
///   K = 9·32 = 288 terms of chapter 3.4's second convolution. Mini-batch gradient noise is
///   five orders larger, so training reaches the same accuracy (Micikevicius et al. 2018,
///   *Mixed Precision Training*, down to float16). It is about twice as fast: a vector
///   instruction holds twice as many floats and the patch matrix is half the bytes.
///   A float32 path cannot be finite-difference checked at 1e-6 (its own rounding is ~1e-7
///   of the function); the tests compare it to the float64 path instead.
public enum ConvolutionPrecision: String, Sendable, CaseIterable {
  case float64
  case float32
}
