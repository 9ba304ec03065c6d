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

extension Apportionment {
  /// Rounds exact amounts (of either sign) to whole minor units so that they sum to `total`
  /// minor units: every amount is floored, and the fen still missing go one each to the largest
  /// fractional remainders. Ties: larger remainder, then larger amount, then earlier position.
  /// Each part stays within one minor unit of its exact amount whenever `total` is the rounded
  /// sum of the amounts (how a pool's lines are paid).
  public static func roundToTotal(_ amounts: [Exact], total: Int128, decimals: Int)
    throws(ArithmeticError) -> [Int128]
  {
    if let parts = roundToTotalInIntegers(amounts, total: total, decimals: decimals) {
      return parts
    }
    return try roundToTotalInDecimals(amounts, total: total, decimals: decimals)
  }

  /// `roundToTotal` with `Exact` arithmetic throughout: for amounts too large for the integer
  /// path.
  static func roundToTotalInDecimals(_ amounts: [Exact], total: Int128, decimals: Int)
    throws(ArithmeticError) -> [Int128]
  {
    var floors: [Int128] = []
    var remainders: [Exact] = []
    floors.reserveCapacity(amounts.count)
    for a in amounts {
      let f = try a.minorUnits(decimals: decimals, .down)
      // `.down` is toward zero: step negative amounts with a fraction one more unit down.
      let exactFloor = try Exact(minorUnits: f, decimals: decimals)
      let floor = exactFloor > a ? f - 1 : f
      floors.append(floor)
      remainders.append(try a - Exact(minorUnits: floor, decimals: decimals))
    }
    let missing = total - floors.reduce(0, +)
    guard !amounts.isEmpty else {
      guard missing == 0 else { throw .invalidWeights("nothing to round a nonzero total into") }
      return []
    }
    // The floors already meet the total: no unit to hand out, no order needed.
    if missing == 0 { return floors }
    let order = amounts.indices.sorted { i, j in
      remainders[i] != remainders[j]
        ? remainders[j] < remainders[i]
        : (amounts[i] != amounts[j] ? amounts[j] < amounts[i] : i < j)
    }
    return handOut(missing, to: floors, in: order)
  }

  /// The floors with `missing` units handed out one at a time in `order` (taken back from its
  /// end when negative). Normally 0 <= missing < count; a total that is not the rounded sum is
  /// still met exactly, going round the same order.
  static func handOut(_ missing: Int128, to floors: [Int128], in order: [Int]) -> [Int128] {
    var parts = floors
    var missing = missing
    var k = 0
    while missing > 0 {
      parts[order[k % order.count]] += 1
      missing -= 1
      k += 1
    }
    k = 0
    while missing < 0 {
      parts[order[order.count - 1 - k % order.count]] -= 1
      missing += 1
      k += 1
    }
    return parts
  }

  /// `roundToTotal` in integers: every amount brought to one scale (at least `decimals`), so
  /// floors and remainders are integer division and the order compares integers. The same
  /// floors, remainders and tie-breaks as the general path; nil (use that path) when an amount
  /// does not fit 128 bits at that scale.
  static func roundToTotalInIntegers(_ amounts: [Exact], total: Int128, decimals: Int)
    -> [Int128]?
  {
    guard !amounts.isEmpty else { return nil }
    let scale = max(decimals, amounts.map(\.scale).max() ?? 0)
    guard scale <= Exact.maxScale else { return nil }
    let unit = Int128(Exact.powersOfTen[scale - decimals])
    var scaled: [Int128] = []
    scaled.reserveCapacity(amounts.count)
    for a in amounts {
      let (v, overflow) = a.significand.multipliedReportingOverflow(
        by: Int128(Exact.powersOfTen[scale - a.scale]))
      guard !overflow else { return nil }
      scaled.append(v)
    }
    var floors: [Int128] = []
    var remainders: [Int128] = []
    floors.reserveCapacity(amounts.count)
    remainders.reserveCapacity(amounts.count)
    var sum: Int128 = 0
    for v in scaled {
      // Floor division: toward minus infinity, so a remainder is never negative.
      var q = v / unit
      if v % unit != 0 && v < 0 { q -= 1 }
      floors.append(q)
      remainders.append(v - q * unit)
      let (next, overflow) = sum.addingReportingOverflow(q)
      guard !overflow else { return nil }
      sum = next
    }
    let (gap, overflow) = total.subtractingReportingOverflow(sum)
    guard !overflow else { return nil }
    if gap == 0 { return floors }
    let order = amounts.indices.sorted { i, j in
      remainders[i] != remainders[j]
        ? remainders[j] < remainders[i]
        : (scaled[i] != scaled[j] ? scaled[j] < scaled[i] : i < j)
    }
    return handOut(gap, to: floors, in: order)
  }
}
