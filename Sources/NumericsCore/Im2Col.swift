// im2col turns a convolution into one matrix product (Chellapilla, Puri and Simard, 2006;
// the form Caffe and Deep Learning from Scratch use). Every output position of every image
// becomes one row holding the input patch under the kernel, so that
//
//     output (batch·P × F) = columns (batch·P × K) · kernels (K × F)
//
// with P = outputHeight·outputWidth positions and K = kernelHeight·kernelWidth·channels
// numbers per patch. col2im is its adjoint (transpose): it scatters rows back onto the
// image, adding where patches overlap, which is exactly the backward pass ∂L/∂x from
// ∂L/∂columns. Tested as an adjoint: ⟨im2col x, y⟩ = ⟨x, col2im y⟩ for every x, y.
//
// Layout, channels last (DESIGN.md): an image is one row of a Matrix, element
// `(y·width + x)·channels + c`. A patch row is ordered (ky, kx, c) the same way, so for
// in-bounds windows each kernel row `ky` is one contiguous run of kernelWidth·channels
// numbers in the image: a block copy, not an element loop.
//
// PyTorch is N×C×H×W: our image element [n, (y·W + x)·C + c] is its x[n, c, y, x], and the
// kernel matrix element [(ky·kW + kx)·C + c, f] is its weight[f, c, ky, kx].

/// The shape of one image stored as a row: height × width × channels, channels last.
public struct ImageShape: Sendable, Equatable, CustomStringConvertible {
  /// Rows of pixels.
  public let height: Int
  /// Pixels per row.
  public let width: Int
  /// Numbers per pixel (1 for grey, 3 for colour, F after a layer of F filters).
  public let channels: Int

  /// Creates a shape.
  /// - Precondition: every dimension ≥ 1.
  public init(height: Int, width: Int, channels: Int) {
    precondition(
      height >= 1 && width >= 1 && channels >= 1,
      "ImageShape: \(height)×\(width)×\(channels) must have every dimension ≥ 1")
    self.height = height
    self.width = width
    self.channels = channels
  }

  /// Numbers per image, `height · width · channels` (the row length).
  public var count: Int { height * width * channels }

  /// The row index of pixel (y, x), channel c.
  @inlinable public func index(y: Int, x: Int, channel c: Int) -> Int {
    (y * width + x) * channels + c
  }

  /// `28×28×1`.
  public var description: String { "\(height)×\(width)×\(channels)" }
}

/// Where a kernel visits an image: its size, its step and the zero border.
///
/// Output size per axis (floor division, as PyTorch):
/// ```
/// outputHeight = (height + 2·padding − kernelHeight) / stride + 1
/// ```
public struct ConvolutionGeometry: Sendable, Equatable, CustomStringConvertible {
  /// Kernel rows.
  public let kernelHeight: Int
  /// Kernel columns.
  public let kernelWidth: Int
  /// Pixels the kernel moves between outputs (both axes).
  public let stride: Int
  /// Zeros added on every side (both axes).
  public let padding: Int

  /// Creates a geometry.
  /// - Precondition: kernel sizes and stride ≥ 1, padding ≥ 0.
  public init(kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Int = 0) {
    precondition(
      kernelHeight >= 1 && kernelWidth >= 1 && stride >= 1 && padding >= 0,
      "ConvolutionGeometry: kernel \(kernelHeight)×\(kernelWidth), stride \(stride), "
        + "padding \(padding): sizes and stride must be ≥ 1, padding ≥ 0")
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.stride = stride
    self.padding = padding
  }

  /// The output shape (with `channels` output channels) on an input of shape `input`.
  /// - Precondition: the padded input is at least as large as the kernel.
  public func outputShape(for input: ImageShape, channels: Int) -> ImageShape {
    let h = input.height + 2 * padding - kernelHeight
    let w = input.width + 2 * padding - kernelWidth
    precondition(
      h >= 0 && w >= 0,
      "ConvolutionGeometry: kernel \(kernelHeight)×\(kernelWidth) does not fit input \(input) "
        + "with padding \(padding)")
    return ImageShape(height: h / stride + 1, width: w / stride + 1, channels: channels)
  }

  /// Numbers per patch: `kernelHeight · kernelWidth · channels`.
  public func patchSize(for input: ImageShape) -> Int {
    kernelHeight * kernelWidth * input.channels
  }

  /// `3×3 stride 1 padding 0`.
  public var description: String {
    "\(kernelHeight)×\(kernelWidth) stride \(stride) padding \(padding)"
  }
}

/// The patches of every image, one row per output position: `(batch·P) × K`.
///
/// Row `n·P + oy·outputWidth + ox` holds, in (ky, kx, c) order, the input pixels
/// `x[n, oy·stride − padding + ky, ox·stride − padding + kx, c]`, and 0 where that falls
/// in the border.
///
/// - Parameters:
///   - images: `batch × shape.count`, one image per row, channels last.
///   - shape: the shape of each image.
///   - geometry: kernel size, stride, padding.
/// - Returns: `(batch · outputHeight · outputWidth) × (kernelHeight · kernelWidth · channels)`.
/// - Precondition: `images.columns == shape.count`.
public func im2col(_ images: Matrix, shape: ImageShape, geometry: ConvolutionGeometry) -> Matrix {
  precondition(
    images.columns == shape.count,
    "im2col: images are \(images.shapeDescription), expected batch × \(shape.count) (\(shape))")
  let plan = PatchPlan(shape: shape, geometry: geometry, batch: images.rows)
  let elements = [Double](unsafeUninitializedCapacity: plan.columnsCount) { buffer, count in
    images.withUnsafeElements { source in
      guard let x = source.baseAddress, let out = buffer.baseAddress else { return }
      plan.forEachRun { image, column, length in
        if let image {
          (out + column).update(from: x + image, count: length)
        } else {
          (out + column).initialize(repeating: 0, count: length)
        }
      }
    }
    count = plan.columnsCount
  }
  return Matrix(rows: plan.rows, columns: plan.patch, elements: elements)
}

/// The adjoint of `im2col`: adds every patch row back onto the pixels it was read from.
///
/// Where patches overlap (stride < kernel) the contributions add up; border entries are
/// dropped. This is `∂L/∂x` given `∂L/∂columns`.
///
/// - Parameters:
///   - columns: `(batch · P) × K`, as `im2col` returns.
///   - shape: the shape of each image.
///   - geometry: the geometry `im2col` used.
/// - Returns: `batch × shape.count`.
/// - Precondition: `columns` has the shape `im2col` would return.
public func col2im(_ columns: Matrix, shape: ImageShape, geometry: ConvolutionGeometry) -> Matrix {
  let out = geometry.outputShape(for: shape, channels: 1)
  let positions = out.height * out.width
  let patch = geometry.patchSize(for: shape)
  precondition(
    columns.columns == patch && columns.rows % positions == 0,
    "col2im: columns are \(columns.shapeDescription), expected (batch·\(positions)) × \(patch) "
      + "for \(shape) and \(geometry)")
  let batch = columns.rows / positions
  let plan = PatchPlan(shape: shape, geometry: geometry, batch: batch)
  let total = batch * shape.count
  let elements = [Double](unsafeUninitializedCapacity: total) { buffer, count in
    guard let x = buffer.baseAddress else { return }
    x.initialize(repeating: 0, count: total)
    columns.withUnsafeElements { source in
      guard let cols = source.baseAddress else { return }
      plan.forEachRun { image, column, length in
        guard let image else { return }
        let to = x + image
        let from = cols + column
        for i in 0..<length { to[i] += from[i] }
      }
    }
    count = total
  }
  return Matrix(rows: batch, columns: shape.count, elements: elements)
}

/// The index arithmetic shared by `im2col` and `col2im`: it walks every patch row in
/// runs, each run either a contiguous stretch of image pixels or a stretch of border.
struct PatchPlan {
  let shape: ImageShape
  let geometry: ConvolutionGeometry
  let batch: Int
  let outHeight: Int
  let outWidth: Int
  /// K, the length of a patch row.
  let patch: Int

  init(shape: ImageShape, geometry: ConvolutionGeometry, batch: Int) {
    self.shape = shape
    self.geometry = geometry
    self.batch = batch
    let out = geometry.outputShape(for: shape, channels: 1)
    outHeight = out.height
    outWidth = out.width
    patch = geometry.patchSize(for: shape)
  }

  var rows: Int { batch * outHeight * outWidth }
  var columnsCount: Int { rows * patch }

  /// Calls `body(imageOffset, columnOffset, length)` for every run of every patch row:
  /// `imageOffset` is the first pixel's index in the batch's element array (nil for a run
  /// of border zeros), `columnOffset` the run's start in the columns' element array.
  @inline(__always)
  func forEachRun(_ body: (_ image: Int?, _ column: Int, _ length: Int) -> Void) {
    let (h, w, c) = (shape.height, shape.width, shape.channels)
    let (kh, kw, s, p) = (
      geometry.kernelHeight, geometry.kernelWidth, geometry.stride, geometry.padding
    )
    let rowRun = kw * c
    var row = 0
    for n in 0..<batch {
      let imageBase = n * shape.count
      for oy in 0..<outHeight {
        for ox in 0..<outWidth {
          let rowStart = row * patch
          let x0 = ox * s - p
          let inside = x0 >= 0 && x0 + kw <= w
          for ky in 0..<kh {
            let y = oy * s - p + ky
            let runStart = rowStart + ky * rowRun
            if y < 0 || y >= h {
              body(nil, runStart, rowRun)
            } else if inside {
              body(imageBase + (y * w + x0) * c, runStart, rowRun)
            } else {
              for kx in 0..<kw {
                let x = x0 + kx
                let start = runStart + kx * c
                body(x < 0 || x >= w ? nil : imageBase + (y * w + x) * c, start, c)
              }
            }
          }
          row += 1
        }
      }
    }
  }
}
