import MonteCarlo
import XCTest

/// The seeds every statistical test repeats itself on: a bound that holds for one lucky
/// seed proves little.
let testSeeds: [UInt64] = [1, 2, 3, 42, 2024]

/// Asserts |value − truth| < k · standardError.
///
/// For an estimate that is close to normal around the truth (a mean of many samples), the
/// probability of a miss is 2·(1 − Φ(k)): k = 4 ⇒ 6.3e-5 per check, so the five seeds of a
/// test fail together by chance with probability < 4e-4, and a real bias of a few standard
/// errors is caught.
func assertWithinStandardErrors(
  _ value: Double, _ truth: Double, standardError: Double, k: Double = 4,
  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssert(standardError.isFinite && standardError > 0, "bad standard error \(standardError)")
  XCTAssertLessThan(
    abs(value - truth), k * standardError,
    "\(value) is \(abs(value - truth) / standardError) standard errors (\(standardError)) "
      + "from \(truth); bound \(k) \(message())", file: file, line: line)
}
