import NumericsCore
import XCTest

/// The tuning is an explicit call whose result says whether it took effect.
final class AllocatorTuningTests: XCTestCase {
  /// On glibc `mallopt` accepts both settings (it returns 1), and a second call sets the
  /// same values again; elsewhere nothing is changed and the call says so.
  func testTuningReportsWhatItDid() {
    #if canImport(Glibc)
      XCTAssertEqual(AllocatorTuning.keepLargeMatrixStorage(), .applied)
      XCTAssertEqual(AllocatorTuning.keepLargeMatrixStorage(), .applied)
    #else
      XCTAssertEqual(AllocatorTuning.keepLargeMatrixStorage(), .unavailable)
    #endif
  }

  /// Matrices computed after the tuning are the same numbers as before it: the settings
  /// change where memory comes from, never what is computed.
  func testTuningDoesNotChangeResults() {
    var rng = Xoshiro256StarStar(seed: 1)
    let a = Matrix.uniform(rows: 300, columns: 300, using: &rng)
    let before = matmul(a, a)
    _ = AllocatorTuning.keepLargeMatrixStorage()
    XCTAssertEqual(matmul(a, a), before)
  }
}
