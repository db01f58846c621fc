// 3.6 Sequence models (序列模型): the executable's entry point. The command and the order of
// the experiments are in SequencesChapter.swift; the calculator is NGramCalculator.swift.

SequencesChapter.main()
