// 3.8 Generative adversarial networks (生成对抗网络): the executable's entry point. The
// command and the order of the experiments are in GANChapter.swift; `gan gaussian` is in
// GaussianCommand.swift; each experiment has its own file.

GANChapter.main()
