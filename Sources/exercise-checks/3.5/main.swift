// The check runner of chapter 3.5: links the student's stubs in Exercises35 and runs their
// checks (`exercise-check-3.5 run-one 3.5.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises35
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.5",
  [
    EstimatePiExercise.definition.binding(
      { try Exercises35.estimatePi(samples: $0, using: &$1) }),
    IntegrateExercise.definition.binding(
      { try Exercises35.integrate($0, over: $1, samples: $2, using: &$3) }),
    ImportanceSamplingExercise.definition.binding(
      {
        try Exercises35.importanceSamplingEstimate(
          of: $0, targetDensity: $1, proposalDensity: $2, sampleProposal: $3, samples: $4,
          using: &$5)
      }),
    MetropolisStepExercise.definition.binding(
      {
        try Exercises35.metropolisStep(
          current: $0, logDensity: $1, proposalWidth: $2, using: &$3)
      }),
  ])
