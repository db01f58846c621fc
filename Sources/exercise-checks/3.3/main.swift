// The check runner of chapter 3.3: links the student's stubs in Exercises33 and runs their
// checks (`exercise-check-3.3 run-one 3.3.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises33
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.3",
  [
    MomentumExercise.definition.binding(
      { x in
        try x.run.drive(stateNames: MomentumExercise.stateNames) { p, g, a, b, t, step, _ in
          let s = x.settings(at: step)
          try Exercises33.momentumStep(
            parameter: &p, gradient: g, buffer: &a, learningRate: s.learningRate,
            momentum: s.momentum)
        }
      }),
    AdaGradExercise.definition.binding(
      { x in
        try x.run.drive(stateNames: AdaGradExercise.stateNames) { p, g, a, b, t, step, _ in
          let s = x.settings(at: step)
          try Exercises33.adaGradStep(
            parameter: &p, gradient: g, sumOfSquares: &a, learningRate: s.learningRate,
            epsilon: s.epsilon)
        }
      }),
    RMSpropExercise.definition.binding(
      { x in
        try x.run.drive(stateNames: RMSpropExercise.stateNames) { p, g, a, b, t, step, _ in
          let s = x.settings(at: step)
          try Exercises33.rmspropStep(
            parameter: &p, gradient: g, squareAverage: &a, learningRate: s.learningRate,
            alpha: s.alpha, epsilon: s.epsilon)
        }
      }),
    AdamExercise.definition.binding(
      { x in
        try x.run.drive(stateNames: AdamExercise.stateNames, countsSteps: true) {
          p, g, a, b, t, step, _ in
          let s = x.settings(at: step)
          try Exercises33.adamStep(
            parameter: &p, gradient: g, firstMoment: &a, secondMoment: &b, step: &t,
            learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon)
        }
      }),
    AdaDeltaExercise.definition.binding(
      { x in
        try x.run.drive(stateNames: AdaDeltaExercise.stateNames) { p, g, a, b, t, step, _ in
          let s = x.settings(at: step)
          try Exercises33.adaDeltaStep(
            parameter: &p, gradient: g, squareAverage: &a, deltaAverage: &b,
            learningRate: s.learningRate, rho: s.rho, epsilon: s.epsilon)
        }
      }),
  ])
