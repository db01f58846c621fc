// The check runner of chapter 3.6: links the student's stubs in Exercises36 and runs their
// checks (`exercise-check-3.6 run-one 3.6.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises36
import Foundation
import NumericsCore

ExerciseCheckRunner.main(
  chapter: "3.6",
  [
    AddKProbabilitiesExercise.definition.binding(
      { Matrix(try Exercises36.addKProbabilities(counts: $0.counts, k: $0.k)) }),
    PerplexityExercise.definition.binding(
      { try Exercises36.perplexity(sequences: $0.sequences) }),
    ViterbiStepExercise.definition.binding(
      {
        let step = try Exercises36.viterbiStep(
          previous: $0.previous, logTransition: $0.logTransition, logEmission: $0.logEmission)
        return ViterbiStepExercise.output(step.scores, step.backpointers)
      }),
    AutoregressiveDesignExercise.definition.binding(
      {
        let fit = try Exercises36.autoregressiveDesign(
          series: $0.series, order: $0.order, intercept: $0.intercept)
        return AutoregressiveDesignExercise.output(fit.design, fit.targets)
      }),
  ])
