import NumericsCore

/// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 70,000 greyscale 28×28 images of
/// clothing in 10 classes; 60,000 for training and 10,000 for testing.
///
/// A drop-in replacement for MNIST digits that is harder (a linear model reaches about
/// 84%, a small MLP about 88–89%) and so leaves room to see differences between models.
/// The files come from Debian's `dataset-fashion-mnist` package, in the IDX format,
/// gzip-compressed:
/// ```
/// train-images-idx3-ubyte.gz   60000 × 28 × 28 bytes
/// train-labels-idx1-ubyte.gz   60000 bytes, values 0…9
/// t10k-images-idx3-ubyte.gz    10000 × 28 × 28
/// t10k-labels-idx1-ubyte.gz    10000
/// ```
public enum FashionMNIST {
  /// Where Debian's `dataset-fashion-mnist` installs the files.
  public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
  /// The command that installs the data set.
  public static let installCommand = "sudo apt-get install dataset-fashion-mnist"
  /// Image width and height in pixels.
  public static let imageWidth = 28
  /// Image height in pixels.
  public static let imageHeight = 28
  /// The class names, index = label, as in the data set's README.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  /// The two halves of the data set.
  public enum Split: String, Sendable, CaseIterable {
    /// 60,000 images for training.
    case train
    /// 10,000 images for testing.
    case test

    /// The file-name prefix: `train` or `t10k`.
    var filePrefix: String { self == .train ? "train" : "t10k" }
  }

  /// The image and label file paths of a split in `directory`.
  public static func files(
    for split: Split, in directory: String = defaultDirectory
  )
    -> (images: String, labels: String)
  {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    return (
      "\(base)/\(split.filePrefix)-images-idx3-ubyte.gz",
      "\(base)/\(split.filePrefix)-labels-idx1-ubyte.gz"
    )
  }

  /// The most images a split may hold: the real files hold 60,000 and 10,000. A header that
  /// states more is damage; refusing it bounds memory (100,000 × 784 bytes = 78 MB, and
  /// 627 MB as doubles).
  public static let maximumCount = 100_000

  /// Loads a split, pixels scaled to [0, 1].
  ///
  /// ```
  /// features[i, 28·r + c] = pixel(i, r, c) / 255      // count × 784
  /// ```
  /// Both files are always verified whole (gzip CRC and length, header against data,
  /// every label, image and label counts), with or without `limit`: a limit only keeps fewer
  /// images in memory. Inflating the 26 MB training images takes about 0.2 s.
  /// - Parameters:
  ///   - split: `.train` or `.test`.
  ///   - directory: the folder with the four `.gz` files (`--data DIR`).
  ///   - limit: keep only the first `limit` images and labels (≥ 1).
  /// - Returns: `count × 784` features, labels 0…9 and the class names.
  /// - Throws: `DatasetError`: a missing file (with the install command), a damaged or
  ///   truncated file, a wrong magic number or shape, image and label counts that differ,
  ///   a file with no images.
  public static func load(
    _ split: Split, from directory: String = defaultDirectory, limit: Int? = nil
  ) throws -> ClassificationSet {
    precondition(limit.map { $0 >= 1 } ?? true, "FashionMNIST.load: limit \(limit!) must be ≥ 1")
    let paths = files(for: split, in: directory)
    let hint = installCommand
    let labelsPath = existingVariant(of: paths.labels)
    let imagesPath = existingVariant(of: paths.images)
    // The labels file is small (60 kB): read it whole so that every label is checked.
    let labels = try readIDX(
      path: labelsPath, dimensionCount: 1, maximumBytes: 8 + maximumCount, installHint: hint)
    let images = try readIDX(
      path: imagesPath, dimensionCount: 3, itemLimit: limit,
      maximumBytes: 16 + maximumCount * imageHeight * imageWidth, installHint: hint)
    guard images.dimensions[1] == imageHeight, images.dimensions[2] == imageWidth else {
      throw DatasetError.unexpectedShape(
        path: imagesPath, found: Array(images.dimensions.dropFirst()), expected: "28×28")
    }
    guard images.fileItemCount == labels.fileItemCount else {
      throw DatasetError.countMismatch(
        imagesPath: imagesPath, images: images.fileItemCount,
        labelsPath: labelsPath, labels: labels.fileItemCount)
    }
    guard images.fileItemCount > 0 else {
      throw DatasetError.empty(path: imagesPath, items: "images")
    }
    if let (index, value) = labels.bytes.enumerated().first(where: { $0.element >= 10 }) {
      throw DatasetError.invalidLabel(
        path: labelsPath, index: index, value: Int(value), classCount: 10)
    }
    return ClassificationSet(
      features: scaledPixels(images),
      labels: labels.bytes.prefix(images.dimensions[0]).map(Int.init),
      classNames: classNames)
  }

  /// `path`, or the same name without `.gz` when only an uncompressed copy exists (someone
  /// ran `gunzip` on the folder); the `.gz` name otherwise, so a missing file is named as
  /// the package installs it.
  static func existingVariant(of path: String) -> String {
    guard path.hasSuffix(".gz"), !fileExists(path) else { return path }
    let plain = String(path.dropLast(3))
    return fileExists(plain) ? plain : path
  }

  /// Bytes 0…255 → doubles in [0, 1], as one `count × (rows·columns)` matrix.
  static func scaledPixels(_ images: IDXArray) -> Matrix {
    let count = images.dimensions[0]
    let size = images.dimensions[1] * images.dimensions[2]
    var pixels = [Double](repeating: 0, count: count * size)
    images.bytes.withUnsafeBufferPointer { source in
      pixels.withUnsafeMutableBufferPointer { target in
        for i in 0..<source.count { target[i] = Double(source[i]) / 255 }
      }
    }
    return Matrix(rows: count, columns: size, elements: pixels)
  }
}
