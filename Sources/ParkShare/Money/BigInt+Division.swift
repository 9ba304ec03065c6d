extension BigInt {
  /// Divides the magnitude `a` by `b` (no leading zero limb, `a.count >= b.count`) into
  /// `quotient` (`a.count - b.count + 1` limbs) and `remainder` (`b.count` limbs), least
  /// significant limb first, both with leading zero limbs where the values are shorter.
  ///
  /// Written on buffers, with its scratch on the stack, so rounding a share to the fen
  /// allocates nothing: splits by weights with 28 fraction digits divide numbers of three to
  /// five limbs for every line of every period of a Monte Carlo run.
  static func divide(
    _ a: UnsafeBufferPointer<UInt64>, by b: UnsafeBufferPointer<UInt64>,
    quotient q: UnsafeMutableBufferPointer<UInt64>, remainder r: UnsafeMutableBufferPointer<UInt64>
  ) {
    if b.count == 1 {
      var rest: UInt64 = 0
      for i in stride(from: a.count - 1, through: 0, by: -1) {
        (q[i], rest) = b[0].dividingFullWidth((high: rest, low: a[i]))
      }
      r[0] = rest
      return
    }
    if b.count == 2 {
      // A divisor of 128 bits: one 192-by-128-bit division per limb; each quotient digit fits
      // 64 bits because the running remainder is below the divisor.
      let divisor = UInt128(b[1]) << 64 | UInt128(b[0])
      var rest: UInt128 = 0
      for i in stride(from: a.count - 1, through: 0, by: -1) {
        let (digit, next) = divisor.dividingFullWidth(
          (high: rest >> 64, low: rest << 64 | UInt128(a[i])))
        if i < q.count { q[i] = UInt64(digit) }
        rest = next
      }
      r[0] = UInt64(truncatingIfNeeded: rest)
      r[1] = UInt64(truncatingIfNeeded: rest >> 64)
      return
    }
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: a.count + 1 + b.count) { scratch in
      knuth(
        a, by: b, u: UnsafeMutableBufferPointer(rebasing: scratch[0..<(a.count + 1)]),
        v: UnsafeMutableBufferPointer(rebasing: scratch[(a.count + 1)...]), quotient: q,
        remainder: r)
    }
  }

  /// Knuth's algorithm D (TAOCP 4.3.1) for divisors of three limbs or more: normalise so the
  /// divisor's top bit is set, estimate each quotient limb from the top two limbs of the running
  /// remainder, correct it at most twice, multiply and subtract, add back on the rare overshoot.
  /// `u` (a.count + 1 limbs) and `v` (b.count limbs) are scratch.
  private static func knuth(
    _ a: UnsafeBufferPointer<UInt64>, by b: UnsafeBufferPointer<UInt64>,
    u: UnsafeMutableBufferPointer<UInt64>, v: UnsafeMutableBufferPointer<UInt64>,
    quotient q: UnsafeMutableBufferPointer<UInt64>, remainder r: UnsafeMutableBufferPointer<UInt64>
  ) {
    let n = b.count
    let m = a.count - n
    let shift = UInt64(b[n - 1].leadingZeroBitCount)
    func shifted(_ x: UnsafeBufferPointer<UInt64>, into out: UnsafeMutableBufferPointer<UInt64>) {
      for i in 0..<out.count { out[i] = 0 }
      for i in 0..<x.count {
        out[i] |= shift == 0 ? x[i] : x[i] << shift
        if shift > 0 && i + 1 < out.count { out[i + 1] = x[i] >> (64 - shift) }
      }
    }
    shifted(b, into: v)
    shifted(a, into: u)
    let top = v[n - 1]
    let next = v[n - 2]
    for j in stride(from: m, through: 0, by: -1) {
      // Estimate: (u[j+n], u[j+n-1]) / top, capped at B - 1.
      var qhat: UInt128
      var rhat: UInt128
      if u[j + n] >= top {
        qhat = UInt128(UInt64.max)
        rhat = (UInt128(u[j + n]) << 64 | UInt128(u[j + n - 1])) &- qhat &* UInt128(top)
      } else {
        let (qq, rr) = top.dividingFullWidth((high: u[j + n], low: u[j + n - 1]))
        qhat = UInt128(qq)
        rhat = UInt128(rr)
      }
      while rhat >> 64 == 0
        && qhat * UInt128(next) > (rhat << 64 | UInt128(u[j + n - 2]))
      {
        qhat -= 1
        rhat += UInt128(top)
      }
      // u[j...j+n] -= qhat x v
      var borrow: UInt64 = 0
      var carry: UInt64 = 0
      let qd = UInt64(qhat)
      for i in 0..<n {
        let (hi, lo) = qd.multipliedFullWidth(by: v[i])
        let (p, c) = lo.addingReportingOverflow(carry)
        carry = hi &+ (c ? 1 : 0)
        let (d1, b1) = u[i + j].subtractingReportingOverflow(p)
        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
        u[i + j] = d2
        borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
      }
      let (d1, b1) = u[j + n].subtractingReportingOverflow(carry)
      let (d2, b2) = d1.subtractingReportingOverflow(borrow)
      u[j + n] = d2
      var digit = qd
      if b1 || b2 {
        // Overshot by one: add the divisor back.
        digit &-= 1
        var c: UInt64 = 0
        for i in 0..<n {
          let (s1, o1) = u[i + j].addingReportingOverflow(v[i])
          let (s2, o2) = s1.addingReportingOverflow(c)
          u[i + j] = s2
          c = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        u[j + n] &+= c
      }
      q[j] = digit
    }
    // The remainder is u[0..<n] shifted back.
    for i in 0..<n {
      r[i] = shift == 0 ? u[i] : (u[i] >> shift | u[i + 1] << (64 - shift))
    }
  }
}

extension BigInt {
  /// floor(|self| x unit x 2^64 / d) for `d > 0`: see `scaledQuotient(_:unit:by:)`.
  func scaledQuotient(unit: UInt64, by d: BigInt) -> (high: UInt128, low: UInt64, exact: Bool)? {
    limbs.withUnsafeBufferPointer { n in
      d.limbs.withUnsafeBufferPointer { d in BigInt.scaledQuotient(n, unit: unit, by: d) }
    }
  }

  /// floor(n x unit x 2^64 / d) for magnitudes `n` and `d > 0` (no leading zero limbs): the
  /// quotient above its low limb (nil when that needs more than 128 bits), its low limb, and
  /// whether nothing was left over. How a wide share is rounded to the fen with its sort key
  /// (`Fraction.minorUnitsKeyed`), with no allocation: x 2^64 is one limb of zeros below the
  /// product.
  static func scaledQuotient(
    _ n: UnsafeBufferPointer<UInt64>, unit: UInt64, by d: UnsafeBufferPointer<UInt64>
  ) -> (high: UInt128, low: UInt64, exact: Bool)? {
    let count = n.count + 2
    let dn = d.count
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count + dn) { s in
      s[0] = 0
      var carry: UInt64 = 0
      for i in 0..<n.count {
        let (hi, lo) = n[i].multipliedFullWidth(by: unit)
        let (sum, c) = lo.addingReportingOverflow(carry)
        s[i + 1] = sum
        carry = hi &+ (c ? 1 : 0)
      }
      s[count - 1] = carry
      var used = count
      while used > 0 && s[used - 1] == 0 { used -= 1 }
      if used < dn { return (0, 0, used == 0) }
      let q = UnsafeMutableBufferPointer(rebasing: s[count..<(count + used - dn + 1)])
      let r = UnsafeMutableBufferPointer(rebasing: s[(count + used - dn + 1)...].prefix(dn))
      divide(UnsafeBufferPointer(rebasing: s[0..<used]), by: d, quotient: q, remainder: r)
      if q.count > 3, q[3...].contains(where: { $0 != 0 }) { return nil }
      let high = UInt128(q.count > 2 ? q[2] : 0) << 64 | UInt128(q.count > 1 ? q[1] : 0)
      return (high, q[0], !r.contains(where: { $0 != 0 }))
    }
  }
}
