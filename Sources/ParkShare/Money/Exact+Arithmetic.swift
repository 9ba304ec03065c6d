extension Exact {
  @inlinable
  public static func + (a: Exact, b: Exact) throws(ArithmeticError) -> Exact {
    if a.scale == b.scale {
      let (s, o) = a.significand.addingReportingOverflow(b.significand)
      if !o && s != .min { return Exact(unchecked: s, scale: a.scale) }
    }
    return try addSlow(a, b)
  }

  @inlinable
  public static func - (a: Exact, b: Exact) throws(ArithmeticError) -> Exact {
    try a + b.negated
  }

  @inlinable
  public static prefix func - (a: Exact) -> Exact { a.negated }

  @inlinable
  public static func * (a: Exact, b: Exact) throws(ArithmeticError) -> Exact {
    let s = a.scale + b.scale
    // Most operands (kWh, prices, shares) fit 64 bits, and then the product cannot overflow
    // 128 bits: skip the much slower overflow-checked 128-bit multiply.
    if s <= maxScale, let a64 = Int64(exactly: a.significand),
      let b64 = Int64(exactly: b.significand)
    {
      return Exact(unchecked: Int128(a64) &* Int128(b64), scale: s)
    }
    let (p, o) = a.significand.multipliedReportingOverflow(by: b.significand)
    if !o && s <= maxScale && p != .min { return Exact(unchecked: p, scale: s) }
    return try make(
      negative: a.isNegative != b.isNegative,
      magnitude: Wide.product(a.significand.magnitude, b.significand.magnitude), scale: s)
  }

  /// `a / b` rounded to `maxScale` fraction digits by `mode`, trailing zeros removed.
  public static func / (a: Exact, b: Exact) throws(ArithmeticError) -> Exact {
    try a.divided(by: b)
  }

  /// `self / divisor` rounded to at most `maxScale` fraction digits, trailing zeros removed.
  public func divided(by divisor: Exact, mode: RoundingMode = .halfEven) throws(ArithmeticError)
    -> Exact
  {
    guard !divisor.isZero else { throw .divisionByZero }
    if isZero { return .zero }
    // q = |a| * 10^k / |b| has scale maxScale when k = maxScale + sb - sa; a numerator too wide
    // for 256 bits gives up fraction digits (the quotient is then huge and keeps its integer part).
    var k = Exact.maxScale + divisor.scale - scale
    var numerator: Wide? = nil
    while k >= 0 {
      numerator = Exact.widened(significand, by: k)
      if numerator != nil { break }
      k -= 1
    }
    guard let numerator, k >= 0 else { throw .overflow }
    let resultScale = k + scale - divisor.scale
    let d = divisor.significand.magnitude
    let (q, r) = numerator.divided(by: d)
    // Describe the remainder as (first discarded digit, sticky) for the rounding rule.
    let half = d - r
    let first: UInt8 = r == 0 ? 0 : (r < half ? 1 : (r == half ? 5 : 6))
    var mag = q
    if mode.roundsAway(kept: q.low, firstDiscarded: first, sticky: r != 0 && r != half) {
      guard let bumped = mag.adding(Wide(low: 1)) else { throw .overflow }
      mag = bumped
    }
    let negative = isNegative != divisor.isNegative
    guard resultScale >= 0 else {
      // Only when 10^k had to shrink below the operands' scales: rescale exactly.
      guard let widened = mag.multiplied(by: Exact.powersOfTen[-resultScale]) else {
        throw .overflow
      }
      return try Exact.make(negative: negative, magnitude: widened, scale: 0)
    }
    return try Exact.make(negative: negative, magnitude: mag, scale: resultScale).trimmed
  }

  /// The same value with trailing fraction zeros removed (1.500 -> 1.5).
  public var trimmed: Exact {
    var m = significand
    var s = scale
    while s > 0 && m % 10 == 0 {
      m /= 10
      s -= 1
    }
    return Exact(unchecked: m, scale: s)
  }

  /// Rounded (or zero-extended) to exactly `digits` fraction digits.
  public func rounded(scale digits: Int, _ mode: RoundingMode) throws(ArithmeticError) -> Exact {
    guard (0...Exact.maxScale).contains(digits) else {
      throw .invalidNumber("scale \(digits) is outside 0...\(Exact.maxScale)")
    }
    if digits >= scale {
      let (m, o) = significand.multipliedReportingOverflow(
        by: Int128(Exact.powersOfTen[digits - scale]))
      guard !o, m != .min else { throw .overflow }
      return Exact(unchecked: m, scale: digits)
    }
    let divisor = Exact.powersOfTen[scale - digits]
    let mag = significand.magnitude
    var kept = mag / divisor
    let rest = mag % divisor
    let half = divisor / 2
    let first: UInt8 = rest == 0 ? 0 : (rest < half ? 1 : (rest == half ? 5 : 6))
    if mode.roundsAway(kept: kept, firstDiscarded: first, sticky: rest != 0 && rest != half) {
      kept += 1
    }
    let signed = Int128(kept)
    return Exact(unchecked: isNegative ? -signed : signed, scale: digits)
  }

  /// The value in minor units (fen for CNY): rounded to `decimals` digits, as an integer.
  public func minorUnits(decimals: Int, _ mode: RoundingMode) throws(ArithmeticError) -> Int128 {
    try rounded(scale: decimals, mode).significand
  }

  /// An amount given in minor units (`decimals` fraction digits).
  public init(minorUnits: Int128, decimals: Int) throws(ArithmeticError) {
    try self.init(significand: minorUnits, scale: decimals)
  }

  @usableFromInline
  static func addSlow(_ a: Exact, _ b: Exact) throws(ArithmeticError) -> Exact {
    let s = Swift.max(a.scale, b.scale)
    guard let ma = widened(a.significand, by: s - a.scale),
      let mb = widened(b.significand, by: s - b.scale)
    else { throw .overflow }
    if a.isNegative == b.isNegative {
      guard let sum = ma.adding(mb) else { throw .overflow }
      return try make(negative: a.isNegative, magnitude: sum, scale: s)
    }
    if ma < mb { return try make(negative: b.isNegative, magnitude: mb.subtracting(ma), scale: s) }
    let diff = ma.subtracting(mb)
    return try make(negative: a.isNegative && !diff.isZero, magnitude: diff, scale: s)
  }

  public static func min(_ a: Exact, _ b: Exact) -> Exact { b < a ? b : a }
  public static func max(_ a: Exact, _ b: Exact) -> Exact { a < b ? b : a }
}

extension Exact: Comparable, Hashable {
  public static func == (a: Exact, b: Exact) -> Bool { compare(a, b) == 0 }
  public static func < (a: Exact, b: Exact) -> Bool { compare(a, b) < 0 }

  static func compare(_ a: Exact, _ b: Exact) -> Int {
    if a.scale == b.scale {
      return a.significand == b.significand ? 0 : (a.significand < b.significand ? -1 : 1)
    }
    if a.isNegative != b.isNegative || a.isZero || b.isZero {
      return a.significand == b.significand
        ? 0 : (a.significand.signum() < b.significand.signum() ? -1 : 1)
    }
    let s = Swift.max(a.scale, b.scale)
    // Both have the same sign here; compare magnitudes at a common scale (always fits 256 bits).
    let ma = widened(a.significand, by: s - a.scale)!
    let mb = widened(b.significand, by: s - b.scale)!
    let byMagnitude = ma == mb ? 0 : (ma < mb ? -1 : 1)
    return a.isNegative ? -byMagnitude : byMagnitude
  }

  public func hash(into hasher: inout Hasher) {
    let t = trimmed
    hasher.combine(t.significand)
    hasher.combine(t.scale)
  }
}

extension Sequence<Exact> {
  /// The exact sum (`reduce` with a throwing `+` would lose the typed error).
  public func sum() throws(ArithmeticError) -> Exact {
    var total = Exact.zero
    for v in self { total = try total + v }
    return total
  }
}
