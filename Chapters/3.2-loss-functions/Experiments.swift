// The chapter's experiments, run in order when no --loss is given.

import ChapterKit
import Foundation
import Losses
import NumericsCore

/// Runs the four experiments, saves their figures and writes summary.json.
func runExperiments(options: ChapterOptions) throws {
  let run = try ChapterRun(chapter: "losses", title: "3.2 Loss functions (损失函数)", options: options)
  try lossCurves(run)
  try outlierFit(run)
  try softmaxStability(run)
  try classificationLosses(run)
  try run.finish()
}

/// `count` evenly spaced numbers from `a` to `b` inclusive.
func linearSpace(_ a: Double, _ b: Double, count: Int) -> [Double] {
  precondition(count >= 2, "linearSpace: count \(count) must be at least 2")
  return (0..<count).map { a + (b - a) * Double($0) / Double(count - 1) }
}

/// A loss evaluated at one point through the module's matrix API: (value, derivative).
func atPoint(_ loss: (Matrix) -> LossResult, _ x: Double) -> (value: Double, slope: Double) {
  let result = loss([[x]])
  return (result.value, result.gradient[0, 0])
}
