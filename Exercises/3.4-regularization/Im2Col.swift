// Exercise 3.4.6: im2col's index arithmetic.
// Check your work: `swift run exercises check 3.4.6`. Stuck? `swift run exercises hint 3.4.6`.

import ExerciseSupport
import Foundation

/// The patch matrix of one image: the rearrangement that turns a convolution into one
/// matrix product, `output = im2col(image) · kernels`.
///
/// Your task: the image is one row, channels last: pixel (y, x), channel c is element
/// `image[0, (y·width + x)·channels + c]`. A square `kernelSize × kernelSize` kernel
/// moves by `stride` over the image with `padding` zeros around it, giving
///
/// ```
/// outputHeight = (height + 2·padding − kernelSize) / stride + 1      (floor division)
/// outputWidth  = (width  + 2·padding − kernelSize) / stride + 1
/// ```
/// Return a matrix with one **row per output position** (row `oy·outputWidth + ox`) and
/// `kernelSize·kernelSize·channels` columns, ordered (ky, kx, c) with c fastest:
///
/// ```
/// row oy·outputWidth + ox, column (ky·kernelSize + kx)·channels + c  =
///     pixel (oy·stride − padding + ky, ox·stride − padding + kx), channel c
///     (0 where that pixel lies in the zero border)
/// ```
/// ky runs down the window (rows), kx across it (columns). Write the loops yourself: do not
/// call NumericsCore's `im2col`, which is the answer.
///
/// Example: the 3×3 one-channel image `[[1, 2, 3, 4, 5, 6, 7, 8, 9]]` (rows 1 2 3 / 4 5 6 /
/// 7 8 9), `kernelSize = 2`, `stride = 1`, `padding = 0` gives the 4 × 4 matrix
/// `[[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]`.
///
/// - Parameters:
///   - image: `1 × (height·width·channels)`.
///   - height, width, channels: the image's shape.
///   - kernelSize: the kernel's side, ≥ 1.
///   - stride: the step between windows, ≥ 1.
///   - padding: zeros on every side, ≥ 0.
/// - Returns: `(outputHeight·outputWidth) × (kernelSize·kernelSize·channels)`.
public func im2col(
  image: Matrix, height: Int, width: Int, channels: Int, kernelSize: Int, stride: Int,
  padding: Int
) throws -> Matrix {
  throw ExerciseError.notAttempted  // ← replace this line with your solution
}
