import Foundation
import XCTest

/// Runs the built `monte-carlo` executable in quick mode and checks what it reports.
final class MonteCarloChapterTests: XCTestCase {
  private func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
    let output = try runChapter("monte-carlo", arguments)
    return (output.status, Data(output.stdout.utf8), output.stderr)
  }

  private func temporaryDirectory() throws -> URL { try temporaryOutput(for: "monte-carlo") }

  func testQuickRunReportsEstimatesSlopesAndCoverage() throws {
    let output = try temporaryDirectory()
    let result = try run(["--quick", "--output", output.path, "--json"])
    XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
    let json = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any],
      "stdout is not a JSON object")

    let pi = try XCTUnwrap(json["pi"] as? [String: Any], "no pi object")
    let estimate = try XCTUnwrap(pi["estimate"] as? Double)
    let standardError = try XCTUnwrap(pi["standard_error"] as? Double)
    let interval = try XCTUnwrap(pi["ci95"] as? [Double])
    let samples = try XCTUnwrap(pi["samples"] as? Double)
    XCTAssertEqual(interval.count, 2)
    XCTAssertLessThanOrEqual(interval[0], estimate)
    XCTAssertLessThanOrEqual(estimate, interval[1])
    // The interval is estimate ± 1.96·SE, and SE ≈ 4√(p(1−p)/N) with p = π/4 (±5%).
    XCTAssertEqual(interval[1] - interval[0], 2 * 1.959963984540054 * standardError, accuracy: 1e-9)
    let p = Double.pi / 4
    XCTAssertEqual(
      standardError, 4 * (p * (1 - p) / samples).squareRoot(), accuracy: 0.05 * standardError)

    // Quick mode fits over N = 10 … 3000 with 40 repeats: across 25 seeds the slopes stayed
    // within 0.04 of −0.5, so ±0.15 is a wide margin, not a tuned one.
    let slope = try XCTUnwrap(json["slope"] as? Double, "no slope")
    let slope5D = try XCTUnwrap(json["slope_5d"] as? Double, "no slope_5d")
    XCTAssertEqual(slope, -0.5, accuracy: 0.15)
    XCTAssertEqual(slope5D, -0.5, accuracy: 0.15)

    // 1000 intervals: hits ~ Binomial(1000, 0.95), sd ≈ 0.0069; ±4 sd ⇒ ±0.028.
    let coverage = try XCTUnwrap(json["coverage"] as? Double, "no coverage")
    XCTAssertEqual(coverage, 0.95, accuracy: 4 * (0.95 * 0.05 / 1000).squareRoot())

    let ratios = try XCTUnwrap(json["variance_ratios"] as? [String: Any], "no variance_ratios")
    let peak = try XCTUnwrap(ratios["peak"] as? [String: Any])
    let exponential = try XCTUnwrap(ratios["exponential"] as? [String: Any])
    // Importance sampling helps the peak a lot; antithetic variates help the monotone eˣ
    // (theory: ≈31×) and leave the off-centre peak about where it was.
    XCTAssertGreaterThan(try XCTUnwrap(peak["importance"] as? Double), 10)
    XCTAssertGreaterThan(try XCTUnwrap(exponential["antithetic"] as? Double), 10)

    let mcmc = try XCTUnwrap(json["mcmc"] as? [String: Any], "no mcmc")
    let acceptance = try XCTUnwrap(mcmc["acceptance_rates"] as? [Double])
    XCTAssertEqual(acceptance, acceptance.sorted(by: >), "acceptance must fall as width grows")
    XCTAssertNotNil(mcmc["ess"] as? [Double])

    // MC dropout: 20 passes in quick mode. Across seeds 1–8 the spread beyond the data was
    // 1.4–2.3× the spread on it, so "larger" is a robust claim, not a tuned one.
    let dropout = try XCTUnwrap(json["mc_dropout"] as? [String: Any], "no mc_dropout")
    XCTAssertEqual(try XCTUnwrap(dropout["passes"] as? Double), 20)
    let sdInside = try XCTUnwrap(dropout["sd_inside"] as? Double)
    let sdOutside = try XCTUnwrap(dropout["sd_outside"] as? Double)
    XCTAssertGreaterThan(sdInside, 0, "dropout on must make the passes differ")
    XCTAssertGreaterThan(sdOutside, sdInside, "the spread must grow beyond the data")
    XCTAssertEqual(
      try XCTUnwrap(dropout["ratio"] as? Double), sdOutside / sdInside, accuracy: 1e-9)
    // The network learned something: far below the variance of sin x on the data (≈ 0.4).
    XCTAssertLessThan(try XCTUnwrap(dropout["training_mse"] as? Double), 0.2)
    // The MC mean's standard error at x = 5 falls like 1/√T: from T = 1 to T = 20 it should
    // shrink by √20 ≈ 4.5. 50 repeats estimate each SE to about ±10%, so the ratio is good
    // to about ±14%; 2.5×–8× is a ±4-sigma band on the log scale (seeds 1–8: 3.5×–5.7×).
    let measured = try XCTUnwrap(dropout["se_measured_x5"] as? [Double])
    let shrink = try XCTUnwrap(measured.first) / (try XCTUnwrap(measured.last))
    XCTAssertGreaterThan(shrink, 2.5)
    XCTAssertLessThan(shrink, 8)

    let figures = try XCTUnwrap(json["figures"] as? [[String: Any]])
    XCTAssertGreaterThanOrEqual(figures.count, 7)
    XCTAssertTrue(figures.contains { ($0["file"] as? String) == "mc-dropout.png" })
    for figure in figures {
      let file = try XCTUnwrap(figure["file"] as? String)
      let path = output.appendingPathComponent("monte-carlo").appendingPathComponent(file).path
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), "missing figure \(path)")
    }
  }

  func testBadValuesExitWithUsageError() throws {
    let output = try temporaryDirectory()
    let bad: [[String]] = [
      ["--samples", "0"], ["--samples", "-5"], ["--repeats", "0"],
      ["--proposal-width", "nan"], ["--proposal-width", "-1"], ["--proposal-width", "0"],
    ]
    for arguments in bad {
      let result = try run(["--quick", "--output", output.path] + arguments)
      XCTAssertEqual(result.status, 64, "\(arguments) should be rejected; stderr: \(result.stderr)")
      XCTAssertTrue(result.stderr.contains("Error"), "\(arguments): stderr \(result.stderr)")
    }
  }
}
