// Exercise 2.3.4: symmetric int8 quantisation of one weight column.
// Check your work: `swift run exercises check 2.3.4`. Stuck? `swift run exercises hint 2.3.4`.

import ExerciseSupport
import Foundation

/// Stores one output unit's weights (one column of a Dense layer's W) as 8-bit integers and
/// one scale, so that w ≈ scale · q: a byte per weight instead of eight.
///
/// Your task: symmetric quantisation, the largest |w| mapping to ±127:
///
/// ```
/// scale = max_i |w_i| / 127          (1 when every w_i is 0)
/// q_i   = clamp(round(w_i / scale), −127, 127)
/// ```
/// rounding to the nearest integer with ties away from zero (Swift's `.rounded()`:
/// 2.5 → 3, −2.5 → −3). −128 is never used, so the range is symmetric and q = 0 is exactly 0.
///
/// Example: w = [0.5, −1.27, 0.004]: scale = 1.27/127 = 0.01, w/scale = [50, −127, 0.4],
/// q = [50, −127, 0].
///
/// - Parameter weights: the column, finite, at least one value.
/// - Returns: the int8 values (one per weight) and the scale.
public func quantizeColumn(_ weights: [Double]) throws -> (values: [Int8], scale: Double) {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
