// In-place element kernels for update rules (optimizers): a parameter, its gradient and
// per-element state, changed together by a rule written for one element (or one pair).
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

  /// The two-state update two elements at a time: `rule` sees pairs of neighbouring
  /// elements as `SIMD2<Double>` (one SSE2 register), for rules whose square roots and
  /// divisions the compiler would not vectorise in a scalar loop (Adam's).
  ///
  /// An odd last element goes through the same `rule` in lane 0 of a pair whose lane 1 is
  /// zero and discarded. Each lane sees exactly the operations of the scalar rule in the
  /// same order, so the results are bit-for-bit those of a scalar loop.
  /// - Precondition: the four shapes agree.
  @inlinable
  public mutating func formPairwiseUpdate(
    along gradient: Matrix, state first: inout Matrix, _ second: inout Matrix,
    _ rule: (
      _ p: inout SIMD2<Double>, _ g: SIMD2<Double>, _ m: inout SIMD2<Double>,
      _ v: inout SIMD2<Double>
    ) -> Void
  ) {
    precondition(
      shape == gradient.shape && shape == first.shape && shape == second.shape,
      updateShapeMessage(gradient, [first, second]))
    withUnsafeMutableElements { p in
      gradient.withUnsafeElements { g in
        first.withUnsafeMutableElements { m in
          second.withUnsafeMutableElements { v in
            guard let pp = p.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress,
              let vp = v.baseAddress
            else { return }
            let (p2, m2, v2) = (
              UnsafeMutableRawPointer(pp), UnsafeMutableRawPointer(mp),
              UnsafeMutableRawPointer(vp)
            )
            let g2 = UnsafeRawPointer(gp)
            let pairs = p.count / 2
            for k in 0..<pairs {
              let o = 16 * k
              var pk = p2.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
              var mk = m2.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
              var vk = v2.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
              rule(&pk, g2.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self), &mk, &vk)
              p2.storeBytes(of: pk, toByteOffset: o, as: SIMD2<Double>.self)
              m2.storeBytes(of: mk, toByteOffset: o, as: SIMD2<Double>.self)
              v2.storeBytes(of: vk, toByteOffset: o, as: SIMD2<Double>.self)
            }
            if p.count % 2 == 1 {
              let i = p.count - 1
              var pk = SIMD2(pp[i], 0)
              var mk = SIMD2(mp[i], 0)
              var vk = SIMD2(vp[i], 0)
              rule(&pk, SIMD2(gp[i], 0), &mk, &vk)
              (pp[i], mp[i], vp[i]) = (pk[0], mk[0], vk[0])
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
