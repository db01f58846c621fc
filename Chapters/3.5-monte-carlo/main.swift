// 3.5 Monte Carlo (蒙特卡洛法): the executable's entry point. The command, its options and
// the order of the experiments are in MonteCarloChapter.swift; each experiment has its file.

MonteCarloChapter.main()
