import ChapterKit

/// Runs every experiment of the chapter.
func runExperiments(options: ChapterOptions) throws {
  let run = try ChapterRun(
    chapter: "production", title: "2.3 The problems of production (现阶段存在的问题)",
    options: options)
  try run.finish()
}
