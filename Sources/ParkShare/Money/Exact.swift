/// An exact decimal number: an integer significand and a count of fraction digits.
///
/// Sums, differences and products are exact while the result fits 38 significant digits with
/// at most `maxScale` fraction digits; beyond that, surplus fraction digits are rounded half-even
/// (a value under 10^10 always keeps 28 of them), and only an integer part that does not fit is an
/// error. Quotients are rounded to `maxScale` fraction digits. Amounts, prices, kWh and shares all
/// use this one type; money is rounded to its minor unit once, when it is paid.
///
/// Integer-backed on purpose: it is about two orders of magnitude faster than Foundation's
/// `Decimal` on this platform, and no binary floating point is ever involved.
public struct Exact: Sendable {
  /// The value times 10^scale.
  public let significand: Int128
  /// Digits after the decimal point, 0...maxScale.
  public let scale: Int

  /// The most fraction digits a value keeps.
  public static let maxScale = 28
  @usableFromInline static let maxMagnitude = UInt128(Int128.max)

  /// 10^0 ... 10^38: every power of ten that fits 128 bits.
  @usableFromInline static let powersOfTen: [UInt128] = {
    var p: [UInt128] = [1]
    for _ in 1...38 { p.append(p[p.count - 1] * 10) }
    return p
  }()

  @inlinable init(unchecked significand: Int128, scale: Int) {
    self.significand = significand
    self.scale = scale
  }

  /// A whole number.
  public init(_ value: Int) {
    self.init(unchecked: Int128(value), scale: 0)
  }

  /// `significand / 10^scale`, checked: scale within 0...maxScale.
  public init(significand: Int128, scale: Int) throws(ArithmeticError) {
    guard (0...Exact.maxScale).contains(scale) else {
      throw .invalidNumber("scale \(scale) is outside 0...\(Exact.maxScale)")
    }
    guard significand != .min else { throw .overflow }
    self.init(unchecked: significand, scale: scale)
  }

  public static let zero = Exact(0)
  public static let one = Exact(1)
  /// One hundredth: what a `%` sign multiplies by.
  public static let percent = Exact(unchecked: 1, scale: 2)

  public var isZero: Bool { significand == 0 }
  public var isNegative: Bool { significand < 0 }
  public var negated: Exact { Exact(unchecked: -significand, scale: scale) }
  public var magnitude: Exact { isNegative ? negated : self }

  /// Builds a value from a sign and a wide magnitude, rounding surplus fraction digits (by
  /// `mode`) until it fits; an integer part too large to fit is an overflow.
  @usableFromInline
  static func make(
    negative: Bool, magnitude: Wide, scale: Int, mode: RoundingMode = .halfEven
  ) throws(ArithmeticError) -> Exact {
    var mag = magnitude
    var s = scale
    var first: UInt8 = 0
    var sticky = false
    var dropped = false
    // Drops the n lowest digits: the most significant of them is `first`, any other non-zero
    // one sets `sticky`. Up to 19 digits go in one hardware division.
    func drop(_ n: Int) {
      sticky = sticky || first != 0
      var rest = n - 1
      while rest > 0 {
        let chunk = Swift.min(rest, 19)
        let (q, r) = mag.divided(by: UInt64(powersOfTen[chunk]))
        if r != 0 { sticky = true }
        mag = q
        rest -= chunk
      }
      let (q, r) = mag.divided(by: UInt64(10))
      first = UInt8(r)
      mag = q
      s -= n
      dropped = true
    }
    if s > maxScale { drop(s - maxScale) }
    while mag.high != 0 || mag.low > maxMagnitude {
      guard s > 0 else { throw .overflow }
      drop(1)
    }
    var kept = mag.low
    if dropped && mode.roundsAway(kept: kept, firstDiscarded: first, sticky: sticky) {
      kept += 1
      if kept > maxMagnitude {
        return try make(negative: negative, magnitude: Wide(low: kept), scale: s, mode: mode)
      }
    }
    let signed = Int128(kept)
    return Exact(unchecked: negative ? -signed : signed, scale: s)
  }

  /// The magnitude of `significand` times 10^k, in 256 bits (k up to 76).
  @usableFromInline
  static func widened(_ m: Int128, by k: Int) -> Wide? {
    let mag = m.magnitude
    if k <= 38 { return Wide.product(mag, powersOfTen[k]) }
    return Wide.product(mag, powersOfTen[38]).multiplied(by: powersOfTen[k - 38])
  }
}
