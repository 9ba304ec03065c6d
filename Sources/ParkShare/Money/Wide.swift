/// An unsigned 256-bit magnitude: the slow path of `Exact` when a product or an aligned sum
/// does not fit in 128 bits. Only what that path needs: multiply, add, divide by small numbers.
@usableFromInline
struct Wide: Sendable, Equatable {
  @usableFromInline var high: UInt128
  @usableFromInline var low: UInt128

  @inlinable init(high: UInt128 = 0, low: UInt128) {
    self.high = high
    self.low = low
  }

  @inlinable static func product(_ a: UInt128, _ b: UInt128) -> Wide {
    let (h, l) = a.multipliedFullWidth(by: b)
    return Wide(high: h, low: l)
  }

  /// `self * m`, or nil when the product needs more than 256 bits.
  func multiplied(by m: UInt128) -> Wide? {
    let lowPart = low.multipliedFullWidth(by: m)
    let highPart = high.multipliedFullWidth(by: m)
    guard highPart.high == 0 else { return nil }
    let (sum, carry) = highPart.low.addingReportingOverflow(lowPart.high)
    guard !carry else { return nil }
    return Wide(high: sum, low: lowPart.low)
  }

  func adding(_ other: Wide) -> Wide? {
    let (l, c) = low.addingReportingOverflow(other.low)
    let (h1, o1) = high.addingReportingOverflow(other.high)
    let (h2, o2) = h1.addingReportingOverflow(c ? 1 : 0)
    return o1 || o2 ? nil : Wide(high: h2, low: l)
  }

  /// `self - other`; the caller guarantees `self >= other`.
  func subtracting(_ other: Wide) -> Wide {
    let (l, b) = low.subtractingReportingOverflow(other.low)
    return Wide(high: high &- other.high &- (b ? 1 : 0), low: l)
  }

  static func < (a: Wide, b: Wide) -> Bool {
    a.high != b.high ? a.high < b.high : a.low < b.low
  }

  var isZero: Bool { high == 0 && low == 0 }

  /// Quotient and remainder by a divisor that fits 64 bits (hardware division per limb).
  func divided(by d: UInt64) -> (quotient: Wide, remainder: UInt64) {
    // Four limbs, most significant first, held in locals: this runs in every rounding.
    let (q0, r0) = d.dividingFullWidth((high: 0, low: UInt64(truncatingIfNeeded: high >> 64)))
    let (q1, r1) = d.dividingFullWidth((high: r0, low: UInt64(truncatingIfNeeded: high)))
    let (q2, r2) = d.dividingFullWidth((high: r1, low: UInt64(truncatingIfNeeded: low >> 64)))
    let (q3, r3) = d.dividingFullWidth((high: r2, low: UInt64(truncatingIfNeeded: low)))
    return (
      Wide(high: UInt128(q0) << 64 | UInt128(q1), low: UInt128(q2) << 64 | UInt128(q3)), r3
    )
  }

  /// Quotient and remainder by a 128-bit divisor, as two 128-bit digits: the high digit by
  /// native division, then the remainder and the low digit by the hardware-backed full-width
  /// division (valid because that remainder is below the divisor).
  func divided(by d: UInt128) -> (quotient: Wide, remainder: UInt128) {
    if d <= UInt128(UInt64.max) {
      let (q, r) = divided(by: UInt64(d))
      return (q, UInt128(r))
    }
    if high == 0 { return (Wide(low: low / d), low % d) }
    let (qh, rh) = high.quotientAndRemainder(dividingBy: d)
    let (ql, r) = d.dividingFullWidth((high: rh, low: low))
    return (Wide(high: qh, low: ql), r)
  }

  /// Whether the magnitude fits `Int128` (as a non-negative value or the magnitude of a
  /// negative one other than `Int128.min`).
  var fitsInt128: Bool { high == 0 && low <= UInt128(Int128.max) }

  /// `self << 64`, or nil when bits would be lost.
  var shiftedUp64: Wide? {
    guard high >> 64 == 0 else { return nil }
    return Wide(high: high << 64 | low >> 64, low: low << 64)
  }

  /// `self + 1` (the caller knows it does not wrap).
  var successor: Wide {
    let (l, c) = low.addingReportingOverflow(1)
    return Wide(high: c ? high &+ 1 : high, low: l)
  }
}
