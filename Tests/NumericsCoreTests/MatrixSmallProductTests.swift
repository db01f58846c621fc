import CBLAS
import CElementKernels
import NumericsCore
import XCTest

/// The small-product kernel (`small_gemm.c`) and `matmul`'s choice of it
/// (`Matrix+SmallProduct.swift`).
///
/// 1. The kernel against its definition, bit for bit: each element is `acc = 0`,
///    `acc = fma(op(A)[i,κ], op(B)[κ,j], acc)` for κ in order, then `C + acc` (or `acc`),
///    written here as a scalar loop with `addingProduct` (a fused multiply-add), on ragged
///    shapes that reach every masked-column and 1-, 2-, 3-row block case.
/// 2. `matmul` against a direct `cblas_dgemm` call: bit for bit on this OpenBLAS (the rule
///    sends a product to the kernel only where it sums as OpenBLAS does), on one thread and
///    on two, for the shapes of the GAN and SGD benchmarks and a grid around the rule's
///    edges (k = 384/385, 416, 512, 736, 768, n = 16 and 2048 outputs).
final class MatrixSmallProductTests: XCTestCase {
  private func random(_ rows: Int, _ columns: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
    Matrix.normal(rows: rows, columns: columns, using: &rng)
  }

  /// `C + op(A)·op(B)` (or `op(A)·op(B)`) by the kernel's definition, one element at a time.
  private func definition(
    _ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool, plus c: Matrix?
  ) -> Matrix {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    var out = Matrix.zeros(rows: m, columns: n)
    for i in 0..<m {
      for j in 0..<n {
        var acc = 0.0
        for p in 0..<k {
          acc.addProduct(transposeA ? a[p, i] : a[i, p], transposeB ? b[j, p] : b[p, j])
        }
        out[i, j] = c.map { $0[i, j] + acc } ?? acc
      }
    }
    return out
  }

  /// The kernel on whole matrices.
  private func kernel(
    _ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool, into c: inout Matrix,
    accumulate: Bool
  ) {
    let (m, n) = (c.rows, c.columns)
    let k = transposeA ? a.rows : a.columns
    a.withUnsafeElements { pa in
      b.withUnsafeElements { pb in
        c.withUnsafeMutableElements { pc in
          small_gemm_general(
            transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, pa.baseAddress!, a.columns,
            pb.baseAddress!, b.columns, pc.baseAddress!, n, accumulate ? 1 : 0)
        }
      }
    }
  }

  private func assertBitwise(
    _ x: Matrix, _ y: Matrix, _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    var differ = 0
    x.withUnsafeElements { px in
      y.withUnsafeElements { py in
        for i in 0..<px.count where px[i].bitPattern != py[i].bitPattern { differ += 1 }
      }
    }
    XCTAssertEqual(
      differ, 0, "\(what): \(differ) of \(x.count) elements differ", file: file, line: line)
  }

  func testKernelMatchesItsDefinitionBitForBit() throws {
    guard small_gemm_available() != 0 else { throw XCTSkip("no AVX-512 on this CPU") }
    var rng = Xoshiro256StarStar(seed: 11)
    let shapes = [
      (1, 1, 1), (2, 7, 3), (3, 8, 1), (4, 9, 2), (5, 31, 17), (6, 32, 64), (7, 33, 5),
      (9, 40, 70), (13, 65, 256), (64, 64, 64), (17, 100, 300), (5, 48, 257),
    ]
    for (m, n, k) in shapes {
      for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)]
      where !transposeB || k <= Int(SMALL_GEMM_MAX_PANEL_K) {
        let a = transposeA ? random(k, m, &rng) : random(m, k, &rng)
        let b = transposeB ? random(n, k, &rng) : random(k, n, &rng)
        let c = random(m, n, &rng)
        var accumulated = c
        kernel(
          a, b, transposeA: transposeA, transposeB: transposeB, into: &accumulated, accumulate: true
        )
        // Overwriting: the NaN already in C must not leak into C = A·B.
        var fresh = Matrix(rows: m, columns: n, repeating: .nan)
        kernel(
          a, b, transposeA: transposeA, transposeB: transposeB, into: &fresh, accumulate: false)
        let label = "\(m)×\(n)×\(k) transposeA \(transposeA) transposeB \(transposeB)"
        assertBitwise(
          accumulated, definition(a, b, transposeA: transposeA, transposeB: transposeB, plus: c),
          "C += op(A)·op(B), " + label)
        assertBitwise(
          fresh, definition(a, b, transposeA: transposeA, transposeB: transposeB, plus: nil),
          "C = op(A)·op(B), " + label)
      }
    }
  }

  /// `matmul` (which may take the kernel) against `cblas_dgemm` called directly.
  func testMatmulGivesOpenBLASsBitsOnOneAndTwoThreads() throws {
    let core = String(cString: openblas_get_corename())
    guard ["Cooperlake", "SkylakeX", "Sapphire Rapids"].contains(core) else {
      throw XCTSkip("bit-identity checked for OpenBLAS's SkylakeX kernels; this is \(core)")
    }
    var rng = Xoshiro256StarStar(seed: 12)
    let shapes = [
      (512, 64, 64), (256, 64, 64), (512, 64, 2), (64, 64, 512), (64, 64, 256), (512, 64, 1),
      (256, 64, 2), (128, 256, 10), (4, 512, 384), (8, 256, 385), (64, 32, 448), (32, 64, 416),
      (64, 64, 416), (16, 128, 512), (64, 64, 736), (64, 64, 768), (128, 16, 100), (100, 48, 3),
      (1024, 64, 64), (1025, 64, 64), (128, 256, 784), (784, 256, 128), (64, 256, 784),
      (128, 128, 1500),
    ]
    let threads = openblas_get_num_threads()
    defer { openblas_set_num_threads(threads) }
    for threadCount: Int32 in [1, 2] {
      openblas_set_num_threads(threadCount)
      for (m, n, k) in shapes {
        for (transposeA, transposeB) in [
          (false, false), (true, false), (false, true), (true, true),
        ] {
          let a = transposeA ? random(k, m, &rng) : random(m, k, &rng)
          let b = transposeB ? random(n, k, &rng) : random(k, n, &rng)
          let c = random(m, n, &rng)
          var ours = c
          matmul(a, b, transposeA: transposeA, transposeB: transposeB, beta: 1, into: &ours)
          var blas = c
          a.withUnsafeElements { pa in
            b.withUnsafeElements { pb in
              blas.withUnsafeMutableElements { pc in
                cblas_dgemm(
                  CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                  transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                  pa.baseAddress, Int32(a.columns), pb.baseAddress, Int32(b.columns), 1,
                  pc.baseAddress, Int32(n))
              }
            }
          }
          let label =
            "\(m)×\(n)×\(k) transposeA \(transposeA) transposeB \(transposeB), \(threadCount) threads"
          assertBitwise(ours, blas, "C += op(A)·op(B), " + label)
          let product = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
          blas.withUnsafeMutableElements { pc in
            a.withUnsafeElements { pa in
              b.withUnsafeElements { pb in
                cblas_dgemm(
                  CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                  transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                  pa.baseAddress, Int32(a.columns), pb.baseAddress, Int32(b.columns), 0,
                  pc.baseAddress, Int32(n))
              }
            }
          }
          assertBitwise(product, blas, "C = op(A)·op(B), " + label)
        }
      }
    }
  }

  /// A matrix of normal numbers with some exact zeros, negative zeros, infinities and NaNs.
  private func awkward(_ rows: Int, _ columns: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
    var x = random(rows, columns, &rng)
    let specials = [0.0, -0.0, .infinity, -.infinity, .nan]
    for (i, value) in specials.enumerated() where x.count > 5 * i {
      x[(i * 7) % rows, (i * 13) % columns] = value
    }
    for j in 0..<columns where j % 3 == 0 { x[0, j] = 0 }
    return x
  }

  /// `affine` against the three passes it replaces, on shapes the kernel takes (one and
  /// two k blocks) and shapes it leaves to OpenBLAS; on one thread and on two.
  func testAffineGivesTheBitsOfBiasProductAndRectifier() {
    var rng = Xoshiro256StarStar(seed: 13)
    let shapes = [
      (256, 64, 64), (512, 64, 2), (64, 64, 512), (100, 48, 30), (5, 10, 3), (7, 64, 64),
    ]
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    for threads in [1, 2] {
      openblas_set_num_threads(Int32(threads))
      for (m, n, k) in shapes {
        let x = awkward(m, k, &rng)
        let w = random(k, n, &rng)
        let bias = random(1, n, &rng)
        for rectifier in [Rectifier.relu, .leaky(slope: 0.01), .leaky(slope: 0.2)] {
          var plain = Matrix.repeating(row: bias, count: m)
          matmul(x, w, beta: 1, into: &plain)
          let expected =
            rectifier == .relu ? plain.rectified() : plain.leakyRectified(slope: rectifier.slope)
          assertBitwise(
            affine(x, w, bias: bias, rectifier: rectifier), expected,
            "affine \(m)×\(n)×\(k) \(rectifier), \(threads) threads")
        }
      }
    }
  }

  /// `productRectifierGradient` against the product and then the mask.
  func testProductRectifierGradientGivesTheBitsOfProductThenMask() {
    var rng = Xoshiro256StarStar(seed: 14)
    let shapes = [
      (512, 64, 64), (256, 64, 2), (512, 64, 1), (128, 256, 10), (6, 20, 5), (64, 32, 300),
    ]
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    for threads in [1, 2] {
      openblas_set_num_threads(Int32(threads))
      for (m, n, k) in shapes {
        let g = awkward(m, k, &rng)
        let w = random(n, k, &rng)
        let cache = awkward(m, n, &rng)
        for slope in [0.0, 0.01] {
          let expected = Matrix.rectifierGradient(
            matmul(g, w, transposeB: true), cache: cache, slope: slope)
          assertBitwise(
            productRectifierGradient(g, w, cache: cache, slope: slope), expected,
            "productRectifierGradient \(m)×\(n)×\(k) slope \(slope), \(threads) threads")
        }
      }
    }
  }

  /// Two threads split rows only: the same bits as one, for plain products too (at these
  /// k OpenBLAS's one- and two-thread blocks along k agree).
  func testTwoThreadsGiveTheBitsOfOne() {
    var rng = Xoshiro256StarStar(seed: 15)
    let blasThreads = openblas_get_num_threads()
    defer { openblas_set_num_threads(blasThreads) }
    for (m, n, k) in [(512, 64, 64), (64, 64, 512), (1024, 64, 64), (13, 1024, 64)] {
      for (transposeA, transposeB) in [(false, false), (true, false), (false, true)] {
        let a = transposeA ? random(k, m, &rng) : random(m, k, &rng)
        let b = transposeB ? random(n, k, &rng) : random(k, n, &rng)
        openblas_set_num_threads(1)
        let one = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        openblas_set_num_threads(2)
        let two = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        assertBitwise(two, one, "\(m)×\(n)×\(k) transposeA \(transposeA) transposeB \(transposeB)")
      }
    }
  }
}
