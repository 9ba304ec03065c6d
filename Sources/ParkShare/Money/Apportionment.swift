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
    guard total != Int128.min else { throw .overflow }
    let sum = try weights.sum()
    guard !sum.isZero else { throw .invalidWeights("all weights are zero") }
    // Each exact share is |total| x weight / sum, a fraction: rounding them to the total is
    // `roundToTotal`, so both share one rule (larger remainder, larger share, earlier place).
    let magnitude = try Fraction(Int128(total.magnitude), over: 1)
    let perWeight = try magnitude / Fraction(sum)
    var shares: [Fraction] = []
    shares.reserveCapacity(weights.count)
    for w in weights { shares.append(try Fraction(w) * perWeight) }
    let parts = try roundToTotal(shares, total: Int128(total.magnitude), decimals: 0)
    return total < 0 ? parts.map { -$0 } : parts
  }
}

extension Apportionment {
  /// Rounds exact amounts (of either sign) to whole minor units so that they sum to `total`
  /// minor units: every amount is floored, and the units still missing go one each to the
  /// largest fractional remainders. Ties: larger remainder, then larger amount, then earlier
  /// position (the one rule of docs/money.md). Remainders are compared as exact fractions, so
  /// no decimal truncation decides a unit. Each part stays within one minor unit of its exact
  /// amount whenever `total` is the rounded sum of the amounts (how a pool's lines are paid).
  public static func roundToTotal(_ amounts: [Fraction], total: Int128, decimals: Int)
    throws(ArithmeticError) -> [Int128]
  {
    var floors: [Int128] = []
    var keys: [UInt64] = []
    floors.reserveCapacity(amounts.count)
    keys.reserveCapacity(amounts.count)
    var sum: Int128 = 0
    for a in amounts {
      let (f, k) = try a.minorUnitsKeyed(decimals: decimals)
      floors.append(f)
      keys.append(k)
      let (next, overflow) = sum.addingReportingOverflow(f)
      guard !overflow else { throw .overflow }
      sum = next
    }
    let (missing, overflow) = total.subtractingReportingOverflow(sum)
    guard !overflow else { throw .overflow }
    guard !amounts.isEmpty else {
      guard missing == 0 else { throw .invalidWeights("nothing to round a nonzero total into") }
      return []
    }
    // The floors already meet the total: no unit to hand out, no order needed.
    if missing == 0 { return floors }
    // Sort by the 64-bit key (a larger key is a larger remainder), then settle each run of
    // equal keys by the exact rule: remainders are worked out only for amounts in such a run.
    var order = Array(amounts.indices)
    order.sort { i, j in keys[i] != keys[j] ? keys[i] > keys[j] : i < j }
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && keys[order[end]] == keys[order[start]] { end += 1 }
      if end - start > 1 {
        var run: [(index: Int, remainder: Fraction)] = []
        for i in order[start..<end] {
          run.append((i, try amounts[i].minorUnitsFloor(decimals: decimals).remainder))
        }
        run.sort { x, y in
          let c = Fraction.compare(x.remainder, y.remainder)
          if c != 0 { return c > 0 }
          let a = Fraction.compare(amounts[x.index], amounts[y.index])
          return a != 0 ? a > 0 : x.index < y.index
        }
        for (k, entry) in run.enumerated() { order[start + k] = entry.index }
      }
      start = end
    }
    return handOut(missing, to: floors, in: order)
  }

  /// The floors with `missing` units handed out one at a time in `order` (taken back from its
  /// end when negative). Normally 0 <= missing < count; a total that is not the rounded sum is
  /// still met exactly, going round the same order.
  static func handOut(_ missing: Int128, to floors: [Int128], in order: [Int]) -> [Int128] {
    var parts = floors
    // Whole rounds of the order at once, then the part of a round: the same result as handing
    // out one unit at a time, in time independent of how far the total is from the floors.
    let (rounds, rest) = missing.quotientAndRemainder(dividingBy: Int128(order.count))
    if rounds != 0 { for i in parts.indices { parts[i] += rounds } }
    if rest > 0 { for k in 0..<Int(rest) { parts[order[k]] += 1 } }
    if rest < 0 { for k in 0..<Int(-rest) { parts[order[order.count - 1 - k]] -= 1 } }
    return parts
  }

}
