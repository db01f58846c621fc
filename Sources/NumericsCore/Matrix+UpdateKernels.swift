// In-place element kernels for update rules (optimizers): a parameter, its gradient and
// per-element state, changed together by a rule written for one element. (Adam's rule,
// whose square root and divisions need wider registers than Swift compiles for, has its
// own kernel in C: `Matrix+AdamKernel.swift`.)
//
// The pointer code lives here, once, inside `withUnsafe…` closures; a caller writes only
// the rule. The kernels are `@inlinable`, so the compiler specialises each one with the
// caller's closure inlined into the loop: no call per element, and the loop vectorises as
// if written out by hand at the call site.

extension Matrix {
  /// Updates every element from the matching element of `gradient`:
  /// `rule(&self[i], gradient[i])`, in index order.
  /// - Precondition: the shapes agree.
  @inlinable
  public mutating func formUpdate(
    along gradient: Matrix, _ rule: (_ p: inout Double, _ g: Double) -> Void
  ) {
    precondition(shape == gradient.shape, updateShapeMessage(gradient, []))
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        // Plain pointers taken out of the buffers: through the inout buffer the compiler
        // reloads the base address every iteration and does not vectorise.
        guard let pp = p.baseAddress, let gp = g.baseAddress else { return }
        for i in 0..<p.count { rule(&pp[i], gp[i]) }
      }
    }
  }

  /// `rule(&self[i], gradient[i], &state[i])` for every element: one state matrix
  /// (AdaGrad's sum of squares, a momentum buffer).
  /// - Precondition: the three shapes agree.
  @inlinable
  public mutating func formUpdate(
    along gradient: Matrix, state: inout Matrix,
    _ rule: (_ p: inout Double, _ g: Double, _ s: inout Double) -> Void
  ) {
    precondition(
      shape == gradient.shape && shape == state.shape, updateShapeMessage(gradient, [state]))
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        state.withUnsafeMutableElements { s in
          guard let pp = p.baseAddress, let gp = g.baseAddress, let sp = s.baseAddress else {
            return
          }
          for i in 0..<p.count { rule(&pp[i], gp[i], &sp[i]) }
        }
      }
    }
  }

  /// `rule(&self[i], gradient[i], &first[i], &second[i])` for every element: two state
  /// matrices (AdaDelta's averages, RMSprop's average and buffer).
  /// - Precondition: the four shapes agree.
  @inlinable
  public mutating func formUpdate(
    along gradient: Matrix, state first: inout Matrix, _ second: inout Matrix,
    _ rule: (_ p: inout Double, _ g: Double, _ s: inout Double, _ u: inout Double) -> Void
  ) {
    precondition(
      shape == gradient.shape && shape == first.shape && shape == second.shape,
      updateShapeMessage(gradient, [first, second]))
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        first.withUnsafeMutableElements { s in
          second.withUnsafeMutableElements { u in
            guard let pp = p.baseAddress, let gp = g.baseAddress, let sp = s.baseAddress,
              let up = u.baseAddress
            else { return }
            for i in 0..<p.count { rule(&pp[i], gp[i], &sp[i], &up[i]) }
          }
        }
      }
    }
  }

  /// `rule(&self[i], gradient[i], &first[i], &second[i], &third[i])` for every element:
  /// three state matrices (centered RMSprop with momentum).
  /// - Precondition: the five shapes agree.
  @inlinable
  public mutating func formUpdate(
    along gradient: Matrix, state first: inout Matrix, _ second: inout Matrix,
    _ third: inout Matrix,
    _ rule: (
      _ p: inout Double, _ g: Double, _ s: inout Double, _ u: inout Double, _ w: inout Double
    ) -> Void
  ) {
    precondition(
      shape == gradient.shape && shape == first.shape && shape == second.shape
        && shape == third.shape, updateShapeMessage(gradient, [first, second, third]))
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        first.withUnsafeMutableElements { s in
          second.withUnsafeMutableElements { u in
            third.withUnsafeMutableElements { w in
              guard let pp = p.baseAddress, let gp = g.baseAddress, let sp = s.baseAddress,
                let up = u.baseAddress, let wp = w.baseAddress
              else { return }
              for i in 0..<p.count { rule(&pp[i], gp[i], &sp[i], &up[i], &wp[i]) }
            }
          }
        }
      }
    }
  }

  /// The trap message of the update kernels, naming every shape.
  @usableFromInline
  func updateShapeMessage(_ gradient: Matrix, _ states: [Matrix]) -> String {
    "formUpdate: parameter \(shapeDescription), gradient \(gradient.shapeDescription)"
      + states.map { ", state \($0.shapeDescription)" }.joined()
  }
}
