// Contour lines by marching squares.
//
// Each grid cell's four corners are classified as above or below the level; the level line
// crosses the cell's edges where neighbouring corners differ, at the point found by linear
// interpolation along the edge:
//
//     t = (level − v_p) / (v_q − v_p),   crossing = p + t · (q − p)
//
// A cell with two crossings gets one segment. A cell with four crossings (a saddle: the
// diagonal corners agree) is ambiguous; the average of the four corners decides which pair
// of corners the level line separates. Cells with a non-finite corner are skipped.
// Segments meet on shared cell edges, so they are chained into long polylines, which stroke
// with smooth joins (and dash patterns that run on around corners).

import Foundation

enum MarchingSquares {
  /// Polylines (data coordinates) where the bilinear-interpolated grid equals `level`.
  ///
  /// `values[j][i]` is the value at `(x[i], y[j])`.
  static func lines(
    x: [Double], y: [Double], values: [[Double]], level: Double
  )
    -> [[DataPoint]]
  {
    let n = x.count
    let m = y.count
    guard n >= 2, m >= 2 else { return [] }
    // Edge ids: horizontal edge from (i, j) to (i+1, j) is 2(jn+i); vertical edge from
    // (i, j) to (i, j+1) is 2(jn+i)+1.
    func horizontal(_ i: Int, _ j: Int) -> Int { 2 * (j * n + i) }
    func vertical(_ i: Int, _ j: Int) -> Int { 2 * (j * n + i) + 1 }
    var crossings: [Int: DataPoint] = [:]
    func crossing(_ id: Int, _ i0: Int, _ j0: Int, _ i1: Int, _ j1: Int) {
      guard crossings[id] == nil else { return }
      let v0 = values[j0][i0]
      let v1 = values[j1][i1]
      let t = v1 == v0 ? 0.5 : Swift.min(1, Swift.max(0, (level - v0) / (v1 - v0)))
      crossings[id] = (x[i0] + t * (x[i1] - x[i0]), y[j0] + t * (y[j1] - y[j0]))
    }
    var segments: [(Int, Int)] = []
    for j in 0..<(m - 1) {
      for i in 0..<(n - 1) {
        let a = values[j][i]
        let b = values[j][i + 1]
        let c = values[j + 1][i + 1]
        let d = values[j + 1][i]
        guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
        let above = [a > level, b > level, c > level, d > level]
        // Edges: 0 bottom (a–b), 1 right (b–c), 2 top (d–c), 3 left (a–d).
        let edgeIDs = [horizontal(i, j), vertical(i + 1, j), horizontal(i, j + 1), vertical(i, j)]
        var crossed: [Int] = []
        if above[0] != above[1] {
          crossing(edgeIDs[0], i, j, i + 1, j)
          crossed.append(0)
        }
        if above[1] != above[2] {
          crossing(edgeIDs[1], i + 1, j, i + 1, j + 1)
          crossed.append(1)
        }
        if above[3] != above[2] {
          crossing(edgeIDs[2], i, j + 1, i + 1, j + 1)
          crossed.append(2)
        }
        if above[0] != above[3] {
          crossing(edgeIDs[3], i, j, i, j + 1)
          crossed.append(3)
        }
        if crossed.count == 2 {
          segments.append((edgeIDs[crossed[0]], edgeIDs[crossed[1]]))
        } else if crossed.count == 4 {
          let centerAbove = (a + b + c + d) / 4 > level
          if centerAbove == above[0] {
            // a and c are joined through the centre: the lines cut off corners b and d.
            segments.append((edgeIDs[0], edgeIDs[1]))
            segments.append((edgeIDs[2], edgeIDs[3]))
          } else {
            segments.append((edgeIDs[3], edgeIDs[0]))
            segments.append((edgeIDs[1], edgeIDs[2]))
          }
        }
      }
    }
    return chain(segments).map { ids in ids.map { crossings[$0]! } }
  }

  /// Joins segments that share an end into polylines of edge ids (order follows the
  /// segment list, so the result is deterministic).
  static func chain(_ segments: [(Int, Int)]) -> [[Int]] {
    var byEdge: [Int: [Int]] = [:]
    for (k, s) in segments.enumerated() {
      byEdge[s.0, default: []].append(k)
      byEdge[s.1, default: []].append(k)
    }
    var used = [Bool](repeating: false, count: segments.count)
    var result: [[Int]] = []
    func extend(_ path: inout [Int]) {
      while let last = path.last, let candidates = byEdge[last],
        let next = candidates.first(where: { !used[$0] })
      {
        used[next] = true
        let s = segments[next]
        path.append(s.0 == last ? s.1 : s.0)
      }
    }
    for k in segments.indices where !used[k] {
      used[k] = true
      var forward = [segments[k].0, segments[k].1]
      extend(&forward)
      var backward = [segments[k].0]
      extend(&backward)
      result.append(backward.dropFirst().reversed() + forward)
    }
    return result
  }

  /// The levels to draw for a grid (only levels strictly between its min and max).
  static func levels(_ choice: ContourLevels, values: [[Double]]) -> [Double] {
    let finite = values.joined().filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max(), hi > lo else { return [] }
    switch choice {
    case .explicit(let levels):
      return levels.sorted()
    case .automatic(let count):
      return Ticks.linear(lo, hi, maxIntervals: Swift.max(1, count)).major.filter {
        $0 > lo && $0 < hi
      }
    case .logSpaced(let count):
      guard let smallest = finite.filter({ $0 > 0 }).min(), hi > smallest, count > 0 else {
        return []
      }
      // Start at most six decades below the maximum: a grid point on the exact minimum
      // (value 0 or 1e-12) would otherwise crowd all levels into its neighbourhood.
      let a = Swift.max(log10(smallest), log10(hi) - 6)
      let b = log10(hi)
      return (1...count).map { pow(10, a + (b - a) * Double($0) / Double(count + 1)) }
    }
  }
}
