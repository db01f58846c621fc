import Datasets

/// Loads Fashion-MNIST's training and test splits for a chapter, turning a data error into
/// the one readable line the chapter prints (`Error: …`, non-zero exit).
///
/// A missing file's message already names the install command; this adds the other way
/// out, `--data`, which every chapter that reads the images accepts.
/// - Parameters:
///   - directory: the folder with the four `.gz` files (`--data DIR`).
///   - trainingLimit: keep only the first this many training images (quick mode), or all.
///   - testLimit: keep only the first this many test images, or all.
/// - Throws: `ChapterError.data` with the dataset's message.
public func loadFashionMNIST(
  from directory: String, trainingLimit: Int?, testLimit: Int?
) throws -> (train: ClassificationSet, test: ClassificationSet) {
  do {
    let train = try FashionMNIST.load(.train, from: directory, limit: trainingLimit)
    let test = try FashionMNIST.load(.test, from: directory, limit: testLimit)
    return (train, test)
  } catch let error as DatasetError {
    if case .missingFile = error {
      throw ChapterError.data("\(error) (or point --data at a folder that holds the files)")
    }
    throw ChapterError.data("\(error)")
  }
}
