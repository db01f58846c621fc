enum ExercisesPlaceholder {}
