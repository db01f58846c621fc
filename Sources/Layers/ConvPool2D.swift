import NumericsCore

/// A convolution followed by `poolSize × poolSize` max pooling, as one layer computed in one
/// pass: the same function and gradients as `Sequential([Conv2D, MaxPool2D(size: p)])`
/// (pooling stride p), without the full-size convolution output.
///
/// ```
/// z = conv(x; W, b)                          H'×W'×F    (Conv2D's formulas)
/// y[py, px, f] = max_{dy,dx < p} z[py·p + dy, px·p + dx, f]      ⌊H'/p⌋×⌊W'/p⌋×F
/// ∂L/∂W, ∂L/∂b, ∂L/∂x: through the winning position of each output only
/// ```
/// Use it for a first layer with few input channels (chapter 3.4's 28×28×1 → 26×26×32 →
/// 13×13×32): there a patch has K = 9 numbers, the im2col GEMM is too thin to be fast,
/// and the convolution's output (11 MB per batch of 64) costs more to write and read back
/// than to compute. Each window's patches are gathered and their F sums formed directly
/// (`pooledConvolutionForward`, NumericsCore, float64). With many input channels use
/// `Conv2D` (one GEMM) and `MaxPool2D`: there the products dominate.
///
/// Weight layout and PyTorch mapping as in `Conv2D`: the PyTorch equivalent is
/// `max_pool2d(conv2d(x, weight, bias, stride, padding), p)`.
public struct ConvPool2D: KernelBiasLayer {
  /// What backward needs: the input (its patches) and each output's winning position.
  public struct Cache: Sendable {
    /// The input batch.
    public let input: Matrix
    /// `dy·p + dx` of the window position each output took.
    public let winners: [UInt8]
  }

  /// `K × F`, as `Conv2D.kernels`.
  public var kernels: Matrix
  /// `1 × F`.
  public var bias: Matrix
  /// The shape of each input image.
  public let inputShape: ImageShape
  /// The convolution's kernel size, stride and padding.
  public let geometry: ConvolutionGeometry
  /// The pooling window side (and stride).
  public let poolSize: Int
  /// The top-left part of the pooled output that is kept (nil: all of it).
  public let kept: (height: Int, width: Int)?

  /// The fused layer with `convolution`'s shapes and weights.
  ///
  /// - Parameters:
  ///   - convolution: the convolution (its kernels, bias, shapes; its precision is not used:
  ///     the fused layer computes in float64).
  ///   - poolSize: the pooling window side and stride.
  ///   - kept: keep only the top-left `height × width` of the pooled output, and compute
  ///     only the convolution outputs those windows read. For a network whose next layer
  ///     never reads the rest (chapter 3.4: a valid 3×3 convolution and a 2×2 pooling after
  ///     a 13×13 map read only its top-left 12×12, since their 11×11 output is pooled to
  ///     5×5 from its top-left 10×10), this is the same network for fewer operations.
  /// - Precondition: `1 ≤ poolSize ≤ 16`, the window fits the convolution's output, and
  ///   `kept` (if given) is at least 1×1.
  public init(
    _ convolution: Conv2D, poolSize: Int = 2, keeping kept: (height: Int, width: Int)? = nil
  ) {
    let z = convolution.outputShape
    precondition(
      poolSize >= 1 && poolSize <= 16 && poolSize <= z.height && poolSize <= z.width,
      "ConvPool2D: pooling window \(poolSize) does not fit \(z) (1 ≤ p ≤ 16)")
    precondition(
      kept.map { $0.height >= 1 && $0.width >= 1 } ?? true,
      "ConvPool2D: the kept output must be at least 1×1")
    self.kept = kept
    kernels = convolution.kernels
    bias = convolution.bias
    inputShape = convolution.inputShape
    geometry = convolution.geometry
    self.poolSize = poolSize
  }

  /// Creates the layer with He-normal kernels (the same draws as the equivalent `Conv2D`)
  /// and zero bias.
  public init<G: RandomNumberGenerator>(
    inputShape: ImageShape, filters: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    poolSize: Int = 2, initializer: Initializer = .heNormal, using rng: inout G
  ) {
    self.init(
      Conv2D(
        inputShape: inputShape, filters: filters, kernelSize: kernelSize, stride: stride,
        padding: padding, initializer: initializer, using: &rng), poolSize: poolSize)
  }

  /// The unfused convolution with the same weights (its output before pooling).
  public var convolution: Conv2D {
    Conv2D(inputShape: inputShape, geometry: geometry, kernels: kernels, bias: bias)
  }

  /// Output channels F.
  public var filters: Int { kernels.columns }

  /// The pooled output shape, `⌊H'/p⌋×⌊W'/p⌋×F` (or less, as `kept` says).
  public var outputShape: ImageShape {
    let z = geometry.outputShape(for: inputShape, channels: filters)
    return ImageShape(
      height: min(z.height / poolSize, kept?.height ?? .max),
      width: min(z.width / poolSize, kept?.width ?? .max), channels: filters)
  }

  public var description: String {
    "ConvPool2D(\(inputShape) → \(outputShape), \(geometry.kernelHeight)×\(geometry.kernelWidth)"
      + (geometry.stride == 1 ? "" : " stride \(geometry.stride)")
      + (geometry.padding == 0 ? "" : " pad \(geometry.padding)")
      + " then max-pool \(poolSize)×\(poolSize)"
      + (kept == nil ? "" : ", top-left \(outputShape.height)×\(outputShape.width) kept") + ")"
  }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Cache) {
    precondition(
      input.columns == inputShape.count,
      "\(self).forward: input is \(input.shapeDescription), expected batch × \(inputShape.count)")
    let (output, winners) = pooledConvolutionForward(
      input, shape: inputShape, geometry: geometry, kernels: kernels, bias: bias,
      poolSize: poolSize, keep: kept)
    return (output, Cache(input: input, winners: winners))
  }

  public func gradients(
    _ outputGradient: Matrix, cache: Cache, inputGradient: Bool
  ) -> (input: Matrix?, kernels: Matrix, bias: Matrix) {
    precondition(
      outputGradient.rows == cache.input.rows && outputGradient.columns == outputShape.count,
      "\(self).backward: gradient is \(outputGradient.shapeDescription), expected "
        + "\(cache.input.rows) × \(outputShape.count)")
    return pooledConvolutionBackward(
      outputGradient, images: cache.input, winners: cache.winners, shape: inputShape,
      geometry: geometry, kernels: kernels, poolSize: poolSize, keep: kept,
      inputGradient: inputGradient)
  }
}
