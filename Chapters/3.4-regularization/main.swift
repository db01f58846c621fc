// 3.4 Regularization (正则化): the executable's entry point. The command, its options and
// the order of the experiments are in RegularizationChapter.swift; each experiment has its
// file.

RegularizationChapter.main()
