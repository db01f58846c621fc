// TEMP: replace with the Datasets word split from 3.6
//
// The split that 3.6 (sequences) uses, so the two chapters' perplexities are on the same
// words: every word of the list (lower-case a–z, deduplicated: `WordList.load`) goes to a
// part by the FNV-1a 64-bit hash of its UTF-8 bytes: hash % 10 == 0 → test, == 1 →
// validation, otherwise training. A hash, not a shuffle: the part of a word never depends
// on the seed or on which other words are in the file.

/// The three parts of the word list.
struct WordSplit {
  var training: [String] = []
  var validation: [String] = []
  var test: [String] = []

  init(words: [String]) {
    for word in words {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      switch hash % 10 {
      case 0: test.append(word)
      case 1: validation.append(word)
      default: training.append(word)
      }
    }
  }
}
