extension Fraction {
  public static func + (a: Fraction, b: Fraction) throws(ArithmeticError) -> Fraction {
    if a.isZero { return b }
    if b.isZero { return a }
    if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
      if d1 == d2 {
        let (n, o) = n1.addingReportingOverflow(n2)
        if !o && n != Int128.min { return Fraction(storage: .small(n, d1)) }
      } else if let sum = smallSum(n1, d1, n2, d2) {
        return sum
      }
    }
    if let sum = fixedWidthSum(a, b) { return sum }
    let (n1, d1) = a.wide
    let (n2, d2) = b.wide
    // The parts of one split share a denominator: add their numerators. A decimal amount's
    // denominator usually divides a split's (which is that amount's times the weights' sum):
    // scale it up rather than multiply denominators, which would grow with every sum.
    if d1 == d2 { return try normalized(n1 + n2, d1) }
    if d1.limbs.count < d2.limbs.count, let k = d2.exactQuotient(by: d1) {
      return try normalized(n1 * k + n2, d2)
    }
    if d2.limbs.count < d1.limbs.count, let k = d1.exactQuotient(by: d2) {
      return try normalized(n1 + n2 * k, d1)
    }
    return try normalized(n1 * d2 + n2 * d1, d1 * d2)
  }

  /// `n1/d1 + n2/d2` in 128 bits, over lcm(d1, d2); nil when it does not fit.
  static func smallSum(_ n1: Int128, _ d1: Int128, _ n2: Int128, _ d2: Int128) -> Fraction? {
    let g = Int128(gcd(UInt128(d1), UInt128(d2)))
    let (k1, k2) = (d2 / g, d1 / g)
    let (a, o1) = n1.multipliedReportingOverflow(by: k1)
    let (b, o2) = n2.multipliedReportingOverflow(by: k2)
    let (n, o3) = a.addingReportingOverflow(b)
    let (d, o4) = d1.multipliedReportingOverflow(by: k1)
    guard !o1, !o2, !o3, !o4, n != Int128.min else { return nil }
    return Fraction(storage: .small(n, d))
  }

  public static func - (a: Fraction, b: Fraction) throws(ArithmeticError) -> Fraction {
    try a + b.negated
  }

  public static func * (a: Fraction, b: Fraction) throws(ArithmeticError) -> Fraction {
    if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
      let (n, o1) = n1.multipliedReportingOverflow(by: n2)
      let (d, o2) = d1.multipliedReportingOverflow(by: d2)
      if !o1 && !o2 && n != Int128.min { return Fraction(storage: .small(n, d)) }
      // Cancel across before giving up on 128 bits.
      let g1 = Int128(gcd(n1.magnitude, UInt128(d2)))
      let g2 = Int128(gcd(n2.magnitude, UInt128(d1)))
      if g1 != 0, g2 != 0 {
        let (rn, o3) = (n1 / g1).multipliedReportingOverflow(by: n2 / g2)
        let (rd, o4) = (d1 / g2).multipliedReportingOverflow(by: d2 / g1)
        if !o3 && !o4 && rn != Int128.min { return Fraction(storage: .small(rn, rd)) }
      }
    }
    if let product = fixedWidthProduct(a, b) { return product }
    let (n1, d1) = a.wide
    let (n2, d2) = b.wide
    return try normalized(n1 * n2, d1 * d2)
  }

  public static func / (a: Fraction, b: Fraction) throws(ArithmeticError) -> Fraction {
    guard !b.isZero else { throw .divisionByZero }
    return try a * b.reciprocal()
  }

  /// 1 / self; the caller has checked it is not zero. (A 128-bit numerator is never
  /// `Int128.min`, so its magnitude always fits.)
  func reciprocal() throws(ArithmeticError) -> Fraction {
    switch storage {
    case .small(let n, let d): return Fraction(storage: .small(n < 0 ? -d : d, Int128(n.magnitude)))
    case .mid, .big:
      let (n, d) = wide
      return try Fraction.normalized(d, n)
    }
  }

  /// `amount` x weight / sum of weights for each weight: exact parts over one denominator
  /// (amount's denominator x the weights' sum at their common scale), so they sum to `amount`
  /// exactly and add, compare and round without a gcd. The weights are not negative and do not
  /// all vanish (the caller checks).
  public static func proRata(_ amount: Fraction, weights: [Exact]) throws(ArithmeticError)
    -> [Fraction]
  {
    let scale = weights.map(\.scale).max() ?? 0
    if let parts = fixedWidthProRata(amount, weights: weights, scale: scale) { return parts }
    let (n, d) = amount.wide
    // Weights at one scale are 128-bit magnitudes in practice (10^10 points at 28 digits):
    // their sum is taken in 256 bits and each part is one multiplication by a limb pair.
    if let units = alignedUnits(weights, scale: scale) {
      var sum = Wide(low: 0)
      for u in units {
        guard let next = sum.adding(Wide(low: u)) else { throw .overflow }
        sum = next
      }
      guard !sum.isZero else { throw .divisionByZero }
      let denominator = d * BigInt(sum, negative: false)
      var parts: [Fraction] = []
      parts.reserveCapacity(units.count)
      for u in units { parts.append(try normalized(n.multiplied(byMagnitude: u), denominator)) }
      return parts
    }
    var units: [BigInt] = []
    units.reserveCapacity(weights.count)
    var sum = BigInt(0)
    for w in weights {
      let u = BigInt(w.significand) * BigInt(Int128(Exact.powersOfTen[scale - w.scale]))
      units.append(u)
      sum = sum + u
    }
    guard !sum.isZero else { throw .divisionByZero }
    let denominator = d * sum
    var parts: [Fraction] = []
    parts.reserveCapacity(weights.count)
    for u in units { parts.append(try normalized(n * u, denominator)) }
    return parts
  }

  /// The weights' significands at `scale` as 128-bit magnitudes; nil when one is negative or
  /// does not fit (the general path takes those).
  static func alignedUnits(_ weights: [Exact], scale: Int) -> [UInt128]? {
    var units: [UInt128] = []
    units.reserveCapacity(weights.count)
    for w in weights {
      guard !w.isNegative else { return nil }
      let (u, o) = UInt128(w.significand).multipliedReportingOverflow(
        by: Exact.powersOfTen[scale - w.scale])
      guard !o else { return nil }
      units.append(u)
    }
    return units
  }

  public static func min(_ a: Fraction, _ b: Fraction) -> Fraction { b < a ? b : a }
  public static func max(_ a: Fraction, _ b: Fraction) -> Fraction { a < b ? b : a }

  /// Floor of `self x unit` and its non-negative remainder over the denominator, in 128 bits;
  /// nil when the product does not fit (the wide path).
  private func smallFloor(_ unit: Int128) -> (q: Int128, r: Int128, d: Int128)? {
    guard case .small(let n, let d) = storage else { return nil }
    let (m, o) = n.multipliedReportingOverflow(by: unit)
    guard !o else { return nil }
    let (q, r) = (m / d, m % d)
    return r < 0 ? (q - 1, r + d, d) : (q, r, d)
  }

  /// Floor of `self x 10^decimals`, and what is left over as a fraction of one minor unit in
  /// [0, 1): how a line is rounded to the fen.
  public func minorUnitsFloor(decimals: Int) throws(ArithmeticError) -> (
    floor: Int128, remainder: Fraction
  ) {
    let unit = Int128(Exact.powersOfTen[decimals])
    if let (q, r, d) = smallFloor(unit) { return (q, Fraction(storage: .small(r, d))) }
    let (n, d) = wide
    let (q, r) = (n * BigInt(unit)).flooredDivision(by: d)
    guard let floor = q.int128 else { throw .overflow }
    return (floor, try Fraction.normalized(r, d))
  }

  /// Floor of `self x 10^decimals`, and a 64-bit sort key of what is left over: floor(rest x
  /// 2^64) for the rest in [0, 1), so a larger key is a larger remainder (equal keys need the
  /// exact remainder, `minorUnitsFloor`). One division for both: how a pool is rounded.
  public func minorUnitsKeyed(decimals: Int) throws(ArithmeticError) -> (
    floor: Int128, key: UInt64
  ) {
    let unit = Int128(Exact.powersOfTen[decimals])
    if let (q, r, d) = smallFloor(unit) {
      let (key, _) = UInt128(d).dividingFullWidth((high: UInt128(r) >> 64, low: UInt128(r) << 64))
      return (q, UInt64(truncatingIfNeeded: key))
    }
    if let keyed = try fixedWidthKeyed(unit) { return keyed }
    let (n, d) = wide
    // The unit is one limb for any currency; past 19 decimals it goes into the numerator.
    let fits = unit <= Int128(UInt64.max)
    let scaled = fits ? n : n * BigInt(unit)
    guard let (high, low, exact) = scaled.scaledQuotient(unit: fits ? UInt64(unit) : 1, by: d)
    else {
      throw .overflow
    }
    return try Fraction.keyedFloor(high: high, low: low, exact: exact, negative: n.negative)
  }

  /// The floor and key of `minorUnitsKeyed` from q = floor(|value| x unit x 2^64) (its part
  /// above the low limb, the low limb, and whether the division was exact) and the sign.
  static func keyedFloor(high: UInt128, low: UInt64, exact: Bool, negative: Bool)
    throws(ArithmeticError) -> (floor: Int128, key: UInt64)
  {
    guard high <= UInt128(Int128.max) else { throw .overflow }
    if !negative { return (Int128(high), low) }
    // A negative value floors away from zero: its magnitude x 2^64 is rounded up, then the
    // floor is minus that rounded up to whole units and the key what is left to reach it.
    // (A carry out of the low limb leaves it zero, so `up` grows by one at most: <= 2^127.)
    var (up, rest) = (high, low)
    if !exact {
      let (l, c) = rest.addingReportingOverflow(1)
      rest = l
      if c { up += 1 }
    }
    if rest != 0 { up += 1 }
    return (up == UInt128(Int128.max) + 1 ? Int128.min : -Int128(up), 0 &- rest)
  }

  /// The value rounded to `places` fraction digits half-even: for display next to the exact
  /// fraction, never for money.
  public func rounded(places: Int) throws(ArithmeticError) -> Exact {
    let (q, r) = try minorUnitsFloor(decimals: places)
    let twice = try r + r
    let half = twice < Fraction(1) ? 0 : (Fraction(1) < twice ? 1 : (q % 2 == 0 ? 0 : 1))
    return try Exact(significand: q + Int128(half), scale: places)
  }
}

extension Fraction: Equatable, Comparable {
  public static func == (a: Fraction, b: Fraction) -> Bool { compare(a, b) == 0 }
  public static func < (a: Fraction, b: Fraction) -> Bool { compare(a, b) < 0 }

  static func compare(_ a: Fraction, _ b: Fraction) -> Int {
    if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
      if d1 == d2 { return n1 == n2 ? 0 : (n1 < n2 ? -1 : 1) }
      let x = n1.multipliedFullWidth(by: d2)
      let y = n2.multipliedFullWidth(by: d1)
      if x.high != y.high { return x.high < y.high ? -1 : 1 }
      return x.low == y.low ? 0 : (x.low < y.low ? -1 : 1)
    }
    if let c = fixedWidthCompare(a, b) { return c }
    let (n1, d1) = a.wide
    let (n2, d2) = b.wide
    let (x, y) = d1 == d2 ? (n1, n2) : (n1 * d2, n2 * d1)
    return x == y ? 0 : (x < y ? -1 : 1)
  }
}

extension Sequence<Fraction> {
  /// The exact sum. Terms over one denominator (a split's lines) are added first, numerators
  /// only: in 256 bits on the stack, or in place on the heap for wider ones; then the few sums
  /// of different denominators are combined.
  public func sum() throws(ArithmeticError) -> Fraction {
    var fixed: [(magnitude: Wide, negative: Bool, denominator: Wide)] = []
    var wide: [(n: BigInt, d: BigInt)] = []
    var spilled: [Fraction] = []
    for f in self {
      switch f.storage {
      case .big(let n, let d):
        if let i = wide.lastIndex(where: { $0.d == d }) {
          wide[i].n.add(n)
        } else {
          wide.append((n, d))
        }
      case .small, .mid:
        guard let x = f.fixedWidth, !x.magnitude.isZero else { continue }
        guard let i = fixed.lastIndex(where: { $0.denominator == x.denominator }) else {
          fixed.append(x)
          continue
        }
        let a = fixed[i]
        if let s = Fraction.signedSum((a.magnitude, a.negative), (x.magnitude, x.negative)) {
          fixed[i] = (s.magnitude, s.negative, a.denominator)
        } else {
          // Past 256 bits: this group goes on as a heap fraction.
          spilled.append(Fraction.make(a.magnitude, negative: a.negative, over: a.denominator))
          fixed[i] = x
        }
      }
    }
    var total = Fraction.zero
    for g in fixed {
      total = try total + Fraction.make(g.magnitude, negative: g.negative, over: g.denominator)
    }
    for (n, d) in wide { total = try total + Fraction.normalized(n, d) }
    for f in spilled { total = try total + f }
    return total
  }
}

extension Fraction {
  func sharesDenominator(with other: Fraction) -> Bool {
    switch (storage, other.storage) {
    case (.big(_, let a), .big(_, let b)): a == b
    case (.big, _), (_, .big): false
    default: fixedWidth?.denominator == other.fixedWidth?.denominator
    }
  }
}
