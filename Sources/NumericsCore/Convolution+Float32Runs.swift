// im2col and col2im between float64 images and a float32 patch matrix: the patch runs of
// `PatchPlan` (`Im2Col.swift`) with the rounding to float32 on the way in and the widening
// back to float64 on the way out, for `Convolution+Float32.swift`.

extension PatchPlan {
  /// Writes `im2col` of the plan's images (`x`, its first image) into `out`, rounded to
  /// float32.
  @inline(__always)
  func forEachRun(from x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Float>) {
    forEachRun { image, column, length in
      let to = out + column
      if let image {
        let from = x + image
        for i in 0..<length { to[i] = Float(from[i]) }
      } else {
        to.update(repeating: 0, count: length)
      }
    }
  }

  /// Adds the float32 patch rows `columns` back onto the float64 images at `x` (`col2im`),
  /// and, when `clearing`, sets every patch element it covers (padding included) to 0.
  @inline(__always)
  func addRuns(
    from columns: UnsafeMutablePointer<Float>, onto x: UnsafeMutablePointer<Double>,
    clearing: Bool
  ) {
    forEachRun { image, column, length in
      let from = columns + column
      if let image {
        let to = x + image
        for i in 0..<length { to[i] += Double(from[i]) }
      }
      if clearing { from.update(repeating: 0, count: length) }
    }
  }
}
