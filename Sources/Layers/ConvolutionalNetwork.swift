import NumericsCore

extension Sequential {
  /// A small convolutional network for 28×28 grey images (chapter 3.4's CNN):
  /// ```
  /// Conv 3×3×32 → MaxPool 2×2 → ReLU → Conv 3×3×64 → MaxPool 2×2 → ReLU
  ///   → Dense(→ hidden) → ReLU → Dropout → Dense(→ classes)
  /// 28×28×1 → 26×26×32 → 13×13×32 → 11×11×64 → 5×5×64 = 1600 → hidden → classes
  /// ```
  /// No padding ("valid" convolutions): the second convolution, where almost all the
  /// arithmetic is, then sees 13×13 instead of 14×14 inputs and computes 11×11 instead of
  /// 14×14 outputs, 38% fewer multiply-adds, for a border the pooling halves anyway.
  ///
  /// It is computed as the same function with less arithmetic: the second pooling's 5×5
  /// windows cover only the top-left 10×10 of the second convolution's 11×11 output, which
  /// reads only the top-left 12×12 of the first pooling's 13×13. So the first layer keeps
  /// 12×12 (`ConvPool2D(keeping:)`: 24×24 of its 26×26 convolution outputs computed) and
  /// the second convolution maps 12×12×32 → 10×10×64: 17% fewer multiply-adds than
  /// 11×11×64, the same 1600 features (tested against the uncropped layers).
  ///
  /// Each ReLU comes after its pooling, not before (the usual conv → ReLU → pool): the
  /// same network, because ReLU is increasing and so commutes with the maximum,
  /// `max(0, max_i x_i) = max_i max(0, x_i)`, and the gradients agree too (both send the
  /// window's gradient to its first largest input when that input is positive, and
  /// nothing otherwise). It runs ReLU on a quarter of the numbers.
  ///
  /// The first convolution and its pooling are one `ConvPool2D` layer (the same function,
  /// computed a few images at a time so its 26×26×32 output never reaches main memory;
  /// always float64: with one input channel its GEMM is small). The second is `Conv2D` +
  /// `MaxPool2D`, its products in `precision`; in float32 a 3×3 stride-1 `Conv2D` computes
  /// them by Winograd's F(2×2, 3×3) (`ConvolutionAlgorithm.automatic`).
  ///
  /// - Parameters:
  ///   - inputShape: the image shape (default 28×28×1).
  ///   - filters: the two convolutions' output channels (default 32 and 64).
  ///   - hidden: units of the dense hidden layer (0: straight from the features to the
  ///     classes).
  ///   - classes: output scores.
  ///   - dropout: the rate of the dropout before the last layer (0: none).
  ///   - precision: the second convolution's GEMM arithmetic (`ConvolutionPrecision`).
  ///   - rng: draws the initial weights (He normal).
  public static func convolutionalNetwork<G: RandomNumberGenerator>(
    inputShape: ImageShape = ImageShape(height: 28, width: 28, channels: 1),
    filters: (Int, Int) = (32, 64), hidden: Int = 128, classes: Int = 10, dropout: Double = 0,
    precision: ConvolutionPrecision = .float64, using rng: inout G
  ) -> Sequential {
    let first = Conv2D(inputShape: inputShape, filters: filters.0, kernelSize: 3, using: &rng)
    // The second convolution (valid 3×3) and pooling (2×2, floor) read only the top-left
    // 2·⌊(H − 2)/2⌋ + 2 rows and columns of the first pooling's H×W output.
    let full = ConvPool2D(first, poolSize: 2).outputShape
    let read = { (side: Int) in 2 * ((side - 2) / 2) + 2 }
    let pooled = ConvPool2D(
      first, poolSize: 2, keeping: (read(full.height), read(full.width)))
    let second = Conv2D(
      inputShape: pooled.outputShape, filters: filters.1, kernelSize: 3, precision: precision,
      using: &rng)
    let pool2 = MaxPool2D(inputShape: second.outputShape)
    var layers: [any Layer] = [pooled, ReLU(), second, pool2, ReLU()]
    var features = pool2.outputShape.count
    if hidden > 0 {
      layers += [Dense(inputSize: features, outputSize: hidden, using: &rng), ReLU()]
      features = hidden
    }
    if dropout > 0 { layers.append(Dropout(rate: dropout)) }
    layers.append(
      Dense(inputSize: features, outputSize: classes, initializer: .glorotUniform, using: &rng))
    return Sequential(layers)
  }
}
