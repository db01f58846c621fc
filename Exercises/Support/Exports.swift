// Everything a stub may use, and nothing it is asked to write: `import ExerciseSupport`
// brings Matrix and the seeded generators (NumericsCore), LossResult, Reduction and
// MonteCarloEstimate (CourseTypes), and ExerciseError. The reference implementations
// (Losses, Optimizers, Layers, MonteCarlo) are not dependencies of the exercise targets,
// so a stub cannot pass by calling the answer.

@_exported import CourseTypes
@_exported import NumericsCore
