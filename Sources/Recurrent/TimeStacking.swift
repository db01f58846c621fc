import NumericsCore

// Private kernels for the sequence-level passes: stack `T` matrices of `B × n` into one
// `T·B × n` matrix (time-major, step `t` in rows `[t·B, (t+1)·B)`) and cut one back into
// steps. Stacking is what lets the parts of BPTT that do not depend on the recurrence run
// as ONE large GEMM over all steps instead of `T` small ones:
// ```
// P   = X·W_ihᵀ + b_ih         (T·B × I)·(I × G·H)      the input projection, forward
// ∂W_ih = ∂Aᵀ·X,  ∂W_hh = ∂Aᵀ·H₋                          the weight gradients, backward
// ∂X  = ∂A·W_ih                                          the input gradients, backward
// ```
// (`H₋` stacks `h_0 … h_{T−1}`). Only `h_{t−1}·W_hhᵀ` forward and `∂a_t·W_hh` backward
// must stay per step: they are the recurrence. A small GEMM (32 × 64 · 64 × 64) runs far
// below a large one's FLOP rate (call overhead, packing, no cache reuse), so moving three
// of the five products per step into large ones is most of the speed of a recurrent step.

/// The `T` matrices (each `B × n`) stacked into one `T·B × n` matrix, time-major.
/// - Precondition: at least one matrix, all of the same shape.
func stackSteps(_ steps: [Matrix]) -> Matrix {
  precondition(!steps.isEmpty, "stackSteps: no steps")
  let (b, n) = (steps[0].rows, steps[0].columns)
  let block = b * n
  let elements = [Double](unsafeUninitializedCapacity: steps.count * block) { out, count in
    for (t, step) in steps.enumerated() {
      precondition(
        step.rows == b && step.columns == n,
        "stackSteps: step \(t) is \(step.shapeDescription), step 0 is \(b)×\(n)")
      step.withUnsafeElements { e in
        (out.baseAddress! + t * block).update(from: e.baseAddress!, count: block)
      }
    }
    count = steps.count * block
  }
  return Matrix(rows: steps.count * b, columns: n, elements: elements)
}

/// Rows `[t·batch, (t+1)·batch)` of a stacked matrix: step `t`.
func stepRows(_ t: Int, of stacked: Matrix, batch: Int) -> Matrix {
  let n = stacked.columns
  precondition(
    (t + 1) * batch <= stacked.rows,
    "stepRows: step \(t) of \(stacked.shapeDescription) at batch \(batch)")
  return stacked.withUnsafeElements { e in
    Matrix(
      rows: batch, columns: n,
      elements: Array(UnsafeBufferPointer(start: e.baseAddress! + t * batch * n, count: batch * n)))
  }
}

/// `row += Σ_r m[r, ·]` for a `1 × n` row, as the GEMM `row += 1ᵀ·m`.
func addColumnSums(of m: Matrix, into row: inout Matrix) {
  precondition(
    row.rows == 1 && row.columns == m.columns,
    "addColumnSums: \(m.shapeDescription) into \(row.shapeDescription)")
  matmul(Matrix(rows: 1, columns: m.rows, repeating: 1), m, beta: 1, into: &row)
}

/// A `rows × columns` matrix whose every element `fill` writes (no zero-filling first).
/// - Precondition: `fill` initialises all `rows · columns` elements.
func uninitializedMatrix(
  rows: Int, columns: Int, _ fill: (UnsafeMutablePointer<Double>) -> Void
) -> Matrix {
  let elements = [Double](unsafeUninitializedCapacity: rows * columns) { buffer, count in
    fill(buffer.baseAddress!)
    count = rows * columns
  }
  return Matrix(rows: rows, columns: columns, elements: elements)
}
