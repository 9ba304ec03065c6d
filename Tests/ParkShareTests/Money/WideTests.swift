import Testing

@testable import ParkShare

/// The 256-bit slow path: division identities on random values, and rounding that drops many
/// digits at once agreeing with dropping them one at a time.
@Suite struct WideTests {
  static func random(_ rng: inout SplitMix) -> Wide {
    // Random widths so that small, 128-bit and full 256-bit values all occur.
    let bits = Int(rng.next() % 256) + 1
    var w = Wide(
      high: UInt128(rng.next()) << 64 | UInt128(rng.next()),
      low: UInt128(rng.next()) << 64 | UInt128(rng.next()))
    if bits <= 128 {
      w.high = 0
      w.low >>= 128 - bits
    } else {
      w.high >>= 256 - bits
    }
    return w
  }

  @Test func quotientTimesDivisorPlusRemainderIsTheDividend() {
    var rng = SplitMix(seed: 42)
    for i in 0..<20_000 {
      let n = Self.random(&rng)
      // Divisors of every size: 1 to 64 bits, and 65 to 128 bits.
      let bits = Int(rng.next() % 128) + 1
      var d = (UInt128(rng.next()) << 64 | UInt128(rng.next())) >> (128 - bits)
      if d == 0 { d = 1 }
      let (q, r) = n.divided(by: d)
      #expect(r < d, "\(i)")
      let back = q.multiplied(by: d)?.adding(Wide(low: r))
      #expect(back == n, "\(i): \(n) / \(d)")
    }
  }

  /// The rounding of `Exact.make` before it dropped digits in chunks: one digit at a time.
  static func reference(_ magnitude: Wide, scale: Int, mode: RoundingMode) -> Exact? {
    var mag = magnitude
    var s = scale
    var first: UInt8 = 0
    var sticky = false
    var dropped = false
    let maxMagnitude = UInt128(Int128.max)
    while mag.high != 0 || mag.low > maxMagnitude || s > Exact.maxScale {
      guard s > 0 else { return nil }
      let (q, r) = mag.divided(by: UInt64(10))
      sticky = sticky || first != 0
      first = UInt8(r)
      mag = q
      s -= 1
      dropped = true
    }
    var kept = mag.low
    if dropped && mode.roundsAway(kept: kept, firstDiscarded: first, sticky: sticky) {
      kept += 1
      if kept > maxMagnitude {
        return reference(Wide(low: kept), scale: s, mode: mode)
      }
    }
    return Exact(unchecked: Int128(kept), scale: s)
  }

  @Test(arguments: [RoundingMode.halfUp, .halfEven, .down, .up])
  func chunkedRoundingAgreesWithDigitByDigit(mode: RoundingMode) {
    var rng = SplitMix(seed: 7)
    for i in 0..<20_000 {
      var n = Self.random(&rng)
      // Some values end in exact halves and long runs of zeros: the ties of rounding.
      if i % 4 == 0, let tie = n.multiplied(by: 10)?.adding(Wide(low: 5)) { n = tie }
      if i % 8 == 0, let zeros = n.multiplied(by: Exact.powersOfTen[20]) { n = zeros }
      let scale = Int(rng.next() % 80)
      let expected = Self.reference(n, scale: scale, mode: mode)
      let actual = try? Exact.make(negative: false, magnitude: n, scale: scale, mode: mode)
      #expect(actual == expected, "\(i): \(n) scale \(scale)")
      if let actual, let expected { #expect(actual.scale == expected.scale) }
    }
  }
}
