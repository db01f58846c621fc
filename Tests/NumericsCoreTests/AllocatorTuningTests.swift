import NumericsCore
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Replacing a large matrix by a new one must reuse freed memory, not fault in fresh pages.
final class AllocatorTuningTests: XCTestCase {
  func testReplacingProductsDoesNotPageFault() throws {
    #if canImport(Glibc)
      func minorFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_minflt
      }
      // The bench's pattern, which is a training loop's: make the new product while the
      // old one is alive, then drop the old one, at growing sizes (32 KB, 128 KB, 512 KB).
      // Without the tuning, glibc faulted ~86 pages per 512 KB product here (4,286 in 50).
      var rng = Xoshiro256StarStar(seed: 1)
      var a = Matrix.zeros(rows: 0, columns: 0)
      var product = Matrix.zeros(rows: 0, columns: 0)
      for n in [64, 128, 256] {
        a = Matrix.uniform(rows: n, columns: n, using: &rng)
        for _ in 0..<20 { product = matmul(a, a) }
      }
      let before = minorFaults()
      let rounds = 50
      for _ in 0..<rounds { product = matmul(a, a) }
      let faults = minorFaults() - before
      XCTAssertEqual(product.count, 256 * 256)
      XCTAssertLessThan(faults, 200, "\(faults) page faults in \(rounds) products")
    #else
      throw XCTSkip("the allocator tuning is specific to glibc")
    #endif
  }
}
