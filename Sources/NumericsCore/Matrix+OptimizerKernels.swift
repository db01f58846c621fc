import CElementKernels

/// The constants of one Adam (or AdamW) step, computed once per step by the optimizer:
/// everything the element rule needs besides the element's own `p`, `g`, `m`, `v`.
///
/// ```
/// p ← p·shrink                      shrink = 1 − lr·λ (AdamW), 1 (Adam)
/// g ← g + l2·p                      l2 = λ (Adam's L2 decay), 0 (AdamW)
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g·g
/// p ← p − stepSize·m / (√v / rootCorrection + ε)
/// ```
/// with `stepSize = lr/(1 − β1^t)` and `rootCorrection = √(1 − β2^t)`: PyTorch's
/// arithmetic (`torch.optim.Adam`, single-tensor and fused alike).
public struct AdamStepConstants: Sendable, Equatable {
  /// `1 − lr·λ` for decoupled decay, else 1.
  public var shrink: Double
  /// `λ` for L2 decay, else 0.
  public var l2: Double
  /// `β1`.
  public var beta1: Double
  /// `β2`.
  public var beta2: Double
  /// `lr / (1 − β1^t)`.
  public var stepSize: Double
  /// `√(1 − β2^t)`.
  public var rootCorrection: Double
  /// `ε`, outside the root.
  public var epsilon: Double

  /// Creates the constants; see the type's rule for what each one does.
  public init(
    shrink: Double, l2: Double, beta1: Double, beta2: Double, stepSize: Double,
    rootCorrection: Double, epsilon: Double
  ) {
    (self.shrink, self.l2, self.beta1, self.beta2) = (shrink, l2, beta1, beta2)
    (self.stepSize, self.rootCorrection, self.epsilon) = (stepSize, rootCorrection, epsilon)
  }
}

/// Which instruction set the C element kernels (Adam, SGD, rectifiers, column sums) use
/// on this CPU: "avx512", "avx2" or "baseline" (for reports).
public var elementKernelVariant: String { String(cString: element_kernels_variant()) }

extension Matrix {
  /// Adam's update of every element in place (the rule of ``AdamStepConstants``), with
  /// the two moment estimates `first` (`m`) and `second` (`v`).
  ///
  /// Why a kernel in C: the square root and the two divisions per element are what the
  /// update costs, and Swift compiles for the x86-64 baseline, whose registers hold two
  /// doubles. The C kernel (`Sources/CElementKernels`) is compiled for the baseline, AVX2
  /// and AVX-512 and picks the widest the CPU has at run time; each version performs the
  /// same IEEE operations per element in the same order (no fused multiply-add), so the
  /// results are the bits of the scalar rule whatever the CPU, the vector width or the
  /// number of threads. Tensors of at least `2 · elementsPerExtraThread` elements are
  /// split over `threads` cores (``forEachChunk(of:threads:_:)``; by default as many as
  /// OpenBLAS uses, ``elementThreads()``).
  ///
  /// Measured on the course's 2-core AMD EPYC (AVX-512), 10⁶ parameters: 3.7 ms per step
  /// with the earlier Swift two-lane loop, 1.2 ms with this kernel on one core.
  /// - Precondition: the four shapes agree.
  public mutating func formAdamUpdate(
    along gradient: Matrix, first: inout Matrix, second: inout Matrix,
    _ constants: AdamStepConstants, threads: Int = elementThreads()
  ) {
    precondition(
      shape == gradient.shape && shape == first.shape && shape == second.shape,
      updateShapeMessage(gradient, [first, second]))
    let c = adam_coefficients(
      shrink: constants.shrink, l2: constants.l2, beta1: constants.beta1,
      beta2: constants.beta2, step_size: constants.stepSize,
      root_correction: constants.rootCorrection, epsilon: constants.epsilon)
    let count = self.count
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        first.withUnsafeMutableElements { m in
          second.withUnsafeMutableElements { v in
            guard let pp = p.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress,
              let vp = v.baseAddress
            else { return }
            let arrays = UpdateArrays(p: pp, g: gp, m: mp, v: vp)
            forEachChunk(of: count, threads: threads) { range in
              var c = c
              let (i, n) = (range.lowerBound, range.count)
              guard let m = arrays.m, let v = arrays.v else { return }
              adam_update(arrays.p + i, arrays.g + i, m + i, v + i, n, &c)
            }
          }
        }
      }
    }
  }

  /// Plain SGD with L2 weight decay in place, `p ← p − lr·(g + λ·p)` per element
  /// (``SGD`` without momentum), vectorised by the C kernel and split over `threads` cores
  /// from `2 · sgdElementsPerExtraThread` elements on (larger than Adam's threshold: this
  /// rule is memory-bound); the same bits as the scalar rule.
  /// - Precondition: the shapes agree.
  public mutating func formSGDUpdate(
    along gradient: Matrix, learningRate: Double, weightDecay: Double,
    threads: Int = elementThreads()
  ) {
    precondition(shape == gradient.shape, updateShapeMessage(gradient, []))
    let count = self.count
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        guard let pp = p.baseAddress, let gp = g.baseAddress else { return }
        let arrays = UpdateArrays(p: pp, g: gp)
        forEachChunk(of: count, threads: threads, perThread: sgdElementsPerExtraThread) {
          range in
          let i = range.lowerBound
          sgd_update(arrays.p + i, arrays.g + i, range.count, learningRate, weightDecay)
        }
      }
    }
  }
}

/// The arrays of one update, handed to the threads of ``forEachChunk(of:threads:_:)``.
/// Unchecked: raw pointers are not `Sendable`, but every chunk reads and writes only its
/// own range of elements, and `forEachChunk` returns only after every chunk is done, while
/// the buffers are still held by the enclosing `withUnsafe…` closures.
private struct UpdateArrays: @unchecked Sendable {
  let p: UnsafeMutablePointer<Double>
  let g: UnsafePointer<Double>
  var m: UnsafeMutablePointer<Double>? = nil
  var v: UnsafeMutablePointer<Double>? = nil
}
