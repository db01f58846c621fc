// Exercise 3.4.4: the backward pass of max pooling.
// Check your work: `swift run exercises check 3.4.4`. Stuck? `swift run exercises hint 3.4.4`.

import ExerciseSupport
import Foundation

/// The backward pass of max pooling over non-overlapping `size × size` windows of one
/// channel.
///
/// Your task: the forward pass gave `y[oy, ox]` = the maximum of the window with rows
/// `oy·size ..< (oy+1)·size` and columns `ox·size ..< (ox+1)·size`. Return `∂L/∂image`:
/// each window's `outputGradient[oy, ox]` goes to the pixel that was its maximum, and
/// every other pixel gets 0. Ties go to the **first** maximum, scanning the window row by
/// row (as PyTorch does).
///
/// Example: `image = [[1, 3], [4, 2]]`, `outputGradient = [[7]]`, `size = 2` gives
/// `[[0, 0], [7, 0]]`.
///
/// - Parameters:
///   - image: H × W, H and W multiples of `size`.
///   - outputGradient: `∂L/∂y`, H/size × W/size.
///   - size: the window's side, which is also the stride.
/// - Returns: `∂L/∂image`, H × W.
public func maxPoolBackward(image: Matrix, outputGradient: Matrix, size: Int) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
