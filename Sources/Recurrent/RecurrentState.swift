import NumericsCore

/// The state a recurrent cell carries from one time step to the next.
///
/// Every cell has a hidden state `h` (`batch × hidden`); an LSTM also has a cell state `c`
/// of the same shape (PyTorch's `(h, c)` tuple). For the tanh RNN and the GRU `cell` is nil.
///
/// The same type carries gradients backwards: `∂L/∂h` and, for an LSTM, `∂L/∂c`.
public struct RecurrentState: Sendable, Equatable {
  /// `h`, `batch × hidden`.
  public var hidden: Matrix
  /// `c`, `batch × hidden` (LSTM only).
  public var cell: Matrix?

  /// A state from its parts.
  /// - Precondition: `cell`, when given, has the shape of `hidden`.
  public init(hidden: Matrix, cell: Matrix? = nil) {
    if let cell {
      precondition(
        cell.rows == hidden.rows && cell.columns == hidden.columns,
        "RecurrentState: cell \(cell.shapeDescription) ≠ hidden \(hidden.shapeDescription)")
    }
    self.hidden = hidden
    self.cell = cell
  }

  /// Zeros for `batch` sequences of a cell with `hidden` units (and a cell state when
  /// `hasCell`): the usual initial state, PyTorch's default when `h0` is omitted.
  public static func zeros(batch: Int, hidden: Int, hasCell: Bool) -> RecurrentState {
    let z = Matrix.zeros(rows: batch, columns: hidden)
    return RecurrentState(hidden: z, cell: hasCell ? z : nil)
  }

  /// `self + other`, part by part (two gradient contributions to one state).
  func adding(_ other: RecurrentState) -> RecurrentState {
    var sum = self
    sum.hidden += other.hidden
    if let c = other.cell { sum.cell = (sum.cell ?? .zeros(like: c)) + c }
    return sum
  }

  /// The state as plain matrices: `[h]` or `[h, c]`.
  public var parts: [Matrix] { cell.map { [hidden, $0] } ?? [hidden] }
}

/// A batch of sequences in the source's `[batch, time, features]` shape, stored time-major
/// as `T` matrices of `batch × features`.
///
/// Why time-major: a recurrent step consumes step `t` of every sequence at once, so one
/// `batch × features` block per step is exactly the operand of that step's matrix product
/// (one GEMM, contiguous rows, no gather). `[batch][time][features]` would need a strided
/// copy at every step. The conversion happens once, at the API boundary.
public struct SequenceBatch: Sendable, Equatable {
  /// `steps[t]` is `batch × features`: step `t` of every sequence.
  public var steps: [Matrix]

  /// A batch from its time steps.
  /// - Precondition: at least one step, all of the same shape.
  public init(steps: [Matrix]) {
    precondition(!steps.isEmpty, "SequenceBatch: no time steps")
    for (t, step) in steps.enumerated() {
      precondition(
        step.rows == steps[0].rows && step.columns == steps[0].columns,
        "SequenceBatch: step \(t) is \(step.shapeDescription), step 0 is \(steps[0].shapeDescription)"
      )
    }
    self.steps = steps
  }

  /// A batch from nested arrays `[batch][time][features]`, as PyTorch's `batch_first=True`.
  /// - Precondition: a non-empty, rectangular array.
  public init(batchFirst values: [[[Double]]]) {
    precondition(!values.isEmpty && !values[0].isEmpty, "SequenceBatch: empty batch or time")
    let (b, t, f) = (values.count, values[0].count, values[0][0].count)
    var steps: [Matrix] = []
    for time in 0..<t {
      var elements: [Double] = []
      elements.reserveCapacity(b * f)
      for sequence in 0..<b {
        precondition(
          values[sequence].count == t && values[sequence][time].count == f,
          "SequenceBatch: sequence \(sequence) is not \(t) × \(f)")
        elements += values[sequence][time]
      }
      steps.append(Matrix(rows: b, columns: f, elements: elements))
    }
    self.init(steps: steps)
  }

  /// Sequences in the batch, `B`.
  public var batch: Int { steps[0].rows }
  /// Time steps, `T`.
  public var time: Int { steps.count }
  /// Features per step, `F`.
  public var features: Int { steps[0].columns }

  /// The values as `[batch][time][features]` (PyTorch's `batch_first=True`).
  public var batchFirst: [[[Double]]] {
    (0..<batch).map { b in steps.map { $0.row(b) } }
  }
}
