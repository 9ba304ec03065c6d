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

  /// Quotient and remainder by a 128-bit divisor: native 128-bit division when the dividend
  /// fits 128 bits, else binary long division from the dividend's highest set bit.
  func divided(by d: UInt128) -> (quotient: Wide, remainder: UInt128) {
    if d <= UInt128(UInt64.max) {
      let (q, r) = divided(by: UInt64(d))
      return (q, UInt128(r))
    }
    if high == 0 { return (Wide(low: low / d), low % d) }
    var quotient = Wide(low: 0)
    var rem: UInt128 = 0
    for bit in stride(from: 255 - high.leadingZeroBitCount, through: 0, by: -1) {
      let carry = rem >> 127 == 1
      rem = rem << 1 | (bit >= 128 ? (high >> (bit - 128)) & 1 : (low >> bit) & 1)
      if carry || rem >= d {
        rem = rem &- d
        if bit >= 128 { quotient.high |= 1 << (bit - 128) } else { quotient.low |= 1 << bit }
      }
    }
    return (quotient, rem)
  }
}
