// `MonteCarloEstimate` lives in CourseTypes (so the exercise stubs can return it without
// seeing this module's estimators); `import MonteCarlo` still brings it in.

@_exported import CourseTypes
