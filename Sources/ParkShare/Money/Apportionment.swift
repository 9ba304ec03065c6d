/// Splits a whole number of minor units among weights so the parts sum exactly to the total.
///
/// Largest-remainder method: every part gets floor(total x weight / sum of weights); the fen left
/// over go one each to the largest remainders. Ties are broken by the larger weight, then by the
/// earlier position, so callers fix the order (the engine passes parties sorted by id): the result
/// never depends on anything else. 5 fen at 70/30 gives 4 and 1; 8.00 three ways gives 2.67, 2.67,
/// 2.66; 99.99 at 75/25 gives 74.99 and 25.00 (each part within one fen of its exact share).
public enum Apportionment {
  public static func largestRemainder(_ total: Int128, weights: [Exact]) throws(ArithmeticError)
    -> [Int128]
  {
    guard !weights.isEmpty else { throw .invalidWeights("nothing to apportion among") }
    guard !weights.contains(where: \.isNegative) else {
      throw .invalidWeights("a weight is negative")
    }
    // Bring every weight to one scale so they become integers with an exact sum.
    let scale = weights.map(\.scale).max() ?? 0
    var units: [UInt128] = []
    units.reserveCapacity(weights.count)
    var sum: UInt128 = 0
    for w in weights {
      let (u, o1) = w.significand.magnitude.multipliedReportingOverflow(
        by: Exact.powersOfTen[scale - w.scale])
      let (s, o2) = sum.addingReportingOverflow(u)
      guard !o1, !o2 else { throw .overflow }
      units.append(u)
      sum = s
    }
    guard sum > 0 else { throw .invalidWeights("all weights are zero") }
    let magnitude = total.magnitude
    var parts: [Int128] = []
    var remainders: [UInt128] = []
    parts.reserveCapacity(units.count)
    remainders.reserveCapacity(units.count)
    var given: UInt128 = 0
    for u in units {
      // magnitude x u / sum: the quotient is at most `magnitude`, so it always fits.
      let (q, r) = sum.dividingFullWidth(magnitude.multipliedFullWidth(by: u))
      parts.append(Int128(q))
      remainders.append(r)
      given += q
    }
    let leftover = Int(magnitude - given)  // < weights.count
    if leftover > 0 {
      let order = units.indices.sorted { i, j in
        remainders[i] != remainders[j]
          ? remainders[i] > remainders[j]
          : (units[i] != units[j] ? units[i] > units[j] : i < j)
      }
      for i in order.prefix(leftover) { parts[i] += 1 }
    }
    return total < 0 ? parts.map { -$0 } : parts
  }
}
