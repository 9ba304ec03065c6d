/// The middle path of `Fraction`: numerator and denominator within 256 bits, held inline.
///
/// A split by weights with many digits lands here. Green points that are ratios carry 28
/// fraction digits, and a simulated price compounded over years carries as many, so an amount
/// times a weight (and the amount's denominator times the weights' sum) passes 128 bits while
/// staying well within 256. On the heap (`BigInt`) every such share, sum and rounding cost
/// allocations, which doubled a Monte Carlo projection; in fixed width they are a few hardware
/// multiplies and divides. Values are the same whichever storage holds them, and the storage
/// never shows in any output.
extension Fraction {
  /// `±magnitude / denominator` (denominator > 0) in the narrowest storage that holds it.
  static func make(_ magnitude: Wide, negative: Bool, over denominator: Wide) -> Fraction {
    if magnitude.isZero { return .zero }
    if magnitude.fitsInt128 && denominator.fitsInt128 {
      let n = Int128(magnitude.low)
      return Fraction(storage: .small(negative ? -n : n, Int128(denominator.low)))
    }
    return Fraction(storage: .mid(magnitude, negative, denominator))
  }

  /// Sign and magnitude of the numerator and the denominator in 256 bits; nil for the heap
  /// form.
  var fixedWidth: (magnitude: Wide, negative: Bool, denominator: Wide)? {
    switch storage {
    case .small(let n, let d): (Wide(low: n.magnitude), n < 0, Wide(low: UInt128(d)))
    case .mid(let m, let negative, let d): (m, negative, d)
    case .big: nil
    }
  }

  /// `a + b` when both share one denominator and the sum fits 256 bits; else nil.
  static func fixedWidthSum(_ a: Fraction, _ b: Fraction) -> Fraction? {
    guard let x = a.fixedWidth, let y = b.fixedWidth, x.denominator == y.denominator,
      let s = signedSum((x.magnitude, x.negative), (y.magnitude, y.negative))
    else { return nil }
    return make(s.magnitude, negative: s.negative, over: x.denominator)
  }

  /// The sum of two signed 256-bit magnitudes; nil when it needs more bits.
  static func signedSum(
    _ x: (magnitude: Wide, negative: Bool), _ y: (magnitude: Wide, negative: Bool)
  )
    -> (magnitude: Wide, negative: Bool)?
  {
    if x.negative == y.negative {
      guard let s = x.magnitude.adding(y.magnitude) else { return nil }
      return (s, x.negative)
    }
    // Opposite signs: the larger magnitude keeps its sign.
    if x.magnitude < y.magnitude { return (y.magnitude.subtracting(x.magnitude), y.negative) }
    return (x.magnitude.subtracting(y.magnitude), x.negative)
  }

  /// -1, 0 or 1 when both share one denominator; else nil.
  static func fixedWidthCompare(_ a: Fraction, _ b: Fraction) -> Int? {
    guard let x = a.fixedWidth, let y = b.fixedWidth, x.denominator == y.denominator else {
      return nil
    }
    if x.negative != y.negative { return x.negative ? -1 : 1 }
    let c = x.magnitude == y.magnitude ? 0 : (x.magnitude < y.magnitude ? -1 : 1)
    return x.negative ? -c : c
  }

  /// `a x b` of two 128-bit fractions in 256 bits (which always holds the products).
  static func fixedWidthProduct(_ a: Fraction, _ b: Fraction) -> Fraction? {
    guard case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage
    else { return nil }
    return make(
      Wide.product(n1.magnitude, n2.magnitude), negative: (n1 < 0) != (n2 < 0),
      over: Wide.product(UInt128(d1), UInt128(d2)))
  }

  /// `minorUnitsKeyed` in fixed width: the same floor and key, one division on the stack; nil
  /// for the heap form or a unit past one limb.
  func fixedWidthKeyed(_ unit: Int128) throws(ArithmeticError) -> (floor: Int128, key: UInt64)? {
    guard case .mid(let m, let negative, let d) = storage, unit <= Int128(UInt64.max) else {
      return nil
    }
    let quotient = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8) { s in
      let n = m.limbs(into: UnsafeMutableBufferPointer(rebasing: s[0..<4]))
      let dd = d.limbs(into: UnsafeMutableBufferPointer(rebasing: s[4..<8]))
      return BigInt.scaledQuotient(n, unit: UInt64(unit), by: dd)
    }
    guard let (high, low, exact) = quotient else { throw .overflow }
    return try Fraction.keyedFloor(high: high, low: low, exact: exact, negative: negative)
  }

  /// `amount x weight / sum of weights` for each weight in fixed width: the same parts over the
  /// same denominator as the heap path, or nil when a part would not fit (or a weight is
  /// negative or does not fit 128 bits, or all vanish: the heap path reports those).
  static func fixedWidthProRata(_ amount: Fraction, weights: [Exact], scale: Int) -> [Fraction]? {
    guard let (m, negative, d) = amount.fixedWidth,
      let units = alignedUnits(weights, scale: scale)
    else { return nil }
    var sum = Wide(low: 0)
    for u in units {
      guard let next = sum.adding(Wide(low: u)) else { return nil }
      sum = next
    }
    guard !sum.isZero, sum.high == 0, let denominator = d.multiplied(by: sum.low) else {
      return nil
    }
    var parts: [Fraction] = []
    parts.reserveCapacity(units.count)
    for u in units {
      guard let n = m.multiplied(by: u) else { return nil }
      parts.append(make(n, negative: negative, over: denominator))
    }
    return parts
  }
}

extension Wide {
  /// The four limbs, least significant first, written into `buffer` (four limbs long); the
  /// part of it without leading zero limbs.
  func limbs(into buffer: UnsafeMutableBufferPointer<UInt64>) -> UnsafeBufferPointer<UInt64> {
    buffer[0] = UInt64(truncatingIfNeeded: low)
    buffer[1] = UInt64(truncatingIfNeeded: low >> 64)
    buffer[2] = UInt64(truncatingIfNeeded: high)
    buffer[3] = UInt64(truncatingIfNeeded: high >> 64)
    var used = 4
    while used > 0 && buffer[used - 1] == 0 { used -= 1 }
    return UnsafeBufferPointer(rebasing: buffer[0..<used])
  }
}

extension BigInt {
  /// The magnitude in 256 bits, or nil when it needs more.
  var wideMagnitude: Wide? {
    guard limbs.count <= 4 else { return nil }
    func limb(_ i: Int) -> UInt128 { i < limbs.count ? UInt128(limbs[i]) : 0 }
    return Wide(high: limb(3) << 64 | limb(2), low: limb(1) << 64 | limb(0))
  }
}
