import ChapterKit
import Datasets
import Layers
import NumericsCore
import Plot
import Production

/// Part 4: saliency, integrated gradients and occlusion maps side by side; the PCA of the
/// hidden activations coloured by class.
func runInterpretability(
  model: Sequential, sizes: ProductionSizes, data: ProductionData, run: ChapterRun
) throws {
  run.section("4. Interpretability: which pixels, and what the hidden layer separates")
  // The first test image of each of a few classes.
  let wanted = [0, 1, 5, 7, 9].prefix(sizes.attributionImages)
  let indices = wanted.compactMap { c in data.test.labels.firstIndex(of: c) }
  var images = [[Double]]()
  var captions = [Caption]()
  var gaps = [Double]()
  let (h, w) = (FashionMNIST.imageHeight, FashionMNIST.imageWidth)
  for index in indices {
    let image = data.test.features.rows(at: [index])
    let label = data.test.labels[index]
    let name = data.test.classNames[label]
    let sal = saliency(model, inputs: image, classes: [label]).row(0)
    let (ig, gap) = integratedGradients(
      model, input: image, baseline: .zeros(rows: 1, columns: image.columns), target: label,
      steps: sizes.integratedGradientSteps)
    gaps.append(gap)
    let occlusion = occlusionMap(
      model, image: image.row(0), height: h, width: w, target: label, patch: 4, stride: 2
    ).withUnsafeElements { Array($0) }
    images += [
      image.row(0), normalised(sal), normalised(ig.row(0).map(abs)),
      normalised(occlusion.map { Swift.max(0, $0) }),
    ]
    captions += [
      Caption(name), Caption("saliency"), Caption("|IG|"), Caption("occlusion"),
    ]
  }
  run.say(
    "integrated gradients with \(sizes.integratedGradientSteps) steps: completeness gap at most "
      + "\(formatPercent(gaps.max() ?? 0, decimals: 3)) (Σ attributions vs f(x) − f(black))")
  run.summary["integrated_gradients"] = .object([
    "steps": .number(Double(sizes.integratedGradientSteps)),
    "max_completeness_gap": .number(gaps.max() ?? 0),
  ])
  let figure = Figure(
    width: 1000, height: 260 * indices.count + 80,
    title:
      "Three attribution maps agree on the outline, not on the details")
  figure.axes.imageGrid(
    images: images, imageWidth: w, imageHeight: h, columns: 4, captions: captions)
  try run.save(
    figure, name: "attribution",
    caption: "For test images of several classes (left): saliency |∂score/∂pixel|, integrated "
      + "gradients from a black baseline, and the score drop when a 4×4 patch is blacked out "
      + "(stride 2). Each map is scaled to its own maximum; brighter = more important.")

  // PCA of the last hidden layer's activations.
  let hiddenNetwork = Sequential(Array(model.layers.dropLast()))
  let count = Swift.min(2000, data.test.count)
  let activations = hiddenNetwork.predict(data.test.features.rows(at: Array(0..<count)))
  let (scores, variances) = principalComponents(activations, components: 2)
  let pca = Figure(title: "The last hidden layer already separates most classes in two directions")
  let axes = pca.axes
  axes.xLabel = "principal component 1"
  axes.yLabel = "principal component 2"
  for c in 0..<10 {
    let rows = (0..<count).filter { data.test.labels[$0] == c }
    axes.scatter(
      x: rows.map { scores[$0, 0] }, y: rows.map { scores[$0, 1] }, label: data.test.classNames[c],
      color: classColor(c), size: 4, alpha: 0.6)
  }
  axes.legendPosition = .outsideRight
  let total = activations.columns > 0 ? totalVariance(activations) : 1
  run.summary["pca"] = .object([
    "explained_variance_fraction": .numbers(variances.map { $0 / total }),
    "points": .number(Double(count)),
  ])
  try run.save(
    pca, name: "hidden-pca",
    caption: "The \(count) first test images projected on the two principal components of the "
      + "last hidden layer's activations, coloured by true class.")
}

private func normalised(_ values: [Double]) -> [Double] {
  let largest = values.map(abs).max() ?? 0
  return largest > 0 ? values.map { $0 / largest } : values
}

private func totalVariance(_ x: Matrix) -> Double {
  let centered = x - x.columnMeans()
  return centered.withUnsafeElements { $0.reduce(0) { $0 + $1 * $1 } } / Double(x.rows - 1)
}

/// Ten distinguishable colours for the ten classes (Okabe–Ito's seven without yellow, then
/// black, grey and brown).
private func classColor(_ c: Int) -> Color {
  let hex = [
    0xE69F00, 0x56B4E9, 0x009E73, 0x0072B2, 0xD55E00, 0xCC79A7, 0x000000, 0x999999, 0x8C510A,
    0x7B3294,
  ]
  return Color(hex: hex[c])
}
