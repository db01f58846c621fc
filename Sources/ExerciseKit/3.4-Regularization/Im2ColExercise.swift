// Exercise 3.4.6: im2col's index arithmetic (one image, channels last, stride, padding).
//
// The answer function is the definition written as five nested loops, one element at a
// time (never NumericsCore's im2col, which copies runs of a patch row and is what the
// solution calls). Fixed rows by hand (each one exposes one mistake), seeded rows on
// non-square images with several channels, strides and paddings.

import NumericsCore

/// The arguments of `im2col(image:height:width:channels:kernelSize:stride:padding:)`.
public struct Im2ColInput: Sendable, CustomStringConvertible {
  /// `1 × (height·width·channels)`, channels last.
  public var image: Matrix
  public var height: Int
  public var width: Int
  public var channels: Int
  public var kernelSize: Int
  public var stride: Int
  public var padding: Int
  /// Every argument, in the stub's order.
  public var description: String {
    "image = \(formatted(image)), height = \(height), width = \(width), channels = "
      + "\(channels), kernelSize = \(kernelSize), stride = \(stride), padding = \(padding)"
  }
}

/// 3.4.6: definition, hints and check table.
public enum Im2ColExercise {
  enum Mistake: Sendable { case kernelTransposed, channelsFirst, strideIgnored, paddingIgnored }
  public typealias Function = @Sendable (Im2ColInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.4.6", title: "im2col's index arithmetic",
    stub: "Exercises/3.4-regularization/Im2Col.swift",
    reference: "Sources/NumericsCore/Im2Col.swift (im2col, PatchPlan)",
    hints: [
      """
      Five loops: output row oy and column ox (row oy·outputWidth + ox of the result), \
      then ky, kx and c inside the window. The input pixel is \
      (y, x) = (oy·stride − padding + ky, ox·stride − padding + kx); if 0 ≤ y < height and \
      0 ≤ x < width, copy image[0, (y·width + x)·channels + c], else leave 0.
      """,
      """
      The column is (ky·kernelSize + kx)·channels + c: the window row by row (ky outer, \
      kx inner), the channels of one pixel next to each other. Not kx·kernelSize + ky (the \
      window transposed) and not (c·kernelSize + ky)·kernelSize + kx (PyTorch's C×kH×kW \
      order, which needs the image channels-first).
      """,
      """
      Nearly the answer:
          for oy in 0..<oh { for ox in 0..<ow { for ky in 0..<k { for kx in 0..<k {
            let (y, x) = (oy * stride - padding + ky, ox * stride - padding + kx)
            guard y >= 0, y < height, x >= 0, x < width else { continue }
            for c in 0..<channels {
              out[oy * ow + ox, (ky * k + kx) * channels + c] = image[0, (y * width + x) * channels + c]
            } } } } }
      """,
    ],
    label: "columns",
    solution: { x in
      NumericsCore.im2col(
        x.image, shape: ImageShape(height: x.height, width: x.width, channels: x.channels),
        geometry: ConvolutionGeometry(
          kernelHeight: x.kernelSize, kernelWidth: x.kernelSize, stride: x.stride,
          padding: x.padding))
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .kernelTransposed, "kernel window transposed (ky and kx swapped)", hint: 2,
        "this reads the window column by column: column (ky·kernelSize + kx)·channels + c "
          + "holds pixel (… + kx, … + ky) instead of (… + ky, … + kx); ky runs down the "
          + "window, kx across it, as Im2Col.swift documents"),
      MistakeRow(
        .channelsFirst, "columns in PyTorch's channel-first order", hint: 2,
        "this orders each row (c, ky, kx), column (c·kernelSize + ky)·kernelSize + kx; here "
          + "images are channels last and rows are (ky, kx, c), c fastest"),
      MistakeRow(
        .strideIgnored, "window not moved by the stride", hint: 1,
        "this starts window (oy, ox) at (oy − padding, ox − padding); with a stride it "
          + "starts at (oy·stride − padding, ox·stride − padding)"),
      MistakeRow(
        .paddingIgnored, "window not shifted by the padding", hint: 1,
        "this starts window (oy, ox) at (oy·stride, ox·stride); the zero border moves every "
          + "window up and left by padding: (oy·stride − padding, ox·stride − padding)"),
    ],
    rows: rows)

  /// The patch matrix, element by element; `mistake` makes it a known mistake.
  static func answer(_ x: Im2ColInput, _ mistake: Mistake?) -> Matrix {
    let (h, w, ch, k) = (x.height, x.width, x.channels, x.kernelSize)
    let (s, p) = (x.stride, x.padding)
    let oh = (h + 2 * p - k) / s + 1
    let ow = (w + 2 * p - k) / s + 1
    let step = mistake == .strideIgnored ? 1 : s
    let shift = mistake == .paddingIgnored ? 0 : p
    var out = Matrix.zeros(rows: oh * ow, columns: k * k * ch)
    for oy in 0..<oh {
      for ox in 0..<ow {
        for ky in 0..<k {
          for kx in 0..<k {
            let (dy, dx) = mistake == .kernelTransposed ? (kx, ky) : (ky, kx)
            let (y, xx) = (oy * step - shift + dy, ox * step - shift + dx)
            guard y >= 0, y < h, xx >= 0, xx < w else { continue }
            for c in 0..<ch {
              let column =
                mistake == .channelsFirst ? (c * k + ky) * k + kx : (ky * k + kx) * ch + c
              out[oy * ow + ox, column] = x.image[0, (y * w + xx) * ch + c]
            }
          }
        }
      }
    }
    return out
  }

  static func input(
    _ image: [Double], _ h: Int, _ w: Int, _ c: Int, kernel: Int, stride: Int = 1,
    padding: Int = 0
  ) -> Im2ColInput {
    Im2ColInput(
      image: Matrix(row: image), height: h, width: w, channels: c, kernelSize: kernel,
      stride: stride, padding: padding)
  }

  static func rows() -> [Row<Im2ColInput, Matrix>] {
    [
      // 3×3 image 1…9 (rows 1 2 3 / 4 5 6 / 7 8 9), 2×2 windows at (0,0), (0,1), (1,0),
      // (1,1), each read row by row. Transposed windows would give [1, 4, 2, 5] first.
      Row(
        "fixed 3×3×1, kernel 2", input(Array(1...9).map(Double.init), 3, 3, 1, kernel: 2),
        byHand: [[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]),
      // 2×2 image with 2 channels, pixels (1, 10) (2, 20) / (3, 30) (4, 40): one window,
      // the whole image in (ky, kx, c) order, which is the image's own order.
      Row(
        "fixed 2×2×2, kernel 2", input([1, 10, 2, 20, 3, 30, 4, 40], 2, 2, 2, kernel: 2),
        byHand: [[1, 10, 2, 20, 3, 30, 4, 40]]),
      // 2×2 image 1 2 / 3 4, kernel 3, padding 1: 2×2 outputs, each a 3×3 window with the
      // border's zeros, e.g. window (0,0) covers rows −1…1, columns −1…1.
      Row(
        "fixed 2×2×1, kernel 3, padding 1",
        input([1, 2, 3, 4], 2, 2, 1, kernel: 3, padding: 1),
        byHand: [
          [0, 0, 0, 0, 1, 2, 0, 3, 4], [0, 0, 0, 1, 2, 0, 3, 4, 0],
          [0, 1, 2, 0, 3, 4, 0, 0, 0], [1, 2, 0, 3, 4, 0, 0, 0, 0],
        ]),
      // 4×4 image 1…16, kernel 2, stride 2: four disjoint windows starting at (0,0),
      // (0,2), (2,0), (2,2).
      Row(
        "fixed 4×4×1, kernel 2, stride 2",
        input(Array(1...16).map(Double.init), 4, 4, 1, kernel: 2, stride: 2),
        byHand: [[1, 2, 5, 6], [3, 4, 7, 8], [9, 10, 13, 14], [11, 12, 15, 16]]),
    ]
      + seededRows(
        seed: 346, [(5, 4, 3, 3, 2, 1), (6, 6, 2, 3, 1, 0), (4, 5, 1, 2, 1, 1), (7, 3, 2, 3, 3, 2)]
      ) { rng, shape in
        let (h, w, c, k, s, p) = shape
        return [
          Row(
            "seeded random \(h)×\(w)×\(c), kernel \(k), stride \(s), padding \(p) (seed 346)",
            Im2ColInput(
              image: .normal(rows: 1, columns: h * w * c, using: &rng), height: h, width: w,
              channels: c, kernelSize: k, stride: s, padding: p))
        ]
      }
  }
}
