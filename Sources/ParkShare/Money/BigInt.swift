/// A signed integer of any size: the wide path of `Fraction` when a numerator or denominator no
/// longer fits 128 bits (a split of a split of a split by weights with large primes). Only what
/// that path needs: add, subtract, multiply, divide with remainder, compare, gcd, decimal text.
/// Slow on purpose (plain schoolbook loops): the common path never comes here.
@usableFromInline
struct BigInt: Sendable, Equatable {
  /// Magnitude in 64-bit limbs, least significant first, no leading zero limbs (zero is empty).
  var limbs: [UInt64]
  var negative: Bool

  init(limbs: [UInt64], negative: Bool) {
    var l = limbs
    while l.last == 0 { l.removeLast() }
    self.limbs = l
    self.negative = negative && !l.isEmpty
  }

  init(_ v: Int128) {
    let m = v.magnitude
    self.init(
      limbs: [UInt64(truncatingIfNeeded: m), UInt64(truncatingIfNeeded: m >> 64)], negative: v < 0)
  }

  var isZero: Bool { limbs.isEmpty }
  var bitWidth: Int {
    limbs.isEmpty ? 0 : limbs.count * 64 - limbs[limbs.count - 1].leadingZeroBitCount
  }

  /// The value as an `Int128`, or nil when it does not fit.
  var int128: Int128? {
    guard limbs.count <= 2 else { return nil }
    let m = UInt128(limbs.count > 1 ? limbs[1] : 0) << 64 | UInt128(limbs.first ?? 0)
    if negative {
      guard m <= UInt128(Int128.max) + 1 else { return nil }
      return m == UInt128(Int128.max) + 1 ? Int128.min : -Int128(m)
    }
    guard m <= UInt128(Int128.max) else { return nil }
    return Int128(m)
  }

  var magnitude: BigInt { BigInt(limbs: limbs, negative: false) }
  var negated: BigInt { BigInt(limbs: limbs, negative: !negative) }

  // MARK: magnitudes

  static func compareMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> Int {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
      return a[i] < b[i] ? -1 : 1
    }
    return 0
  }

  static func addMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out: [UInt64] = []
    out.reserveCapacity(max(a.count, b.count) + 1)
    var carry: UInt64 = 0
    for i in 0..<max(a.count, b.count) {
      let (s1, c1) = (i < a.count ? a[i] : 0).addingReportingOverflow(i < b.count ? b[i] : 0)
      let (s2, c2) = s1.addingReportingOverflow(carry)
      out.append(s2)
      carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
    }
    if carry > 0 { out.append(carry) }
    return out
  }

  /// `a - b` for `a >= b`.
  static func subtractMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out = a
    var borrow: UInt64 = 0
    for i in 0..<a.count {
      let (d1, b1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
      let (d2, b2) = d1.subtractingReportingOverflow(borrow)
      out[i] = d2
      borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
    }
    return out
  }

  static func multiplyMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    guard !a.isEmpty, !b.isEmpty else { return [] }
    var out = [UInt64](repeating: 0, count: a.count + b.count)
    for i in 0..<a.count {
      var carry: UInt64 = 0
      for j in 0..<b.count {
        let (hi, lo) = a[i].multipliedFullWidth(by: b[j])
        let (s1, c1) = out[i + j].addingReportingOverflow(lo)
        let (s2, c2) = s1.addingReportingOverflow(carry)
        out[i + j] = s2
        carry = hi &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
      }
      out[i + b.count] = carry
    }
    return out
  }

  /// Quotient and remainder of magnitudes. Only the two results are allocated: the division
  /// itself runs in `divide(_:by:quotient:remainder:)` on stack scratch.
  static func divideMagnitudes(_ a: [UInt64], _ b: [UInt64]) -> (q: [UInt64], r: [UInt64]) {
    precondition(!b.isEmpty, "division by zero is checked by the caller")
    if compareMagnitudes(a, b) < 0 { return ([], a) }
    var q = [UInt64](repeating: 0, count: a.count - b.count + 1)
    var r = [UInt64](repeating: 0, count: b.count)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        q.withUnsafeMutableBufferPointer { q in
          r.withUnsafeMutableBufferPointer { r in divide(a, by: b, quotient: q, remainder: r) }
        }
      }
    }
    while q.last == 0 { q.removeLast() }
    while r.last == 0 { r.removeLast() }
    return (q, r)
  }

  // MARK: signed arithmetic

  static func + (a: BigInt, b: BigInt) -> BigInt {
    if a.negative == b.negative {
      return BigInt(limbs: addMagnitudes(a.limbs, b.limbs), negative: a.negative)
    }
    let c = compareMagnitudes(a.limbs, b.limbs)
    if c == 0 { return BigInt(limbs: [], negative: false) }
    return c > 0
      ? BigInt(limbs: subtractMagnitudes(a.limbs, b.limbs), negative: a.negative)
      : BigInt(limbs: subtractMagnitudes(b.limbs, a.limbs), negative: b.negative)
  }

  /// `self += other`, in place when the signs agree (the lines of a split): a sum of many
  /// wide terms then allocates once, not once a term.
  mutating func add(_ other: BigInt) {
    guard negative == other.negative || other.isZero else {
      self = self + other
      return
    }
    if isZero {
      self = other
      return
    }
    if limbs.count < other.limbs.count {
      limbs.append(contentsOf: repeatElement(0, count: other.limbs.count - limbs.count))
    }
    var carry: UInt64 = 0
    for i in 0..<limbs.count {
      let (s1, c1) = limbs[i].addingReportingOverflow(i < other.limbs.count ? other.limbs[i] : 0)
      let (s2, c2) = s1.addingReportingOverflow(carry)
      limbs[i] = s2
      carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
      if carry == 0 && i >= other.limbs.count { break }
    }
    if carry > 0 { limbs.append(carry) }
  }

  static func - (a: BigInt, b: BigInt) -> BigInt { a + b.negated }

  static func * (a: BigInt, b: BigInt) -> BigInt {
    BigInt(limbs: multiplyMagnitudes(a.limbs, b.limbs), negative: a.negative != b.negative)
  }

  /// `self x m` for a 128-bit magnitude `m`: one pass over the limbs, one allocation.
  func multiplied(byMagnitude m: UInt128) -> BigInt {
    var out = [UInt64](repeating: 0, count: limbs.count + 2)
    for j in 0..<2 {
      let digit = UInt64(truncatingIfNeeded: j == 0 ? m : m >> 64)
      if digit == 0 { continue }
      var carry: UInt64 = 0
      for i in 0..<limbs.count {
        let (hi, lo) = limbs[i].multipliedFullWidth(by: digit)
        let (s1, c1) = out[i + j].addingReportingOverflow(lo)
        let (s2, c2) = s1.addingReportingOverflow(carry)
        out[i + j] = s2
        carry = hi &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
      }
      out[limbs.count + j] = carry
    }
    return BigInt(limbs: out, negative: negative)
  }

  /// A 256-bit magnitude with a sign.
  init(_ magnitude: Wide, negative: Bool) {
    self.init(
      limbs: [
        UInt64(truncatingIfNeeded: magnitude.low), UInt64(truncatingIfNeeded: magnitude.low >> 64),
        UInt64(truncatingIfNeeded: magnitude.high),
        UInt64(truncatingIfNeeded: magnitude.high >> 64),
      ], negative: negative)
  }

  /// Floor division: the remainder has the sign of the divisor (never negative for a positive
  /// divisor), as rounding to minor units needs.
  func flooredDivision(by d: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    let (q, r) = BigInt.divideMagnitudes(limbs, d.limbs)
    var quotient = BigInt(limbs: q, negative: negative != d.negative)
    var remainder = BigInt(limbs: r, negative: negative)
    if !remainder.isZero && negative != d.negative {
      quotient = quotient - BigInt(1)
      remainder = remainder + d
    }
    return (quotient, remainder)
  }

  /// `self / d` when `d` (of at most two limbs, the fast division) divides `self` exactly;
  /// nil otherwise.
  func exactQuotient(by d: BigInt) -> BigInt? {
    guard !d.isZero, d.limbs.count <= 2 else { return nil }
    let (q, r) = BigInt.divideMagnitudes(limbs, d.limbs)
    guard r.isEmpty else { return nil }
    return BigInt(limbs: q, negative: negative != d.negative)
  }

  static func < (a: BigInt, b: BigInt) -> Bool {
    if a.negative != b.negative { return a.negative }
    let c = compareMagnitudes(a.limbs, b.limbs)
    return a.negative ? c > 0 : c < 0
  }

  /// Greatest common divisor of the magnitudes (Euclid).
  static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
    var x = a.limbs
    var y = b.limbs
    while !y.isEmpty { (x, y) = (y, divideMagnitudes(x, y).r) }
    return BigInt(limbs: x, negative: false)
  }

  /// An integer written in decimal digits (an optional `-`), or nil.
  init?(decimal text: some StringProtocol) {
    let negative = text.hasPrefix("-")
    let digits = text.dropFirst(negative ? 1 : 0)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    var value = BigInt(0)
    var chunk = digits[...]
    while !chunk.isEmpty {
      let head = chunk.prefix(18)
      chunk = chunk.dropFirst(head.count)
      value = value * BigInt(Int128(Exact.powersOfTen[head.count])) + BigInt(Int128(head)!)
    }
    self = negative ? value.negated : value
  }

  /// Decimal digits, with a leading `-` when negative.
  var decimal: String {
    if limbs.isEmpty { return "0" }
    var chunks: [UInt64] = []
    var m = limbs
    let base: UInt64 = 10_000_000_000_000_000_000
    while !m.isEmpty {
      let (q, r) = BigInt.divideMagnitudes(m, [base])
      chunks.append(r.first ?? 0)
      m = q
    }
    var text = String(chunks[chunks.count - 1])
    for c in chunks.dropLast().reversed() {
      let s = String(c)
      text += String(repeating: "0", count: 19 - s.count) + s
    }
    return negative ? "-" + text : text
  }
}
