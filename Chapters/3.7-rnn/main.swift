// 3.7 Recurrent neural networks (循环神经网络): the executable's entry point. The command and
// its sub-modes are in RNNChapter.swift (experiments) and BPTTMode.swift (`rnn bptt`).

RNNChapter.main()
