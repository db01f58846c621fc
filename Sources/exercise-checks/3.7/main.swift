// The check runner of chapter 3.7: links the student's stubs in Exercises37 and runs their
// checks (`exercise-check-3.7 run-one 3.7.1`). The `exercises` tool and ExerciseTests
// run it as a child process, so a stub that traps or loops costs one exercise, and a stub
// that does not compile costs this chapter only.

import ExerciseKit
import Exercises37
import Foundation

ExerciseCheckRunner.main(
  chapter: "3.7",
  [
    RNNCellForwardExercise.definition.binding(
      {
        try Exercises37.rnnCellForward(
          input: $0.input, hidden: $0.hidden, parameters: $0.parameters)
      }),
    RNNBackpropagationExercise.definition.binding(
      {
        RNNBackpropagationExercise.output(
          try Exercises37.rnnBackpropagationThroughTime(
            inputs: $0.inputs, initialHidden: $0.initialHidden, parameters: $0.parameters,
            hiddenGradients: $0.hiddenGradients))
      }),
    ClipByGlobalNormExercise.definition.binding(
      {
        var matrices = $0.matrices
        let norm = try Exercises37.clipByGlobalNorm(&matrices, maxNorm: $0.maxNorm)
        return ClipByGlobalNormExercise.output(matrices, norm)
      }),
    LSTMCellForwardExercise.definition.binding(
      {
        let state = try Exercises37.lstmCellForward(
          input: $0.input, hidden: $0.hidden, cell: $0.cell!, parameters: $0.parameters)
        return LSTMCellForwardExercise.output(state.hidden, state.cell)
      }),
  ])
