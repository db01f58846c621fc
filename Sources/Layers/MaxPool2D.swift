import NumericsCore

/// Max pooling: each output is the largest input in its window, channel by channel.
///
/// Images are rows, channels last (`ImageShape`). For a `size × size` window moved by
/// `stride` (no padding; PyTorch's `max_pool2d(kernel_size, stride)` with floor output size):
/// ```
/// forward:   y[n, oy, ox, c] = max_{ky,kx < size} x[n, oy·s + ky, ox·s + kx, c]
/// backward:  ∂L/∂x[i] = Σ_{outputs o whose arg-max is i} ∂L/∂y[o]
/// ```
/// The gradient goes to the winning input only (the max is locally the identity of that
/// input and constant in the others); the cache is that arg-max, one index per output.
/// Ties go to the first element in (ky, kx) order, as PyTorch does. When windows overlap
/// (stride < size) one input can win several outputs, hence the sum.
public struct MaxPool2D: ParameterFreeLayer {
  /// The shape of each input image.
  public let inputShape: ImageShape
  /// The window side.
  public let size: Int
  /// The step between windows.
  public let stride: Int

  /// Creates the layer.
  /// - Precondition: `1 ≤ size ≤` the image's height and width, `stride ≥ 1`.
  public init(inputShape: ImageShape, size: Int = 2, stride: Int? = nil) {
    let stride = stride ?? size
    precondition(
      size >= 1 && stride >= 1 && size <= inputShape.height && size <= inputShape.width,
      "MaxPool2D: window \(size) stride \(stride) does not fit input \(inputShape)")
    self.inputShape = inputShape
    self.size = size
    self.stride = stride
  }

  /// `H'×W'×C` with `H' = (H − size)/stride + 1`.
  public var outputShape: ImageShape {
    ImageShape(
      height: (inputShape.height - size) / stride + 1,
      width: (inputShape.width - size) / stride + 1, channels: inputShape.channels)
  }

  public var description: String {
    "MaxPool2D(\(size)×\(size)\(stride == size ? "" : " stride \(stride)"), \(inputShape) → \(outputShape))"
  }

  /// What backward needs: for every output element the index of its winning input in the
  /// batch's element array, and the input's row count.
  public struct Cache: Sendable {
    /// `argmax[o]` = flat index (row·columns + column) of the input that output `o` took.
    public let argmax: [Int32]
    /// The input batch size.
    public let batch: Int
  }

  public func forward<G: RandomNumberGenerator>(
    _ input: Matrix, mode: Mode, using rng: inout G
  ) -> (output: Matrix, cache: Cache) {
    precondition(
      input.columns == inputShape.count,
      "\(self).forward: input is \(input.shapeDescription), expected batch × \(inputShape.count)")
    precondition(
      input.count < Int(Int32.max), "MaxPool2D: batch of \(input.count) numbers is too large")
    let out = outputShape
    let total = input.rows * out.count
    var output = Matrix.uninitialized(rows: input.rows, columns: out.count)
    var argmax = [Int32](repeating: 0, count: total)
    input.withUnsafeElements { xb in
      output.withUnsafeMutableElements { yb in
        argmax.withUnsafeMutableBufferPointer { ab in
          guard let x = xb.baseAddress, let y = yb.baseAddress, let a = ab.baseAddress else {
            return
          }
          if size == 2 && stride == 2 {
            poolTwoByTwo(x, batch: input.rows, into: y, argmax: a)
          } else {
            poolAnyWindow(x, batch: input.rows, into: y, argmax: a)
          }
        }
      }
    }
    return (output, Cache(argmax: argmax, batch: input.rows))
  }

  /// Any window and stride: start from the window's first pixel, then let later pixels win
  /// only when strictly larger (first maximum wins, as in PyTorch). The inner loop runs over
  /// the contiguous channels.
  private func poolAnyWindow(
    _ x: UnsafePointer<Double>, batch: Int, into y: UnsafeMutablePointer<Double>,
    argmax a: UnsafeMutablePointer<Int32>
  ) {
    let out = outputShape
    let (w, c) = (inputShape.width, inputShape.channels)
    for n in 0..<batch {
      let imageBase = n * inputShape.count
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let o = n * out.count + (oy * out.width + ox) * c
          let first = imageBase + ((oy * stride) * w + ox * stride) * c
          for ch in 0..<c {
            y[o + ch] = x[first + ch]
            a[o + ch] = Int32(first + ch)
          }
          for ky in 0..<size {
            for kx in 0..<size where ky > 0 || kx > 0 {
              let i = imageBase + ((oy * stride + ky) * w + ox * stride + kx) * c
              for ch in 0..<c where x[i + ch] > y[o + ch] {
                y[o + ch] = x[i + ch]
                a[o + ch] = Int32(i + ch)
              }
            }
          }
        }
      }
    }
  }

  /// The common 2×2 window with stride 2 (every CNN here): the four candidates of a channel
  /// are four fixed offsets, compared in (ky, kx) order with `>` so the first maximum wins,
  /// written without branches so the channel loop vectorises. Same results as
  /// `poolAnyWindow`, about 4× faster on the chapter's 26×26×32 maps.
  private func poolTwoByTwo(
    _ x: UnsafePointer<Double>, batch: Int, into y: UnsafeMutablePointer<Double>,
    argmax a: UnsafeMutablePointer<Int32>
  ) {
    let out = outputShape
    let (w, c) = (inputShape.width, inputShape.channels)
    let (right, down) = (Int32(truncatingIfNeeded: c), Int32(truncatingIfNeeded: w * c))
    for n in 0..<batch {
      let imageBase = n * inputShape.count
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let o = n * out.count + (oy * out.width + ox) * c
          // The forward precondition keeps every index below Int32.max.
          let first = imageBase + (2 * oy * w + 2 * ox) * c
          let p0 = x + first
          let (p1, p2) = (p0 + Int(right), p0 + Int(down))
          let p3 = p2 + Int(right)
          let index = Int32(truncatingIfNeeded: first)
          for ch in 0..<c {
            var best = p0[ch]
            var offset: Int32 = 0
            // `>` (not `≥`): a later candidate wins only when strictly larger.
            let take1 = p1[ch] > best
            best = take1 ? p1[ch] : best
            offset = take1 ? right : offset
            let take2 = p2[ch] > best
            best = take2 ? p2[ch] : best
            offset = take2 ? down : offset
            let take3 = p3[ch] > best
            best = take3 ? p3[ch] : best
            offset = take3 ? down &+ right : offset
            y[o + ch] = best
            a[o + ch] = index &+ Int32(truncatingIfNeeded: ch) &+ offset
          }
        }
      }
    }
  }

  public func backward(
    _ outputGradient: Matrix, cache: Cache
  ) -> (
    inputGradient: Matrix, gradients: [Matrix]
  ) {
    precondition(
      outputGradient.count == cache.argmax.count,
      "\(self).backward: gradient is \(outputGradient.shapeDescription), expected "
        + "\(cache.batch) × \(outputShape.count)")
    var inputGradient = Matrix.zeros(rows: cache.batch, columns: inputShape.count)
    outputGradient.withUnsafeElements { g in
      inputGradient.withUnsafeMutableElements { dx in
        cache.argmax.withUnsafeBufferPointer { a in
          for o in 0..<a.count { dx[Int(a[o])] += g[o] }
        }
      }
    }
    return (inputGradient, [])
  }
}
