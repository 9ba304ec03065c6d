/// An exact rational number: what a pro-rata share is before it is rounded to the fen.
///
/// 100 CNY by stake 5 : 17 : 38 is 500/60, 1700/60 and 3800/60: no decimal holds those, and a
/// decimal cut at 28 digits (what `Exact` division keeps) leaves lines that fall short of the
/// pool by 1e-27 and lets that noise, not the declared tie-break, decide who gets the last fen.
/// A `Fraction` keeps numerator and denominator as integers, so the lines of a pool sum to the
/// pool exactly and remainders compare exactly.
///
/// Numerator and denominator live in 128 bits while they fit (the common case: a decimal
/// amount times a weight over a sum of weights, no gcd needed), then in 256 bits inline
/// (`Fraction+FixedWidth`), else in `BigInt`. They are not kept in lowest terms: a split's parts share one denominator and add without a gcd; terms are
/// reduced only when a result would not fit, and when shown.
public struct Fraction: Sendable {
  @usableFromInline enum Storage: Sendable {
    /// Denominator > 0.
    case small(Int128, Int128)
    /// Sign and magnitude of the numerator, and the denominator (> 0), when one of them is past
    /// 128 bits and both are within 256.
    case mid(Wide, Bool, Wide)
    /// Denominator > 0; used only when a part does not fit 128 bits.
    case big(BigInt, BigInt)
  }

  @usableFromInline let storage: Storage

  /// Bits a wide numerator or denominator may reach before the result is an overflow error: far
  /// beyond any real split, and a bound on the work a hostile contract can cause.
  static let maxBits = 8_192

  @usableFromInline init(storage: Storage) { self.storage = storage }

  public init(_ e: Exact) {
    storage = .small(e.significand, Int128(Exact.powersOfTen[e.scale]))
  }

  public init(_ n: Int) { storage = .small(Int128(n), 1) }

  /// `numerator / denominator`.
  public init(_ numerator: Int128, over denominator: Int128) throws(ArithmeticError) {
    guard denominator != 0 else { throw .divisionByZero }
    self = try Fraction.normalized(BigInt(numerator), BigInt(denominator))
  }

  public static let zero = Fraction(0)

  /// The wide form made canonical enough to compute with: denominator positive, back to 128 bits
  /// when both parts fit. Terms are not reduced (a gcd of wide numbers is the costly part, and
  /// the parts of a split share one denominator as they are) unless a part grows past
  /// `reduceBits`; a part still past `maxBits` after reduction is an overflow.
  static func normalized(_ n: BigInt, _ d: BigInt) throws(ArithmeticError) -> Fraction {
    guard !d.isZero else { throw .divisionByZero }
    var n = d.negative ? n.negated : n
    var d = d.magnitude
    if n.isZero { return .zero }
    if let sn = n.int128, sn != Int128.min, let sd = d.int128 {
      return Fraction(storage: .small(sn, sd))
    }
    if let m = n.wideMagnitude, let wd = d.wideMagnitude {
      return make(m, negative: n.negative, over: wd)
    }
    if n.bitWidth > reduceBits || d.bitWidth > reduceBits {
      (n, d) = reduced(n, d)
      if let sn = n.int128, sn != Int128.min, let sd = d.int128 {
        return Fraction(storage: .small(sn, sd))
      }
    }
    guard n.bitWidth <= maxBits, d.bitWidth <= maxBits else { throw .overflow }
    return Fraction(storage: .big(n, d))
  }

  static let reduceBits = 1_024

  static func reduced(_ n: BigInt, _ d: BigInt) -> (BigInt, BigInt) {
    let g = BigInt.gcd(n, d)
    guard g.limbs != [1] else { return (n, d) }
    return (n.flooredDivision(by: g).quotient, d.flooredDivision(by: g).quotient)
  }

  /// Numerator and denominator in the wide form.
  var wide: (n: BigInt, d: BigInt) {
    switch storage {
    case .small(let n, let d): (BigInt(n), BigInt(d))
    case .mid(let m, let negative, let d):
      (BigInt(m, negative: negative), BigInt(d, negative: false))
    case .big(let n, let d): (n, d)
    }
  }

  public var isZero: Bool {
    switch storage {
    case .small(let n, _): n == 0
    case .mid: false
    case .big(let n, _): n.isZero
    }
  }

  public var isNegative: Bool {
    switch storage {
    case .small(let n, _): n < 0
    case .mid(_, let negative, _): negative
    case .big(let n, _): n.negative
    }
  }

  public var negated: Fraction {
    switch storage {
    case .small(let n, let d): Fraction(storage: .small(-n, d))
    case .mid(let m, let negative, let d): Fraction(storage: .mid(m, !negative, d))
    case .big(let n, let d): Fraction(storage: .big(n.negated, d))
    }
  }

  public var magnitude: Fraction { isNegative ? negated : self }

  /// The value as a decimal, when its denominator has no prime factor but 2 and 5 and it fits
  /// `Exact` (at most 28 fraction digits); nil otherwise.
  public var decimal: Exact? {
    guard let (n, d) = lowestTerms() else { return nil }
    var rest = d
    var twos = 0
    var fives = 0
    while rest % 2 == 0 {
      rest /= 2
      twos += 1
    }
    while rest % 5 == 0 {
      rest /= 5
      fives += 1
    }
    let scale = Swift.max(twos, fives)
    guard rest == 1, scale <= Exact.maxScale else { return nil }
    let (m, overflow) = n.multipliedReportingOverflow(by: Int128(Exact.powersOfTen[scale]) / d)
    guard !overflow else { return nil }
    return try? Exact(significand: m, scale: scale)
  }

  /// Numerator and denominator in lowest terms, when they fit 128 bits.
  func lowestTerms() -> (Int128, Int128)? {
    switch storage {
    case .small(let n, let d):
      let g = Fraction.gcd(n.magnitude, UInt128(d))
      return (n / Int128(g), d / Int128(g))
    case .mid, .big:
      let (n, d) = wide
      let (rn, rd) = Fraction.reduced(n, d)
      guard let sn = rn.int128, let sd = rd.int128 else { return nil }
      return (sn, sd)
    }
  }

  static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }
}
