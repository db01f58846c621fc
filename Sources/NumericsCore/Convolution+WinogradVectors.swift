// The vector pieces of Winograd's tile transforms (`Convolution+WinogradTransforms.swift`):
// four channels or filters per SIMD4<Float> (what the baseline x86-64 target gives Swift:
// SSE, four floats an instruction), the 1-D transforms on four such vectors, and the
// loads and stores between them and the float32 buffers.
//
//     Bᵀ:  (d0, d1, d2, d3)  → (d0 − d2, d1 + d2, d2 − d1, d1 − d3)
//     Aᵀ:  (m0, m1, m2, m3)  → (m0 + m1 + m2, m1 − m2 − m3)
//     G:   (g0, g1, g2)      → (g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2)
//   and their transposes, the backward passes:
//     A:   (e0, e1)          → (e0, e0 + e1, e0 − e1, −e1)
//     B:   (v0, v1, v2, v3)  → (v0, v1 − v2 + v3, −v0 + v1 + v2, −v3)
//     Gᵀ:  (u0, u1, u2, u3)  → (u0 + (u1 + u2)/2, (u1 − u2)/2, (u1 + u2)/2 + u3)
// (G and Gᵀ act on the kernels, in float64.)

/// Four float64 values: a column or row of a 4×4 tile.
typealias Four = (Double, Double, Double, Double)
/// Four lanes (channels or filters) of float32.
typealias F4 = SIMD4<Float>
/// A column or row of a 4×4 tile, four lanes each.
typealias FourF4 = (F4, F4, F4, F4)

/// G (the kernel transform) on one column or row of three kernel values.
@inline(__always) func winogradG(_ g0: Double, _ g1: Double, _ g2: Double) -> Four {
  (g0, (g0 + g1 + g2) * 0.5, (g0 - g1 + g2) * 0.5, g2)
}
/// Gᵀ (∂U → ∂W, the adjoint of G) on one column or row of four values.
@inline(__always) func winogradGT(_ u: Four) -> (Double, Double, Double) {
  (u.0 + (u.1 + u.2) * 0.5, (u.1 - u.2) * 0.5, (u.1 + u.2) * 0.5 + u.3)
}

/// The float32 lane operations of the tile transforms (a namespace).
enum Lanes {
  /// Bᵀ (the input transform) on four lanes.
  @inline(__always) static func bt(_ d: FourF4) -> FourF4 {
    (d.0 - d.2, d.1 + d.2, d.2 - d.1, d.1 - d.3)
  }
  /// Aᵀ (the output transform) on four lanes.
  @inline(__always) static func at(_ m: FourF4) -> (F4, F4) {
    (m.0 + m.1 + m.2, m.1 - m.2 - m.3)
  }
  /// A (∂Y → ∂M, the adjoint of Aᵀ) on four lanes.
  @inline(__always) static func a(_ e0: F4, _ e1: F4) -> FourF4 {
    (e0, e0 + e1, e0 - e1, -e1)
  }
  /// B (∂V → ∂X, the adjoint of Bᵀ) on four lanes.
  @inline(__always) static func b(_ v: FourF4) -> FourF4 {
    (v.0, v.1 - v.2 + v.3, v.1 + v.2 - v.0, -v.3)
  }
  /// Lanes `0..<min(n, 4)` of `p`, the rest 0: one aligned vector load when `vector` (then
  /// `p` is 16-byte aligned and n ≥ 4), else element by element.
  @inline(__always) static func load(_ p: UnsafePointer<Float>, _ n: Int, _ vector: Bool) -> F4 {
    // (Not `load(as:)`: the compiler leaves that call out of line here, 14% of the pass.)
    if vector { return UnsafeRawPointer(p).assumingMemoryBound(to: F4.self).pointee }
    var v = F4.zero
    for i in 0..<min(n, 4) { v[i] = p[i] }
    return v
  }

  /// Writes lanes `0..<min(n, 4)` of `v` to `p` (as `load`).
  @inline(__always) static func store(
    _ v: F4, _ p: UnsafeMutablePointer<Float>, _ n: Int, _ vector: Bool
  ) {
    if vector {
      UnsafeMutableRawPointer(p).assumingMemoryBound(to: F4.self).pointee = v
      return
    }
    for i in 0..<min(n, 4) { p[i] = v[i] }
  }

  /// Writes the 16 values of a transformed tile (rows r, ξ = 4i + j) to `o[ξ·plane]`.
  @inline(__always) static func store16(
    _ r0: FourF4, _ r1: FourF4, _ r2: FourF4, _ r3: FourF4, _ o: UnsafeMutablePointer<Float>,
    plane: Int, _ n: Int, _ vector: Bool
  ) {
    store(r0.0, o, n, vector)
    store(r0.1, o + plane, n, vector)
    store(r0.2, o + 2 * plane, n, vector)
    store(r0.3, o + 3 * plane, n, vector)
    store(r1.0, o + 4 * plane, n, vector)
    store(r1.1, o + 5 * plane, n, vector)
    store(r1.2, o + 6 * plane, n, vector)
    store(r1.3, o + 7 * plane, n, vector)
    store(r2.0, o + 8 * plane, n, vector)
    store(r2.1, o + 9 * plane, n, vector)
    store(r2.2, o + 10 * plane, n, vector)
    store(r2.3, o + 11 * plane, n, vector)
    store(r3.0, o + 12 * plane, n, vector)
    store(r3.1, o + 13 * plane, n, vector)
    store(r3.2, o + 14 * plane, n, vector)
    store(r3.3, o + 15 * plane, n, vector)
  }

  /// The 16 values `p[ξ·stride]` of a tile, as four columns `(ξ = j, 4 + j, 8 + j, 12 + j)`.
  @inline(__always) static func columns16(
    _ p: UnsafePointer<Float>, stride: Int, _ n: Int, _ vector: Bool
  ) -> (FourF4, FourF4, FourF4, FourF4) {
    @inline(__always) func e(_ i: Int) -> F4 { load(p + i * stride, n, vector) }
    return (
      (e(0), e(4), e(8), e(12)), (e(1), e(5), e(9), e(13)), (e(2), e(6), e(10), e(14)),
      (e(3), e(7), e(11), e(15))
    )
  }
}
