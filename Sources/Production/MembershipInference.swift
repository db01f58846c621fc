// Membership inference (Shokri et al. 2017; the loss-threshold attack of Yeom, Giacomelli,
// Fredrikson & Jha, CSF 2018): a model fits its training examples better than unseen ones,
// so an attacker who sees an example's loss guesses "member" when the loss is low. How well
// that guess separates members from non-members, over every threshold, is the area under
// the ROC curve: 0.5 means the model leaks nothing this attack can see, 1 means every
// member is told apart.

/// The AUC of the loss-threshold attack: the probability that a random member has a lower
/// loss than a random non-member (ties count half) — the Mann–Whitney U statistic / (m·n).
///
/// Computed by sorting all losses once and summing the ranks of the members, O((m+n) log(m+n)),
/// with tied losses given their average rank.
///
/// - Parameters:
///   - memberLosses: per-example losses of training examples.
///   - nonMemberLosses: per-example losses of held-out examples.
/// - Returns: AUC in [0, 1].
/// - Precondition: both non-empty, no NaN.
public func lossThresholdAttackAUC(memberLosses: [Double], nonMemberLosses: [Double]) -> Double {
  precondition(
    !memberLosses.isEmpty && !nonMemberLosses.isEmpty,
    "lossThresholdAttackAUC: needs members and non-members")
  precondition(
    !(memberLosses + nonMemberLosses).contains(where: \.isNaN),
    "lossThresholdAttackAUC: a loss is NaN")
  // Rank by descending loss: a member "wins" a pair when its loss is lower, i.e. its rank
  // in descending order is higher.
  let all = memberLosses.map { ($0, true) } + nonMemberLosses.map { ($0, false) }
  let sorted = all.sorted { $0.0 > $1.0 }
  var memberRankSum = 0.0
  var start = 0
  while start < sorted.count {
    var end = start
    while end + 1 < sorted.count && sorted[end + 1].0 == sorted[start].0 { end += 1 }
    let averageRank = Double(start + end) / 2 + 1  // ranks from 1
    for index in start...end where sorted[index].1 { memberRankSum += averageRank }
    start = end + 1
  }
  let (m, n) = (Double(memberLosses.count), Double(nonMemberLosses.count))
  let u = memberRankSum - m * (m + 1) / 2
  return u / (m * n)
}
