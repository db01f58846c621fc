// Exercise 3.4.4: the backward pass of 2×2-style max pooling (non-overlapping windows,
// one channel).
//
// The answer function routes each window's gradient to its first maximum (never the Layers
// module; the solution runs Layers' MaxPool2D with one channel). Fixed rows by hand, ties,
// seeded rows with integer pixels (many ties) and real ones.

import Layers
import NumericsCore

/// The arguments of `maxPoolBackward(image:outputGradient:size:)`.
public struct PoolInput: Sendable, CustomStringConvertible {
  /// One channel, H × W (H and W multiples of `size`).
  public var image: Matrix
  /// `∂L/∂y`, H/size × W/size.
  public var outputGradient: Matrix
  /// The window's side (and stride).
  public var size: Int
  /// Every argument, in the stub's order.
  public var description: String {
    "image = \(formatted(image)), outputGradient = \(formatted(outputGradient)), size = \(size)"
  }
}

/// 3.4.4: definition, hints and check table.
public enum MaxPoolBackwardExercise {
  enum Mistake: Sendable { case everyElement, tiesToLast, averaged }
  public typealias Function = @Sendable (PoolInput) throws -> Matrix

  /// The checks; the chapter's check runner binds the student's function to them.
  public static let definition = ExerciseDefinition<Function>.table(
    id: "3.4.4", title: "Max-pool backward",
    stub: "Exercises/3.4-regularization/MaxPoolBackward.swift",
    reference: "Sources/Layers/MaxPool2D.swift (MaxPool2D.forward's arg-max, backward)",
    hints: [
      """
      Only the maximum of each window reached the output, so only it receives the \
      window's gradient; every other pixel of the window gets 0. Window (oy, ox) covers \
      rows oy·size ..< (oy + 1)·size and columns ox·size ..< (ox + 1)·size.
      """,
      """
      Find the maximum scanning the window row by row (ky, then kx), replacing it only \
      when a pixel is strictly greater, so a tie goes to the first. Give that one pixel \
      the whole outputGradient[oy, ox]: not every pixel of the window, and not a share \
      of 1/size² (that is average pooling's backward pass).
      """,
    ],
    label: "inputGradient",
    solution: { x in
      let (h, w) = (x.image.rows, x.image.columns)
      let layer = MaxPool2D(inputShape: ImageShape(height: h, width: w, channels: 1), size: x.size)
      var rng = Xoshiro256StarStar(seed: 0)  // max pooling draws nothing
      let forward = layer.forward(
        Matrix(rows: 1, columns: h * w, elements: x.image.elements), mode: .training,
        using: &rng)
      let g = Matrix(
        rows: 1, columns: x.outputGradient.count, elements: x.outputGradient.elements)
      return layer.backward(g, cache: forward.cache).inputGradient.reshaped(rows: h, columns: w)
    },
    answer: answer,
    mistakes: [
      MistakeRow(
        .everyElement, "gradient to every element", hint: 2,
        "this gives the window's gradient to every pixel of the window; only its maximum "
          + "reached the output, so only it gets the gradient"),
      MistakeRow(
        .tiesToLast, "ties to the last maximum", hint: 2,
        "this gives a tied window's gradient to its last maximum (>=); the convention, "
          + "PyTorch's, is the first in row-major order (>)"),
      MistakeRow(
        .averaged, "gradient shared out (average pooling)", hint: 2,
        "this spreads gradient/size² over the window, which is average pooling's backward; "
          + "max pooling sends it all to the maximum"),
    ],
    rows: rows)

  /// Each window's gradient to its first maximum; `mistake` makes it a known mistake.
  static func answer(_ x: PoolInput, _ mistake: Mistake?) -> Matrix {
    let k = x.size
    var grad = Matrix.zeros(like: x.image)
    for oy in 0..<x.outputGradient.rows {
      for ox in 0..<x.outputGradient.columns {
        let g = x.outputGradient[oy, ox]
        var best = (oy * k, ox * k)
        for ky in 0..<k {
          for kx in 0..<k {
            let (r, c) = (oy * k + ky, ox * k + kx)
            if mistake == .everyElement { grad[r, c] += g }
            if mistake == .averaged { grad[r, c] += g / Double(k * k) }
            let v = x.image[r, c]
            let current = x.image[best.0, best.1]
            if v > current || (mistake == .tiesToLast && v == current) { best = (r, c) }
          }
        }
        if mistake == nil || mistake == .tiesToLast { grad[best.0, best.1] += g }
      }
    }
    return grad
  }

  static func rows() -> [Row<PoolInput, Matrix>] {
    [
      // Windows of [[1, 3, 2, 0], [4, 2, 1, 5], [0, 0, 7, 1], [2, 1, 3, 3]]: maxima 4 at
      // (1, 0), 5 at (1, 3), 2 at (3, 0), 7 at (2, 2); gradients 1, 2, 3, 4 go there.
      Row(
        "fixed 4×4, size 2",
        PoolInput(
          image: [[1, 3, 2, 0], [4, 2, 1, 5], [0, 0, 7, 1], [2, 1, 3, 3]],
          outputGradient: [[1, 2], [3, 4]], size: 2),
        byHand: [[0, 0, 0, 0], [1, 0, 0, 2], [0, 0, 4, 0], [3, 0, 0, 0]]),
      // Every pixel ties: the first of each window, (0, 0) and (0, 2).
      Row(
        "ties, 2×4, size 2",
        PoolInput(image: [[1, 1, 2, 2], [1, 1, 2, 2]], outputGradient: [[5, -1]], size: 2),
        byHand: [[5, 0, -1, 0], [0, 0, 0, 0]]),
      // One 3×3 window, maximum 9 at (2, 1).
      Row(
        "one window 3×3",
        PoolInput(image: [[1, 2, 3], [4, 5, 6], [7, 9, 8]], outputGradient: [[0.5]], size: 3),
        byHand: [[0, 0, 0], [0, 0, 0], [0, 0.5, 0]]),
    ]
      + seededRows(seed: 344, [(4, 6, 2), (6, 3, 3), (2, 2, 2)]) { rng, shape in
        let (h, w, k) = shape
        let integers = Matrix(
          rows: h, columns: w, elements: (0..<(h * w)).map { _ in Double(rng.nextInt(below: 3)) })
        return [
          Row(
            "seeded random \(h)×\(w), size \(k) (seed 344)",
            PoolInput(
              image: .normal(rows: h, columns: w, using: &rng),
              outputGradient: .normal(rows: h / k, columns: w / k, using: &rng), size: k)),
          Row(
            "seeded random integer pixels \(h)×\(w), size \(k), ties (seed 344)",
            PoolInput(
              image: integers, outputGradient: .normal(rows: h / k, columns: w / k, using: &rng),
              size: k)),
        ]
      }
  }
}
