import Testing

@testable import ParkShare

/// The inline 256-bit path of `Fraction` gives exactly what the heap path gives: the same
/// values, floors, keys, sums and order, for numerators and denominators on both sides of the
/// 128- and 256-bit boundaries.
@Suite struct FractionFixedWidthTests {
  /// A magnitude of 1 to 4 limbs, often with edge limbs.
  static func magnitude(_ rng: inout SplitMix) -> BigInt {
    var limbs = FractionTests.limbs(&rng, Int(rng.next() % 4) + 1)
    if limbs.allSatisfy({ $0 == 0 }) { limbs[0] = 1 + rng.next() % 1_000 }
    return BigInt(limbs: limbs, negative: false)
  }

  /// The same value in the inline form (when it fits) and forced onto the heap.
  static func pair(_ rng: inout SplitMix) throws -> (Fraction, Fraction) {
    let n = magnitude(&rng)
    let signed = rng.next() % 2 == 0 ? n : n.negated
    let d = magnitude(&rng)
    return (try Fraction.normalized(signed, d), Fraction(storage: .big(signed, d)))
  }

  @Test func storageMatchesSize() throws {
    let small = try Fraction.normalized(BigInt(5), BigInt(3))
    #expect(small.fixedWidth != nil)
    let mid = try Fraction.normalized(BigInt(Int128.max) * BigInt(1_000), BigInt(7))
    guard case .mid = mid.storage else {
      Issue.record("a 138-bit numerator is not held inline")
      return
    }
    let wide = try Fraction.normalized(
      BigInt(Int128.max) * BigInt(Int128.max) * BigInt(Int128.max), BigInt(7))
    guard case .big = wide.storage else {
      Issue.record("a 381-bit numerator is held inline")
      return
    }
  }

  @Test func roundingAgreesWithTheHeapPath() throws {
    var rng = SplitMix(seed: 2_026)
    var inline = 0
    for _ in 0..<4_000 {
      let (f, heap) = try Self.pair(&rng)
      if case .mid = f.storage { inline += 1 }
      for decimals in [0, 2, 4] {
        let a = try? f.minorUnitsKeyed(decimals: decimals)
        let b = try? heap.minorUnitsKeyed(decimals: decimals)
        #expect(a?.floor == b?.floor && a?.key == b?.key, "\(f) at \(decimals)")
        // And both agree with the definition: q = floor(n x 10^decimals x 2^64 / d), the
        // floor is q's part above 64 bits (toward minus infinity), the key its low 64 bits.
        let (n, d) = heap.wide
        let twoTo64 = BigInt(Int128(1) << 64)
        let unit = BigInt(Int128(Exact.powersOfTen[decimals]))
        let q = (n * unit * twoTo64).flooredDivision(by: d).quotient
        let (floor, key) = q.flooredDivision(by: twoTo64)
        #expect(a?.floor == floor.int128, "\(f) at \(decimals)")
        if a != nil { #expect(a?.key == key.limbs.first ?? 0) }
        let fa = try? f.minorUnitsFloor(decimals: decimals)
        let fb = try? heap.minorUnitsFloor(decimals: decimals)
        #expect(fa?.floor == fb?.floor && fa?.remainder == fb?.remainder)
      }
    }
    #expect(inline > 1_000, "the inline path was taken \(inline) times")
  }

  @Test func sumsAndOrderAgreeWithTheHeapPath() throws {
    var rng = SplitMix(seed: 99)
    for _ in 0..<3_000 {
      let (a, ha) = try Self.pair(&rng)
      var (b, hb) = try Self.pair(&rng)
      if rng.next() % 2 == 0, let d = a.fixedWidth?.denominator, let n = b.fixedWidth {
        // Same denominator as `a`: the in-place sum and comparison.
        b = Fraction.make(n.magnitude, negative: n.negative, over: d)
        hb = Fraction(storage: .big(b.wide.n, b.wide.d))
      }
      #expect(try a + b == ha + hb)
      #expect(try a - b == ha - hb)
      #expect(Fraction.compare(a, b) == Fraction.compare(ha, hb))
      #expect(a.description == ha.description)
      #expect(try [a, b, a].sum() == [ha, hb, ha].sum())
    }
  }

  /// A split by weights with 28 fraction digits of an amount with 28 fraction digits (a
  /// Monte Carlo pool): held inline, the parts sum to the amount and equal the heap path's.
  @Test func proRataOfLongDecimals() throws {
    let amount = Fraction(try Exact(parsing: "123456789.1234567890123456789012345678"))
    let weights = try ["57.1428571428571428571428571429", "100", "33.3333333333333333333333333333"]
      .map { try Exact(parsing: $0) }
    let parts = try Fraction.proRata(amount, weights: weights)
    for p in parts {
      guard case .mid = p.storage else {
        Issue.record("part \(p) is not inline")
        continue
      }
    }
    #expect(try parts.sum() == amount)
    let (n, d) = amount.wide
    let sum = try weights.sum()
    let heap = try weights.map { w in
      try Fraction.normalized(
        n * BigInt(w.significand) * BigInt(Int128(Exact.powersOfTen[28 - w.scale])),
        d * BigInt(sum.significand) * BigInt(Int128(Exact.powersOfTen[28 - sum.scale])))
    }
    #expect(parts == heap)
  }
}
